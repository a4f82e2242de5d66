"""The workspace's brand query: which items mention the brand.

Syntax, case-insensitive, words match on word boundaries:
    acme                  a word
    "acme coffee"         a phrase (any run of spaces between its words)
    acme OR "acme corp"   either
    acme refund           both (AND is implicit)
    -"acme trail"         excluded

An excluded term that contains a brand term (brand "Northwind", excluded "Northwind Traders") masks that
phrase: "Northwind Traders" alone is no mention, but a post naming both is kept. Any other excluded term
("-recipe") drops the item outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core.errors import UserError
from desktop_app.core.models import BrandProfile

_TOKEN = re.compile(r'\s*(-?)(?:"([^"]*)"|(\S+))')


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class BrandQuery:
    groups: tuple[tuple[Term, ...], ...]  # OR of ANDs
    excluded: tuple[str, ...]

    def describe(self) -> str:
        parts = [" ".join(_quote(t.text) for t in g) for g in self.groups]
        text = " OR ".join(parts)
        if self.excluded:
            text += " " + " ".join("-" + _quote(e) for e in self.excluded)
        return text

    def matcher(self) -> BrandMatcher:
        return BrandMatcher(self)


class BrandMatcher:
    """A compiled BrandQuery; cheap to call for every fetched item."""

    def __init__(self, query: BrandQuery) -> None:
        self.query = query
        positives = [t.text for g in query.groups for t in g]
        masks = [e for e in query.excluded if any(_contains_word(e, p) for p in positives)]
        self._veto = _any_regex(e for e in query.excluded if e not in masks)
        self._mask = _any_regex(masks)
        self._groups = [[_term_regex(t.text) for t in g] for g in query.groups]

    def matches(self, *texts: str) -> bool:
        haystack = "\n".join(t for t in texts if t)
        if not haystack:
            return False
        if self._veto is not None and self._veto.search(haystack):
            return False
        if self._mask is not None:
            haystack = self._mask.sub(" ", haystack)
        return any(all(rx.search(haystack) for rx in group) for group in self._groups)


def _quote(text: str) -> str:
    return f'"{text}"' if " " in text else text


def _term_pattern(text: str) -> str:
    words = [re.escape(w) for w in text.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def _term_regex(text: str) -> re.Pattern[str]:
    return re.compile(_term_pattern(text), re.IGNORECASE)


def _any_regex(terms: Iterable[str]) -> re.Pattern[str] | None:
    terms = sorted(set(terms), key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(_term_pattern(t) for t in terms), re.IGNORECASE)


def _contains_word(outer: str, inner: str) -> bool:
    return _term_regex(inner).search(outer) is not None


def parse_query(query: str) -> BrandQuery:
    """Parse the query syntax above. Raises UserError on an empty or unbalanced query."""
    query = straight_quotes(query)
    if query.count('"') % 2:
        raise UserError(f"The query {query!r} has an unclosed quote.")
    groups: list[list[Term]] = [[]]
    excluded: list[str] = []
    for match in _TOKEN.finditer(query):
        neg, phrase, word = match.groups()
        text = " ".join((phrase if phrase is not None else word).split())
        if not text:
            continue
        if phrase is None and not neg and text == "OR":
            groups.append([])
        elif neg:
            excluded.append(text)
        else:
            groups[-1].append(Term(text))
    clean = tuple(tuple(g) for g in groups if g)
    if not clean:
        raise UserError("The brand query needs at least one word or phrase to look for.")
    return BrandQuery(clean, tuple(excluded))


_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
_SYNTAX = re.compile(r'"|\S\s+OR\s+\S|(?:^|\s)-["\w]')


def straight_quotes(text: str) -> str:
    """Typographic quotes (“like these”, as macOS and phones type them) as plain double quotes."""
    return text.translate(_SMART_QUOTES)


def _term_query(term: str) -> tuple[list[tuple[Term, ...]], list[str]]:
    """A brand name or alias: a plain name is one phrase; one written in the query syntax ("acme coffee",
    acme OR acmeco, acme -trail) means what the syntax says. Never raises: an unbalanced quote is dropped."""
    text = " ".join(straight_quotes(term).split())
    if not text:
        return [], []
    if _SYNTAX.search(text):
        try:
            parsed = parse_query(text)
        except UserError:
            text = " ".join(text.replace('"', " ").split())
        else:
            return list(parsed.groups), list(parsed.excluded)
    return ([(Term(text),)] if text else []), []


def _excluded_terms(term: str) -> list[str]:
    """An excluded term as typed: `acme trail`, `"acme trail"`, `-acme trail`, `recipe OR trail`."""
    text = " ".join(straight_quotes(term).split()).lstrip("-").strip()
    parts = re.split(r"\s+OR\s+", text)
    return [p for part in parts if (p := " ".join(part.strip().lstrip("-").replace('"', " ").split()))]


def query_for_profile(profile: BrandProfile) -> BrandQuery:
    """Brand OR each alias, minus the excluded terms.

    Each name may be written in the query syntax: `"Acme Coffee"` is the phrase, `Acme OR AcmeCo` either
    name, `Acme -trail` Acme unless "trail" is there too; a plain name of several words is a phrase.
    """
    groups: list[tuple[Term, ...]] = []
    excluded: list[str] = []
    for term in profile.terms():
        found, vetoes = _term_query(term or "")
        groups += found
        excluded += vetoes
    if not groups:
        raise UserError("The workspace has no brand name to listen for.")
    for term in profile.excluded:
        excluded += _excluded_terms(term or "")
    return BrandQuery(tuple(dict.fromkeys(groups)), tuple(dict.fromkeys(excluded)))
