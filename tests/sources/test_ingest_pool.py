"""A poll with an IngestPool parses, normalizes and scores feeds in worker processes; what it stores must be
exactly what an in-process poll stores, and its failures must land on the source like any other."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.ingest_pool import IngestPool
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage import source_writes
from desktop_app.storage.queries import get_source
from desktop_app.storage.workspace import Workspace
from tests.support.factories import make_workspace
from tests.support.feeds import rss_feed
from tests.support.http_server import LoopbackServer, make_server

RSS = {"Content-Type": "application/rss+xml"}
STORED = (
    "SELECT uid, source_item_id, url, canonical_url, title, text, author, published_at, story_key, sentiment,"
    " label, complaint, category, urgency, reasons FROM mentions ORDER BY uid"
)


@pytest.fixture(scope="module")
def pool() -> Iterator[IngestPool]:
    workers = IngestPool(2)
    yield workers
    workers.close(wait=True)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    feeds = make_server("127.0.0.92")
    for n in range(3):
        feeds.route(f"/{n}.xml", rss_feed(12, prefix=f"f{n}", off_topic_every=4), headers=RSS)
    feeds.route(
        "/page.xml",
        b"<!doctype html><html><body>Sign in</body></html>",
        headers={"Content-Type": "text/html"},
    )
    yield feeds
    feeds.stop()


def _add(ws: Workspace, server: LoopbackServer, paths: list[str]) -> list[int]:
    return ws.writer.call(lambda c: [
        source_writes.add_source(c, name=p, kind="rss", config={"url": server.url(p)}, interval_minutes=30, now=0)
        for p in paths
    ])  # fmt: skip


def _poll(
    ws: Workspace, scorer: IngestPool | None, ids: list[int]
) -> dict[str, tuple[int, int, int, str | None]]:
    """One source after another: an author's history (and so the urgency) depends on what is stored first."""
    poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), scorer=scorer)
    try:
        outcomes = [o for i in ids for o in poller.poll_sources([i]).outcomes]
    finally:
        poller.http.close()  # not poller.close(): the pool outlives this poll
    return {o.name: (o.fetched, o.added, o.dropped, o.error_kind) for o in outcomes}


def test_workers_store_exactly_what_an_in_process_poll_stores(
    tmp_path: Path, server: LoopbackServer, pool: IngestPool
) -> None:
    paths = ["/0.xml", "/1.xml", "/2.xml"]
    with make_workspace(tmp_path / "here") as here, make_workspace(tmp_path / "workers") as there:
        here_ids, there_ids = _add(here, server, paths), _add(there, server, paths)
        assert _poll(here, None, here_ids) == _poll(there, pool, there_ids)
        assert _poll(there, pool, there_ids)["/0.xml"] == (12, 0, 3, None)  # 3 off-topic; the rest known
        stored = there.reader().execute(STORED).fetchall()
        assert len(stored) == 27
        assert [tuple(r) for r in stored] == [tuple(r) for r in here.reader().execute(STORED).fetchall()]


def test_a_page_that_is_no_feed_fails_on_its_source_alone(
    tmp_path: Path, server: LoopbackServer, pool: IngestPool
) -> None:
    with make_workspace(tmp_path) as ws:
        ids = _add(ws, server, ["/0.xml", "/page.xml"])
        outcomes = _poll(ws, pool, ids)
        assert outcomes["/0.xml"] == (12, 9, 3, None)
        assert outcomes["/page.xml"][1] == 0 and outcomes["/page.xml"][3] == "not_a_feed"
        health = get_source(ws.reader(), source_id=ids[1])
        assert health["consecutive_failures"] == 1 and "web page" in health["last_error"]


def test_killed_workers_are_replaced(tmp_path: Path, server: LoopbackServer) -> None:
    others = {c.pid for c in multiprocessing.active_children()}
    workers = IngestPool(2)
    try:
        with make_workspace(tmp_path) as ws:
            ids = _add(ws, server, ["/0.xml", "/1.xml"])
            assert _poll(ws, workers, ids[:1])["/0.xml"][1] == 9
            started = [c.pid for c in multiprocessing.active_children() if c.pid not in others]
            assert started  # the workers start on first use
            for pid in started:
                if pid is not None:
                    os.kill(pid, signal.SIGKILL)
            assert _poll(ws, workers, ids[1:])["/1.xml"] == (12, 9, 3, None)
    finally:
        workers.close(wait=True)
