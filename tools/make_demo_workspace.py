"""Build resources/demo/demo_workspace.json from the hand-written fragments in tools/demo_content/.

Deterministic: one random.Random(7) drives every choice, so the same fragments give the same file.
Run from the repo root:  .venv/bin/python tools/make_demo_workspace.py
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.demo_content import (  # noqa: E402
    complaints_app,
    complaints_store,
    complaints_subs,
    crisis,
    extra,
    news,
    people,
    praise,
    questions,
    replies,
    sources,
    stories,
    threads,
)

OUT = ROOT / "resources" / "demo" / "demo_workspace.json"
MODULES = [complaints_store, complaints_app, complaints_subs, praise, questions, threads, news, crisis,
           stories, extra]
BRAND_TERMS = ["Northwind Coffee Roasters", "Northwind Coffee", "@northwindcoffee", "Northwind app",
               "Northwind Rewards"]
BRAND_RX = re.compile("|".join(r"(?<!\w)" + re.escape(t) + r"(?!\w)" for t in BRAND_TERMS), re.I)
TRADERS_RX = re.compile(r"(?<!\w)Northwind Traders(?!\w)", re.I)
WORKSPACE = {
    "name": "demo", "title": "Northwind Coffee (demo)", "brand": "Northwind Coffee Roasters",
    "aliases": ["Northwind Coffee", "@northwindcoffee", "Northwind app", "Northwind Rewards"],
    "competitors": ["Bluebird Coffee", "Harbor Beans"], "excluded": ["Northwind Traders"],
}
REVIEW_KINDS = {"appstore", "yelp", "trustpilot"}
VIRAL = {"viral-40min": 4120, "viral-donation": 3380, "crisis-allergy": 2870, "crisis-health-bsky": 1640,
         "crisis-data": 1210}
YOUTUBE_VIDEOS = [
    ("How we roast the Harbor Blend | Northwind Coffee Roasters", "q7Lm2VxR0aE"),
    ("Cold brew at home, the easy way | Northwind Coffee Roasters", "Zp3KdY81wQo"),
    ("Visiting the farm: Huila, Colombia | Northwind Coffee Roasters", "b9TnX4cJ2sU"),
    ("Barista basics: steaming oat milk | Northwind Coffee Roasters", "mR5hC0pLw7g"),
]
HN_STORIES = [
    ("Order-ahead apps are a distributed systems problem", 41882731),
    ("Ask HN: Why are restaurant and café apps so bad?", 41790264),
    ("The hidden cost of loyalty programmes", 41655120),
]
B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
PLACEHOLDER = re.compile(r"\{(shop|drink|mins|staff|day)\}")


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s[:limit].rstrip("_") or "post"


def rand_str(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def fill(text: str, subs: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: subs[m.group(1)], text)


def to_html(body: str) -> str:
    if body.lstrip().startswith("<"):
        return body
    paras = [p for p in body.split("\n\n") if p.strip()]
    return "".join("<p>" + html.escape(p, quote=False).replace("\n", "<br>") + "</p>" for p in paras)


def source_key(src: str) -> str:
    keys = {s["key"] for s in sources.SOURCES}
    return src if src in keys else sources.KIND_DEFAULT[src]


def specs() -> list[dict[str, Any]]:
    """Every hand-written entry plus its variant copies, in a fixed order."""
    out = []
    for mod in MODULES:
        for entry in getattr(mod, "OUTAGE", []) + mod.ENTRIES:
            theme = entry["th"] or mod.THEME
            out.append({**entry, "theme": theme, "copy": 0})
            for n in range(entry["var"]):
                out.append({**entry, "theme": theme, "copy": n + 1, "who": None, "key": None})
    return out


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(7)
        self.kinds = {s["key"]: s["kind"] for s in sources.SOURCES}
        self.src = {s["key"]: s for s in sources.SOURCES}
        self.ids: set[str] = set()
        self.handles = {h for h, _, _ in people.PEOPLE.values()}

    # ---- authors -------------------------------------------------------------------------------
    def one_off(self, kind: str) -> tuple[str, str]:
        rng = self.rng
        while True:
            first = rng.choice(people.FIRST)
            handle = first + rng.choice(people.SUFFIX) + rng.choice(people.TAIL)
            handle = handle.rstrip("._") or first
            if handle not in self.handles:
                self.handles.add(handle)
                break
        display = f"{first.capitalize()} {rng.choice(people.LAST_INITIAL)}."
        return handle, display

    def author(self, spec: dict[str, Any], key: str, title: str) -> tuple[str | None, str | None, str]:
        """(author, author_url, first name for replies)."""
        kind = self.kinds[key]
        if key == "foodblog":
            return "Maya Okafor", "https://lakeporteats.example/about/", "Maya"
        if kind == "rss":
            if spec["who"]:
                _, name, _ = people.PEOPLE[spec["who"]]
                return name, None, name.split()[0]
            outlet = title.rsplit(" - ", 1)[-1] if " - " in title else "Lakeport Ledger"
            return outlet, None, "there"
        if spec["who"]:
            handle, display, _ = people.PEOPLE[spec["who"]]
        else:
            handle, display = self.one_off(kind)
        first = display.split()[0] if kind in REVIEW_KINDS else handle
        pattern = people.PROFILE_URL.get(kind)
        url = pattern.format(h=handle) if pattern else None
        if kind == "mastodon" and not spec["who"]:
            inst = self.rng.choice(["lakeport.social", "mastodon.social", "fosstodon.org", "lakeport.social"])
            url = f"https://{inst}/@{handle}"
        if kind == "appstore" and not spec["who"]:
            handle = display.replace(" ", "").replace(".", "") + str(self.rng.randint(1, 999))
            first = display.split()[0]
        if kind in ("mastodon", "bluesky", "youtube"):
            return "@" + handle, url, first
        if kind == "yelp" and not spec["who"]:
            return display, url, first
        return handle, url, first

    # ---- ids and urls ----------------------------------------------------------------------------
    def ident(self, key: str, title: str, author: str | None) -> tuple[str, str]:
        rng, kind = self.rng, self.kinds[key]
        while True:
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
                sid = f"at://did:plc:{rand_str(rng, 'abcdefghijklmnopqrstuvwxyz234567', 24)}/app.bsky.feed.post/{rkey}"
                url = f"https://bsky.app/profile/{handle}.bsky.social/post/{rkey}"
            elif kind == "youtube":
                _, vid = rng.choice(YOUTUBE_VIDEOS)
                sid = "Ugx" + rand_str(rng, B36 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-", 23)
                url = f"https://www.youtube.com/watch?v={vid}&lc={sid}"
            elif kind == "hackernews":
                sid = str(rng.randint(41700000, 41999999))
                url = f"https://news.ycombinator.com/item?id={sid}"
            elif kind == "appstore":
                sid = str(rng.randint(10000000000, 11999999999))
                url = f"https://apps.apple.com/us/app/northwind-coffee/id1482200731?see-all=reviews#{sid}"
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
                sid = f"tag:news.google.com,2005:{rand_str(rng, B36, 16)}" if key != "galerts" else \
                    f"tag:google.com,2013:googlealerts/feed:{rng.randint(10**18, 10**19 - 1)}"
            if sid not in self.ids:
                self.ids.add(sid)
                return sid, url
