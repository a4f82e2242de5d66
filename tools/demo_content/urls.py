"""Plausible per-site item ids and URLs for the demo (all fictional)."""

from __future__ import annotations

import random
import re

from tools.demo_content import sources, variants

B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s[:limit].rstrip("_") or "post"


def rand_str(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def make(rng: random.Random, kind: str, key: str, title: str, author: str | None) -> tuple[str, str]:
    """(source item id, url) for one item; the caller retries on a (vanishingly rare) duplicate id."""
    if kind == "reddit":
        sid = rand_str(rng, B36, 7)
        sub = rng.choice(sources.SUBREDDITS)
        url = f"https://www.reddit.com/r/{sub}/comments/{sid}/{slug(title)}/"
        sid = "t3_" + sid
    elif kind == "mastodon":
        sid = str(rng.randint(111000000000000000, 113999999999999999))
        url = f"https://lakeport.social/@{(author or 'x').lstrip('@')}/{sid}"
    elif kind == "bluesky":
        rkey = "3k" + rand_str(rng, "abcdefghijklmnopqrstuvwxyz234567", 11)
        handle = (author or "x").lstrip("@")
        sid = (
            f"at://did:plc:{rand_str(rng, 'abcdefghijklmnopqrstuvwxyz234567', 24)}/app.bsky.feed.post/{rkey}"
        )
        url = f"https://bsky.app/profile/{handle}.bsky.social/post/{rkey}"
    elif kind == "youtube":
        vid = dict(variants.YOUTUBE_VIDEOS).get(title, "q7Lm2VxR0aE")
        sid = "Ugx" + rand_str(rng, B36 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-", 23)
        url = f"https://www.youtube.com/watch?v={vid}&lc={sid}"
    elif kind == "hackernews":
        sid = str(rng.randint(41700000, 41999999))
        url = f"https://news.ycombinator.com/item?id={sid}"
    elif kind == "appstore":
        sid = str(rng.randint(10000000000, 11999999999))
        url = f"https://apps.apple.com/us/app/northwind-coffee/id1482200731?see-all=reviews&review_id={sid}"
    elif kind == "yelp":
        sid = rand_str(rng, B36 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-", 22)
        url = f"https://www.yelp.com/biz/northwind-coffee-roasters-lakeport?hrid={sid}"
    elif kind == "trustpilot":
        sid = rand_str(rng, "0123456789abcdef", 24)
        url = f"https://www.trustpilot.com/reviews/{sid}"
    elif key == "foodblog":
        url = f"https://lakeporteats.example/{slug(title, 50).replace('_', '-')}/"
        sid = url
    else:  # Google News / Alerts: an article on an outlet's site
        outlet = title.rsplit(" - ", 1)[-1] if " - " in title else ""
        domain = dict(sources.OUTLETS).get(outlet, "lakeportledger.example")
        path = slug(title.rsplit(" - ", 1)[0], 70).replace("_", "-")
        url = f"https://{domain}/{rng.choice(['news', 'business', 'food', 'opinion'])}/{path}-{rng.randint(1000, 9999)}"
        sid = (
            f"tag:news.google.com,2005:{rand_str(rng, B36, 16)}"
            if key != "galerts"
            else f"tag:google.com,2013:googlealerts/feed:{rng.randint(10**18, 10**19 - 1)}"
        )
    return sid, url
