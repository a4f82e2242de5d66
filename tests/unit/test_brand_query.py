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


def profile_matcher(brand: str, aliases: tuple[str, ...] = (), excluded: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return query_for_profile(BrandProfile(brand, aliases, (), excluded)).matcher()


def test_a_quoted_alias_is_a_phrase() -> None:
    m = profile_matcher("Northwind", ('"Acme Coffee"',))
    assert m.matches("ACME   coffee was cold")
    assert not m.matches("Acme and coffee")
    assert not m.matches("acme coffeehouse")
    assert profile_matcher('"Acme Coffee"').matches("love acme coffee")
    assert profile_matcher("Northwind", ("\u201cAcme Coffee\u201d",)).matches("acme coffee")  # typed on a Mac


def test_aliases_in_the_query_syntax_mean_what_it_says() -> None:
    m = profile_matcher("Northwind", ("AcmeCo OR @acme", 'Acme "coffee house" -recipe'))
    assert m.matches("acmeco is late") and m.matches("hey @Acme")
    assert m.matches("the acme coffee house on Elm")
    assert not m.matches("acme coffee house recipe")
    assert not m.matches("acme house")


def test_excluded_terms_as_typed() -> None:
    m = profile_matcher("Acme", excluded=('-"acme trail"', "recipe OR pancakes", "\u201cwile e\u201d"))
    assert m.matches("Acme lost my order")
    assert not m.matches("hiking the Acme Trail")  # masks the brand inside it
    assert m.matches("the acme trail cafe: Acme ruined my day")  # ...not a post naming the brand too
    assert not m.matches("acme pancakes") and not m.matches("an Acme recipe")
    assert not m.matches("Wile E. bought an acme rocket")


def test_profile_word_boundaries_and_case() -> None:
    m = profile_matcher("Acme", ("Acme Corp.",))
    assert m.matches("ACME!") and m.matches("#acme") and m.matches("I love acme corp. a lot")
    assert not m.matches("pharmacme") and not m.matches("acmes") and not m.matches("acme_corp")


def test_a_broken_alias_never_stops_the_workspace() -> None:
    m = profile_matcher("Acme", ("Joe's \"Diner",))
    assert m.matches("joe's diner") and m.matches("acme")
    assert profile_matcher("OR Tools").matches("or tools") and not profile_matcher("OR Tools").matches(
        "tools"
    )


@given(st.text(), st.lists(st.text(), max_size=3), st.lists(st.text(), max_size=3), st.text())
def test_query_for_profile_never_crashes(
    brand: str, aliases: list[str], excluded: list[str], text: str
) -> None:
    try:
        q = query_for_profile(BrandProfile(brand, tuple(aliases), (), tuple(excluded)))
    except UserError:
        assert not " ".join([brand, *aliases]).replace('"', "").strip()
        return
    q.matcher().matches(text)
