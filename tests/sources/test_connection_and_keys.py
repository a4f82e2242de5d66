"""Test connection (no Qt) and the Accounts & keys service: states, add/replace/remove, polls with keys."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.models import BrandProfile
from desktop_app.secrets.store import MemorySecretStore, entry_name
from desktop_app.services import accounts
from desktop_app.services import sources as source_service
from desktop_app.services.poller import Poller
from desktop_app.sources import connection
from desktop_app.sources.base import validate_config
from desktop_app.sources.http import HttpClient
from desktop_app.sources.mastodon import MastodonConnector
from desktop_app.sources.pacing import HostPacer
from desktop_app.sources.registry import CONNECTORS
from desktop_app.storage.queries import get_source
from desktop_app.storage.workspace import Workspace, create_workspace
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, answer

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")

KEYED = ("reddit", "bluesky", "youtube", "google_places", "yelp", "trustpilot", "brave", "x_search")
KEY = "yelp-secret-value-123"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path, "acme", BrandProfile("Acme"))
    yield workspace
    workspace.close()


def test_keyed_kinds_are_registered_with_secret_fields_and_an_api_base() -> None:
    for kind in KEYED:
        connector = CONNECTORS[kind]
        secret_names = {f.name for f in connector.fields if f.kind == "secret"}
        assert secret_names and set(connector.required_secrets) <= secret_names  # type: ignore[attr-defined]
        assert all(
            not f.required for f in connector.fields if f.kind == "secret"
        )  # the form never asks twice
        assert any(f.name == "api_base" and f.default for f in connector.fields)
        assert connector.default_interval_minutes >= 15 and callable(getattr(connector, "check", None))


def test_connection_ok_and_failures_in_plain_words(api_server: ApiServer, client: HttpClient) -> None:
    yelp = CONNECTORS["yelp"]
    cfg = {"business_id": "acme", "api_base": api_server.url("")}
    api_server.route("/businesses/acme", handler=answer(200, {"id": "x", "name": "Acme Café"}))
    ok = connection.test_connection(yelp, cfg, client, {"api_key": KEY})
    assert ok.ok and ok.message == "Yelp accepted the key and found Acme Café."
    api_server.route("/businesses/acme", handler=answer(401, {"error": {"code": "TOKEN_INVALID"}}))
    bad = connection.test_connection(yelp, cfg, client, {"api_key": KEY})
    assert (
        not bad.ok and bad.error_kind == "auth" and "key rejected" in bad.message and KEY not in bad.message
    )
    missing = connection.test_connection(yelp, cfg, client, {})
    assert not missing.ok and "Accounts & keys" in missing.message


def test_connection_without_check_is_a_dry_run_poll(api_server: ApiServer, client: HttpClient) -> None:
    statuses = [
        {"id": "5", "url": "https://m.example/@a/5", "content": "<p>acme</p>", "account": {"acct": "a"}}
    ]
    api_server.route("/api/v1/timelines/tag/acme", handler=answer(200, statuses))
    cfg = {"server": api_server.url(""), "hashtag": "acme"}
    result = connection.test_connection(MastodonConnector(), cfg, client, {"access_token": "tok-123456"})
    assert result.ok and "1 item(s)" in result.message


def test_an_echoed_secret_is_scrubbed() -> None:
    assert connection.scrub("bad key abcd1234 here", {"k": "abcd1234"}) == "bad key ••• here"


def _add_yelp(ws: Workspace, server: ApiServer, store: MemorySecretStore, key: str | None) -> int:
    config: dict[str, Any] = {"business_id": "acme", "api_base": server.url("")}
    if key is not None:
        ref = entry_name("acme", "Yelp", "api_key")
        store.set(ref, key)
        config["api_key"] = ref
    source_id, _name = source_service.add_source(ws, kind="yelp", config=config, name="Yelp")
    return source_id


def state_of(ws: Workspace, store: MemorySecretStore, name: str) -> str:
    return next(r.state for r in accounts.key_rows(ws, store) if r.source_name == name)


def test_key_rows_states_set_replace_remove(ws: Workspace, api_server: ApiServer) -> None:
    store = MemorySecretStore()
    yelp = _add_yelp(ws, api_server, store, None)
    source_service.add_source(ws, kind="rss", config={"url": "https://example.com/feed"}, name="Feed")
    source_service.add_source(ws, kind="mastodon", config={"hashtag": "acme"}, name="Masto")
    rows = {(r.source_name, r.field): r for r in accounts.key_rows(ws, store)}
    assert set(rows) == {("Yelp", "api_key"), ("Masto", "access_token")}  # the feed needs no key
    assert rows["Yelp", "api_key"].state == "missing" and rows["Masto", "access_token"].state == "not set"
    assert {r.state for r in accounts.key_rows(ws, None)} == {"no keyring"}

    entry = accounts.set_key(ws, store, yelp, "api_key", f"  {KEY}\n")
    assert entry == entry_name("acme", "Yelp", "api_key") and store.get(entry) == KEY
    row = get_source(ws.reader(), source_id=yelp)
    assert json.loads(row["config"])["api_key"] == entry and KEY not in row["config"]
    assert state_of(ws, store, "Yelp") == "stored"

    accounts.set_key(ws, store, yelp, "api_key", "replaced-key")
    assert store.get(entry) == "replaced-key"
    accounts.remove_key(ws, store, yelp, "api_key")
    assert store.get(entry) is None and "api_key" not in json.loads(
        get_source(ws.reader(), source_id=yelp)["config"]
    )
    assert state_of(ws, store, "Yelp") == "missing"
    with pytest.raises(Exception, match="empty"):
        accounts.set_key(ws, store, yelp, "api_key", "   ")
    with pytest.raises(Exception, match="keyring"):
        accounts.set_key(ws, None, yelp, "api_key", "x")


def test_a_rejected_key_shows_as_rejected_and_check_source_uses_the_stored_key(
    ws: Workspace, api_server: ApiServer
) -> None:
    store = MemorySecretStore()
    reviews = answer(401, {"error": {"code": "TOKEN_INVALID", "description": "Invalid access token"}})
    api_server.route("/businesses/acme/reviews", handler=reviews)
    yelp = _add_yelp(ws, api_server, store, KEY)
    poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), secrets=store)
    report = poller.poll_due()
    poller.close()
    assert report.failed[0].error_kind == "auth" and "key rejected" in (report.failed[0].error or "")
    assert reviews.calls[0].headers["authorization"] == f"Bearer {KEY}"
    (row,) = accounts.key_rows(ws, store)
    assert row.state == "rejected" and "key rejected" in row.detail and KEY not in row.detail
    api_server.route("/businesses/acme", handler=answer(200, {"name": "Acme"}))
    result = accounts.check_source(ws, store, yelp)
    assert result.ok and "Acme" in result.message


def test_validate_keeps_only_entry_names() -> None:
    clean = validate_config(CONNECTORS["x_search"], {"query": "acme", "bearer_token": "acme/X/bearer_token"})
    assert clean["bearer_token"] == "acme/X/bearer_token" and clean["monthly_posts"] == 1500


def test_the_x_usage_meter_shows_in_accounts_after_a_poll(ws: Workspace, api_server: ApiServer) -> None:
    store = MemorySecretStore()
    posts = [
        {"id": str(n), "text": f"Acme refund {n}", "author_id": "u", "created_at": "2026-11-20T10:00:00Z"}
        for n in (12, 11)
    ]
    api_server.route(
        "/tweets/search/recent", handler=answer(200, {"data": posts, "meta": {"result_count": 2}})
    )
    ref = entry_name("acme", "X", "bearer_token")
    store.set(ref, "x-token-secret")
    config = {"query": "acme", "api_base": api_server.url(""), "bearer_token": ref, "cost_per_read": "0.01"}
    source_service.add_source(ws, kind="x_search", config=config, name="X")
    (before,) = accounts.key_rows(ws, store)
    assert before.state == "stored" and before.usage == ""
    poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), secrets=store)
    report = poller.poll_due()
    poller.close()
    assert report.added == 2, report.failed
    (after,) = accounts.key_rows(ws, store)
    assert after.usage == "Posts read this month: 2 of 1,500 (about $0.02)."
    assert "x-token-secret" not in str(get_source(ws.reader(), name="X")["cursor"])


def test_one_key_for_every_hate_search_of_a_kind(ws: Workspace) -> None:
    from desktop_app.core.models import BrandProfile
    from desktop_app.services.search_sources import plan_searches

    store = MemorySecretStore()
    planned = [(p.name, p.kind, p.config) for p in plan_searches(BrandProfile("Acme"), kinds=("brave",))[:3]]
    ids = [source_service.add_source(ws, kind=kind, config=cfg, name=name)[0] for name, kind, cfg in planned]
    source_service.add_source(ws, kind="yelp", config={"business_id": "acme"}, name="Yelp")
    entry = accounts.set_key(ws, store, ids[0], "api_key", "brave-key-1", same_kind=True)
    rows = {r.source_id: r for r in accounts.key_rows(ws, store)}
    assert all(rows[i].state == "stored" for i in ids) and store.get(entry) == "brave-key-1"
    assert next(r for r in rows.values() if r.kind == "yelp").state == "missing"  # another kind: untouched
    accounts.remove_key(ws, store, ids[1], "api_key")
    assert store.get(entry) == "brave-key-1"  # the others still use it
    assert accounts.sharing(ws, "api_key", entry, but=ids[0]) == [planned[2][0]]
    accounts.remove_key(ws, store, ids[0], "api_key")
    accounts.remove_key(ws, store, ids[2], "api_key")
    assert store.get(entry) is None  # the last one out takes the key from the keyring
