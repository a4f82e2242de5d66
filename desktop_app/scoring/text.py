"""Cheap text helpers shared by the scorers: length cap, clause split, brand pattern."""

from __future__ import annotations

import re

from desktop_app.scoring.regex_prefilter import compile_prefiltered

MAX_CHARS = 4000  # analysers are linear but slow on novels; the opening carries the tone of a mention

_URL = compile_prefiltered(r"https?://\S+|www\.\S+", re.IGNORECASE)


def clip(text: str) -> str:
    """The part of a text worth analysing: no URLs, at most MAX_CHARS characters."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return text


_CLAUSE_BREAK = compile_prefiltered(r";\s*|\s+(but|however|although|though)\s+", re.IGNORECASE)
CONTRAST_DISCOUNT = 0.5  # the clause a "but" overrules, or the concession after "although", counts half


def clauses_of(sentence: str) -> list[tuple[str, int, float]]:
    """A sentence's clauses (split at ";" and contrast words) as (clause, index of its first whitespace
    token in the sentence, weight): the clause before "but"/"however" and the one after "although"/"though"
    weigh CONTRAST_DISCOUNT."""
    if ";" not in sentence and not _CONTRAST_HINT.search(sentence):
        return [(sentence, 0, 1.0)]
    out: list[tuple[str, int, float]] = []
    pos, next_weight = 0, 1.0
    for m in _CLAUSE_BREAK.finditer(sentence):
        word = (m.group(1) or "").lower()
        weight = CONTRAST_DISCOUNT if word in ("but", "however") else next_weight
        _add_clause(out, sentence, pos, m.start(), weight)
        next_weight = CONTRAST_DISCOUNT if word in ("although", "though") else 1.0
        pos = m.end()
    _add_clause(out, sentence, pos, len(sentence), next_weight)
    return out


_CONTRAST_HINT = re.compile(r"\s(?:but|however|although|though)\s", re.IGNORECASE)


def _add_clause(
    out: list[tuple[str, int, float]], sentence: str, start: int, end: int, weight: float
) -> None:
    piece = sentence[start:end].strip()
    if piece:
        out.append((piece, len(sentence[:start].split()), weight))


def brand_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching any brand term (or its @handle / #tag) on word boundaries."""
    cleaned = sorted({t.strip().lower() for t in terms if t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in cleaned)
    return compile_prefiltered(rf"(?<![\w])[@#]?(?:{body})(?![\w])", re.IGNORECASE)
