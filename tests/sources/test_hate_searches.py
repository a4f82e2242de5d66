"""Hate searches, one planner: which sites are ready (a stored key is shared), the phrases saved per
workspace, paced searches on metered sites, and each mention keeping the query that found it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.models import BrandProfile
from desktop_app.secrets.store import MemorySecretStore
from desktop_app.services import accounts
from desktop_app.services import sources as source_service
from desktop_app.services.poller import Poller
from desktop_app.services.search_sources import (
    add_searches,
    plan_searches,
    save_templates,
    saved_kinds,
    saved_templates,
    site_offers,
)
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage.queries import list_sources
from desktop_app.storage.workspace import Workspace, create_workspace
from tests.sources.keyed_support import serve_api
from tests.support.api_server import ApiServer, Call, JsonRoute

api_server = pytest.fixture(serve_api, name="api_server")


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path, "acme", BrandProfile("Acme", aliases=("Acme Co", "@acme")))
    yield workspace
    workspace.close()


def test_keyless_sites_are_ready_and_keyed_ones_wait_for_a_key(ws: Workspace) -> None:
    offers = {o.kind: o for o in site_offers(ws, MemorySecretStore())}
    assert set(offers) == {"google_news", "hackernews", "brave", "reddit", "bluesky", "mastodon", "youtube",
                           "x_search"}  # fmt: skip
    assert offers["google_news"].ready and offers["hackernews"].ready
    assert not offers["brave"].ready and "Needs a key" in offers["brave"].note
    assert "$" in offers["x_search"].note  # X's per-read cost, before any X search is chosen
    assert not next(o for o in site_offers(ws, None) if o.kind == "brave").ready  # no keyring: no key


def test_a_stored_key_is_shared_by_the_new_searches(ws: Workspace) -> None:
    store = MemorySecretStore()
    config = {"query": "acme", "handle": "acme.bsky.social"}
    bluesky, _ = source_service.add_source(ws, kind="bluesky", config=config, name="Bluesky")
    entry = accounts.set_key(ws, store, bluesky, "app_password", "app-pass-1234")
    offers = site_offers(ws, store)
    sky = next(o for o in offers if o.kind == "bluesky")
    shared = {"app_password": entry, "handle": "acme.bsky.social", "api_base": "https://bsky.social"}
    assert sky.ready and "“Bluesky”" in sky.note and sky.config == shared
    planned = plan_searches(ws.profile(), ["{brand} sucks"], ["bluesky"], include_brand=False, offers=offers)
    assert [p.config for p in planned] == [
        {**shared, "query": '"Acme sucks"'},
        {**shared, "query": '"Acme Co sucks"'},
    ]
    assert add_searches(ws, planned).added == 2
    rows = [r for r in accounts.key_rows(ws, store) if r.kind == "bluesky"]
    assert len(rows) == 3 and {r.state for r in rows} == {"stored"}  # no key to add for the new ones


def test_metered_sites_are_paced_to_their_allowance() -> None:
    profile = BrandProfile("Acme")
    kinds = ["google_news", "youtube", "x_search"]
    planned = plan_searches(profile, DEFAULT_TEMPLATES, kinds, include_brand=False)
    every = {p.kind: p.interval_minutes for p in planned}
    assert every["google_news"] is None  # the kind's (or the workspace's) usual interval
    assert every["youtube"] == 9 * 18  # 9 searches x 100 units x 1440/162 polls = 8,000 units a day
    assert every["x_search"] == 24 * 60


def test_phrases_and_sites_are_saved_per_workspace(ws: Workspace, tmp_path: Path) -> None:
    assert saved_templates(ws) == list(DEFAULT_TEMPLATES) and saved_kinds(ws) == ["google_news"]
    kept = save_templates(ws, ["  {brand}  melted my phone ", "", "refund"], ["hackernews", "brave", "rss"])
    assert kept == ["{brand} melted my phone", "refund {brand}"]
    assert saved_templates(ws) == kept and saved_kinds(ws) == ["hackernews", "brave"]
    other = create_workspace(tmp_path, "other", BrandProfile("Other"))
    try:
        assert saved_templates(other) == list(DEFAULT_TEMPLATES)
    finally:
        other.close()


def test_each_mention_keeps_the_query_that_found_it(ws: Workspace, api_server: ApiServer) -> None:
    now = int(time.time())

    def algolia(call: Call) -> tuple[int, Any, dict[str, str]]:
        phrase = call.query["query"].strip('"')
        hit = {"objectID": f"h-{phrase}", "title": f"{phrase} (a rant)", "url": f"https://example.test/{len(phrase)}/{phrase.replace(' ', '-')}",
               "author": "pat", "points": 3, "created_at_i": now - 60, "_tags": ["story"]}  # fmt: skip
        return 200, {"hits": [hit], "nbHits": 1, "nbPages": 1, "page": 0}, {}

    api_server.route("/api/v1/search_by_date", handler=JsonRoute(algolia))
    planned = plan_searches(ws.profile(), ["I hate {brand}", "{brand} scam"], ["hackernews"], False)
    planned = [type(p)(p.name, p.kind, {**p.config, "server": api_server.url("")}) for p in planned]
    assert add_searches(ws, planned).added == 4
    poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)))
    try:
        report = poller.poll_sources([int(r["id"]) for r in list_sources(ws.reader())])
    finally:
        poller.close()
    assert report.added == 4, report.failed
    rows = ws.reader().execute("SELECT title, query FROM mentions ORDER BY title").fetchall()
    assert [(r["title"], r["query"]) for r in rows] == [
        ("Acme Co scam (a rant)", '"Acme Co scam"'),
        ("Acme scam (a rant)", '"Acme scam"'),
        ("I hate Acme (a rant)", '"I hate Acme"'),
        ("I hate Acme Co (a rant)", '"I hate Acme Co"'),
    ]
    queries = {json.loads(r["config"])["query"] for r in list_sources(ws.reader())}
    assert queries == {r["query"] for r in rows}
