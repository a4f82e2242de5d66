"""Tone checks: every finding code has a case that raises it and a close case that does not."""

from __future__ import annotations

import time

import pytest

from desktop_app.drafting.tone import check

GOOD = (
    "Hi @sam, thanks for telling us about the wait, and I'm sorry. Could you send us a DM with your "
    "order time? We'll look into it today."
)


def codes(draft: str, category: str = "complaint", channel: str | None = "reddit", **kw: object) -> set[str]:
    return {f.code for f in check(draft, mention_category=category, channel=channel, **kw)}  # type: ignore[arg-type]


def test_a_good_reply_passes() -> None:
    assert check(GOOD, mention_category="complaint", channel="x") == []


def test_findings_say_why_and_how() -> None:
    for finding in check("Calm down!!", mention_category="complaint", channel="x"):
        assert finding.message and finding.fix and finding.severity in ("error", "warning")


# (code, a draft that raises it, a draft that does not, category, channel)
CASES = [
    ("empty", "   ", GOOD, "complaint", "x"),
    ("unfilled_placeholder", GOOD + " [signature?]", GOOD + " Sam", "complaint", "x"),
    ("too_long", GOOD + " x" * 100, GOOD, "complaint", "x"),
    ("personal_data", GOOD + " Your email jane.doe@mail.example is on file.", GOOD, "complaint", "reddit"),
    (
        "personal_data",
        GOOD + " We'll call you on 555-123-4567.",
        GOOD + " We'll call you at 9.",
        "complaint",
        "reddit",
    ),
    ("personal_data", GOOD + " About order #A-998812:", GOOD + " About your order:", "complaint", "reddit"),
    (
        "personal_data",
        GOOD + " Is it 42 Elm Street?",
        GOOD + " Is it our Elm St store?",
        "complaint",
        "reddit",
    ),
    (
        "personal_data",
        GOOD + " Card 4111 1111 1111 1111.",
        GOOD + " Since 2026-11-20.",
        "complaint",
        "reddit",
    ),
    (
        "hostile_words",
        GOOD + " This complaint is ridiculous.",
        GOOD + " This is a fair complaint.",
        "complaint",
        "x",
    ),
    (
        "negative_tone",
        "Thanks for writing. Your post is nasty, unfair and hateful. We'll reply by DM.",
        "Thanks for writing. Your post is fair and helpful. We'll reply by DM.",
        "other",
        "reddit",
    ),
    (
        "defensive_phrase",
        GOOD + " As per our policy, refunds take 10 days.",
        GOOD + " Refunds take about 10 days.",
        "complaint",
        "reddit",
    ),
    (
        "defensive_phrase",
        GOOD + " You should have checked the receipt.",
        GOOD + " Keep the receipt handy.",
        "complaint",
        "reddit",
    ),
    (
        "defensive_phrase",
        GOOD + " Unfortunately you missed the deadline.",
        GOOD + " The deadline passed.",
        "complaint",
        "reddit",
    ),
    (
        "defensive_phrase",
        GOOD + " As stated, it closes at 6.",
        GOOD + " It closes at 6.",
        "complaint",
        "reddit",
    ),
    ("defensive_phrase", GOOD + " Please calm down.", GOOD + " Please bear with us.", "complaint", "reddit"),
    (
        "defensive_phrase",
        GOOD + " Actually, it was open.",
        GOOD + " It was open, I think.",
        "complaint",
        "reddit",
    ),
    (
        "defensive_phrase",
        GOOD + " You failed to attach it.",
        GOOD + " Please attach it.",
        "complaint",
        "reddit",
    ),
    (
        "missing_acknowledgement",
        "Sorry. Please DM us and we'll sort it.",
        "Sorry to hear it. Please DM us and we'll sort it.",
        "complaint",
        "x",
    ),
    (
        "missing_apology",
        "Thanks for telling us. Please DM us and we'll sort it.",
        "Thanks for telling us, and sorry. Please DM us and we'll sort it.",
        "complaint",
        "x",
    ),
    (
        "missing_next_step",
        "Thanks for telling us, and sorry. DMs are open.",
        "Thanks for telling us, and sorry. Please DM us.",
        "complaint",
        "x",
    ),
    (
        "missing_private_channel",
        "Thanks for telling us, and sorry. We'll fix it.",
        "Thanks for telling us, and sorry. We'll fix it; reach out any time.",
        "complaint",
        "x",
    ),
    (
        "admits_liability",
        GOOD + " It was our fault.",
        GOOD + " We're looking into what happened.",
        "crisis",
        "x",
    ),
    (
        "shouting",
        GOOD + " We are VERY SORRY.",
        GOOD + " We are very sorry about the FAQ.",
        "complaint",
        "reddit",
    ),
    (
        "multiple_exclamations",
        "Thank you so much!! See you soon.",
        "Thank you so much! See you soon.",
        "praise",
        "x",
    ),
    ("crisis_exclamation", GOOD.replace("today.", "today!"), GOOD, "crisis", "x"),
]


@pytest.mark.parametrize(("code", "bad", "good", "category", "channel"), CASES, ids=[c[0] for c in CASES])
def test_code_raised_and_not_raised(code: str, bad: str, good: str, category: str, channel: str) -> None:
    assert code in codes(bad, category, channel)
    assert code not in codes(good, category, channel)


def test_complaint_shape_is_not_asked_of_praise_replies() -> None:
    assert codes("Thank you, this made our day.", "praise", "x") == set()


def test_brand_contact_may_be_posted() -> None:
    draft = GOOD + " Or email care@nw.example or call 555 010 2000 1."
    assert "personal_data" in codes(draft)
    assert "personal_data" not in codes(draft, public_contacts=["care@nw.example", "555 010 2000 1"])


def test_support_address_counts_as_a_private_channel() -> None:
    draft = "Thanks for telling us, and sorry. We'll sort it: care@nw.example"
    assert "missing_private_channel" not in codes(draft, public_contacts=["care@nw.example"])


def test_repeated_personal_data_says_so() -> None:
    findings = check(
        GOOD + " Re order #55512345.",
        mention_category="complaint",
        channel="x",
        mention_text="my order #55512345 is late",
    )
    assert any(f.code == "personal_data" and "repeated from their post" in f.message for f in findings)


def test_apology_words_alone_do_not_make_the_tone_negative() -> None:
    draft = "I'm so sorry the coffee was awful and the staff were rude. We'll make it right; please DM us."
    assert "negative_tone" not in codes(draft)


def test_fast_enough_to_run_while_typing() -> None:
    draft = (GOOD + " ") * 8
    draft = draft[:1000]
    check(draft, mention_category="complaint", channel="x")
    best = min(_timed(draft) for _ in range(20))
    assert best < 0.005


def _timed(draft: str) -> float:
    start = time.perf_counter()
    check(draft, mention_category="complaint", channel="x")
    return time.perf_counter() - start
