"""feedparser's own corpus of hostile feeds (2,107 files), served over loopback and polled like real sources.

No crash; every failure is on its source's health in plain words; every item that parses is stored once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.core.models import BrandProfile
from desktop_app.core.normalize import normalize_item
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.sources.rss import parse_feed
from desktop_app.storage import source_writes
from desktop_app.storage.workspace import create_workspace
from tests.support.http_server import make_server
from tests.support.shared_data import shared_data_dir

HOSTS = 4
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _expected_uids(files: list[Path], urls: list[str], failed: set[str]) -> set[str]:
    """What a parse of each good file yields, independently of the poller.

    The same item is stored once: same URL (uid) anywhere, or same id within one source (first one wins).
    """
    uids: set[str] = set()
    for n, (path, url) in enumerate(zip(files, urls, strict=True)):
        if f"c{n}" in failed:
            continue
        seen_ids: set[str] = set()
        for item in parse_feed(path.read_bytes(), {"content-type": "application/xml"}, url):
            mention = normalize_item(item, source_id=n, source_kind="rss", fetched_at=NOW)
            if mention.source_item_id not in seen_ids:
                seen_ids.add(mention.source_item_id)
                uids.add(mention.uid)
    return uids


@pytest.mark.slow
def test_every_corpus_feed_is_polled_safely(tmp_path: Path) -> None:
    corpus = shared_data_dir() / "feedparser-corpus" / "tests"
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert len(files) > 2000
    servers = [make_server(f"127.0.0.{20 + h}") for h in range(HOSTS)]
    urls = []
    for n, path in enumerate(files):
        server = servers[n % HOSTS]
        urls.append(server.route(f"/c/{n}", path.read_bytes(), headers={"Content-Type": "application/xml"}))
    try:
        ws = create_workspace(tmp_path, "corpus", BrandProfile("Acme"))
        ws.writer.call(
            lambda conn: [
                source_writes.add_source(
                    conn,
                    name=f"c{n}",
                    kind="rss",
                    config={"url": u, "keep_all": True},
                    interval_minutes=60,
                    now=0,
                )
                for n, u in enumerate(urls)
            ]
        )
        http = HttpClient(pacer=HostPacer(0.0), read_timeout=10, total_timeout=20)
        poller = Poller(ws, http, max_workers=16)
        report = poller.poll_due()
        assert len(report.outcomes) == len(files)
        conn = ws.reader()
        failing = conn.execute(
            "SELECT name, last_error, last_error_kind FROM sources WHERE consecutive_failures > 0"
        ).fetchall()
        assert len(failing) == len(report.failed)
        for row in failing:  # a plain-words reason, never a bare exception name or a traceback
            assert row["last_error"] and len(row["last_error"]) > 15 and "Traceback" not in row["last_error"]
            assert row["last_error_kind"] in (
                "not_a_feed",
                "bad_response",
                "too_large",
                "transient",
                "timeout",
            )
        stored, distinct = conn.execute("SELECT count(*), count(DISTINCT uid) FROM mentions").fetchone()
        assert stored == distinct
        failed_names = {row["name"] for row in failing}
        expected = _expected_uids(files, urls, failed_names)
        assert {r[0] for r in conn.execute("SELECT uid FROM mentions")} == expected
        assert len(expected) > 500
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

        again = poller.poll_sources([r[0] for r in conn.execute("SELECT id FROM sources")])
        assert again.added == 0  # every item that parsed was stored the first time, and only then
        poller.close()
        ws.close()
    finally:
        for server in servers:
            server.stop()
