"""Small variations for copied entries, so a reused text never appears twice word for word."""

from __future__ import annotations

OPENERS = {
    "angry": [
        "Unbelievable.",
        "Not again.",
        "I'm so done.",
        "Again!!",
        "Seriously?",
        "Ugh.",
        "Third time now.",
        "This is getting old.",
    ],
    "complaint": [
        "Same thing happened to me today.",
        "Ugh.",
        "Not the first time:",
        "Honestly?",
        "Small rant incoming.",
        "Is it just me?",
        "PSA:",
        "Hmm.",
        "Well then.",
    ],
    "mild": ["lol", "Minor gripe:", "Not a big deal, but", "Eh.", "Okay so", "Funny one:"],
    "praise": [
        "Seconding this!",
        "Can confirm:",
        "Yes!!",
        "Honestly,",
        "Little PSA:",
        "Not sponsored:",
        "10/10.",
    ],
    "question": ["Quick question:", "Hi all,", "Random one:", "Hoping someone knows:", "Hey,"],
    "suggest": ["Idea:", "Small request:", "Just a thought:", "Hear me out:"],
    "neutral": ["Fun fact:", "FYI", "Heads up:", "So,"],
    "defend": ["Gonna be that person:", "Respectfully,"],
}

CLOSERS = {
    "angry": [" Fix it.", " Done.", " 😤", " Unreal.", " Do better."],
    "complaint": [" Anyone else?", " Not great.", " 🙄", " Sigh.", " Please sort it out."],
    "mild": [" 🤷", " Anyway.", " lol", ""],
    "praise": [" ☕", " 💛", " Thank you!", " Never change."],
    "question": [" Thanks!", " Thanks in advance 🙏", ""],
    "suggest": [" Just saying.", " Please!", ""],
    "neutral": ["", " Anyway."],
    "defend": [" Be kind.", ""],
}

# Titles for YouTube comment items (the video they sit under) and HN comment items (the story).
YOUTUBE_VIDEOS = [
    ("How we roast the Harbor Blend | Northwind Coffee Roasters", "q7Lm2VxR0aE"),
    ("Cold brew at home, the easy way | Northwind Coffee Roasters", "Zp3KdY81wQo"),
    ("Visiting the farm: Huila, Colombia | Northwind Coffee Roasters", "b9TnX4cJ2sU"),
    ("Barista basics: steaming oat milk | Northwind Coffee Roasters", "mR5hC0pLw7g"),
]
HN_STORIES = [
    "Order-ahead apps are a distributed systems problem",
    "Ask HN: Why are restaurant and café apps so bad?",
    "The hidden cost of loyalty programmes",
]
