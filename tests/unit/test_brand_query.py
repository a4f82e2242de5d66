from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.errors import UserError
from desktop_app.core.models import BrandProfile
from desktop_app.scoring.brand_query import parse_query, query_for_profile


def matcher(query: str):  # type: ignore[no-untyped-def]
    return parse_query(query).matcher()


def test_word_boundaries_and_case() -> None:
    m = matcher("acme")
    assert m.matches("I bought from ACME yesterday")
    assert m.matches("acme's support is slow")
    assert not m.matches("the acmeville fair")
    assert not m.matches("pharmacme")


def test_phrase_allows_any_spacing() -> None:
    m = matcher('"acme coffee"')
    assert m.matches("Acme   Coffee rocks")
    assert m.matches("acme\ncoffee")
    assert not m.matches("acme and coffee")


def test_or_and_implicit_and() -> None:
    m = matcher('"acme corp" OR acme refund')
    assert m.matches("Acme Corp is late")
    assert m.matches("acme refund please")
    assert not m.matches("acme is fine")


def test_veto_exclusion() -> None:
    m = matcher("acme -recipe")
    assert m.matches("acme broke my order")
    assert not m.matches("acme recipe for pancakes")


def test_masking_exclusion_containing_the_brand() -> None:
    m = query_for_profile(
        BrandProfile("Northwind", ("@northwindcoffee",), (), ("Northwind Traders",))
    ).matcher()
    assert not m.matches("Northwind Traders shipped my parts")
    assert m.matches("Northwind Traders is not the same as Northwind, the café")
    assert m.matches("hey @northwindcoffee, my latte was cold")


def test_handles_and_hashtags() -> None:
    m = matcher("@acme OR #acmefail")
    assert m.matches("@acme where is my order")
    assert m.matches("so angry #AcmeFail")
    assert not m.matches("email me at x@acmes.com")


def test_errors_are_clear() -> None:
    with pytest.raises(UserError, match="unclosed quote"):
        parse_query('"acme')
    with pytest.raises(UserError, match="at least one"):
        parse_query("-spam")
    with pytest.raises(UserError):
        query_for_profile(BrandProfile("  "))


def test_describe_round_trips() -> None:
    q = parse_query('"acme corp" OR acme refund -"acme trail"')
    assert parse_query(q.describe()) == q


@given(st.text(), st.text())
def test_parser_and_matcher_never_crash(query: str, text: str) -> None:
    try:
        q = parse_query(query)
    except UserError:
        return
    q.matcher().matches(text)
