"""Rendering templates and building their variables."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.models import BrandProfile
from desktop_app.drafting.render import issue_phrase, placeholders, render, variables_for


def test_fills_known_variables() -> None:
    out = render(
        "Hi {author}, sorry about {issue}. {signature}",
        {"author": "@sam", "issue": "the wait", "signature": "Jo"},
    )
    assert out.text == "Hi @sam, sorry about the wait. Jo"
    assert out.missing == []


def test_missing_variable_becomes_a_marker_and_is_listed_once() -> None:
    out = render("Hi {author}, about {issue}: {issue}. Email {support_channel}.", {"author": "@sam"})
    assert out.text == "Hi @sam, about [issue?]: [issue?]. Email [support_channel?]."
    assert out.missing == ["issue", "support_channel"]


def test_blank_value_counts_as_missing() -> None:
    assert render("{signature}", {"signature": "  "}).missing == ["signature"]


def test_unknown_and_stray_braces_are_left_as_typed() -> None:
    text = "Use {curly} or { author } or {{author}} and a } and {"
    out = render(text, {"author": "@a"})
    assert out.text == "Use {curly} or { author } or {@a} and a } and {"
    assert out.missing == []


def test_values_are_not_rescanned() -> None:
    assert render("{author}", {"author": "{issue}"}).text == "{issue}"


def test_placeholders_lists_names_in_order() -> None:
    assert placeholders("{a} {b} {a} {not valid}") == ["a", "b"]


@settings(max_examples=300, deadline=None)
@given(st.text(), st.dictionaries(st.text(max_size=12), st.text(max_size=20), max_size=6))
def test_render_never_raises(text: str, variables: dict[str, str]) -> None:
    out = render(text, variables)
    assert isinstance(out.text, str)
    assert all(isinstance(name, str) for name in out.missing)


def test_variables_for_a_handle_channel() -> None:
    mention = {"author": "quinn", "source_kind": "bluesky", "text": "My refund never came", "reasons": []}
    values = variables_for(
        mention, BrandProfile("Northwind"), {"signature": "Sam", "support_email": "care@nw.example"}
    )
    assert values["author"] == "@quinn"
    assert values["brand"] == "Northwind"
    assert values["issue"] == "your refund"
    assert values["support_channel"] == "care@nw.example"
    assert values["signature"] == "Sam"


def test_variables_for_a_review_uses_the_name_and_first_name() -> None:
    mention = {
        "author": "Finley V.",
        "source_kind": "yelp",
        "text": "Staff were rude",
        "reasons": ["staff were rude"],
    }
    values = variables_for(mention, "Northwind")
    assert values["author"] == "Finley V."
    assert values["first_name"] == "Finley"
    assert values["issue"] == "how you were treated"
    assert "support_channel" not in values


def test_issue_prefers_reasons_then_text_then_a_default() -> None:
    assert issue_phrase(["billing problem"], "the app crashed") == "the charge on your account"
    assert issue_phrase([], "the app crashed twice") == "the app"
    assert issue_phrase([], "meh") == "what happened"
