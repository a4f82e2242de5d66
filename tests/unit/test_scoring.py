"""Behaviour of the scorer: categories, urgency ordering, reasons, robustness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.models import Category, Label
from desktop_app.scoring.scorer import ScoreContext, Scorer, default_scorer

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return default_scorer()


def test_default_scorer_is_cached() -> None:
    assert default_scorer() is default_scorer()


def test_delayed_flight_is_an_urgent_complaint(scorer: Scorer) -> None:
    s = scorer.score("Flight delayed 3 hours and no one at the desk")
    assert s.category is Category.COMPLAINT
    assert s.complaint >= 0.7
    assert s.label is Label.NEGATIVE
    assert s.urgency >= 50
    assert "reports a delay" in s.reasons
    assert "no one answered" in s.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I hate Mondays but @acme coffee saves me",
        "Traffic was a nightmare this morning but the @acme barista made my day",
        "Awful week; @acme pizza is the best thing in it",
        "My flight got cancelled (weather, nobody's fault) but Acme crew rebooked me in minutes, brilliant",
    ],
)
def test_brand_clause_outweighs_unrelated_negativity(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, ScoreContext(brand_terms=("acme",)))
    assert s.label is Label.POSITIVE and s.sentiment >= 0.3
    assert s.category is Category.PRAISE
    assert "sounds frustrated" not in s.reasons


def test_the_clause_a_but_overrules_counts_less(scorer: Scorer) -> None:
    ctx = ScoreContext(brand_terms=("acme",))
    but = scorer.score("The @acme app looks nice but it crashes every time I pay", ctx)
    assert but.sentiment < 0 and but.category is Category.COMPLAINT
    praise = scorer.score("The @acme app crashed once but support fixed it fast, great team", ctx)
    assert praise.sentiment > 0.3


def test_brand_sentence_weighs_more(scorer: Scorer) -> None:
    text = "The weather today is awful and gloomy. Acme support fixed my problem fast, great people!"
    plain = scorer.score(text)
    targeted = scorer.score(text, ScoreContext(brand_terms=("Acme",)))
    assert targeted.sentiment > plain.sentiment
    assert targeted.label is not Label.NEGATIVE and plain.sentiment < targeted.sentiment


def test_an_address_line_does_not_dilute_what_follows(scorer: Scorer) -> None:
    text = "@acme hi. My order never arrived, worst service ever"
    targeted = scorer.score(text, ScoreContext(brand_terms=("acme",)))
    assert targeted.sentiment <= scorer.score(text).sentiment + 0.01 and targeted.label is Label.NEGATIVE


def test_a_crisis_or_complaint_is_not_labelled_mildly_positive(scorer: Scorer) -> None:
    text = (
        "Posting this as a warning. My friend had an allergic reaction after the Acme staff told her the "
        "caramel drizzle was dairy-free. Please, if you have a real allergy, ask to see the ingredient binder."
    )
    s = scorer.score(text, ScoreContext(brand_terms=("Acme",)))
    assert s.category is Category.CRISIS and s.label is not Label.POSITIVE


def test_review_stars_count_as_the_authors_verdict(scorer: Scorer) -> None:
    text = "Waited a while but the latte was fine and the staff were kind."
    one, five = (scorer.score(text, ScoreContext(rating=r)) for r in (1, 5))
    assert one.sentiment < scorer.score(text).sentiment < five.sentiment
    assert one.label is not Label.POSITIVE and five.label is Label.POSITIVE


def test_negation_across_sentences_does_not_flip_the_tone(scorer: Scorer) -> None:
    s = scorer.score("@acme charged me twice and support never replied. Worst company ever, I want a refund")
    assert s.sentiment < -0.5
    assert s.complaint > 0.9
    assert "asks for a refund" in s.reasons or "billing problem" in s.reasons


@pytest.mark.parametrize(
    ("text", "reason_word"),
    [
        ("If this isn't fixed my lawyer will be in touch", "lawyer"),
        ("We are filing a lawsuit against you", "lawsuit"),
        ("My son had an allergic reaction to your cereal, nothing on the label", "allergic reaction"),
        ("Got food poisoning after eating at your Main St store", "food poisoning"),
        ("Your charger caught fire on my desk last night", "caught fire"),
        ("Your account database was hacked and my card details leaked", "hacked"),
        ("Reporting you to the BBB and the FTC today", "bbb"),
        ("The manager was openly racist to my family", "racist"),
    ],
)
def test_crisis_phrases_are_crisis_and_urgent(scorer: Scorer, text: str, reason_word: str) -> None:
    s = scorer.score(text)
    assert s.category is Category.CRISIS
    assert s.urgency >= 90
    assert reason_word in s.reasons[0]


def test_sue_as_a_name_is_not_a_crisis(scorer: Scorer) -> None:
    assert scorer.score("Sue from the Leeds store was so helpful, thank you!").category is not Category.CRISIS


def test_categories_for_clear_cases(scorer: Scorer) -> None:
    assert scorer.score("How do I export my playlists to a new phone?").category is Category.QUESTION
    assert scorer.score("Does anyone know if the app works offline").category is Category.QUESTION
    assert scorer.score("Would be nice if you could add a dark mode").category is Category.SUGGESTION
    assert scorer.score("Feature request: please add CSV export").category is Category.SUGGESTION
    assert scorer.score("Absolutely love the new update, great work team!").category is Category.PRAISE
    assert scorer.score("Walked past the new store on Main Street today").category is Category.OTHER


def test_complaint_ranks_above_question_above_praise(scorer: Scorer) -> None:
    complaint = scorer.score("Still waiting for my refund, 3 weeks now and nobody answers the phone")
    question = scorer.score("How do I change my delivery address?")
    praise = scorer.score("Love this brand, best coffee in town :)")
    assert complaint.urgency > question.urgency > praise.urgency
    assert complaint.complaint > question.complaint > praise.complaint


def test_answered_lowers_urgency(scorer: Scorer) -> None:
    text = "My order never arrived and customer service ignored my emails. I want a refund."
    open_ = scorer.score(text)
    done = scorer.score(text, ScoreContext(answered=True))
    assert done.urgency <= open_.urgency * 0.5
    assert done.reasons[0] == "already answered"
    assert "still unanswered" in open_.reasons


def test_answered_crisis_drops_below_the_floor(scorer: Scorer) -> None:
    done = scorer.score("I will sue you over this", ScoreContext(answered=True))
    assert done.category is Category.CRISIS
    assert done.urgency < 50


def test_reach_raises_urgency_with_a_reason(scorer: Scorer) -> None:
    text = "The app keeps crashing when I upload photos"
    quiet = scorer.score(text)
    loud = scorer.score(text, ScoreContext(reach=1200, reach_label="upvotes"))
    assert loud.urgency >= quiet.urgency + 10
    assert "1,200 upvotes" in loud.reasons
    assert "1 like" in scorer.score(text, ScoreContext(reach=1, reach_label="likes")).reasons


def test_recency_decays_over_days(scorer: Scorer) -> None:
    text = "Package is late again and tracking shows nothing"
    fresh = scorer.score(text, ScoreContext(published_at=NOW - timedelta(hours=2), now=NOW))
    day = scorer.score(text, ScoreContext(published_at=NOW - timedelta(days=2), now=NOW))
    old = scorer.score(text, ScoreContext(published_at=NOW - timedelta(days=20), now=NOW))
    assert fresh.urgency > day.urgency > old.urgency
    assert "posted 2 hours ago" in fresh.reasons


def test_low_rating_and_repeat_author_raise_urgency(scorer: Scorer) -> None:
    text = "Not what I expected, the strap is poor quality"
    base = scorer.score(text).urgency
    one_star = scorer.score(text, ScoreContext(rating=1.0))
    repeat = scorer.score(text, ScoreContext(author_prior_complaints=3))
    assert one_star.urgency > base and "1-star review" in one_star.reasons
    assert repeat.urgency > base and "complained 3 times before" in repeat.reasons


def test_author_history_reads_as_a_count_of_complaints(scorer: Scorer) -> None:
    complaint = "My parcel is late, again"
    second = scorer.score(complaint, ScoreContext(author_prior_complaints=1))
    third = scorer.score(complaint, ScoreContext(author_prior_complaints=2))
    assert "2nd complaint from this person" in second.reasons
    assert "3rd complaint from this person" in third.reasons and third.urgency > second.urgency
    question = scorer.score("What time does the Leeds store open?", ScoreContext(author_prior_complaints=2))
    assert question.category is Category.QUESTION and "complained 2 times before" in question.reasons
    assert "complained" not in " ".join(scorer.score(complaint).reasons)


def test_reasons_are_short_ordered_and_bounded(scorer: Scorer) -> None:
    ctx = ScoreContext(
        reach=5000, reach_label="likes", published_at=NOW - timedelta(minutes=20), now=NOW, rating=1
    )
    s = scorer.score("Worst service ever!!! Charged twice, no refund, nobody replies. Never again.", ctx)
    assert 1 <= len(s.reasons) <= 5
    assert len(set(s.reasons)) == len(s.reasons)
    assert all(0 < len(r) <= 60 for r in s.reasons)
    assert s.urgency == 89  # the most a non-crisis can reach: every crisis sits above it


def test_any_crisis_outranks_any_non_crisis(scorer: Scorer) -> None:
    loud = ScoreContext(
        reach=3000, reach_label="likes", published_at=NOW - timedelta(minutes=5), now=NOW, rating=1
    )
    complaint = scorer.score("My order arrived broken, worst service ever, I want a refund!!!", loud)
    old = ScoreContext(published_at=NOW - timedelta(days=2), now=NOW)
    crisis = scorer.score("My lawyer will be in touch", old)
    quiet_crisis = scorer.score("The caramel gave my son an allergic reaction", ScoreContext())
    assert complaint.category is Category.COMPLAINT and complaint.urgency <= 89
    assert crisis.category is Category.CRISIS and quiet_crisis.category is Category.CRISIS
    assert min(crisis.urgency, quiet_crisis.urgency) >= 90 > complaint.urgency
    assert scorer.score("I will sue you", loud).urgency > crisis.urgency  # reach still orders crises


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "!!!???",
        "😡" * 50,
        "Это ужасный сервис, верните деньги",
        "这个产品太糟糕了",
        "x" * 2_000_000,
    ],
)
def test_odd_input_does_not_crash(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, ScoreContext(brand_terms=("acme", "")))
    assert -1.0 <= s.sentiment <= 1.0
    assert 0 <= s.urgency <= 100
    assert 0.0 <= s.complaint <= 1.0
    assert 1 <= len(s.reasons) <= 5


def test_emoji_and_emoticons_carry_tone(scorer: Scorer) -> None:
    assert scorer.score("@acme 😡😡😡").label is Label.NEGATIVE
    assert scorer.score("@acme :(").label is Label.NEGATIVE
    assert scorer.score("@acme 👍").label is Label.POSITIVE


def test_caps_and_exclamations_intensify(scorer: Scorer) -> None:
    calm = scorer.score("this is bad").sentiment
    loud = scorer.score("this is BAD!!!").sentiment
    assert loud < calm < 0


def test_negation_flips(scorer: Scorer) -> None:
    assert scorer.score("the support was good").sentiment > 0
    assert scorer.score("the support was not good").sentiment < 0


def test_title_is_scored_with_the_text(scorer: Scorer) -> None:
    s = scorer.score("Details inside.", ScoreContext(title="Acme overcharged me and refuses a refund"))
    assert s.category is Category.COMPLAINT


def test_score_many_matches_score(scorer: Scorer) -> None:
    items = [("great stuff", ScoreContext()), ("refund me now", ScoreContext(reach=10))]
    assert scorer.score_many(items) == [scorer.score(t, c) for t, c in items]
    assert scorer.score_many([]) == []


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=400),
    reach=st.one_of(st.none(), st.integers(min_value=-10, max_value=10**12)),
    rating=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    prior=st.integers(min_value=-5, max_value=10**6),
    answered=st.booleans(),
    age_hours=st.one_of(st.none(), st.floats(min_value=-1000, max_value=1e6)),
)
def test_ranges_hold_for_any_input(
    text: str, reach: int | None, rating: float | None, prior: int, answered: bool, age_hours: float | None
) -> None:
    published = None if age_hours is None else NOW - timedelta(hours=age_hours)
    ctx = ScoreContext(
        brand_terms=("acme",),
        reach=reach,
        rating=rating,
        author_prior_complaints=prior,
        answered=answered,
        published_at=published,
        now=NOW,
    )
    s = default_scorer().score(text, ctx)
    assert -1.0 <= s.sentiment <= 1.0
    assert 0.0 <= s.complaint <= 1.0
    assert isinstance(s.urgency, int) and 0 <= s.urgency <= 100
    assert 1 <= len(s.reasons) <= 5
    assert s.category in set(Category)


def test_a_crisis_or_sure_complaint_in_flat_words_is_labelled_negative() -> None:
    from datetime import UTC, datetime

    from desktop_app.core.models import Category, Label
    from desktop_app.scoring.scorer import ScoreContext, default_scorer

    ctx = ScoreContext(brand_terms=("Northwind Coffee",), now=datetime(2026, 11, 1, tzinfo=UTC))
    crisis = default_scorer().score(
        "Northwind Coffee Westgate: mouse in the pastry case, staff shrugged it off. Health department has been"
        " called. Video going to the press.",
        ctx,
    )
    assert crisis.category == Category.CRISIS and crisis.label == Label.NEGATIVE
    assert crisis.sentiment > -0.05  # the figure itself is left as the words give it
    question = default_scorer().score("Is Northwind Coffee open on Sunday?", ctx)
    assert question.label == Label.NEUTRAL
