"""Reply length limits per channel, and how each channel counts characters.

Sources (looked up while building this; re-check when a platform changes its rules):
- X: 280 weighted characters; every URL counts as 23 (t.co); code points in U+0000-U+10FF and a few
  punctuation ranges weigh 1, everything else (CJK, emoji) weighs 2 (twitter-text v3 config).
- Bluesky: 300 graphemes per post (app.bsky.feed.post maxGraphemes).
- Mastodon: 500 characters by default (instances may raise it); URLs count as 23, like X.
- Reddit: 10,000 characters per comment. YouTube: 10,000 characters per comment.
- Google Business Profile review reply: 4,096 (API: reply comment max 4096 bytes; we count characters).
- Google Play developer reply: 350 characters (Android Publisher API reviews.reply).
- App Store developer response: 5,970 characters (App Store Connect customer review responses).
- Yelp public business comment: about 5,000 characters (Yelp does not document it; assumption).
- Trustpilot reply: 2,048 assumed (not documented publicly; conservative).
- Hacker News: no documented limit; 2,000 assumed as a sensible public-comment length.
- Anything else (news articles, blogs, feeds): 5,000, a generic ceiling for a public reply.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

GENERIC = "generic"

CHANNEL_LIMITS: dict[str, int] = {
    "x": 280,
    "bluesky": 300,
    "mastodon": 500,
    "reddit": 10_000,
    "youtube": 10_000,
    "google": 4_096,
    "googleplay": 350,
    "appstore": 5_970,
    "yelp": 5_000,
    "trustpilot": 2_048,
    "hackernews": 2_000,
    GENERIC: 5_000,
}

# Source kinds (as stored on sources.kind) and common spellings, to the channel whose rules apply.
_ALIASES: dict[str, str] = {
    "x_search": "x",  # the X API v2 recent-search connector
    "twitter": "x",
    "tweet": "x",
    "bsky": "bluesky",
    "fediverse": "mastodon",
    "hn": "hackernews",
    "google_places": "google",  # the Google Places reviews connector
    "google_reviews": "google",
    "googlereviews": "google",
    "gbp": "google",
    "google_play": "googleplay",
    "playstore": "googleplay",
    "app_store": "appstore",
    "apple": "appstore",
}

# Channels where people are addressed by a handle (@name) rather than by their display name.
HANDLE_CHANNELS = frozenset({"x", "bluesky", "mastodon", "youtube"})
# Channels whose replies go under a review (no DMs: the private channel is email or phone).
REVIEW_CHANNELS = frozenset({"google", "googleplay", "appstore", "yelp", "trustpilot"})

URL_WEIGHT = 23
_URL = re.compile(r"https?://[^\s<>\"]+|\b(?:www\.)[^\s<>\"]+", re.IGNORECASE)
_X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}


def channel_for(source_kind: str | None) -> str:
    """The channel whose rules apply to a source kind ("rss", "reddit", "x" ...); unknown kinds are generic."""
    kind = (source_kind or "").strip().lower()
    kind = _ALIASES.get(kind, kind)
    return kind if kind in CHANNEL_LIMITS else GENERIC


def limit_for(source_kind: str | None) -> int:
    return CHANNEL_LIMITS[channel_for(source_kind)]


def uses_handles(source_kind: str | None) -> bool:
    return channel_for(source_kind) in HANDLE_CHANNELS


def count_chars(text: str, channel: str | None = None) -> int:
    """Length as the channel counts it: X weighs URLs and wide characters, Bluesky counts graphemes."""
    name = channel_for(channel)
    text = unicodedata.normalize("NFC", text)
    if name == "x":
        return _x_length(text)
    if name == "mastodon":
        return _with_urls_as(text, URL_WEIGHT, _code_points)
    if name == "bluesky":
        return _graphemes(text)
    return len(text)


def _code_points(text: str) -> int:
    return len(text)


def _with_urls_as(text: str, weight: int, measure: Callable[[str], int]) -> int:
    total = 0
    last = 0
    for match in _URL.finditer(text):
        total += measure(text[last : match.start()]) + weight
        last = match.end()
    return total + measure(text[last:])


def _x_weight(text: str) -> int:
    total = 0
    for ch in text:
        cp = ord(ch)
        total += 1 if any(lo <= cp <= hi for lo, hi in _X_LIGHT_RANGES) else 2
    return total


def _x_length(text: str) -> int:
    return _with_urls_as(text, URL_WEIGHT, _x_weight)


def _graphemes(text: str) -> int:
    """An approximation of user-perceived characters: combining marks, joiners and what they join fold in."""
    count = 0
    joined = False
    for ch in text:
        if ch in _JOINERS:
            joined = ch == "\u200d"
            continue
        if joined or unicodedata.combining(ch) or 0x1F3FB <= ord(ch) <= 0x1F3FF:
            joined = False
            continue
        count += 1
    return count
