"""Cheap text helpers shared by the scorers: length cap, sentence/clause split, brand segments."""

from __future__ import annotations

import re

MAX_CHARS = 4000  # analysers are linear but slow on novels; the opening carries the tone of a mention

_SEGMENT_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|;\s*|\s+(?:but|however|although|though)\s+", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def clip(text: str) -> str:
    """The part of a text worth analysing: no URLs, at most MAX_CHARS characters."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return text


def segments(text: str) -> list[str]:
    """Sentences and contrast clauses ("X but Y" gives two), without NLTK."""
    return [s for s in (p.strip() for p in _SEGMENT_SPLIT.split(text)) if s]


def brand_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any brand term (or its @handle / #tag) on word boundaries."""
    cleaned = sorted({t.strip().lower() for t in terms if t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in cleaned)
    return re.compile(rf"(?<![\w])[@#]?(?:{body})(?![\w])", re.IGNORECASE)
