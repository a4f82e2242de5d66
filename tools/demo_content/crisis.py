"""Crisis-grade posts (allergy, legal threat, card-data worry, health department / press) and follow-ups."""

from __future__ import annotations

from tools.demo_content import E

THEME = "crisis"

ENTRIES = [
    E(
        "reddit",
        "Told my drink was dairy-free at Northwind Coffee. It wasn't. Spent the night in the ER.",
        "I have a severe milk allergy and I'm always careful. Yesterday at the Harbor St Northwind Coffee I "
        "ordered an oat milk {drink} and asked twice if the caramel drizzle had dairy. The barista checked "
        "and said no, it's dairy-free. Twenty minutes later I was having an allergic reaction on the bus "
        "and used my EpiPen. Ended up in the hospital overnight.\n\nThe drizzle contains butter and cream. "
        "It's on the ingredients sheet they keep behind the counter. I'm okay now, but I want Northwind "
        "Coffee to know this needs fixing before it happens to a kid.",
        "crisis",
        who="elise",
        key="crisis-allergy",
    ),
    E(
        "yelp",
        "",
        "Posting this as a warning. My friend had an allergic reaction after the Northwind "
        "Coffee Harbor St staff told her the caramel drizzle was dairy-free. It isn't. Please, if you have "
        "a real allergy, ask to see the ingredient binder.",
        "crisis",
        rating=1,
        key="crisis-allergy-yelp",
    ),
    E(
        "trustpilot",
        "Filing in small claims court",
        "Four months of Northwind Coffee subscription charges after I cancelled. $152 total. Eleven emails, "
        "two phone calls, zero refunds. I've filed in small claims court and my lawyer friend says this is "
        "an open-and-shut case. I'd rather have just been refunded. Northwind Coffee, you have my case "
        "number.",
        "crisis",
        rating=1,
        who="subsgirl",
        th="subs",
        key="crisis-legal",
    ),
    E(
        "reddit",
        "Did the Northwind app leak card data? Three of us got fraudulent charges",
        "Three people in my office all had fraudulent charges on their cards this week, and the only thing "
        "we all have in common is the Northwind app (we order together every morning). Mine was $480 at an "
        "electronics site. Bank cancelled the card. Has Northwind Coffee said anything about a breach? "
        "Has anyone else seen this?",
        "crisis",
        who="tyler",
        th="app",
        key="crisis-data",
    ),
    E(
        "hackernews",
        "",
        "Re the Northwind app card thread: correlation isn't causation, office of "
        "coworkers share lots of merchants. But the app does store cards with a third-party processor, and "
        "if there was a leak they are obliged to tell people. Would be good to see a statement from "
        "@northwindcoffee either way.",
        "crisis",
        who="devon",
        th="app",
        key="crisis-data-hn",
    ),
    E(
        "yelp",
        "",
        "Saw a mouse run across the pastry case at Northwind Coffee Westgate this morning. "
        "Told the staff, they laughed. I'm contacting the health department today and I've sent the video "
        "to the reporters at WLKP. Absolutely disgusting.",
        "crisis",
        rating=1,
        who="dana",
        key="crisis-health",
    ),
    E(
        "bluesky",
        "",
        "Northwind Coffee Westgate: mouse in the pastry case, staff shrugged it off. "
        "Health department has been called. Video going to the press. I'm done.",
        "crisis",
        who="dana",
        key="crisis-health-bsky",
    ),
]
