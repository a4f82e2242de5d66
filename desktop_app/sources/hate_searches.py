"""Ready-made "I hate <brand>" searches: the phrases unhappy people type, for the brand and each alias."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

DEFAULT_TEMPLATES: tuple[str, ...] = (
    "I hate {brand}",
    "{brand} sucks",
    "{brand} scam",
    "{brand} worst",
    "never again {brand}",
    "{brand} refund",
    "{brand} customer service",
    "boycott {brand}",
    "former employee {brand}",
)
SEARCH_KINDS = (
    "google_news",
    "hackernews",
    "mastodon",
    "brave",
)  # brave: its key is added in Accounts & keys


def _terms(brand: str, aliases: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for term in (brand, *aliases):
        clean = " ".join(str(term).replace('"', " ").split())
        if clean and clean.lower() not in seen:
            seen[clean.lower()] = clean
    return list(seen.values())


def hate_search_queries(
    brand: str, aliases: Iterable[str] = (), templates: Sequence[str] = DEFAULT_TEMPLATES
) -> list[str]:
    """Quoted phrases (as Google News expects), e.g. '"I hate Acme"', for the brand and every alias."""
    queries: list[str] = []
    for term in _terms(brand, aliases):
        for template in templates:
            phrase = " ".join(template.format(brand=term).split())
            query = f'"{phrase}"'
            if query not in queries:
                queries.append(query)
    return queries


def hate_search_sources(
    brand: str, aliases: Iterable[str] = (), kinds: Sequence[str] = ("google_news",)
) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, kind, config) for each query and kind, ready for services.sources.add_source."""
    unknown = [k for k in kinds if k not in SEARCH_KINDS]
    if unknown:
        raise ValueError(f"No hate searches for {', '.join(unknown)}; choose from {', '.join(SEARCH_KINDS)}.")
    sources: list[tuple[str, str, dict[str, Any]]] = []
    for query in hate_search_queries(brand, list(aliases)):
        for kind in kinds:
            sources.append((f"Hate search ({kind}): {query}", kind, {"query": query}))
    return sources
