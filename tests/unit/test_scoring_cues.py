"""Categories the cue rules must get right on realistic brand-directed posts: discrimination is a crisis,
churn threats and insiders' criticism are complaints, suggestions and praise idioms are read as such."""

from __future__ import annotations

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.scoring.scorer import ScoreContext, Scorer, default_scorer

CTX = ScoreContext(brand_terms=("acme", "Northwind"))


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return default_scorer()


@pytest.mark.parametrize(
    "text",
    [
        "The staff at @acme refused to serve my friend because she wears a hijab",
        "An @acme employee called my friend a racial slur at the counter",
        "Northwind security followed us round the whole store. Racial profiling, plain and simple.",
        "Manager at the Leeds @acme asked us to leave because my partner is in a wheelchair",
        "They wouldn't seat us at Northwind because of my son's autism, disgusting",
        "Acme driver shouted the n-word at me in the car park",
    ],
)
def test_discrimination_is_a_crisis_with_a_short_reason(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, CTX)
    assert s.category is Category.CRISIS and s.urgency >= 90 and s.label is Label.NEGATIVE
    assert s.reasons[0].startswith("alleges discrimination") and len(s.reasons[0]) <= 60


@pytest.mark.parametrize(
    "text",
    [
        "Acme refused to serve me because I had no receipt",
        "They turned us away because the kitchen was closing",
        "My slurpee from acme was great",
    ],
)
def test_refusals_for_ordinary_reasons_are_not_discrimination(scorer: Scorer, text: str) -> None:
    assert scorer.score(text, CTX).category is not Category.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "@acme you should really add dark mode",
        "You guys should seriously consider a loyalty card",
        "@acme pls add a dark mode to the app",
        "It would be so nice if the Acme app had a widget",
        "You should have an option for oat milk at every store",
    ],
)
def test_suggestions(scorer: Scorer, text: str) -> None:
    assert scorer.score(text, CTX).category is Category.SUGGESTION


def test_you_should_have_told_me_is_not_a_suggestion(scorer: Scorer) -> None:
    assert scorer.score("@acme you should have told me the store was shut", CTX).category is not (
        Category.SUGGESTION
    )


@pytest.mark.parametrize(
    "text",
    [
        "Switching to Zenith next month. Done.",
        "Cancelling my Acme subscription today",
        "@acme you just lost a customer",
        "Moving my account to @zenbank, bye",
        "Time to find a new provider",
    ],
)
def test_churn_threats_are_complaints_worth_answering(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, CTX)
    assert s.category is Category.COMPLAINT
    assert s.urgency >= 35 and "threatens to leave" in s.reasons


@pytest.mark.parametrize("text", ["Going to bed, big day at Acme tomorrow", "I switched to the annual plan"])
def test_ordinary_moves_are_not_churn(scorer: Scorer, text: str) -> None:
    assert "threatens to leave" not in scorer.score(text, CTX).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Not bad at all @acme",
        "Can't believe how good the new Acme update is",
        "Shoutout to @acme for sponsoring the local marathon",
        "Kudos to the Northwind team, the new menu is lovely",
        "The @acme barista made my day",
    ],
)
def test_praise_idioms_are_praise(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, CTX)
    assert s.category is Category.PRAISE and s.label is Label.POSITIVE


def test_cant_believe_is_not_a_question(scorer: Scorer) -> None:
    assert scorer.score("Can't believe how slow the Acme app is").category is not Category.QUESTION


@pytest.mark.parametrize(
    "text",
    [
        "Former Acme employee here: they cut corners on safety training and management knew",
        "Ex-barista at Northwind here, the milk is past its date half the time",
        "I used to work for Acme and can confirm the returns just get binned",
    ],
)
def test_insiders_criticism_is_a_complaint_never_praise(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, CTX)
    assert s.category is Category.COMPLAINT
    assert "an employee or ex-employee speaking" in s.reasons


def test_an_insiders_kind_words_are_not_filed_as_praise(scorer: Scorer) -> None:
    s = scorer.score(
        "Former Acme employee here: honestly the best team I ever worked with, great people", CTX
    )
    assert s.category is Category.OTHER


@pytest.mark.parametrize(
    "text",
    [
        "@acme lost my parcel again",
        "@acme app keeps logging me out",
        "@acme the driver threw my parcel over the fence",
        "@acme the new update deleted all my photos",
        "Acme lost my luggage on the way to Rome",
    ],
)
def test_what_the_brand_did_to_the_customers_things_is_a_complaint(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, CTX)
    assert s.category is Category.COMPLAINT
    assert s.reasons[0] != "sounds like a complaint" or any(r.startswith('reports "') for r in s.reasons)


def test_a_mishap_is_named_when_no_other_cue_says_why(scorer: Scorer) -> None:
    s = scorer.score("@acme app keeps logging me out", CTX)
    assert 'reports "keeps logging me out"' in s.reasons


def test_a_customers_own_mishap_is_not_the_brands(scorer: Scorer) -> None:
    s = scorer.score("I lost my Acme card, can I get a new one?", CTX)
    assert not any(r.startswith('reports "') for r in s.reasons)
    assert s.category is Category.QUESTION


def test_done_waiting_is_a_churn_threat(scorer: Scorer) -> None:
    s = scorer.score("@acme I'm done waiting, cancel my order", CTX)
    assert s.category is Category.COMPLAINT and "threatens to leave" in s.reasons
