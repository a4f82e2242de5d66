"""Bean subscription and online store problems."""

from __future__ import annotations

from tools.demo_content import E

THEME = "subs"

ENTRIES = [
    E(
        "trustpilot",
        "Cancelled my subscription, still charged",
        "Cancelled my Northwind Coffee bean subscription on the 3rd (I have the confirmation email). "
        "Charged $38 on the 15th anyway and a bag showed up. Their support form says \"we'll get back to "
        'you within 48 hours". That was a week ago.',
        "angry",
        rating=1,
        who="subsgirl",
        var=1,
    ),
    E(
        "reddit",
        "Northwind Coffee subscription beans arriving 10+ days late",
        "I'm on the two-week Northwind Coffee subscription and the last three shipments were 8, 11 and 12 "
        "days late. I run out and end up buying beans at the store, which defeats the point. Tracking says "
        '"label created" for days. Anyone else?',
        "complaint",
        who="subsgirl",
    ),
    E(
        "trustpilot",
        "Beans were stale on arrival",
        'The "roasted on" date on my Northwind Coffee subscription bag was 5 weeks before it arrived. '
        "That is not fresh roasted. For $19 a bag I expect better.",
        "complaint",
        rating=2,
        var=1,
    ),
    E(
        "bluesky",
        "",
        "northwind coffee subscription: skip a delivery button greyed out, pause button "
        'greyed out, cancel button leads to a page that says "are you sure? here\'s 10% off" with no '
        "actual cancel. classic",
        "angry",
        who="subsgirl",
    ),
    E(
        "trustpilot",
        "Wrong grind, twice",
        "Ordered whole bean from the Northwind Coffee online store, got fine espresso grind. They sent a "
        "replacement: also ground. I have a burr grinder at home and a bag of dust I can't use.",
        "complaint",
        rating=2,
    ),
    E(
        "reddit",
        "Northwind Coffee online store shipping costs more than the beans?",
        "Wanted to send a gift box to my dad two states over. $24 bag, $16.95 shipping, no option for "
        "slower delivery. Harbor Beans ships free over $30. Guess where I ordered from.",
        "complaint",
        who="petrakis",
    ),
    E(
        "mastodon",
        "",
        "My Northwind Coffee subscription box came crushed with beans all over the porch. "
        "Photo sent to support. Waiting. #NorthwindCoffee",
        "complaint",
        var=1,
    ),
    E(
        "trustpilot",
        "Refund took 6 weeks",
        "Returned an unopened grinder bought on the Northwind Coffee online store. Took six weeks and four "
        "emails to get my refund. Each reply came from a different person asking me to explain from the "
        "start.",
        "complaint",
        rating=2,
    ),
    E(
        "bluesky",
        "",
        'got an email from Northwind Coffee saying my subscription "price is changing to '
        'better reflect the cost of sourcing". +$6 a bag. ok. unsubscribing.',
        "complaint",
        who="petrakis",
    ),
    E(
        "reddit",
        "Northwind Coffee subscription sent decaf instead of my usual",
        "Opened this morning's delivery expecting the Harbor Blend, got the Swiss water decaf. Discovered "
        "this at 6am with a full day ahead. Not great! Support email sent.",
        "mild",
        var=1,
    ),
    E(
        "trustpilot",
        "Subscription login doesn't work",
        "The subscription portal on the Northwind Coffee site doesn't accept my password and the reset "
        "link is never delivered (checked spam). So I literally can't change my address before I move.",
        "complaint",
        rating=1,
        who="subsgirl",
    ),
    E(
        "trustpilot",
        "Package marked delivered, never arrived",
        "Northwind Coffee order #NC-48817 shows delivered, it isn't here, neighbours haven't seen it. "
        "They told me to contact the carrier. I paid Northwind Coffee, not the carrier.",
        "angry",
        rating=1,
        var=1,
    ),
    E(
        "mastodon",
        "",
        "If anyone from Northwind Coffee is listening: your subscription emails arrive "
        "after the beans do. The tracking link arrives three days later. The order is upside down.",
        "mild",
        who="subsgirl",
    ),
    E(
        "reddit",
        "Northwind Coffee gift subscription never started",
        "Bought my partner a 3-month Northwind Coffee gift subscription for their birthday. Birthday was "
        'two weeks ago. No beans, no email to them. My receipt says "active".',
        "complaint",
    ),
]
