"""Features of one text for the complaint model: cue groups, tone, shape, and word n-grams."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

from desktop_app.scoring.cues import (
    COMPLAINTS,
    CRISES,
    SITUATIONS,
    SUGGESTION,
    Cue,
    candidate_mask,
    cue_words,
    is_question,
)
from desktop_app.scoring.logistic import LogisticModel
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


def _may_suggest(lower: str) -> bool:
    """One of the hints occurs (a substring test each: ~2.8 -> ~1.9 us against one regex of them all)."""
    for hint in _SUGGESTION_HINTS:  # noqa: SIM110 - a plain loop: any() over a generator costs ~0.4 us more
        if hint in lower:
            return True
    return False


MAX_TOKENS = 80  # n-grams from the opening only: keeps long posts cheap and comparable to tweets


class TextSignals(NamedTuple):
    complaint_cues: dict[str, Cue]
    crisis_cues: dict[str, Cue]
    question: bool
    suggestion: bool
    features: dict[str, float]  # the complaint model's input (empty when `logit` was computed directly)
    churn: bool = False  # says they are leaving / cancelling
    insider: bool = False  # a (former) employee speaking
    mishap: Cue | None = None  # "lost my parcel", "keeps crashing"
    logit: float | None = None  # the complaint model's logit, when `signals` was given its weights


@dataclass(frozen=True, slots=True)
class ModelWeights:
    """A complaint model's weights arranged to score a text without building its feature dict: only the
    n-grams the model has a weight for are looked up, by word (no "w:..."/"b:..." strings are formatted)."""

    bias: float
    dense: dict[str, float]  # shape, cue, crisis, question and suggestion weights
    words: dict[str, float]  # "w:<word>"
    pairs: dict[tuple[str, str], float]  # "b:<a>_<b>", by (a, b)


def model_weights(model: LogisticModel) -> ModelWeights:
    words: dict[str, float] = {}
    pairs: dict[tuple[str, str], float] = {}
    dense: dict[str, float] = {}
    for key, weight in model.weights.items():
        if key.startswith("w:"):
            words[key[2:]] = weight
        elif key.startswith("b:") and "_" in key:
            first, second = key[2:].split("_", 1)
            pairs[first, second] = weight
        else:
            dense[key] = weight
    return ModelWeights(model.bias, dense, words, pairs)


def tokens(lower_text: str) -> list[str]:
    text = lower_text
    if "@" in text:
        text = _MENTION.sub(" <user> ", text)
    if _HAS_DIGIT.search(text) is not None:
        text = _NUMBER.sub(" <num> ", text)
    return _WORD.findall(text)[:MAX_TOKENS]


_HAS_DIGIT = re.compile(r"\d")


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
        "caps": min(len(_CAPS_WORD.findall(text)), 3) / 3.0 if _HAS_UPPER.search(text) else 0.0,
        "addressed": 1.0 if raw.lstrip().startswith("@") else 0.0,
        "link": 1.0 if "http" in raw else 0.0,
        "length": min(n_words, 60) / 60.0,
        "personal": 0.0 if runs.isdisjoint(_PERSONAL) else 1.0,
        "to_you": 0.0 if runs.isdisjoint(_ADDRESSEE) else 1.0,
    }


_HAS_UPPER = re.compile(r"[A-Z]{3}")


def signals(raw: str, sentiment: SentimentResult, weights: ModelWeights | None = None) -> TextSignals:
    """Every signal the complaint model and the category rules read, in one pass per regex. Given the model's
    `weights`, the logit is computed as the model would compute it from `features` (the same terms in the
    same order, so the same figure) and `features` is left empty."""
    text = clip(raw)
    lower = text.lower()
    words = cue_words(lower)
    mask = candidate_mask(words)
    complaint_cues = COMPLAINTS.find(lower, mask=mask)
    crisis_cues = CRISES.find(lower, mask=mask)
    question = is_question(lower)
    suggestion = _may_suggest(lower) and SUGGESTION.search(lower) is not None
    shape = _shape(raw, text, sentiment, _word_runs(words))
    situation = SITUATIONS.find(lower, mask=mask)
    churn, insider = "churn" in situation, "insider" in situation
    found = (complaint_cues, crisis_cues, question, suggestion)
    if weights is not None:
        logit = _logit(weights, shape, *found, tokens(lower))
        return TextSignals(*found, {}, churn, insider, situation.get("mishap"), logit)
    feats = shape
    feats.update((f"cue:{k}", 1.0) for k in complaint_cues)
    if crisis_cues:
        feats["crisis"] = 1.0
    if question:
        feats["question"] = 1.0
    if suggestion:
        feats["suggestion"] = 1.0
    feats.update(ngram_features(tokens(lower)))
    return TextSignals(*found, feats, churn, insider, situation.get("mishap"))


def _logit(
    weights: ModelWeights,
    shape: dict[str, float],
    complaint_cues: dict[str, Cue],
    crisis_cues: dict[str, Cue],
    question: bool,
    suggestion: bool,
    toks: list[str],
) -> float:
    """`LogisticModel.logit` of the features `signals` would build, without building them: the same terms
    (weight x value, 0.0 for a feature the model has no weight for) in the same order (shape, cues, flags,
    distinct words, distinct word pairs), summed the same way, so the figure is the same to the last bit."""
    dense = weights.dense.get
    terms = [dense(key, 0.0) * value for key, value in shape.items()]
    terms += [dense(f"cue:{key}", 0.0) * 1.0 for key in complaint_cues]
    if crisis_cues:
        terms.append(dense("crisis", 0.0) * 1.0)
    if question:
        terms.append(dense("question", 0.0) * 1.0)
    if suggestion:
        terms.append(dense("suggestion", 0.0) * 1.0)
    distinct = dict.fromkeys(toks)
    terms += map(weights.words.get, distinct, itertools.repeat(0.0, len(distinct)))
    pairs = dict.fromkeys(itertools.pairwise(toks))
    terms += map(weights.pairs.get, pairs, itertools.repeat(0.0, len(pairs)))
    return weights.bias + sum(terms)
