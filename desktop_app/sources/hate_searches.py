"""Ready-made "I hate <brand>" searches: the phrases unhappy people type, for the brand and each alias.

Which sites get them, and the sources they become, is services.search_sources' job (one planner)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
