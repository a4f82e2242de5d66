"""In-shop complaints: cold drinks, waits, wrong orders, rude staff, restrooms, prices, oat milk surcharge."""

from __future__ import annotations

from tools.demo_content import E

THEME = "store"

ENTRIES = [
    E(
        "reddit",
        "Is it just me or has Northwind Coffee gone downhill?",
        "Used to love the {shop} location. Last three visits: lukewarm {drink}, a sticky table, and a "
        "{mins} minute wait on a Tuesday morning with maybe six people in line. They had two baristas and one "
        "was restocking cups the entire time.\n\nI'm not trying to pile on, I just want my 7:40 coffee back. "
        "Anyone else noticing this or did I just hit bad days?",
        "complaint",
        who="dana",
        var=1,
    ),
    E(
        ("yelp",),
        "",
        "Ordered a {drink} at 8:05. Got it at 8:{mins}. It was cold. When I mentioned it the guy "
        "at the register just shrugged. Northwind Coffee used to be my morning ritual, now it's my morning gamble.",
        "angry",
        rating=1,
        var=2,
    ),
    E(
        "mastodon",
        "",
        "Northwind Coffee on {shop} just handed me someone else's order, I drank half of it "
        "before realising, and they wanted me to pay again for mine. Cool cool cool. #NorthwindCoffee",
        "complaint",
        var=1,
    ),
    E(
        "bluesky",
        "",
        "40 MINUTES for two lattes at Northwind Coffee Market Square. FORTY. Ridiculous. I could have "
        "roasted the beans myself.",
        "angry",
        who="commuter",
        key="viral-40min",
    ),
    E(
        "reddit",
        "Northwind Coffee oat milk surcharge is now $1.25??",
        "Went to grab a {drink} at {shop} and the oat milk upcharge went from 75c to $1.25. My drink is now $7.10 "
        "before tip. I have a dairy intolerance, it's not a lifestyle choice. Bluebird Coffee doesn't charge for "
        "alt milk at all.\n\nAnyone know if this is chain-wide or just that shop?",
        "complaint",
        who="petrakis",
    ),
    E(
        ("yelp", "trustpilot"),
        "Rude at the register",
        "The barista at the {shop} Northwind Coffee rolled her eyes when I asked what was in the seasonal "
        "drink, then sighed loudly when I asked for it half sweet. I know it's busy. I was polite. "
        "It's not hard to be decent.",
        "complaint",
        rating=2,
        var=1,
    ),
    E(
        "yelp",
        "",
        "Restroom at Northwind Coffee {shop} was out of soap and paper towels, floor was wet, "
        "trash overflowing. I come here to work most afternoons and it's been like this for a week now. "
        "Coffee's fine. Please sort the bathroom out.",
        "complaint",
        rating=2,
        who="dana",
    ),
    E(
        "reddit",
        "PSA: Northwind Coffee raised prices again",
        "Small drip at Northwind Coffee was $2.95 in spring. Then $3.25. As of this week it's $3.65. That's "
        "a 24% jump in like six months. I get that beans cost more but come on. Harbor Beans is still $2.90.",
        "complaint",
        who="petrakis",
    ),
    E(
        "bluesky",
        "",
        "northwind coffee really said 'here is your iced latte' and gave me a cup of warm milk "
        "with a sad ice cube in it",
        "mild",
        var=1,
    ),
    E(
        "trustpilot",
        "Wrong order, three visits in a row",
        "Third time this month the {shop} Northwind Coffee got my order wrong. Asked for decaf, got regular "
        "(I was up until 3am). Asked for no whip, got whip. Asked for a {drink}, got a cappuccino. I say it "
        "clearly, it's printed on the cup, and it's still wrong. Is anyone checking the tickets?",
        "angry",
        rating=1,
        who="dana",
    ),
    E(
        "mastodon",
        "",
        "The music at Northwind Coffee Elm St is so loud I can't hear myself think, let alone "
        "take a call. It used to be a good place to work from. Now it's a club that sells scones.",
        "mild",
        who="quinn",
    ),
    E(
        "reddit",
        "Northwind Coffee Pier 9 closed 40 min early again",
        "Hours on the door and on Google say 7pm. Walked up at 6:15, chairs on tables, door locked, two staff "
        "inside on their phones. Second time in two weeks. If you're going to close early just update the "
        "hours.",
        "complaint",
        who="commuter",
    ),
    E(
        ("yelp",),
        "",
        "I really wanted to like this place. The space at Northwind Coffee {shop} is gorgeous, "
        "big windows, plants everywhere. But my {drink} tasted burnt and the pastry was clearly yesterday's. "
        "$11.40 for both. Might try again on a weekday but not rushing back.",
        "mild",
        rating=3,
        var=1,
    ),
    E(
        "bluesky",
        "",
        "ordered ahead on the Northwind app so I wouldn't wait. arrived. waited 20 min anyway "
        "while walk-ins got served first. what is the POINT",
        "angry",
        th="app",
        var=1,
    ),
    E(
        "reddit",
        "Northwind Coffee Harbor St is not wheelchair friendly anymore",
        "They rearranged the Harbor St shop and now the pickup counter is behind a step and the only "
        "accessible table is by the door where the draft hits you. I use a chair and had to ask a stranger to "
        "pass my drink over. I emailed Northwind Coffee two weeks ago, no response yet.",
        "complaint",
    ),
    E(
        "mastodon",
        "",
        'Northwind Coffee: "We care about sustainability"\nAlso Northwind Coffee: gives me three '
        "napkins, a plastic lid, a sleeve AND a stir stick for a drink I'm drinking in the shop",
        "mild",
    ),
    E(
        "yelp",
        "",
        "Waited {mins} minutes. Watched my cup sit at the end of the bar for at least ten of them "
        'while staff chatted. When I asked, the answer was "oh that\'s yours?" It has my name on it. '
        "Northwind Coffee, you can do better.",
        "angry",
        rating=1,
        var=2,
    ),
    E(
        "reddit",
        "Anyone else's Northwind Coffee drinks getting smaller?",
        "Got a medium {drink} at {shop} and it was noticeably not full, like an inch from the top. Asked and "
        'was told it\'s "the new pour line". So I pay more for less. Cool.',
        "complaint",
        who="petrakis",
        var=1,
    ),
    E(
        ("trustpilot",),
        "Charged for a drink I never got",
        "Paid at the counter at Northwind Coffee Union Station, waited for my {drink}, they ran out of "
        'cold brew and told me to "talk to the manager" who wasn\'t there. No refund at the till. I had a '
        "train to catch. $6.25 gone.",
        "angry",
        rating=1,
    ),
    E(
        "bluesky",
        "",
        "the new Northwind Coffee cups drip from the lid seam every single time. "
        "three shirts ruined this week. it's not me, everyone at my office has the same stain",
        "complaint",
        who="commuter",
    ),
    E(
        "reddit",
        "Northwind Coffee baristas clearly understaffed, not their fault",
        "Before anyone dunks on the staff at Northwind Coffee Riverside: there were TWO people running the "
        "whole shop at 8am on a weekday, register, bar, warming food, mobile orders. They were hustling. "
        "Management needs to staff the shops properly. The wait was long but they were apologising to "
        "everyone.",
        "mild",
    ),
    E(
        "yelp",
        "",
        "Tables sticky, floor covered in sugar packets, the milk station was empty. Asked for "
        'it to be refilled and got "in a minute" and it never happened. Northwind Coffee Westgate has '
        "always been the weakest location but this was a new low.",
        "complaint",
        rating=2,
        who="dana",
    ),
    E(
        "mastodon",
        "",
        "Hot take: a $7 latte should not come with a 25 minute wait and a cup with my name "
        'spelled "Gorg". Love you Northwind Coffee but this is getting silly.',
        "mild",
        who="petrakis",
    ),
    E(
        "reddit",
        "Northwind Coffee changed the maple cortado recipe and it's way too sweet now",
        "The maple cortado used to be the best thing on the menu. Now it tastes like pancake syrup with a "
        "whisper of espresso. Asked at {shop} and they said it's a new pre-made syrup. Please bring back the "
        "old one.",
        "complaint",
        var=1,
    ),
    E(
        ("yelp", "trustpilot"),
        "Mobile order line is chaos",
        "There is no system at the Northwind Coffee {shop} pickup counter. Mobile orders, delivery drivers "
        'and walk-ins all crowd one corner. Someone walked off with my drink. Staff said "happens all the '
        "time\". That's the problem!",
        "complaint",
        rating=2,
        var=1,
    ),
    E(
        "bluesky",
        "",
        "I HATE THAT I LOVE NORTHWIND COFFEE. $8 for a drink and I'm still in line every morning. send help",
        "mild",
    ),
    E(
        "reddit",
        "Northwind Coffee - hair in my muffin",
        "Not going to make a huge deal of it but found a long hair baked into a blueberry muffin from the "
        "{shop} Northwind Coffee. They replaced it and apologised, which was fine, but kind of put me off "
        "the pastry case for a while.",
        "mild",
    ),
    E(
        "yelp",
        "",
        "They took away the outlets. Northwind Coffee University Ave covered every outlet "
        'with a plate so students can\'t camp out. I get it but a sign saying "45 min limit on weekends" '
        "would be more honest. I bought two drinks and a sandwich and still got the side-eye.",
        "complaint",
        rating=2,
        who="ivy",
    ),
    E(
        "mastodon",
        "",
        'Northwind Coffee drive-thru on Old Mill Rd has been "temporarily closed" for '
        "five weeks now. Any news? The walk-up line is out the door every morning.",
        "complaint",
    ),
    E(
        "trustpilot",
        "Gift card balance disappeared",
        "Had $30 on a Northwind Coffee gift card from my sister. Went to use it at {shop}, balance $0. "
        "They said it must have been used. It wasn't. Nobody could tell me where it went and I was told "
        'to "email support". It\'s been nine days.',
        "angry",
        rating=1,
        th="rewards",
    ),
    E(
        "bluesky",
        "",
        'Northwind Coffee Lakeshore Dr staff were playing a game of "who can ignore the '
        'customer longest" and honestly they all won',
        "angry",
        var=1,
    ),
    E(
        "reddit",
        "Does Northwind Coffee ever clean the cold brew tap?",
        'My cold brew at {shop} had a weird sour taste two days in a row. Not "light roast fruity", more '
        "like the carafe hasn't been cleaned. Could be me. Anyone else?",
        "complaint",
        var=1,
    ),
    E(
        "yelp",
        "",
        "Came in with my toddler, no changing table in the restroom at Northwind Coffee "
        'Market Square, the barista said "use the one at the library". It\'s 2024 (ok, whatever year it '
        "is), a busy family area, please add one.",
        "complaint",
        rating=2,
        th="suggest",
    ),
    E(
        "mastodon",
        "",
        'Northwind Coffee Fulton St barista asked if I wanted "the usual" and then made '
        "someone else's usual. I'm oddly touched and also holding a triple-shot hazelnut thing I did not "
        "want. #NorthwindCoffee",
        "mild",
    ),
    E(
        "reddit",
        "Northwind Coffee Cedar Ave wifi down for a week",
        'Went in three days this week to work, "NorthwindGuest" connects but no internet. Staff know and '
        "say it's \"corporate's problem\". If you rely on it, heads up.",
        "complaint",
        who="pete",
    ),
    E(
        "bluesky",
        "",
        "Paid $1.25 extra for oat milk at Northwind Coffee and got regular milk. Noticed "
        "because I'm now very uncomfortable. Not an emergency, just annoying and entirely avoidable.",
        "complaint",
        who="dana",
    ),
    E(
        "yelp",
        "",
        "Standard chain coffee, overpriced, staff seemed miserable. Northwind Coffee Roasters "
        "has good branding and not much else. 2 stars for the nice chairs.",
        "mild",
        rating=2,
        var=1,
    ),
    E(
        "trustpilot",
        "Northwind Coffee, please train your closing staff",
        'Walked into {shop} at 5:50, they close at 6. Was told the espresso machine was "already clean". '
        "Fine, but then I watched them make drinks for their friends. Just be honest.",
        "complaint",
        rating=2,
    ),
    E(
        "mastodon",
        "",
        "Northwind Coffee Riverside has 14 seats and 9 of them were taken by laptops with "
        "no drinks. The staff can't win, but I stood with my latte for 20 minutes.",
        "mild",
        who="gwen",
    ),
]
