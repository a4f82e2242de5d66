"""TextBlob's (pattern's) `Sentiment.assessments`, ported for what the blend reads: one polarity per opinion
word or phrase, for an untagged word list.

The original builds a dict per opinion word and, for every short non-alphabetic token (numbers, "24/7"),
lower-cases all ~90 of its emoticons again; this port keeps a list per opinion word and looks emoticons up in
one table. Same rules in the same order, same polarities (checked on the four VADER sets and the complaints
corpus, see tests/unit/test_scoring_vader_fast.py).
"""

from __future__ import annotations

from typing import Any

from textblob._text import EMOTICONS, PUNCTUATION


def _emoticon_table() -> dict[str, float]:
    """Lower-cased emoticon -> polarity of the first expression listing it (the original's scan order)."""
    table: dict[str, float] = {}
    for (_type, polarity), faces in EMOTICONS.items():
        for face in faces:
            table.setdefault(face.lower(), polarity)
    return table


_EMOTICONS = _emoticon_table()


def polarities(sentiment: Any, words: list[str]) -> list[float]:
    """`[p for _, p, _, _ in sentiment.assessments(((w, None) for w in words), negation=True)]`."""
    if (
        not any(map(sentiment.__contains__, words))
        and _EMOTICONS.keys().isdisjoint(words)
        and "(!)" not in words
    ):
        return []  # no lexicon word and no emoticon: nothing to assess
    found: list[list[float]] = []  # per opinion: [polarity, intensity, sign]
    modifiers = sentiment.modifiers
    negations = sentiment.negations
    is_modifier = sentiment.modifier
    m: str | None = None  # preceding modifier
    n: str | None = None  # preceding negation
    get = sentiment.get
    for w in words:
        entry = get(w)
        if entry is None and m is None and n is None and w.isalpha() and w not in negations:
            continue  # a plain word between opinions: none of the rules below would change anything
        if entry is not None and None in entry:
            p, _s, i = entry[None]
            if m is None:
                found.append([p, i, 1.0])
            else:
                last = found[-1]
                last[0] = max(-1.0, min(p * last[1], +1.0))
                last[1] = i
            if n is not None:
                last = found[-1]
                last[1] = 1.0 / last[1]
                last[2] = -1.0
            m = None
            n = None
            if any(map(entry.__contains__, modifiers)):
                m = w
            if w in negations:
                n = w
            continue
        if w in negations:
            n = w
        elif n and len(w.strip("'")) > 1:
            n = None
        if n is not None and m is not None and (None in modifiers or is_modifier(m)):
            found[-1][2] = -1.0
            n = None
        elif m and len(w) > 2:
            m = None
        if w == "!" and found:
            found[-1][0] = max(-1.0, min(found[-1][0] * 1.25, +1.0))
        if w == "(!)":
            found.append([0.0, 1.0, 1.0])
        if not w.isalpha() and len(w) <= 5 and w not in PUNCTUATION:
            face = _EMOTICONS.get(w)
            if face is not None:
                found.append([face, 1.0, 1.0])
    return [p * -0.5 if sign < 0 else p for p, _, sign in found]
