"""Plain formatting helpers for the UI: ages, colours, labels. No widgets here."""

from __future__ import annotations

import time
from datetime import datetime

URGENT = 70
ELEVATED = 40

_URGENCY_COLOURS = {"high": "#d93025", "medium": "#e37400", "low": "#80868b"}
_SENTIMENT = {
    "negative": ("Negative", "#d93025"),
    "neutral": ("Neutral", "#80868b"),
    "positive": ("Positive", "#188038"),
}
_SOURCE_LABELS = {
    "rss": "RSS",
    "reddit": "Reddit",
    "hn": "HN",
    "hackernews": "HN",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "youtube": "YouTube",
    "trustpilot": "Trustpilot",
    "google_news": "News",
    "google_alerts": "Alerts",
    "google_places": "Google",
    "x_search": "X",
    "appstore": "App Store",
    "json_api": "API",
    "csv": "Import",
    "import": "Import",
}


def urgency_level(urgency: int) -> str:
    if urgency >= URGENT:
        return "high"
    if urgency >= ELEVATED:
        return "medium"
    return "low"


def urgency_colour(urgency: int) -> str:
    """Red at 70 and above, amber at 40 and above, grey otherwise."""
    return _URGENCY_COLOURS[urgency_level(urgency)]


def sentiment_chip(label: str | None) -> tuple[str, str]:
    """(text, colour) for a sentiment label."""
    return _SENTIMENT.get(label or "neutral", _SENTIMENT["neutral"])


def source_label(kind: str | None, name: str | None = None) -> str:
    if kind and kind in _SOURCE_LABELS:
        return _SOURCE_LABELS[kind]
    if kind:
        return kind.replace("_", " ").title()
    return name or "—"


def relative_age(epoch: int | None, now: float | None = None) -> str:
    """'now', '5m', '3h', '2d', then a short local date."""
    if not epoch:
        return "—"
    now = time.time() if now is None else now
    seconds = max(0, int(now - epoch))
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{seconds // 60}m"
    if seconds < 86400:
        return f"{seconds // 3600}h"
    if seconds < 7 * 86400:
        return f"{seconds // 86400}d"
    when = datetime.fromtimestamp(epoch).astimezone()
    this_year = datetime.fromtimestamp(now).astimezone().year
    return when.strftime("%d %b" if when.year == this_year else "%d %b %Y").lstrip("0")


def local_time(epoch: int | None) -> str:
    """A full local date and time, e.g. 'Tue 3 Mar 2026, 14:05'."""
    if not epoch:
        return "unknown time"
    when = datetime.fromtimestamp(epoch).astimezone()
    return when.strftime("%a %d %b %Y, %H:%M").replace(" 0", " ", 1)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def compact_count(n: int) -> str:
    if n < 10_000:
        return f"{n:,}"
    if n < 1_000_000:
        return f"{n / 1000:.0f}k"
    return f"{n / 1_000_000:.1f}M"
