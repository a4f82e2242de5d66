"""Questions and suggestions: wifi, allergens, hours, features people would like."""

from __future__ import annotations

from tools.demo_content import E

THEME = "question"

ENTRIES = [
    E(
        "reddit",
        "Does the Harbor St Northwind Coffee have wifi?",
        "Looking for somewhere to work Thursday mornings. Does the Harbor St Northwind Coffee have "
        "decent wifi and outlets? Is it too loud for calls?",
        "question",
        who="pete",
    ),
    E(
        "mastodon",
        "",
        "@northwindcoffee is the pumpkin blend gluten free? The bag doesn't say and the "
        "barista wasn't sure. Coeliac here, thanks!",
        "question",
        who="luz",
    ),
    E(
        "bluesky",
        "",
        "Does Northwind Coffee do large catering orders? Need coffee for 40 people next "
        "Friday morning in the Market Square area.",
        "question",
        var=1,
    ),
    E(
        "reddit",
        "Northwind Coffee hours on holidays?",
        'Are Northwind Coffee shops open on Thanksgiving? The website just says "holiday hours may '
        'vary". Which locations are open?',
        "question",
        var=1,
    ),
    E(
        "mastodon",
        "",
        "Is the {drink} at Northwind Coffee made with real espresso or a concentrate? "
        "Asking for a coffee snob (me). #NorthwindCoffee",
        "question",
        var=1,
    ),
    E(
        "bluesky",
        "",
        "Are dogs allowed on the Northwind Coffee Riverside patio? Asking for my golden "
        "retriever who thinks she's owed a pup cup",
        "question",
        who="nina",
    ),
    E(
        "reddit",
        "Can you transfer a Northwind Rewards balance between accounts?",
        "My wife and I both have Northwind Rewards accounts and want to merge. Is that possible? "
        "Support FAQ doesn't say.",
        "question",
        th="rewards",
        who="omar",
    ),
    E(
        "youtube",
        "",
        "What grinder setting would you use for the Northwind Coffee Harbor Blend on a "
        "Baratza Encore? Mine comes out sour.",
        "question",
        var=1,
    ),
    E(
        "reddit",
        "Is Northwind Coffee hiring?",
        'Saw a "now hiring" sign at {shop}. Anyone work there? How\'s the pay and the scheduling? '
        "Is it the usual chain stuff or decent?",
        "question",
        var=1,
    ),
    E(
        "mastodon",
        "",
        "Do Northwind Coffee shops take cash? Elderly neighbour wants to go and doesn't use cards.",
        "question",
        who="gwen",
    ),
    E("bluesky", "", "Does Northwind Coffee sell the maple syrup they use? I need it in my life", "question"),
    E(
        "reddit",
        "Which Northwind Coffee location is best for studying?",
        "New to Lakeport for grad school. Which Northwind Coffee is quietest with the most tables? "
        "University Ave seems packed all the time.",
        "question",
        who="ivy",
    ),
    E(
        "trustpilot",
        "Question about subscription",
        "Before I sign up: can you pause a Northwind Coffee subscription while travelling, or only "
        "cancel? Nice beans, just want to know.",
        "question",
        rating=4,
        th="subs",
    ),
    E(
        "youtube",
        "",
        "Is this the same roast they use in the shops? Northwind Coffee tastes different "
        "at home vs in store for me.",
        "question",
    ),
    E(
        "mastodon",
        "",
        "Does the Northwind app support Apple Pay? Can't find it. #NorthwindCoffee",
        "question",
        th="app",
        var=1,
    ),
    E(
        "reddit",
        "Northwind Coffee vegan pastries?",
        "Does Northwind Coffee have anything vegan in the pastry case besides the sad oat bar? "
        "The {shop} one had nothing labelled.",
        "question",
        who="luz",
    ),
    E(
        "bluesky",
        "",
        "Is the Northwind Coffee chai made in house or from a box? it tastes different at every location",
        "question",
        var=1,
    ),
    # suggestions
    E(
        "reddit",
        "Suggestion for Northwind Coffee: a quiet room",
        "It would be great if Northwind Coffee had one location with a no-calls, no-music quiet room. "
        "Half the people in {shop} are working anyway. I'd pay a little extra.",
        "suggest",
        who="quinn",
    ),
    E(
        "mastodon",
        "",
        "@northwindcoffee please bring back the smaller 8oz size! Not everyone wants a bucket of coffee.",
        "suggest",
        who="elise",
    ),
    E(
        "appstore",
        "Feature request",
        "Would love it if the Northwind app let me schedule an order for a specific time. I know "
        "exactly when I leave the gym. 4 stars otherwise.",
        "suggest",
        rating=4,
        th="app",
        var=1,
    ),
    E(
        "bluesky",
        "",
        "you should offer a pour-over bar at Northwind Coffee. the beans are good enough to justify it",
        "suggest",
        who="cal",
    ),
    E(
        "reddit",
        "Northwind Coffee should do a loyalty discount for reusable cups",
        "Bluebird Coffee gives 25 cents off when you bring your own cup. Why not Northwind Coffee? "
        "Even a few Northwind Rewards points would do.",
        "suggest",
        th="rewards",
        who="mo",
    ),
    E(
        "appstore",
        "Please add tipping",
        "I'd like to tip the baristas through the Northwind app. Please add tipping, they deserve it.",
        "suggest",
        rating=4,
        th="app",
    ),
    E(
        "mastodon",
        "",
        "Feature request for the Northwind app: show allergen info on each item. "
        "I have a tree nut allergy and I end up asking at the counter every time.",
        "suggest",
        th="app",
        who="elise",
    ),
    E(
        "bluesky",
        "",
        "would be nice if Northwind Coffee had a decaf option for cold brew. it's 4pm "
        "and I want cold brew and sleep",
        "suggest",
        var=1,
    ),
    E(
        "youtube",
        "",
        "Please make a video about how you pick the farms! Would love to know where the "
        "Northwind Coffee beans come from.",
        "suggest",
    ),
    E(
        "reddit",
        "Northwind Coffee, how about a student discount?",
        "University Ave Northwind Coffee is full of students every day. How about a small student "
        "discount with ID on weekday mornings? Bluebird Coffee does 10%.",
        "suggest",
        who="tyler",
    ),
    E(
        "trustpilot",
        "Good beans, suggestion for packaging",
        "Love the Northwind Coffee beans. Suggestion: resealable bags. I transfer them to a jar every time. "
        "Would make the subscription even better.",
        "suggest",
        rating=4,
        th="subs",
    ),
]
