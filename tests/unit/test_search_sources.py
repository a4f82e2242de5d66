"""Suggested searches: planned from the brand profile and edited phrases; stored once per (site, query)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.models import BrandProfile
from desktop_app.services.search_sources import add_searches, clean_templates, plan_searches, search_terms
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES
from desktop_app.storage.queries import list_sources
from desktop_app.storage.workspace import create_workspace

PROFILE = BrandProfile("Acme Coffee", aliases=("Acme", "@acmecoffee", "#acme", "acme"))


def test_terms_leave_out_handles_and_hashtags() -> None:
    assert search_terms(PROFILE) == ["Acme Coffee", "Acme", "acme"]


def test_clean_templates_drop_blanks_stray_braces_and_add_the_brand() -> None:
    assert clean_templates(["  I  hate {brand} ", "", "refund", "{product} broke {brand}", "refund"]) == [
        "I hate {brand}",
        "refund {brand}",
        "product broke {brand}",
    ]


def test_plan_covers_every_phrase_name_and_site() -> None:
    plan = plan_searches(PROFILE, DEFAULT_TEMPLATES, ("google_news", "hackernews"))
    queries = [p.config["query"] for p in plan if p.kind == "google_news"]
    # the brand itself first, then the nine phrases; "acme" folds into "Acme" (case-insensitive)
    assert len(queries) == 2 * (1 + len(DEFAULT_TEMPLATES))
    assert queries[0] == '"Acme Coffee"'
    assert '"I hate Acme"' in queries and '"former employee Acme Coffee"' in queries
    assert len(plan) == 2 * len(queries)
    assert {p.name.split(":")[0] for p in plan} == {"Google News", "Hacker News"}
    assert all("@" not in q and "#" not in q for q in queries)


def test_plan_without_sites_or_phrases_is_empty_and_unknown_sites_are_refused() -> None:
    assert plan_searches(PROFILE, DEFAULT_TEMPLATES, ()) == []
    assert plan_searches(PROFILE, ["", "  "], ("google_news",), include_brand=False) == []
    with pytest.raises(ValueError):
        plan_searches(PROFILE, DEFAULT_TEMPLATES, ("rss",))


def test_add_searches_stores_each_once(tmp_path: Path) -> None:
    ws = create_workspace(tmp_path, "acme", PROFILE)
    try:
        plan = plan_searches(PROFILE, ["{brand} sucks", "I hate {brand}"], ("google_news",))
        first = add_searches(ws, plan)
        assert (first.added, first.already_there, first.errors) == (6, 0, [])
        more = plan_searches(PROFILE, ["{brand} sucks", "{brand} refund"], ("google_news", "hackernews"))
        second = add_searches(ws, more)
        assert (second.added, second.already_there) == (len(more) - 4, 4)
        rows = list_sources(ws.reader())
        assert len(rows) == 6 + len(more) - 4
        assert len({(r["kind"], r["config"]) for r in rows}) == len(rows)
    finally:
        ws.close()
