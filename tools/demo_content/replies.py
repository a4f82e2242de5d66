"""Reply drafts the team sent, by theme. {name} is the author's first name or handle; {shop} a shop."""

from __future__ import annotations

SIGN = "\n— Sam at Northwind Coffee"

REPLIES = {
    "store": [
        "Hi {name}, thank you for telling us, and I'm sorry. That's not the visit we want anyone to have at "
        "{shop}. I've shared this with the shop manager today. Could you DM us the day and rough time so we "
        "can follow up properly and make it right?",
        "{name}, I'm sorry about this. A long wait and a drink that isn't right is a bad start to anyone's "
        "day. I've passed it to the {shop} team. If you send us a DM with your email, I'd like to put a "
        "couple of drinks on your account.",
        "Thanks for flagging this, {name}. You're right, and I've asked the {shop} manager to look at it this "
        "week. Could you drop us a line at hello@northwindcoffee.example so I can update you directly?",
    ],
    "app": [
        "Hi {name}, I'm sorry, that's frustrating, and we've seen a few reports like yours. Our app team is "
        "on it. Please DM us your order number (or the email on your account) and I'll check the charge "
        "myself and refund anything that shouldn't be there.",
        "{name}, thanks for the detail, it really helps. We think this is the login bug in 5.2; a fix is in "
        "review with Apple now. In the meantime DM us and I'll make sure nothing is lost from your account.",
        'Sorry about this, {name}. An order stuck on "preparing" should never leave you charged with no '
        "coffee. I'm refunding it; please DM us the order number so I can confirm.",
    ],
    "rewards": [
        "Hi {name}, I'm sorry your Northwind Rewards balance looks wrong; that's worrying when you've been "
        "saving up. Please DM us the email on your account and I'll restore the points myself today.",
        "{name}, thanks for raising this. I can see why the new Rewards rules feel like a step back, and I've "
        "shared your feedback with the team that owns the programme. DM us if anything on your account "
        "looks off and I'll check it.",
    ],
    "subs": [
        "Hi {name}, I'm really sorry. If you cancelled, you shouldn't have been charged, full stop. I've "
        "found your subscription and I'm refunding the charge now. I'll DM you to confirm once it's through.",
        "{name}, sorry about this delivery. That's not the fresh beans you signed up for. Please DM us your "
        "order number and I'll send a replacement bag today, on us.",
    ],
    "question": [
        "Hi {name}! Great question. The quick answer is on each shop's page at northwindcoffee.example/shops, "
        "and I've sent you the specifics by DM so you don't have to dig.",
        "Thanks for asking, {name}! I've checked with the team and I'll DM you the full answer so you have "
        "it in writing.",
    ],
    "suggest": [
        "Love this idea, {name}. I've passed it to the team that plans our menu and app. No promises on "
        "timing, but it's on the list. Thank you!",
    ],
    "praise": [
        "This made our day, {name}, thank you! I'll make sure the {shop} team sees this.",
        "Thank you, {name}! I've passed your kind words on to the crew. See you soon.",
    ],
    "press": [
        "Hi {name}, thanks for covering this. We've put out a statement on refunds and I'm happy to answer "
        "questions: press@northwindcoffee.example.",
    ],
    "crisis": [
        "{name}, I'm so sorry, and I'm glad you're okay. We take this extremely seriously. Our operations "
        "lead would like to speak with you directly today; please DM us a number or email at "
        "care@northwindcoffee.example.",
    ],
}
for _theme in REPLIES:
    REPLIES[_theme] = [r + SIGN for r in REPLIES[_theme]]
