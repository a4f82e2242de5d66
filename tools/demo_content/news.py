"""RSS items: the app outage story, hate-search hits (op-eds, blogs), Google Alerts, the local food blog."""

from __future__ import annotations

from tools.demo_content import E

THEME = "press"

_OUTAGE = (
    "Customers of Northwind Coffee Roasters were unable to place mobile orders for much of {day} "
    "morning after the chain's app failed to load menus and payments."
)

# The outage story: same event, five outlets, slightly different headlines. Fixed times in stories.py.
OUTAGE = [
    E(
        "gnews-refund",
        "Northwind Coffee app outage leaves customers unable to order - Lakeport Ledger",
        _OUTAGE + " Some customers reported being charged for orders that never reached the shop. A company "
        "spokesperson said affected orders would be refunded automatically within five business days.",
        "news",
        who="ben",
        key="outage-ledger",
    ),
    E(
        "gnews-refund",
        "Northwind Coffee app outage leaves customers unable to order, lines out the door - WLKP News 7",
        _OUTAGE + " At the Union Station shop, the line stretched onto the concourse. Northwind Coffee said "
        "the problem was with a payments provider and promised refunds for duplicate charges.",
        "news",
        key="outage-wlkp",
    ),
    E(
        "gnews-refund",
        "Northwind Coffee app outage: what to do if you were charged twice - Midlake Patch",
        _OUTAGE + " If you were charged for an order you never received, Northwind Coffee says refunds are "
        "automatic; customers can also contact support through the app's Help tab.",
        "news",
        key="outage-patch",
    ),
    E(
        "gnews-refund",
        "Regional chain Northwind Coffee's app goes down for four hours - Harborline Business Journal",
        _OUTAGE + " The outage comes three months after the chain relaunched its app and Northwind Rewards "
        "programme, a change that drew complaints from regulars about slower ordering.",
        "news",
        key="outage-harborline",
    ),
    E(
        "gnews-refund",
        "Northwind Coffee app outage leaves customers unable to order - RetailBrew Weekly",
        _OUTAGE + " Order-ahead now accounts for roughly 40% of transactions at busy coffee chains, making "
        "app reliability a front-counter problem.",
        "news",
        key="outage-retailbrew",
    ),
]

