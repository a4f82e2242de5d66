"""feedparser's corpus of hostile feeds, served over loopback and polled like real sources, then judged.

Shared by tests/realworld/test_hostile_corpus.py and benchmarks/reliability.py: plain Python, no pytest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.core.models import BrandProfile
from desktop_app.core.normalize import normalize_item
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.sources.rss import parse_feed
from desktop_app.storage import source_writes
from desktop_app.storage.workspace import create_workspace
from tests.support.hostile import plain_words
from tests.support.http_server import make_server

HOSTS = 4
NOW = datetime(2026, 1, 1, tzinfo=UTC)
HEALTH_KINDS = ("not_a_feed", "bad_response", "too_large", "transient", "timeout")


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "tests").rglob("*") if p.is_file())


def expected_uids(path: Path, url: str, n: int) -> set[str]:
    """What a parse of one good file yields, independently of the poller (same id within a source: once)."""
    uids: set[str] = set()
    seen_ids: set[str] = set()
    for item in parse_feed(path.read_bytes(), {"content-type": "application/xml"}, url):
        mention = normalize_item(item, source_id=n, source_kind="rss", fetched_at=NOW)
        if mention.source_item_id not in seen_ids:
            seen_ids.add(mention.source_item_id)
            uids.add(mention.uid)
    return uids


@dataclass
class CorpusOutcome:
    feeds: int = 0
    failed: int = 0
    stored: int = 0
    expected: int = 0  # distinct items the good feeds parse into
    bad_feeds: dict[str, str] = field(default_factory=dict)  # file name -> what went wrong
    whole_run: list[str] = field(default_factory=list)  # problems of the run as a whole

    @property
    def survived(self) -> int:
        return self.feeds - len(self.bad_feeds)


def poll_corpus(files: list[Path], root: Path, first_host: int = 20) -> CorpusOutcome:
    """Serve every file from loopback hosts, poll them all as sources, then poll again; judge each feed."""
    servers = [make_server(f"127.0.0.{first_host + h}") for h in range(HOSTS)]
    urls = [
        servers[n % HOSTS].route(f"/c/{n}", p.read_bytes(), headers={"Content-Type": "application/xml"})
        for n, p in enumerate(files)
    ]
    out = CorpusOutcome(feeds=len(files))
    try:
        ws = create_workspace(root, "corpus", BrandProfile("Acme"))
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
        poller = Poller(
            ws, HttpClient(pacer=HostPacer(0.0), read_timeout=10, total_timeout=20), max_workers=16
        )
        report = poller.poll_due()
        conn = ws.reader()
        if len(report.outcomes) != len(files):
            out.whole_run.append(f"{len(report.outcomes)} of {len(files)} sources were polled")
        rows = {r["name"]: r for r in conn.execute("SELECT name, last_error, last_error_kind FROM sources")}
        stored = {r[0] for r in conn.execute("SELECT uid FROM mentions")}
        out.stored = len(stored)
        wanted: set[str] = set()
        for n, (path, url) in enumerate(zip(files, urls, strict=True)):
            row = rows[f"c{n}"]
            name = str(path.relative_to(path.parents[2]))
            if row["last_error_kind"]:
                out.failed += 1
                if row["last_error_kind"] not in HEALTH_KINDS or not plain_words(row["last_error"] or ""):
                    out.bad_feeds[name] = f"health: {row['last_error_kind']}: {row['last_error']!r}"
                continue
            uids = expected_uids(path, url, n)
            wanted |= uids
            missing = uids - stored
            if missing:
                out.bad_feeds[name] = f"{len(missing)} parsed item(s) not stored"
        out.expected = len(wanted)
        if stored - wanted:
            out.whole_run.append(f"{len(stored - wanted)} stored mention(s) that no feed's parse yields")
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT uid) FROM mentions").fetchone()
        if total != distinct:
            out.whole_run.append(f"{total - distinct} mention(s) stored twice")
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            out.whole_run.append("integrity_check failed")
        again = poller.poll_sources([r[0] for r in conn.execute("SELECT id FROM sources")])
        if again.added:
            out.whole_run.append(f"re-polling stored {again.added} mention(s) again")
        poller.close()
        ws.close()
    finally:
        for server in servers:
            server.stop()
    return out
