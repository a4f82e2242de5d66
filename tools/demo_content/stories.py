"""Scripted arcs with fixed times: replied-to detractors who later post something kinder, the outage,
and the crisis posts pinned to the last few days so the inbox looks current."""

from __future__ import annotations

from tools.demo_content import E

THEME = "app"

ENTRIES = [
    # Arc 1: the commuter's double charge, answered, then an update.
    E(
        "reddit",
        "Northwind app charged me twice and support is ignoring me",
        "Ordered a cold brew with the Northwind app on Monday, charged twice ($5.85 x2). Emailed support, "
        "got an auto-reply. It's been a week. It's not about $5.85, it's about being ignored.",
        "angry",
        who="commuter",
        key="arc1-complaint",
    ),
    E(
        "reddit",
        "Update: Northwind Coffee sorted my double charge",
        "Credit where it's due: Sam from Northwind Coffee reached out after my post last week, sorted "
        "everything within a day and added a free drink. That's how you look after a customer. "
        "Thanks, Sam, and thanks Northwind Coffee!",
        "praise",
        who="commuter",
        key="arc1-update",
    ),
    # Arc 2: Dana's wrong orders, answered, then a kinder post.
    E(
        "yelp",
        "",
        "Fourth wrong order at Northwind Coffee Elm St in a month. Decaf instead of regular, "
        "whole milk instead of oat. I've stopped asking for anything custom. What is going on?",
        "angry",
        rating=1,
        who="dana",
        th="store",
        key="arc2-complaint",
    ),
    E(
        "bluesky",
        "",
        "ok I'll say it: the Elm St manager at Northwind Coffee called me after my review, "
        "apologised properly, and my last three orders were perfect. that's all I wanted. 🙏",
        "praise",
        who="dana",
        th="praise",
        key="arc2-update",
    ),
    # The business writer asking for sources around the outage.
    E(
        "bluesky",
        "",
        "Writing about this morning's Northwind app outage for the Ledger. If you were charged "
        "for an order you never got, I'd like to hear from you. DMs open.",
        "neutral",
        who="ben",
        th="press",
        key="outage-ben",
    ),
    E(
        "mastodon",
        "",
        "Northwind Coffee confirms the app is back up. Refunds for duplicate charges "
        '"within five business days". Story updated on the Ledger site.',
        "neutral",
        who="ben",
        th="press",
        key="outage-ben-2",
    ),
    E(
        "mastodon",
        "",
        "Northwind app is down. Line at Union Station is 30 people deep. "
        'Barista just yelled "cash or card only, no app!" like it\'s the 90s. #NorthwindCoffee',
        "complaint",
        who="frank",
        key="outage-masto",
    ),
    E(
        "bluesky",
        "",
        "the Northwind app outage means I had to SPEAK to a HUMAN to order coffee. "
        "the horror. (the human was lovely)",
        "mild",
        key="outage-bsky",
    ),
]

# key -> hours ago (fixed)
PINNED = {
    "arc1-complaint": 214.0,
    "arc1-update": 61.0,
    "arc2-complaint": 380.0,
    "arc2-update": 290.0,
    "outage-reddit": 55.5,
    "outage-masto": 55.0,
    "outage-bsky": 54.2,
    "outage-ben": 53.8,
    "outage-defend": 51.0,
    "outage-ledger": 50.5,
    "outage-wlkp": 49.0,
    "outage-patch": 45.0,
    "outage-harborline": 38.0,
    "outage-retailbrew": 26.0,
    "outage-ben-2": 50.0,
    "crisis-allergy": 6.5,
    "crisis-allergy-yelp": 3.2,
    "crisis-legal": 31.0,
    "crisis-data": 19.0,
    "crisis-data-hn": 16.5,
    "crisis-health": 9.0,
    "crisis-health-bsky": 8.4,
}

# key -> (status, responded hours ago, reply). Replies for the arcs are written by hand.
SCRIPTED_STATUS = {
    "arc1-complaint": (
        "responded",
        209.0,
        "Rich, I'm sorry: a double charge plus a week of silence is not okay, and you're right that "
        "it's about being ignored. I've found both charges and I'm refunding the duplicate now. I've "
        "sent you a DM so we can confirm it landed and I can add something for the hassle.\n"
        "— Sam at Northwind Coffee",
    ),
    "arc2-complaint": (
        "responded",
        371.0,
        "Dana, four wrong orders in a month is on us, and I'm sorry, especially the decaf mix-up. "
        "I've passed this to the Elm St manager, who'd like to call you. Could you send us your "
        "number at hello@northwindcoffee.example?\n— Sam at Northwind Coffee",
    ),
    "crisis-allergy": (
        "responded",
        5.9,
        "Elise, I'm so sorry. I'm glad you're okay, and you are right: the drizzle contains dairy "
        "and you should never have been told otherwise. We've pulled it from the dairy-free list at "
        "every shop today and we're retraining staff on the allergen binder this week. Our head of "
        "operations would like to speak with you personally; please DM us or write to "
        "care@northwindcoffee.example.\n— Sam at Northwind Coffee",
    ),
    "crisis-data": (
        "responded",
        17.2,
        "Tyler, thank you for raising this and I'm sorry about the charges. We take it seriously. "
        "The Northwind app doesn't store card numbers itself (they're held by our payment processor), "
        "and we've asked the processor to check for any unusual activity linked to our account. "
        "We'll post what we find publicly. Could you DM us so our security lead can follow up with "
        "you directly?\n— Sam at Northwind Coffee",
    ),
    "arc1-update": ("archived", None, None),
    "arc2-update": ("archived", None, None),
    "outage-ledger": ("archived", None, None),
}
