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
    urls,
    variants,
)

OUT = ROOT / "resources" / "demo" / "demo_workspace.json"
MODULES = [
    complaints_store,
    complaints_app,
    complaints_subs,
    praise,
    questions,
    threads,
    news,
    crisis,
    stories,
    extra,
]
BRAND_TERMS = [
    "Northwind Coffee Roasters",
    "Northwind Coffee",
    "@northwindcoffee",
    "Northwind app",
    "Northwind Rewards",
]
BRAND_RX = re.compile("|".join(r"(?<!\w)" + re.escape(t) + r"(?!\w)" for t in BRAND_TERMS), re.I)
TRADERS_RX = re.compile(r"(?<!\w)Northwind Traders(?!\w)", re.I)
PLACEHOLDER = re.compile(r"\{(shop|drink|mins|staff|day)\}")


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
        first = display.split()[0] if kind in sources.REVIEW_KINDS else handle
        pattern = people.PROFILE_URL.get(kind)
        url = pattern.format(h=handle) if pattern else None
        if kind == "mastodon" and not spec["who"]:
            inst = self.rng.choice(["lakeport.social", "mastodon.social", "fosstodon.org", "lakeport.social"])
            url = f"https://{inst}/@{handle}"
        if kind == "appstore" and not spec["who"]:
            handle = display.replace(" ", "").replace(".", "") + str(self.rng.randint(1, 999))
            first = display.split()[0]
        if kind in ("mastodon", "bluesky", "youtube"):
            return "@" + handle, url, "@" + handle
        if kind == "yelp" and not spec["who"]:
            return display, url, first
        return handle, url, first

    def ident(self, key: str, title: str, author: str | None) -> tuple[str, str]:
        while True:
            sid, url = urls.make(self.rng, self.kinds[key], key, title, author)
            if sid not in self.ids:
                self.ids.add(sid)
                return sid, url

    # ---- one mention ----------------------------------------------------------------------------
    def mention(self, spec: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        key = source_key(rng.choice(spec["src"]) if spec["copy"] else spec["src"][0])
        kind = self.kinds[key]
        subs = {
            "shop": rng.choice(sources.SHOPS),
            "drink": rng.choice(sources.DRINKS),
            "mins": rng.choice(sources.MINUTES),
            "staff": rng.choice(sources.STAFF),
            "day": rng.choice(sources.DAYS),
        }
        title, body = fill(spec["title"], subs), fill(spec["body"], subs)
        if spec["copy"]:
            title, body = self.vary(title, body, spec["mood"])
        shop = next((s for s in sources.SHOPS if s in title + body), subs["shop"])
        if kind == "yelp" and not title:
            title = f"Northwind Coffee Roasters - {shop}"
        elif kind == "youtube":
            title = rng.choice(variants.YOUTUBE_VIDEOS)[0]
        elif kind == "hackernews" and not title:
            title = rng.choice(variants.HN_STORIES)
        author, author_url, first = self.author(spec, key, title)
        sid, url = self.ident(key, title, author)
        if spec["key"] in stories.PINNED:
            hours = stories.PINNED[spec["key"]]
        elif rng.random() < 0.31:
            hours = round(rng.uniform(0.3, 71.5), 1)
        else:
            hours = round(72 + 648 * rng.random() ** 1.15, 1)
        reach_label, reach = None, None
        if kind in sources.REACH or key in sources.REACH:
            reach_label, low, high = sources.REACH.get(key) or sources.REACH[kind]
            reach = int(low + (high - low) * rng.random() ** 2.2)
        if spec["key"] in sources.VIRAL:
            reach = sources.VIRAL[spec["key"]]
        rating = None
        if kind in sources.REVIEW_KINDS:
            rating = spec["rating"] or {
                "angry": 1,
                "crisis": 1,
                "complaint": rng.choice([1, 2, 2]),
                "mild": rng.choice([2, 3]),
                "neutral": 3,
                "question": 4,
                "suggest": 4,
                "praise": rng.choice([4, 5, 5]),
                "defend": 5,
            }.get(spec["mood"], 3)
        return {
            "source": key,
            "id": sid,
            "url": url,
            "title": title,
            "html": to_html(body),
            "author": author,
            "author_url": author_url,
            "hours_ago": hours,
            "reach": reach,
            "reach_label": reach_label,
            "rating": rating,
            "query": self.src[key]["query"],
            "status": "new",
            "responded_hours_ago": None,
            "reply": None,
            "_key": spec["key"],
            "_mood": spec["mood"],
            "_theme": spec["theme"],
            "_first": first,
            "_shop": shop,
        }

    def vary(self, title: str, body: str, mood: str) -> tuple[str, str]:
        """A copy of a reused entry: another shop, and its own opening and closing words."""
        rng = self.rng
        for word in sources.SHOPS:
            if word in title + body:
                other = rng.choice([w for w in sources.SHOPS if w != word])
                title, body = title.replace(word, other), body.replace(word, other)
                break
        if body.lstrip().startswith("<"):
            return title, body
        opener = rng.choice(variants.OPENERS.get(mood, [""]))
        closer = rng.choice(variants.CLOSERS.get(mood, [""]))
        if body[:1].islower() or rng.random() < 0.5:
            body = (opener + " " + body) if opener else body
        return title, body.rstrip() + closer

    # ---- statuses -------------------------------------------------------------------------------
    def reply_for(self, m: dict[str, Any]) -> str:
        theme = {
            "praise": "praise",
            "defend": "praise",
            "suggest": "suggest",
            "question": "question",
            "crisis": "crisis",
        }.get(m["_mood"], m["_theme"])
        if theme not in replies.REPLIES:
            theme = "store"
        return self.rng.choice(replies.REPLIES[theme]).format(name=m["_first"], shop=m["_shop"])

    def statuses(self, ms: list[dict[str, Any]]) -> None:
        rng = self.rng
        for m in ms:
            if m["_key"] in stories.SCRIPTED_STATUS:
                status, at, reply = stories.SCRIPTED_STATUS[m["_key"]]
                m.update(status=status, responded_hours_ago=at, reply=reply)
        free = [
            m
            for m in ms
            if m["status"] == "new"
            and not (m["_key"] or "").startswith(("traders", "hostile"))
            and m["_mood"] != "crisis"
        ]
        social = [m for m in free if self.kinds[m["source"]] != "rss"]
        weights = {
            "angry": 3,
            "complaint": 3,
            "mild": 1.5,
            "question": 2.5,
            "suggest": 1,
            "praise": 0.7,
            "defend": 0.3,
            "neutral": 0.2,
        }
        target_resp = round(len(ms) * 0.15) - sum(m["status"] == "responded" for m in ms)
        pool = [m for m in social if m["hours_ago"] > 1.5]
        for m in self.weighted_pick(pool, target_resp, lambda m: weights.get(m["_mood"], 0.1)):
            gap = rng.uniform(0.4, min(30.0, m["hours_ago"] * 0.6))
            m.update(
                status="responded",
                responded_hours_ago=round(m["hours_ago"] - gap, 1),
                reply=self.reply_for(m),
            )
        target_arch = round(len(ms) * 0.08) - sum(m["status"] == "archived" for m in ms)
        pool = [m for m in free if m["status"] == "new" and m["hours_ago"] > 48]
        arch_w = {"neutral": 3, "news": 3, "praise": 2.5, "defend": 2.5, "mild": 1, "question": 0.3}
        for m in self.weighted_pick(pool, target_arch, lambda m: arch_w.get(m["_mood"], 0.05)):
            m["status"] = "archived"
        pool = [m for m in social if m["status"] == "new" and m["_mood"] in ("question", "suggest", "mild")]
        for m in self.weighted_pick(pool, 5, lambda m: 1.0):
            m["status"] = "snoozed"

    def weighted_pick(self, pool: list[dict[str, Any]], n: int, weight: Any) -> list[dict[str, Any]]:
        pool, chosen = list(pool), []
        while pool and len(chosen) < n:
            m = self.rng.choices(pool, weights=[weight(x) for x in pool])[0]
            pool.remove(m)
            chosen.append(m)
        return chosen


def check(ms: list[dict[str, Any]]) -> None:
    keys = {s["key"] for s in sources.SOURCES}
    ids = Counter((m["source"], m["id"]) for m in ms)
    assert all(c == 1 for c in ids.values()), "duplicate ids"
    assert all(m["source"] in keys for m in ms), "unknown source key"
    for m in ms:
        text = m["title"] + "\n" + m["html"]
        traders = (m["_key"] or "").startswith("traders")
        if traders:
            assert TRADERS_RX.search(text) and not BRAND_RX.search(text), m["id"]
        else:
            assert BRAND_RX.search(text), f"no brand term: {m['title']!r} {m['html'][:80]!r}"
            assert not TRADERS_RX.search(text), m["id"]
        if m["status"] == "responded":
            assert m["reply"] and m["responded_hours_ago"] < m["hours_ago"], m["id"]


def main() -> None:
    started = time.perf_counter()
    b = Builder()
    ms = [b.mention(s) for s in specs()]
    b.statuses(ms)
    check(ms)
    ms.sort(key=lambda m: m["hours_ago"])
    distinct = len({(m["_key"], m["title"], m["html"]) for m in ms})
    out = {
        "format": 1,
        "workspace": sources.WORKSPACE,
        "sources": [{k: s[k] for k in ("key", "name", "kind", "url")} for s in sources.SOURCES],
        "mentions": [{k: v for k, v in m.items() if not k.startswith("_")} for m in ms],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(ms)} mentions ({distinct} distinct texts), "
        f"{len(sources.SOURCES)} sources, {OUT.stat().st_size // 1024} KB"
    )
    print("by source:", dict(Counter(m["source"] for m in ms)))
    print("by status:", dict(Counter(m["status"] for m in ms)))
    print(
        "last 72h:", sum(m["hours_ago"] <= 72 for m in ms), " max hours_ago:", max(m["hours_ago"] for m in ms)
    )
    authors = Counter(m["author"] for m in ms)
    print("authors with 3+ posts:", sum(c >= 3 for c in authors.values()))
    print(f"run time: {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    main()
