"""Review and customer-care phrases, the learned sentiment correction, and the anchored cue scan."""

from __future__ import annotations

import re

import pytest

from desktop_app.scoring import phrases
from desktop_app.scoring.cues import COMPLAINT_CUES, COMPLAINTS, CRISES, CRISIS_CUES
from desktop_app.scoring.scorer import Scorer, default_scorer
from desktop_app.scoring.sentiment import NEUTRAL_BAND, SentimentScorer
from desktop_app.scoring.sentiment_model import Correction, Example, FitConfig, fit, load, words


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return default_scorer()


@pytest.fixture(scope="module")
def lexicon_only() -> SentimentScorer:
    return SentimentScorer(correction=Correction())


@pytest.mark.parametrize(
    "text",
    [
        "Save your money and buy something else.",
        "Thanks for nothing, @acme.",
        "Total waste of money.",
        "It stopped working after two days.",
        "Do not buy this phone.",
        "Nice paperweight.",
        "One star.",
    ],
)
def test_idioms_the_word_lexicon_misreads_are_negative(lexicon_only: SentimentScorer, text: str) -> None:
    assert lexicon_only.plain(text).score < -NEUTRAL_BAND


@pytest.mark.parametrize(
    "text",
    [
        "I can't recommend it enough!",
        "It doesn't get any better than this.",
        "Couldn't be happier with the service.",
        "You can't go wrong with this one.",
    ],
)
def test_praise_the_word_lexicon_misreads_is_positive(lexicon_only: SentimentScorer, text: str) -> None:
    assert lexicon_only.plain(text).score > NEUTRAL_BAND


def test_a_negated_phrase_flips() -> None:
    sentence = "it is not a waste of money"
    valences = phrases.apply(sentence, sentence.split(" "), [0.0] * 7)
    assert max(valences) > 0


def test_a_wish_halves_the_praise(lexicon_only: SentimentScorer) -> None:
    assert (
        lexicon_only.plain("A better design would be nice.").score
        < lexicon_only.plain("A better design, nice.").score
    )


def test_words_mark_negation_scope() -> None:
    assert words("not good, great") == {"not", "good_n", "great"}
    assert words("It isn't fast!") == {"it", "isn't", "fast_n", "!"}


def test_correction_is_gated_and_keeps_neutral_text_neutral() -> None:
    model = Correction(bias=-0.5, weights={"refund": -0.4, "meh": -0.01})
    assert model.apply(0.0, "a meh day") == 0.0  # inside the dead zone; the bias is never applied
    assert model.apply(0.0, "refund please") < -0.3
    assert model.apply(0.9, "refund please") > 0.85  # confident lexicons are barely moved


def test_fit_learns_a_residual_word() -> None:
    rows = [Example(0.0, frozenset({"refund", "x"}), -0.6), Example(0.0, frozenset({"x"}), 0.0)] * 30
    model = fit(rows, FitConfig(epochs=20, learning_rate=0.1, min_count=1))
    assert model.weights["refund"] < -0.2 and abs(model.weights.get("x", 0.0)) < 0.1


def test_shipped_correction_loads_and_is_small() -> None:
    model = load()
    assert 1_000 < len(model.weights) < 100_000


def _reference(cues: dict[str, tuple[str, str]], text: str) -> dict[str, str]:
    alternatives = "|".join(f"(?P<{k}>{p})" for k, (_, p) in cues.items())
    found: dict[str, str] = {}
    for m in re.finditer(rf"(?<![\w'])(?:{alternatives})", text):
        if m.lastgroup and m.lastgroup not in found:
            found[m.lastgroup] = cues[m.lastgroup][0].format(w=" ".join(m.group(0).split()))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "@acme 3hrs on hold, still no refund. worst service ever, my lawyer will hear of it",
        "..unacceptable! flat-billed, 4th time my card was stolen; class action next",
        "my order never arrived and the agent was rude. fix this",
        "lovely day at the beach",
    ],
)
def test_anchored_cue_scan_finds_what_the_full_regex_finds(text: str) -> None:
    for cue_set, cues in ((COMPLAINTS, COMPLAINT_CUES), (CRISES, CRISIS_CUES)):
        assert {k: c.reason for k, c in cue_set.find(text).items()} == _reference(cues, text)


def test_neutral_mentions_stay_neutral(scorer: Scorer) -> None:
    for text in ("The store opens at 9 on Sunday.", "@acme order 4471", "New colours arrive next week"):
        assert abs(scorer.score(text).sentiment) < NEUTRAL_BAND
