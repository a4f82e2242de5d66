"""Keyed sources through the real poller: no key value in verbose logs or on a source's health."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.models import BrandProfile
from desktop_app.secrets.store import MemorySecretStore
from desktop_app.services import accounts
from desktop_app.services import sources as source_service
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.keyed import METERS_SETTING
from desktop_app.sources.pacing import HostPacer
from desktop_app.sources.youtube import YouTubeConnector
from desktop_app.storage.queries import get_source
from desktop_app.storage.workspace import Workspace, create_workspace
from tests.sources.keyed_support import serve_api
from tests.support.api_server import ApiServer, JsonRoute, answer

api_server = pytest.fixture(serve_api, name="api_server")
KEY = "AIzaSy-known-test-key-4455"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path, "acme", BrandProfile("Acme"))
    yield workspace
    workspace.close()


@pytest.fixture
def store() -> MemorySecretStore:
    return MemorySecretStore()


def video(n: int) -> dict[str, Any]:
    return {"id": {"kind": "youtube#video", "videoId": f"vid{n}"},
            "snippet": {"publishedAt": f"2026-11-20T1{n}:00:00Z", "channelId": "UCx", "title": f"Acme review {n}",
                        "description": "Acme unboxing", "channelTitle": "Reviewer"}}  # fmt: skip


def add_youtube(ws: Workspace, store: MemorySecretStore, server: ApiServer, name: str = "YouTube") -> int:
    config = {"query": "acme", "api_base": server.url(""), "comment_videos": 1}
    source_id, _ = source_service.add_source(ws, kind="youtube", config=config, name=name)
    accounts.set_key(ws, store, source_id, "api_key", KEY)
    return source_id


def poll(ws: Workspace, store: MemorySecretStore, *source_ids: int) -> Any:
    poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), secrets=store)
    try:
        return poller.poll_sources(list(source_ids))
    finally:
        poller.close()


def test_a_youtube_poll_logged_at_debug_never_shows_the_key(
    ws: Workspace, store: MemorySecretStore, api_server: ApiServer, caplog: pytest.LogCaptureFixture
) -> None:
    search = answer(200, {"items": [video(1)]})
    api_server.route("/search", handler=search)
    api_server.route("/commentThreads", handler=answer(200, {"items": []}))
    source_id = add_youtube(ws, store, api_server)
    caplog.set_level(logging.DEBUG)
    report = poll(ws, store, source_id)
    assert report.added == 1, report.failed
    assert search.calls[0].headers["x-goog-api-key"] == KEY and "key" not in search.calls[0].query
    assert KEY not in caplog.text
    row = get_source(ws.reader(), source_id=source_id)
    assert row is not None and KEY not in json.dumps(dict(row))


def test_an_unexpected_error_quoting_the_key_is_scrubbed(
    ws: Workspace,
    store: MemorySecretStore,
    api_server: ApiServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def buggy(self: Any, config: Any, state: Any, http: Any, secrets: dict[str, str]) -> Any:
        raise ValueError(f"could not read https://example.test/v3/search?key={secrets['api_key']}")

    monkeypatch.setattr(YouTubeConnector, "fetch", buggy)
    source_id = add_youtube(ws, store, api_server)
    caplog.set_level(logging.DEBUG)
    report = poll(ws, store, source_id)
    (failed,) = report.failed
    assert "Unexpected error: ValueError" in (failed.error or "") and KEY not in (failed.error or "")
    row = get_source(ws.reader(), source_id=source_id)
    assert row is not None and "ValueError" in row["last_error"] and KEY not in row["last_error"]
    assert "failed unexpectedly" in caplog.text and KEY not in caplog.text


def meters(ws: Workspace) -> dict[str, Any]:
    book = ws.setting(METERS_SETTING)
    assert isinstance(book, dict)
    return book


def test_quota_spent_before_a_failure_is_kept(
    ws: Workspace, store: MemorySecretStore, api_server: ApiServer
) -> None:
    api_server.route("/search", handler=answer(200, {"items": [video(1)]}))
    broken = answer(500, {"error": {"code": 500, "message": "backend error"}})
    api_server.route("/commentThreads", handler=broken)
    source_id = add_youtube(ws, store, api_server)
    report = poll(ws, store, source_id)
    assert report.failed and len(broken.calls) == 1
    entry = json.loads(get_source(ws.reader(), source_id=source_id)["config"])["api_key"]
    assert meters(ws)[entry]["used"] == 100 + 1  # the search and the failed comment page were paid for
    api_server.route("/commentThreads", handler=answer(200, {"items": []}))
    assert not poll(ws, store, source_id).failed
    assert meters(ws)[entry]["used"] == 2 * 101
    (row,) = accounts.key_rows(ws, store)
    assert "202 of 10,000 units" in row.usage


def test_sources_sharing_one_key_share_its_quota(
    ws: Workspace, store: MemorySecretStore, api_server: ApiServer
) -> None:
    api_server.route("/search", handler=answer(200, {"items": [video(1)]}))
    api_server.route("/commentThreads", handler=answer(200, {"items": []}))
    config = {"query": "acme", "api_base": api_server.url(""), "comment_videos": 1}
    first, _ = source_service.add_source(ws, kind="youtube", config=config, name="YouTube 1")
    second, _ = source_service.add_source(ws, kind="youtube", config=config, name="YouTube 2")
    entry = accounts.set_key(ws, store, first, "api_key", KEY, same_kind=True)
    report = poll(ws, store, first, second)  # in parallel: one at a time on the same key
    assert not report.failed
    assert meters(ws) == {entry: {**meters(ws)[entry], "used": 2 * 101}}
    rows = accounts.key_rows(ws, store)
    assert len(rows) == 2 and all("202 of 10,000 units" in r.usage for r in rows)


def test_x_posts_read_before_a_failed_page_are_counted(
    ws: Workspace, store: MemorySecretStore, api_server: ApiServer
) -> None:
    posts = [{"id": str(100 + n), "text": f"Acme is slow {n}", "author_id": "u1",
              "created_at": "2026-11-20T10:00:00.000Z"} for n in range(10)]  # fmt: skip
    pages: list[int] = []

    def search(call: Any) -> tuple[int, Any, dict[str, str]]:
        pages.append(1)
        if call.query.get("next_token"):
            return 503, {"title": "Service Unavailable"}, {}
        return 200, {"data": posts, "meta": {"result_count": 10, "next_token": "p2"}}, {}

    api_server.route("/tweets/search/recent", handler=JsonRoute(search))
    config = {"query": "acme", "api_base": api_server.url("")}
    source_id, _ = source_service.add_source(ws, kind="x_search", config=config, name="X")
    entry = accounts.set_key(ws, store, source_id, "bearer_token", "x-bearer-token-99")
    row = get_source(ws.reader(), source_id=source_id)
    cursor = json.dumps({"since_id": "99"})  # not the first poll: it pages
    ws.writer.call(
        lambda conn: conn.execute("UPDATE sources SET cursor = ? WHERE id = ?", (cursor, row["id"]))
    )
    report = poll(ws, store, source_id)
    assert report.failed and len(pages) == 2
    assert meters(ws)[entry]["used"] == 10 and meters(ws)[entry]["period"] == "month"
