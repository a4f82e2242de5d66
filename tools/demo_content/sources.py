"""The demo's sources and the world they live in (a fictional lakeside city called Lakeport)."""

from __future__ import annotations

_GN = "https://news.google.com/rss/search?q={q}&hl=en-US&gl=US&ceid=US:en"

# key, name, kind, url, query shown on the mention
SOURCES = [
    {
        "key": "gnews-sucks",
        "name": 'Google News: "Northwind Coffee" sucks',
        "kind": "rss",
        "url": _GN.format(q="%22Northwind+Coffee%22+sucks"),
        "query": '"Northwind Coffee" sucks',
    },
    {
        "key": "gnews-refund",
        "name": 'Google News: "Northwind Coffee" refund',
        "kind": "rss",
        "url": _GN.format(q="%22Northwind+Coffee%22+refund"),
        "query": '"Northwind Coffee" refund',
    },
    {
        "key": "gnews-hate",
        "name": 'Google News: "I hate Northwind Coffee"',
        "kind": "rss",
        "url": _GN.format(q="%22I+hate+Northwind+Coffee%22"),
        "query": '"I hate Northwind Coffee"',
    },
    {
        "key": "gnews-scam",
        "name": 'Google News: "Northwind Coffee" scam',
        "kind": "rss",
        "url": _GN.format(q="%22Northwind+Coffee%22+scam"),
        "query": '"Northwind Coffee" scam',
    },
    {
        "key": "galerts",
        "name": "Google Alerts: Northwind Coffee Roasters",
        "kind": "rss",
        "url": "https://www.google.com/alerts/feeds/04127733612950981157/9921043385526770213",
        "query": "Northwind Coffee Roasters",
    },
    {
        "key": "foodblog",
        "name": "Lakeport Eats (local food blog)",
        "kind": "rss",
        "url": "https://lakeporteats.example/feed/",
        "query": None,
    },
    {
        "key": "reddit",
        "name": 'Reddit search: "Northwind Coffee"',
        "kind": "reddit",
        "url": "https://www.reddit.com/search.rss?q=%22Northwind+Coffee%22&sort=new",
        "query": '"Northwind Coffee"',
    },
    {
        "key": "mastodon",
        "name": "Mastodon: #NorthwindCoffee",
        "kind": "mastodon",
        "url": "https://lakeport.social/tags/NorthwindCoffee.rss",
        "query": "#NorthwindCoffee",
    },
    {
        "key": "bluesky",
        "name": 'Bluesky search: "Northwind Coffee"',
        "kind": "bluesky",
        "url": "https://bsky.app/search?q=%22Northwind+Coffee%22",
        "query": '"Northwind Coffee"',
    },
    {
        "key": "youtube",
        "name": "YouTube comments: Northwind Coffee channel",
        "kind": "youtube",
        "url": "https://www.youtube.com/@northwindcoffee",
        "query": None,
    },
    {
        "key": "hackernews",
        "name": 'Hacker News: "Northwind app"',
        "kind": "hackernews",
        "url": "https://hn.algolia.com/api/v1/search_by_date?query=%22Northwind+app%22",
        "query": '"Northwind app"',
    },
    {
        "key": "appstore",
        "name": "App Store reviews: Northwind Coffee",
        "kind": "appstore",
        "url": "https://itunes.apple.com/us/rss/customerreviews/id=1482200731/sortby=mostrecent/xml",
        "query": None,
    },
    {
        "key": "yelp",
        "name": "Yelp: Northwind Coffee Roasters (all locations)",
        "kind": "yelp",
        "url": "https://www.yelp.com/biz/northwind-coffee-roasters-lakeport",
        "query": None,
    },
    {
        "key": "trustpilot",
        "name": "Trustpilot: northwindcoffee.example",
        "kind": "trustpilot",
        "url": "https://www.trustpilot.com/review/northwindcoffee.example",
        "query": None,
    },
]

# Which source a kind maps to when an entry names a kind rather than a key.
KIND_DEFAULT = {
    "reddit": "reddit",
    "mastodon": "mastodon",
    "bluesky": "bluesky",
    "youtube": "youtube",
    "hackernews": "hackernews",
    "appstore": "appstore",
    "yelp": "yelp",
    "trustpilot": "trustpilot",
    "blog": "foodblog",
    "news": "galerts",
}

# reach label and (low, high) typical range; a few items are made viral by the assembler.
REACH = {
    "reddit": ("upvotes", 1, 240),
    "mastodon": ("boosts", 0, 45),
    "bluesky": ("likes", 0, 180),
    "youtube": ("likes", 0, 120),
    "hackernews": ("points", 3, 260),
    "appstore": ("helpful votes", 0, 25),
    "yelp": ("useful votes", 0, 30),
    "trustpilot": ("useful votes", 0, 18),
    "foodblog": ("comments", 2, 60),
}

SHOPS = [
    "Elm St",
    "Harbor St",
    "Market Square",
    "Riverside",
    "Old Mill Rd",
    "Union Station",
    "Westgate",
    "Cedar Ave",
    "University Ave",
    "Pier 9",
    "Maple Heights",
    "Northgate Mall",
    "Fulton St",
    "Lakeshore Dr",
]

DRINKS = [
    "oat latte",
    "flat white",
    "cold brew",
    "caramel macchiato",
    "maple cortado",
    "iced mocha",
    "chai latte",
    "cappuccino",
    "honey lavender latte",
    "pumpkin spice latte",
    "americano",
    "matcha latte",
]

STAFF = ["Priya", "Jonah", "Marisol", "Theo", "Kenji", "Ada", "Luis", "Bea", "Rowan", "Femi"]

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

MINUTES = ["25", "30", "35", "40", "45", "50"]

SUBREDDITS = ["Lakeport", "Lakeport", "Lakeport", "LakeportFood", "Coffee", "espresso", "mildlyinfuriating"]

# News outlets (for rss items): name, domain
OUTLETS = [
    ("Lakeport Ledger", "lakeportledger.example"),
    ("Lakeport Daily Tribune", "lpdailytribune.example"),
    ("WLKP News 7", "wlkp7.example"),
    ("Harborline Business Journal", "harborlinebiz.example"),
    ("The Lakeport Beacon", "lakeportbeacon.example"),
    ("Midlake Patch", "midlakepatch.example"),
    ("RetailBrew Weekly", "retailbrewweekly.example"),
    ("Medium", "medium.example"),
    ("Substack: The Commuter", "thecommuter.example"),
    ("Lakeport Student Voice", "lsvoice.example"),
]

WORKSPACE = {
    "name": "demo",
    "title": "Northwind Coffee (demo)",
    "brand": "Northwind Coffee Roasters",
    "aliases": ["Northwind Coffee", "@northwindcoffee", "Northwind app", "Northwind Rewards"],
    "competitors": ["Bluebird Coffee", "Harbor Beans"],
    "excluded": ["Northwind Traders"],
}
REVIEW_KINDS = {"appstore", "yelp", "trustpilot"}
# key -> reach for the few posts that took off
VIRAL = {
    "viral-40min": 4120,
    "viral-donation": 3380,
    "crisis-allergy": 2870,
    "crisis-health-bsky": 1640,
    "crisis-data": 1210,
}
