"""Suggested searches for a workspace: "I hate <brand>"-style phrases on the keyless search sites.

The wizard and *Sources → Add suggested searches* both plan with `plan_searches` and store with
`add_searches`, which skips a (site, query) pair the workspace already listens to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.models import BrandProfile
from desktop_app.services.sources import add_source
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES, hate_search_queries
from desktop_app.storage.workspace import Workspace

# Search sites that work without a key and take a plain query (Mastodon's search needs a token).
KEYLESS_SITES: dict[str, str] = {"google_news": "Google News", "hackernews": "Hacker News"}
BRAND_TEMPLATE = "{brand}"


@dataclass(frozen=True, slots=True)
class PlannedSearch:
    name: str
    kind: str
    config: dict[str, Any]


@dataclass(slots=True)
class SearchesAdded:
    added: int = 0
    already_there: int = 0
    errors: list[str] = field(default_factory=list)


def search_terms(profile: BrandProfile) -> list[str]:
    """The brand and the aliases people type in prose: handles and hashtags are left to social sources."""
    return [t for t in (profile.brand, *profile.aliases) if t.strip() and t.strip()[0] not in "@#"]


def clean_templates(lines: Iterable[str]) -> list[str]:
    """Phrases as the user edited them: blank lines dropped; a phrase without {brand} gets it appended."""
    out: list[str] = []
    for line in lines:
        marked = " ".join(line.split()).replace(BRAND_TEMPLATE, "\0")
        phrase = marked.replace("{", "").replace("}", "").replace("\0", BRAND_TEMPLATE)
        if not phrase:
            continue
        if BRAND_TEMPLATE not in phrase:
            phrase = f"{phrase} {BRAND_TEMPLATE}"
        if phrase not in out:
            out.append(phrase)
    return out


def plan_searches(
    profile: BrandProfile,
    templates: Sequence[str] = DEFAULT_TEMPLATES,
    kinds: Sequence[str] = ("google_news",),
    include_brand: bool = True,
) -> list[PlannedSearch]:
    """One source per (site, quoted phrase), for the brand and each alias; the plain brand first if asked."""
    unknown = [k for k in kinds if k not in KEYLESS_SITES]
    if unknown:
        raise ValueError(f"No suggested searches for {', '.join(unknown)}.")
    phrases = clean_templates(templates)
    if include_brand:
        phrases = [BRAND_TEMPLATE, *[p for p in phrases if p != BRAND_TEMPLATE]]
    terms = search_terms(profile)
    if not terms or not phrases:
        return []
    queries = hate_search_queries(terms[0], terms[1:], phrases)
    return [
        PlannedSearch(f"{KEYLESS_SITES[kind]}: {query}", kind, {"query": query})
        for kind in kinds
        for query in queries
    ]


def existing_searches(ws: Workspace) -> set[tuple[str, str]]:
    rows = ws.reader().execute("SELECT kind, config FROM sources")
    return {(row["kind"], str(json.loads(row["config"] or "{}").get("query") or "")) for row in rows}


def add_searches(ws: Workspace, searches: Iterable[PlannedSearch]) -> SearchesAdded:
    """Store the planned searches the workspace does not have yet; one failure never stops the rest."""
    result = SearchesAdded()
    have = existing_searches(ws)
    for search in searches:
        key = (search.kind, str(search.config.get("query") or ""))
        if key in have:
            result.already_there += 1
            continue
        try:
            add_source(
                ws, kind=search.kind, config=dict(search.config), name=search.name, rename_if_taken=True
            )
        except Exception as exc:
            result.errors.append(f"{search.name}: {exc}")
            continue
        have.add(key)
        result.added += 1
    return result
