"""Sarcasm cues: praise words that mean the opposite are not praise, and ironic praise stays praise when the
problem was put right."""

from __future__ import annotations

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.scoring.sarcasm import is_sarcastic
from desktop_app.scoring.scorer import ScoreContext, Scorer, default_scorer


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return default_scorer()


SARCASTIC = [
    ("Oh great, @acmeair lost my bag AGAIN. Best airline ever 🙄", "acmeair"),
    ("Wow thanks @Acme for cancelling my order without telling me", "acme"),
    ("Yeah right '24/7 support' my foot", "acme"),
    ("Thanks for nothing @northwind, three emails and not one reply", "northwind"),
    ("Love that for me. @acme charged me twice for one pizza", "acme"),
    ("Great job @zenbank, the app is down again on payday /s", "zenbank"),
    ("Gotta love waiting 3 hours on hold with @telco", "telco"),
    ("Thank you @parcelco for losing my package, really appreciate it", "parcelco"),
    ("Just perfect. Flight delayed again and nobody at the gate 🙃 @skyjet", "skyjet"),
]


@pytest.mark.parametrize(("text", "brand"), SARCASTIC)
def test_sarcasm_is_negative_and_a_complaint(scorer: Scorer, text: str, brand: str) -> None:
    assert is_sarcastic(text)
    s = scorer.score(text, ScoreContext(brand_terms=(brand,)))
    assert s.label is Label.NEGATIVE and s.sentiment < -0.1
    assert s.category is Category.COMPLAINT


def test_sarcasm_is_named_as_a_reason(scorer: Scorer) -> None:
    s = scorer.score("Yeah right '24/7 support' my foot", ScoreContext(brand_terms=("acme",)))
    assert "sounds sarcastic" in s.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Oh great, it's fixed! Thanks @acme",
        "Best coffee ever, I'll be back again",
        "Best customer service ever, they fixed my broken screen in 10 minutes",
        "Thanks so much for the quick refund @acme",
        "Great job on the launch @acme, the new menu is lovely",
        "I broke my foot and @acme staff helped me to a seat, so kind",
        "Well done @telco, the outage was sorted in no time",
    ],
)
def test_sincere_praise_is_not_sarcasm(scorer: Scorer, text: str) -> None:
    assert not is_sarcastic(text)
    s = scorer.score(text, ScoreContext(brand_terms=("acme", "telco")))
    assert s.label is Label.POSITIVE
    assert "sounds sarcastic" not in s.reasons


def test_sarcasm_turns_the_praise_words_not_the_complaint_words(scorer: Scorer) -> None:
    sincere = scorer.score("Best airline ever, my bag arrived first")
    ironic = scorer.score("Best airline ever, they lost my bag")
    assert sincere.sentiment > 0.3 > -0.1 > ironic.sentiment


@pytest.mark.parametrize(
    "text",
    [
        "Great, another price hike from @acme. Love paying more for less",
        "@acme would be nice if you actually answered your phone",
        "Love being put on hold for an hour, @acme",
    ],
)
def test_passive_aggressive_praise_is_negative(scorer: Scorer, text: str) -> None:
    assert is_sarcastic(text)
    s = scorer.score(text, ScoreContext(brand_terms=("acme",)))
    assert s.label is Label.NEGATIVE and s.category not in (Category.PRAISE, Category.SUGGESTION)


def test_praise_for_a_problem_put_right_is_praise_not_a_complaint(scorer: Scorer) -> None:
    s = scorer.score("@acme wow, best customer service ever, sorted my issue in 5 minutes", ScoreContext())
    assert s.category is Category.PRAISE and s.label is Label.POSITIVE
