"""Short social posts and reviews to round out the inbox: quick gripes, one-liners, comments."""

from __future__ import annotations

from tools.demo_content import E

THEME = "store"

ENTRIES = [
    E(
        "bluesky",
        "",
        "northwind coffee why is a small {drink} $6.45 now. genuinely asking. what is in it. gold?",
        "complaint",
        who="sanjay",
        th="store",
    ),
    E(
        "mastodon",
        "",
        "Northwind Coffee Fulton St has the friendliest morning crew in the city and "
        "I will not be taking questions. #NorthwindCoffee",
        "praise",
        who="omar",
        th="praise",
    ),
    E(
        "bluesky",
        "",
        "me: I'm going to save money this month\nalso me: *opens Northwind app at 7:02am*",
        "neutral",
        who="kat",
        th="app",
    ),
    E(
        "youtube",
        "",
        "Why does the Northwind Coffee espresso taste so much better in this video than "
        "in the shop near me 😂",
        "mild",
        var=1,
    ),
    E(
        "reddit",
        "Northwind Coffee lost my reusable cup",
        "Handed my own cup over at {shop}, got my drink in a paper cup, never saw my cup again. "
        "It was a gift. Asked twice, nobody knows. Minor, but annoying.",
        "complaint",
        who="mo",
    ),
    E(
        "appstore",
        "meh",
        "Northwind app is ok. Slow to load, the map is useless, but ordering works most days.",
        "mild",
        rating=3,
        th="app",
        var=1,
    ),
    E(
        "yelp",
        "",
        "Quick stop at Northwind Coffee {shop} before a meeting. In and out in four minutes, "
        "{drink} was spot on. Exactly what you want.",
        "praise",
        rating=5,
        th="praise",
        var=1,
    ),
    E(
        "mastodon",
        "",
        "Love Northwind Coffee but the Elm St shop smells like burnt milk every "
        "afternoon. Somebody check the steam wands.",
        "mild",
        who="quinn",
    ),
    E(
        "bluesky",
        "",
        "the line at Northwind Coffee Harbor St is always 15 people and somehow moves "
        "faster than the 3-person line at Bluebird Coffee. efficiency queens",
        "praise",
        who="hannah",
        th="praise",
    ),
    E(
        "reddit",
        "Northwind Coffee Riverside patio heaters?",
        "Will the Northwind Coffee Riverside patio have heaters this winter? Last year it was the best "
        "spot in town until November.",
        "question",
        who="nina",
        th="question",
    ),
    E(
        "youtube",
        "",
        "Northwind Coffee please bring back the hazelnut blend, the new one isn't the same 😭",
        "suggest",
        th="suggest",
        var=1,
    ),
    E(
        "trustpilot",
        "Overpriced but consistent",
        "Northwind Coffee is pricey for what it is, but I've never had a bad cup. 3 stars for the "
        "price, 5 for the coffee.",
        "neutral",
        rating=3,
        var=1,
    ),
    E(
        "bluesky",
        "",
        'Northwind Coffee barista spelled my name "Sanjei" and honestly I\'m keeping it',
        "neutral",
        who="sanjay",
    ),
    E(
        "mastodon",
        "",
        "Just waited 18 min at Northwind Coffee Northgate Mall while the mobile order "
        'screen said my drink was "ready". It was not ready. It was not even started. '
        "#NorthwindCoffee",
        "complaint",
        th="app",
        var=1,
    ),
    E(
        "reddit",
        "Northwind Coffee seasonal menu ranked",
        "1. Gingerbread cold foam (10/10)\n2. Maple cortado, old recipe (9/10, RIP)\n3. Pumpkin spice "
        "(7/10, fine)\n4. Peppermint mocha (5/10, toothpaste)\n5. Cranberry white chocolate (2/10, why)\n\n"
        "Fight me. Northwind Coffee fans, what's your order?",
        "neutral",
        who="ro",
        th="praise",
    ),
    E(
        "yelp",
        "",
        "Sat down with my laptop, bought two drinks, was asked to leave after an hour "
        'because "the table is needed". Half the shop was empty. Northwind Coffee {shop}, weird vibe.',
        "complaint",
        rating=2,
        who="pete",
        var=1,
    ),
    E(
        "appstore",
        "Please fix the store picker",
        "Every time I open the Northwind app it picks a random store 20 miles away. I have to change "
        "it back to Cedar Ave every single time.",
        "complaint",
        rating=2,
        th="app",
        who="kat",
    ),
    E(
        "bluesky",
        "",
        "Northwind Coffee Rewards gave me a free drink on a day I really needed one. tiny wins 🌱",
        "praise",
        th="rewards",
        who="luz",
    ),
    E(
        "mastodon",
        "",
        "Is it a Northwind Coffee thing or a Lakeport thing that every cup has a "
        "little doodle on it? Today's was a frog. I love it.",
        "praise",
        who="gwen",
        th="praise",
    ),
    E(
        "reddit",
        "Northwind Coffee decaf is actually good?",
        "Had to cut caffeine for health reasons and the Northwind Coffee Swiss water decaf is the first "
        "decaf I've liked. Anyone know a home brew recipe for it?",
        "question",
        who="omar",
        th="question",
    ),
    E(
        "youtube",
        "",
        "The Northwind Coffee Roasters channel is the only brand channel I actually watch. "
        "The farm visit video was beautiful.",
        "praise",
        th="praise",
    ),
    E(
        "bluesky",
        "",
        "Northwind Coffee bringing back the 2-for-1 Friday? asking for my whole office",
        "question",
        th="question",
        var=1,
    ),
    E(
        "yelp",
        "",
        "Decent coffee, but the Northwind Coffee Union Station shop needs more seating. "
        "There are 6 stools for a shop that serves hundreds an hour.",
        "mild",
        rating=3,
        who="frank",
    ),
    E(
        "mastodon",
        "",
        'Three days in a row the Northwind app has said "your order will be ready in 4 '
        "minutes\" and it's been 15. Just tell me 15! I can plan around 15! #NorthwindCoffee",
        "complaint",
        th="app",
        who="tyler",
    ),
    E(
        "reddit",
        "Northwind Coffee vs Harbor Beans cold brew",
        "Harbor Beans cold brew is smoother, Northwind Coffee cold brew is stronger. Both are $5.50. "
        "Pick your poison.",
        "neutral",
        who="sanjay",
    ),
    E(
        "trustpilot",
        "Customer service actually helped",
        "Had a wrong grind on my Northwind Coffee online order, emailed, got a reply in two hours and a "
        "new bag two days later. Easy.",
        "praise",
        rating=5,
        th="subs",
        who="ro",
    ),
    E(
        "bluesky",
        "",
        "northwind coffee market square at 3pm is a library with espresso. I love it here",
        "praise",
        who="ivy",
        th="praise",
    ),
    E(
        "mastodon",
        "",
        "Tried the Northwind Coffee oat nog latte. It's a lot. Like, festive overload. "
        "Two sips and I had to sit down. Probably great if you're into that.",
        "neutral",
        who="elise",
    ),
    E(
        "appstore",
        "Best coffee app in town",
        "Northwind app is way better than the Bluebird Coffee app. Favourites, reorder in one tap, "
        "Rewards are clear.",
        "praise",
        rating=5,
        th="app",
        who="hannah",
    ),
    E(
        "reddit",
        "Northwind Coffee Old Mill Rd drive-thru finally back open",
        "For anyone who was wondering, the Northwind Coffee drive-thru on Old Mill Rd reopened this "
        "morning. New speaker box, much faster.",
        "neutral",
        who="lou",
    ),
    E(
        "bluesky",
        "",
        "the Northwind Coffee almond croissant is the reason I get out of bed on saturdays",
        "praise",
        who="cal",
        th="praise",
    ),
    E(
        "youtube",
        "",
        "Northwind Coffee you should do a latte art tutorial next!",
        "suggest",
        th="suggest",
        who="kat",
    ),
    E(
        "mastodon",
        "",
        "Whoever picks the playlist at Northwind Coffee Maple Heights: thank you for "
        "the 70s soul. Stayed an extra hour.",
        "praise",
        who="luz",
        th="praise",
    ),
]