ENTRIES = [
    E(
        "gnews-sucks",
        "Why Northwind Coffee sucks now (and what they could do about it) - Medium",
        "I have been a Northwind Coffee regular for six years. This year: higher prices, a worse app, "
        "longer lines, and a Rewards programme that rewards nothing. Here is what changed and why I think "
        "it happened.",
        "complaint",
        who="petrakis",
    ),
    E(
        "gnews-sucks",
        "The Northwind Coffee app sucks. Here's a better way to order - Substack: The Commuter",
        "A practical guide to skipping the Northwind app entirely: call ahead, use the walk-up window at "
        "Union Station, and know which shops have the shortest morning line.",
        "complaint",
        th="app",
    ),
    E(
        "gnews-sucks",
        "Readers sound off: does Northwind Coffee suck, or are we just grumpy? - The Lakeport Beacon",
        'Our letters page filled up this week after a reader called Northwind Coffee "the airport '
        "lounge of coffee\". Here's a selection of your replies, for and against.",
        "neutral",
    ),
    E(
        "gnews-sucks",
        "Student op-ed: Northwind Coffee's outlet covers suck - Lakeport Student Voice",
        "Covering outlets at the University Ave Northwind Coffee punishes students who spend money there "
        "every day. There are better ways to manage seating.",
        "complaint",
        who="ivy",
    ),
    E(
        "gnews-hate",
        "I hate Northwind Coffee's new cups. A small rant - Medium",
        "I hate Northwind Coffee's new compostable lids. They dissolve, they drip, they taste of wet "
        "cardboard. I love the coffee. I want the old lids back.",
        "mild",
    ),
    E(
        "gnews-hate",
        '"I hate Northwind Coffee" and other things I said before trying the cortado - '
        "Substack: The Commuter",
        "A conversion story in four cups. Turns out I don't hate Northwind Coffee, I hated their app.",
        "praise",
        th="praise",
    ),
    E(
        "gnews-hate",
        'Why do so many people say "I hate Northwind Coffee"? - The Lakeport Beacon',
        "A look at how a local roaster became the city's favourite thing to complain about, and why its "
        "shops are still full.",
        "neutral",
    ),
    E(
        "gnews-scam",
        "Is Northwind Rewards a scam? We did the maths - Lakeport Ledger",
        "Under the new Northwind Rewards rules a free drink takes $150 in spending, up from about $45. "
        "We compared it with Bluebird Coffee and Harbor Beans.",
        "complaint",
        who="ben",
        th="rewards",
    ),
    E(
        "gnews-scam",
        "Warning: fake Northwind Coffee gift card texts circulating - WLKP News 7",
        'A text message offering a "$100 Northwind Coffee gift card" links to a site that asks for '
        "card details. Northwind Coffee said it does not send such texts.",
        "neutral",
        th="app",
    ),
    E(
        "gnews-scam",
        'Northwind Coffee subscription "scam" claims: what customers are saying - Midlake Patch',
        "Several residents say cancelling a Northwind Coffee bean subscription is harder than "
        "signing up. The company says cancellation takes two clicks.",
        "complaint",
        th="subs",
    ),
    E(
        "galerts",
        "Northwind Coffee Roasters to open 15th shop on Fulton St - Harborline Business Journal",
        "The Lakeport-based roaster will open its 15th location in a former bank building next spring, "
        "adding 22 jobs.",
        "news",
    ),
    E(
        "galerts",
        "Northwind Coffee Roasters named a top regional employer - Lakeport Daily Tribune",
        "The coffee chain was recognised for its barista training programme and healthcare for part-time "
        "staff.",
        "praise",
        th="praise",
    ),
    E(
        "galerts",
        "Northwind Coffee Roasters raises prices for second time this year - Lakeport Ledger",
        "Drip coffee now costs $3.65 at most shops. The company cites green coffee costs and wages.",
        "complaint",
        who="ben",
        th="store",
    ),
    E(
        "galerts",
        "Lakeport Coffee Week: Northwind Coffee, Bluebird Coffee among 30 participants - Midlake Patch",
        "Discounted pour-overs, latte art throwdowns and a roastery tour at Northwind "
        "Coffee Roasters on Saturday.",
        "neutral",
    ),
    E(
        "galerts",
        "Northwind Coffee Roasters partners with Riverside food bank - Lakeport Daily Tribune",
        "Unsold pastries from all 14 Northwind Coffee shops will go to the food bank nightly.",
        "praise",
        th="praise",
    ),
    E(
        "galerts",
        "Harbor Beans expands, eyes Northwind Coffee's turf - RetailBrew Weekly",
        "Harbor Beans will open three shops within a block of a Northwind Coffee location this year.",
        "neutral",
    ),
    # the local food blog (Maya Okafor, Lakeport Eats)
    E(
        "foodblog",
        "Lakeport's best flat white: 11 cafés, one winner",
        "I drank eleven flat whites in four days so you don't have to. Northwind Coffee Elm St came second, "
        "just behind an indie cart on Pier 9, ahead of Bluebird Coffee and Harbor Beans. Full scores inside.",
        "praise",
        who="maya",
        th="praise",
    ),
    E(
        "foodblog",
        "First taste: Northwind Coffee's winter menu",
        "The gingerbread cold foam is a hit, the maple cortado is too sweet since the recipe change, and the "
        "new sourdough toastie is the best thing Northwind Coffee has put in a pastry case.",
        "neutral",
        who="maya",
    ),
    E(
        "foodblog",
        "Where to work from in Lakeport (with wifi speeds)",
        "Tested wifi at 9 cafés. Northwind Coffee Pier 9: 140 Mbps, plenty of outlets. Northwind Coffee "
        "Cedar Ave: didn't work at all on my visit.",
        "neutral",
        who="maya",
    ),
    E(
        "foodblog",
        "Is the Northwind Rewards change worth getting upset about?",
        "I crunched my own receipts: I'd have earned 14 free drinks last year under the old scheme and 5 "
        "under the new one. Readers, I get the frustration.",
        "complaint",
        who="maya",
        th="rewards",
    ),
]
