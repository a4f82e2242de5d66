"""Features of one text for the complaint model: cue groups, tone, shape, and word n-grams."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from desktop_app.scoring.cues import (
    COMPLAINTS,
    CRISES,
    QUESTION,
    SITUATIONS,
    SUGGESTION,
    Cue,
    cue_words,
    word_prefixes,
)
from desktop_app.scoring.sentiment import SentimentResult
from desktop_app.scoring.text import clip

_MENTION = re.compile(r"@\w+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_WORD = re.compile(r"[a-z<>]+(?:'[a-z]+)?")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_PERSONAL = frozenset({"i", "my", "me", "we", "our", "us"})  # as whole words; "i'm", "i've" hold "i"
_ADDRESSEE = frozenset({"you", "your", "u", "ur"})  # "you're" holds "you"
# Every SUGGESTION match holds one of these: most texts skip its long alternation.
_SUGGESTION_HINTS = ("should", "ought", " be ", "add", "bring back", "consider", "introduce", "offer", "please",
                     "feature", "wish", "would", "why not", "how about", "suggest")  # fmt: skip
MAX_TOKENS = 80  # n-grams from the opening only: keeps long posts cheap and comparable to tweets


@dataclass(frozen=True, slots=True)
class TextSignals:
    complaint_cues: dict[str, Cue]
    crisis_cues: dict[str, Cue]
    question: bool
    suggestion: bool
    features: dict[str, float]
    churn: bool = False  # says they are leaving / cancelling
    insider: bool = False  # a (former) employee speaking
    mishap: Cue | None = None  # "lost my parcel", "keeps crashing"


def tokens(lower_text: str) -> list[str]:
    text = _NUMBER.sub(" <num> ", _MENTION.sub(" <user> ", lower_text))
    return _WORD.findall(text)[:MAX_TOKENS]


def ngram_features(words: list[str]) -> dict[str, float]:
    feats = {f"w:{w}": 1.0 for w in words}
    feats.update((f"b:{a}_{b}", 1.0) for a, b in itertools.pairwise(words))
    return feats


def _word_runs(words: list[str]) -> set[str]:
    """The text's runs of word characters (what \\b...\\b sees): "i'm" holds "i" and "m"."""
    runs = set(words)
    for word in words:
        if "'" in word:
            runs.update(word.split("'"))
    return runs


def _shape(raw: str, text: str, sentiment: SentimentResult, runs: set[str] | None = None) -> dict[str, float]:
    n_words = len(text.split())
    if runs is None:
        runs = _word_runs(cue_words(text.lower()))
    return {
        "neg": max(0.0, -sentiment.score),
        "pos": max(0.0, sentiment.score),
        "vader_neg": sentiment.negative,
        "pattern_neg": max(0.0, -sentiment.pattern),
        "exclaim": min(text.count("!"), 3) / 3.0,
        "caps": min(len(_CAPS_WORD.findall(text)), 3) / 3.0,
        "addressed": 1.0 if raw.lstrip().startswith("@") else 0.0,
        "link": 1.0 if "http" in raw else 0.0,
        "length": min(n_words, 60) / 60.0,
        "personal": 0.0 if runs.isdisjoint(_PERSONAL) else 1.0,
        "to_you": 0.0 if runs.isdisjoint(_ADDRESSEE) else 1.0,
    }


def signals(raw: str, sentiment: SentimentResult) -> TextSignals:
    """Every signal the complaint model and the category rules read, in one pass per regex."""
    text = clip(raw)
    lower = text.lower()
    words = cue_words(lower)
    prefixes = word_prefixes(words)
    complaint_cues = COMPLAINTS.find(lower, words, prefixes)
    crisis_cues = CRISES.find(lower, words, prefixes)
    question = QUESTION.search(lower) is not None
    suggestion = any(h in lower for h in _SUGGESTION_HINTS) and SUGGESTION.search(lower) is not None
    feats = _shape(raw, text, sentiment, _word_runs(words))
    feats.update((f"cue:{k}", 1.0) for k in complaint_cues)
    if crisis_cues:
        feats["crisis"] = 1.0
    if question:
        feats["question"] = 1.0
    if suggestion:
        feats["suggestion"] = 1.0
    feats.update(ngram_features(tokens(lower)))
    situation = SITUATIONS.find(lower, words, prefixes)
    churn, insider = "churn" in situation, "insider" in situation
    return TextSignals(
        complaint_cues, crisis_cues, question, suggestion, feats, churn, insider, situation.get("mishap")
    )
