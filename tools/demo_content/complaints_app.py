"""App and Northwind Rewards problems: login loops, double charges, vanished points, stuck orders."""

from __future__ import annotations

from tools.demo_content import E

THEME = "app"

ENTRIES = [
    E(
        "appstore",
        "Login loop since the update",
        "Since version 5.2 the Northwind app logs me out every time I open it. I enter my password, it spins, "
        "then takes me back to the login screen. Reinstalled twice. Can't order, can't see my Rewards. "
        "iPhone 13, iOS up to date.",
        "angry",
        rating=1,
        var=2,
    ),
    E(
        "appstore",
        "Charged twice for one order",
        "Placed one mobile order with the Northwind app, got charged twice ($8.45 x2). The app only shows one "
        "order. Emailed support four days ago, no reply. Please fix this and give me my money back.",
        "angry",
        rating=1,
        who="commuter",
    ),
    E(
        "reddit",
        "Northwind Rewards points just vanished?",
        "I had 340 Northwind Rewards points yesterday, saving up for the free bag of beans. Opened the app "
        "this morning: 0 points. Transaction history is also empty. Anyone else? Is this a glitch or did they "
        "quietly expire everything?",
        "complaint",
        th="rewards",
        who="nina",
    ),
    E(
        "bluesky",
        "",
        'order stuck on "preparing" in the Northwind app for 35 minutes. walked in, they never '
        "got it. but my card got charged. love that for me",
        "angry",
        var=2,
    ),
    E(
        "appstore",
        "Used to be great",
        "The old Northwind app was simple: pick drink, pay, done. The new one has a carousel of promos, a "
        '"discover" tab nobody asked for, and it takes five taps to find my usual. Also crashes when I '
        "switch stores. 2 stars because the coffee is still good.",
        "complaint",
        rating=2,
        var=1,
    ),
    E(
        "hackernews",
        "",
        "The Northwind app is a fun case study. It's a React Native shell around a web view "
        "around what looks like a third-party ordering backend. Every screen does a full round trip, so on a "
        "train with bad signal it's unusable. Order-ahead apps should work offline-first for the menu at least.",
        "mild",
        who="devon",
    ),
    E(
        "reddit",
        "Northwind app: order went to the wrong shop",
        "Ordered ahead from Elm St, app silently switched to Harbor St (closest to my home, I guess) and sent "
        "the order there. Walked 10 minutes the wrong way. They told me to ask for a refund in the app, there "
        "is no refund button anywhere. What am I missing?",
        "complaint",
        var=1,
    ),
    E(
        "appstore",
        "Northwind Rewards is a joke now",
        "They changed Northwind Rewards from 10 stamps = free drink to 150 points = free drink, and you get "
        "1 point per dollar. So I have to spend $150 for a $6 drink. Used to be ~$45. Deleting the app.",
        "angry",
        rating=1,
        th="rewards",
        who="petrakis",
    ),
    E(
        "mastodon",
        "",
        'The Northwind app needs location "always" to show me the menu. No thanks. I\'ll '
        "just walk in and order like it's 2009. #privacy #NorthwindCoffee",
        "mild",
        who="pete",
    ),
    E(
        "trustpilot",
        "App charged my card after I cancelled the order",
        "Cancelled an order in the Northwind app within 30 seconds because I picked the wrong store. "
        'It said "order cancelled". Card was charged anyway. Support says it can take 5-10 business days. '
        "For a $5 coffee that never got made?",
        "complaint",
        rating=1,
    ),
    E(
        "bluesky",
        "",
        "every time I open the northwind app it asks me to rate it. okay. 1 star. happy now?",
        "mild",
        var=1,
    ),
    E(
        "appstore",
        "Can't add a card",
        'The Northwind app keeps saying "Payment method could not be verified" for my debit card, which '
        "works everywhere else. Tried three different cards. So I can't reload or order ahead. "
        "Useless until fixed.",
        "angry",
        rating=1,
        var=1,
    ),
    E(
        "reddit",
        "Northwind app outage this morning?",
        'Is the Northwind app down for everyone? Getting "Something went wrong, please try again later" '
        "on every screen. Line at Union Station is insane because nobody can order ahead.",
        "complaint",
        who="commuter",
        key="outage-reddit",
    ),
    E(
        "hackernews",
        "",
        "Anyone else notice the Northwind app sends your full order history to an analytics "
        "SDK on every launch? Saw it in a proxy while debugging something unrelated. Not secret data, but a "
        "lot of detail for a coffee app.",
        "mild",
    ),
    E(
        "appstore",
        "Points didn't transfer to new phone",
        "Got a new phone, logged in to the Northwind app, my Northwind Rewards balance shows 0. Old phone "
        "still shows 212. Same account. Which one is right?",
        "complaint",
        rating=2,
        th="rewards",
        var=1,
    ),
    E(
        "mastodon",
        "",
        'Week three of the Northwind app telling me my birthday reward is "coming soon". '
        "My birthday was in August. #NorthwindRewards",
        "complaint",
        th="rewards",
        who="gwen",
    ),
    E(
        "reddit",
        "Northwind app charged my old card instead of the new one",
        "Set my new card as default in the Northwind app, it still charged the old (cancelled) card which "
        "then bounced and now my account is \"locked for payment review\". Can't order, can't use my "
        "Rewards. Support email is an auto-reply. Anyone got a phone number that a human answers?",
        "angry",
        who="omar",
    ),
    E(
        "appstore",
        "Dark mode makes the menu unreadable",
        "Small thing, but in dark mode the Northwind app shows dark grey text on a black background on "
        "the customise screen. I literally can't read the milk options.",
        "mild",
        rating=3,
        var=1,
    ),
    E(
        "bluesky",
        "",
        "Northwind app update deleted my saved favourites. All 6 of them. "
        "I had a whole system. now I'm rebuilding my oat-half-sweet-extra-hot-no-foam from scratch",
        "mild",
        who="kat",
    ),
    E(
        "trustpilot",
        "Order stuck at 'Preparing' for an hour",
        'Northwind app said "Preparing" for over an hour. Called the shop (Fulton St), they said they had '
        "no record of it. App still says Preparing two days later. Charged $12.80. No response from support.",
        "angry",
        rating=1,
        var=1,
    ),
    E(
        "reddit",
        'Northwind Rewards "double points day" didn\'t give double points',
        "Went in specifically for double points Tuesday, spent $22, got 22 points. Screenshot of the promo "
        "in the Northwind app says 2x. Small thing but it's misleading. Anyone actually get the double?",
        "complaint",
        th="rewards",
        who="petrakis",
    ),
    E(
        "hackernews",
        "",
        'Worked on a similar order-ahead product. The "stuck on preparing" thing in the '
        "Northwind app is almost certainly the POS webhook failing and nothing retrying. Users see a "
        "charge and a spinner. It's a fixable problem, it just never gets prioritised over promo banners.",
        "mild",
    ),
    E(
        "appstore",
        "Terrible after redesign",
        "Slow. Crashes. Logs me out. Rewards balance wrong. Northwind app, you had one job.",
        "angry",
        rating=1,
        var=2,
    ),
    E(
        "bluesky",
        "",
        "the Northwind app just sent me a push notification at 2:14am to tell me about "
        "pumpkin spice. I was asleep. I am now awake and thinking about pumpkin spice. unacceptable",
        "mild",
    ),
    E(
        "mastodon",
        "",
        "Tried to delete my Northwind app account. There's no option in the app and the "
        "FAQ says to email privacy@. Emailed two weeks ago, no reply. Account deletion should be a button.",
        "complaint",
        who="pete",
    ),
    E(
        "reddit",
        "Northwind app says shop is open, shop is closed",
        "For the second time the app let me order from Maple Heights at 6:40am, charged me, and the shop "
        "doesn't open until 7. Stood outside in the cold for 20 minutes. The store hours in the Northwind "
        "app are wrong.",
        "complaint",
        var=1,
    ),
    E(
        "appstore",
        "Gift card reload eats money",
        "Reloaded $25 in the Northwind app, my bank shows the charge, app balance didn't change. "
        "Tried again (dumb, I know) and now I'm down $50 with nothing in the app.",
        "angry",
        rating=1,
        who="commuter",
    ),
    E(
        "bluesky",
        "",
        'Northwind Rewards app: "you\'re 3 points away from a free drink!"\nme: *buys drink*\n'
        'app: "points expire after 90 days, you now have 0"',
        "complaint",
        th="rewards",
        who="subsgirl",
    ),
    E(
        "appstore",
        "Accessibility is bad",
        'VoiceOver reads most buttons in the Northwind app as "button". The size and milk pickers can\'t be '
        "reached at all. I'm blind and I used to be able to order independently. Please fix this.",
        "complaint",
        rating=1,
    ),
    E(
        "reddit",
        "Got charged for someone else's Northwind app order??",
        "Weird one. My Northwind app history shows an order from the Westgate shop yesterday. I have never "
        "been to Westgate. It's for $4.10 (a drip and a cookie). My card was charged. I've changed my "
        "password. Has anyone else seen a random order on their account?",
        "complaint",
        who="tyler",
    ),
]
