"""Sentiment: a measured blend of VADER and TextBlob (pattern), weighted toward brand sentences.

Blend weight chosen on the VADER ground-truth sets (benchmarks/quality.py): 0.7 * VADER compound +
0.3 * TextBlob polarity beats VADER alone on tweets, Amazon, movie and NYT snippets.
VADER (see vader.py) brings negation, all-caps, "!!!", boosters, emoticons and emoji, plus our review and
customer-care phrases (phrases.py); TextBlob adds a second lexicon with its own negation and intensifiers.
A small learned per-word correction (sentiment_model.py) then adjusts the blend where it is unsure.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from textblob.en import sentiment as _pattern_lazy

from desktop_app.scoring import pattern_fast, vader
from desktop_app.scoring.regex_prefilter import compile_prefiltered
from desktop_app.scoring.sarcasm import is_sarcastic
from desktop_app.scoring.sentiment_model import Correction, load
from desktop_app.scoring.text import clauses_of, clip

VADER_WEIGHT = 0.7
NEUTRAL_BAND = 0.05  # |score| below this is neutral, VADER's own convention
BRAND_WEIGHT = 4.0  # a clause about the brand counts this many times its strength
CLAUSE_CACHE = 8192  # clauses remembered per scorer
OTHER_WEIGHT = 0.35  # a clause not about the brand counts this much, however strongly worded

# TextBlob's own tokenizer costs half its time; this one gives the same blend figures (measured) at 2x speed.
_PATTERN_TOKENS = re.compile(r"[:;=8x][-o^']?[()\[\]dp/\\|*]+|<3|[a-z0-9]+(?:['’][a-z]+)?|[!?]|[.,;]")


# Words that refer back to the brand last named ("@acme your app... it crashes every time").
_REFERS_BACK = compile_prefiltered(
    r"\b(?:it|its|it's|they|their|theirs|them|you|your|you're|u|ur|this company)\b", re.I
)
_NEW_SUBJECT = re.compile(r"(?:i|i'm|my|we|our|the weather|traffic)\b", re.I)  # the post moved on
_SEVERAL_CLAUSES = compile_prefiltered(r"[.!?]\s+\S|\n|;|\s(?:but|however|although|though)\s", re.IGNORECASE)


@lru_cache(maxsize=1)
def _pattern() -> Any:
    """TextBlob's analyser without its lazy-dict indirection: its lexicon is a `lazydict` whose every
    `word in lexicon` goes through a Python-level wrapper. The same object on a plain dict scores
    identically (checked on the complaints corpus) and ~35% faster."""
    lazy_type: Any = type(_pattern_lazy)
    methods = ("__contains__", "__getitem__", "get", "__len__", "__iter__")
    fast_type: Any = type("_LoadedSentiment", (lazy_type,), {name: getattr(dict, name) for name in methods})
    "good" in _pattern_lazy  # noqa: B015 - loads the lexicon
    fast = fast_type.__new__(fast_type)
    dict.update(fast, dict.items(_pattern_lazy))
    fast.__dict__.update(_pattern_lazy.__dict__)
    return fast


class SentimentResult(NamedTuple):  # (as the other per-text records here) a tuple: ~5x cheaper to build
    score: float  # -1..1, the blend
    vader: float  # VADER compound of the analysed text
    pattern: float  # TextBlob polarity
    negative: float  # VADER's share of negative words, 0..1
    sarcastic: bool = False  # a sarcasm cue turned the text's positive words against it


def _blend(compound: float, pattern: float) -> float:
    return max(-1.0, min(1.0, VADER_WEIGHT * compound + (1.0 - VADER_WEIGHT) * pattern))


class _Clause(NamedTuple):
    result: SentimentResult
    names_brand: bool
    weight: float  # CONTRAST_DISCOUNT for the clause a "but" overrules, else 1


class SentimentScorer:
    """Holds the analysers once; call `analyse` per text."""

    def __init__(self, correction: Correction | None = None) -> None:
        vader.analyzer()  # load the lexicons now, not on the first mention
        self._pattern = _pattern()
        self._correction = load() if correction is None else correction
        self._clause_cache: dict[
            tuple[str, tuple[float, ...], bool], tuple[SentimentResult, list[float]]
        ] = {}

    def _polarities(self, tokens: list[str], sarcastic: bool) -> list[float]:
        """TextBlob's assessments (one polarity per opinion word or phrase); its polarity is their mean."""
        found = pattern_fast.polarities(self._pattern, tokens)
        return [p * vader.SARCASM_FLIP if p > 0 else p for p in found] if sarcastic else found

    def plain(self, text: str) -> SentimentResult:
        if not text.strip():
            return SentimentResult(0.0, 0.0, 0.0, 0.0)
        sarcastic = is_sarcastic(text)
        prepared = vader.prepare(text)
        compound, negative = vader.compound_neg(vader.valences_of(prepared, sarcastic), prepared)
        pattern = _mean(self._polarities(_PATTERN_TOKENS.findall(text.lower()), sarcastic))
        score = self._correction.apply(_blend(compound, pattern), text)
        return SentimentResult(score, compound, pattern, negative, sarcastic)

    def analyse(self, text: str, brand: re.Pattern[str] | None = None) -> SentimentResult:
        """Whole-text blend; with a brand pattern, clauses naming the brand weigh BRAND_WEIGHT times more."""
        text = clip(text)
        if brand is None or not brand.search(text) or not _SEVERAL_CLAUSES.search(text):
            return self.plain(text)
        return self._targeted(text, brand)

    def _targeted(self, text: str, brand: re.Pattern[str]) -> SentimentResult:
        """Each clause scored once; the whole-text figures are built from the clauses' parts (VADER's
        valences are per sentence, so the whole is exactly VADER's), not by scoring the text again."""
        sarcastic = is_sarcastic(text)
        prepared = vader.prepare(text)
        clauses: list[_Clause] = []
        all_valences: list[float] = []
        all_polarities: list[float] = []
        about_brand = False  # the brand was named: a following "it", "they", "your"... still means it
        for sentence in vader.sentences(prepared):
            valences = vader.sentence_valences(sentence, sarcastic)
            all_valences.extend(valences)
            for piece, first, weight in clauses_of(sentence):
                own = valences if piece is sentence else valences[first : first + len(piece.split())]
                result, polarities = self._clause(piece, own, sarcastic)
                all_polarities.extend(polarities)
                refers = brand.search(piece) is not None or (
                    about_brand and _REFERS_BACK.search(piece) is not None
                )
                about_brand = refers or (about_brand and not _NEW_SUBJECT.match(piece))
                clauses.append(_Clause(result, refers, weight))
        if len(clauses) < 2:
            return self.plain(text)
        compound, negative = vader.compound_neg(all_valences, prepared)
        pattern = _mean(all_polarities)
        whole = SentimentResult(_blend(compound, pattern), compound, pattern, negative, sarcastic)
        weighted = _brand_weighted(whole, clauses)
        return weighted if weighted is not None else self.plain(text)

    def _clause(
        self, piece: str, valences: tuple[float, ...], sarcastic: bool
    ) -> tuple[SentimentResult, list[float]]:
        """One clause's blend from its share of its sentence's VADER valences (so VADER's "but" rule still
        halves what the "but" overrules) and its own TextBlob assessments, which it also returns.
        A clause met again with the same valences (a title repeated as the opening line, a retweet, a
        signature) is a lookup."""
        key = (piece, valences, sarcastic)
        cached = self._clause_cache.get(key)
        if cached is None:
            if len(self._clause_cache) >= CLAUSE_CACHE:
                self._clause_cache.clear()
            cached = self._clause_cache[key] = self._score_clause(piece, valences, sarcastic)
        return cached

    def _score_clause(
        self, piece: str, valences: tuple[float, ...], sarcastic: bool
    ) -> tuple[SentimentResult, list[float]]:
        compound, negative = vader.compound_neg(valences, piece)
        polarities = self._polarities(_PATTERN_TOKENS.findall(piece.lower()), sarcastic)
        pattern = _mean(polarities)
        score = self._correction.apply(_blend(compound, pattern), piece)
        return SentimentResult(score, compound, pattern, negative, sarcastic), polarities


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _brand_weighted(whole: SentimentResult, clauses: list[_Clause]) -> SentimentResult | None:
    """Mean of clause scores: a clause about the brand weighs by how much it says (an address line, "@acme
    hi", says nothing and does not dilute the complaint after it), any other clause a fixed OTHER_WEIGHT (a
    strongly worded aside about Mondays does not outshout the brand), and the clause a "but" overrules
    counts half ("I hate Mondays but @brand coffee saves me" is praise). None when no clause says anything.

    Measured against human ratings of whole tweets addressed to someone (the VADER tweets with an @handle
    taken as the brand), Pearson r 0.805 with the former weights (4 x (0.2 + strength) / 1 x the same),
    0.818 with these; the plain whole-text score is 0.870 there, as it rates the whole tweet, not its target."""
    total = weight_sum = 0.0
    for clause in clauses:
        score = clause.result.score
        strength = BRAND_WEIGHT * abs(score) if clause.names_brand else OTHER_WEIGHT
        weight = clause.weight * strength
        total += weight * score
        weight_sum += weight
    if not weight_sum:
        return None
    return SentimentResult(total / weight_sum, whole.vader, whole.pattern, whole.negative, whole.sarcastic)
