"""Feed bytes -> stored, scored mentions: the real pipeline against a naive baseline, in the same run.

Baseline: feedparser with its defaults, TextBlob polarity only, one INSERT and commit per row.
Real: the RSS connector's parser, normalize, brand match, the full Scorer, one transaction per feed.

    python benchmarks/ingest.py [--items 20000] [--feed-size 100]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.models import BrandProfile, FeedBody
from desktop_app.scoring.scorer import ScoreContext
from desktop_app.services.ingest import Ingestor, Prepared
from desktop_app.services.ingest_pool import MIN_BATCH, FeedJob, IngestPool
from desktop_app.sources import feedparser_speedups
from desktop_app.sources.rss import parse_feed
from desktop_app.storage import mention_writes
from desktop_app.storage.workspace import Workspace, create_workspace
from tests.support.feeds import rss_feed


def make_feeds(items: int, feed_size: int) -> list[bytes]:
    return [
        rss_feed(min(feed_size, items - start), prefix=f"f{start}", off_topic_every=10)
        for start in range(0, items, feed_size)
    ]


def baseline(feeds: list[bytes], db_path: Path) -> int:
    import feedparser
    from textblob import TextBlob

    feedparser_speedups.uninstall()  # feedparser as it ships
    try:
        return _baseline(feeds, db_path, feedparser, TextBlob)
    finally:
        feedparser_speedups.install()


def _baseline(feeds: list[bytes], db_path: Path, feedparser: Any, TextBlob: Any) -> int:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE m (id TEXT PRIMARY KEY, title TEXT, text TEXT, polarity REAL)")
    stored = 0
    for body in feeds:
        for entry in feedparser.parse(body).entries:
            text = entry.get("summary", "")
            polarity = TextBlob(text).sentiment.polarity
            conn.execute(
                "INSERT OR IGNORE INTO m VALUES (?, ?, ?, ?)",
                (entry.get("id"), entry.get("title"), text, polarity),
            )
            conn.commit()
            stored += 1
    conn.close()
    return stored


HEADERS = {"content-type": "application/rss+xml"}


def _workspace(root: Path) -> tuple[Workspace, int]:
    ws = create_workspace(root, "bench", BrandProfile("Acme"))
    source_id = ws.writer.call(
        lambda c: c.execute(
            "INSERT INTO sources (name, kind, config, created_at) VALUES ('b', 'rss', '{}', 0) RETURNING id"
        ).fetchone()[0]
    )
    return ws, source_id


def _store(ws: Workspace, prepared: Prepared) -> int:
    changes = ws.writer.call(
        lambda c: mention_writes.store_mentions(c, prepared.scored, dropped=prepared.dropped)
    )
    return len(changes.added) + changes.dropped


def real(feeds: list[bytes], root: Path) -> int:
    """One thread, one process: parse, prepare, store, feed after feed."""
    ws, source_id = _workspace(root)
    ingestor = Ingestor(ws.profile())
    stored = 0
    now = datetime.now(UTC)
    for body in feeds:
        items = parse_feed(body, HEADERS)
        stored += _store(ws, ingestor.prepare(items, source_id=source_id, source_kind="rss", fetched_at=now))
    ws.close()
    return stored


def with_workers(feeds: list[bytes], root: Path, pool: IngestPool) -> int:
    """As a poll runs it: feeds parsed, normalized and scored in the worker processes, stored by the one
    writer, several feeds in flight at once."""
    ws, source_id = _workspace(root)
    now = datetime.now(UTC)

    def one(body: bytes) -> int:
        job = FeedJob(FeedBody(body, HEADERS), ws.profile(), source_id, "rss", now, ws.path)
        return _store(ws, pool.prepare_feed(job)[0])

    with ThreadPoolExecutor(max_workers=2 * pool.workers) as threads:
        stored = sum(threads.map(one, feeds))
    ws.close()
    return stored


def _one_cpu() -> bool:
    """Pin this process (and the threads it starts from now on) to one CPU, where the OS allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return False
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    return True


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    count = fn(*args)
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--feed-size", type=int, default=100)
    args = parser.parse_args()
    feeds = make_feeds(args.items, args.feed_size)
    with tempfile.TemporaryDirectory() as tmp:
        base_n, base_s = timed(baseline, feeds, Path(tmp) / "baseline.db")
        real_n, real_s = timed(real, feeds, Path(tmp) / "real")
        pool = IngestPool(2, niceness=0)
        pool.score_many([("warm up", ScoreContext())] * MIN_BATCH)
        pool_n, pool_s = timed(with_workers, feeds, Path(tmp) / "pool", pool)
        pool.close()
        # the same run on one core: this process and its writer thread pinned to one CPU
        pinned = _one_cpu()
        if pinned:
            pin_n, pin_s = timed(real, feeds, Path(tmp) / "pinned")
    figures = {
        "items": args.items,
        "feed_bytes": sum(len(f) for f in feeds),
        "baseline_items_per_s": round(base_n / base_s),
        "earshot_items_per_s": round(real_n / real_s),
        "speedup": round((real_n / real_s) / (base_n / base_s), 2),
        "earshot_one_cpu_items_per_s": round(pin_n / pin_s) if pinned else None,
        "earshot_2_worker_processes_items_per_s": round(pool_n / pool_s),
        "note": "earshot also brand-matches, dedupes, runs the full scorer and keeps FTS5 and indexes current",
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
