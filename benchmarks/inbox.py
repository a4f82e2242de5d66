"""Inbox benchmark: the real lazy model and QTableView, offscreen, on a synthetic workspace of N mentions.

    python benchmarks/inbox.py --rows 1000000

Prints one JSON object. The workspace is built once with raw executemany into the real schema and cached
under /tmp (keyed by N). Goals at 1M: first paint < 1 s, sort/view change < 250 ms, search < 150 ms,
RSS < 300 MB, longest UI stall while 50k mentions are written < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.models import BrandProfile
from desktop_app.storage.queries import MentionQuery, View
from desktop_app.storage.schema import LATEST_VERSION
from desktop_app.storage.workspace import create_workspace, open_workspace, workspace_path

WORDS = ["refund", "charged", "twice", "support", "order", "late", "cold", "coffee", "barista", "app", "login", "points", "delivery", "rude", "friendly", "great", "terrible", "waited", "minutes", "store", "manager", "price", "subscription", "cancel", "billing", "latte", "croissant", "queue", "staff", "clean", "dirty", "music", "wifi", "seat", "table", "fast", "slow", "broken", "fixed"]  # fmt: skip
OPENERS = ("I hate {b}", "{b} charged me twice", "Love {b}", "Does {b} deliver", "{b} support is slow",
           "Shout out to {b}", "{b} app is broken again", "New {b} shop opens", "{b} refund still missing")  # fmt: skip
LABELS = ("negative", "neutral", "positive")
CATEGORIES = ("complaint", "question", "praise", "other", "crisis", "suggestion")
INSERT = (
    "INSERT INTO mentions (uid, source_id, source_item_id, url, canonical_url, title, text, html, author,"
    " published_at, fetched_at, story_key, content_hash, sentiment, label, complaint, category, urgency,"
    " reasons, status, is_read) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
SOURCES = 12


def synthetic_rows(start: int, n: int, now: int, seed: int) -> list[tuple[object, ...]]:
    rng = random.Random(seed)
    rows = []
    for i in range(start, start + n):
        opener = rng.choice(OPENERS).format(b="Acme")
        words = " ".join(rng.choices(WORDS, k=14))
        text = f"{opener}. {words}."
        label = rng.choices(LABELS, (4, 4, 2))[0]
        category = rng.choice(CATEGORIES)
        urgency = rng.randint(0, 100)
        status = rng.choices(("new", "responded", "archived", "snoozed"), (80, 8, 10, 2))[0]
        rows.append((
            f"u{i}", 1 + i % SOURCES, f"i{i}", f"https://news.example/{i}", f"https://news.example/{i}",
            f"{opener} #{i}", text, f"<p>{text}</p>", f"user{rng.randint(0, 50_000)}",
            now - rng.randint(0, 365 * 86400), now, f"story{i // 3}", f"h{i}",
            {"negative": -0.6, "neutral": 0.0, "positive": 0.6}[label], label, 0.5, category, urgency,
            '["synthetic"]', status, rng.random() < 0.5,
        ))  # fmt: skip
    return rows


def build(rows: int) -> Path:
    """The cached workspace, copied afresh for this run (the stall test writes into the copy)."""
    cache = Path(f"/tmp/earshot-bench-cache-{rows}-v{LATEST_VERSION}")  # a schema change builds anew
    for stale in Path("/tmp").glob(f"earshot-bench-cache-{rows}-v*"):
        if stale != cache:
            shutil.rmtree(stale, ignore_errors=True)
    if not workspace_path(cache, "bench").is_file():
        _build(cache, rows)
    run = Path(f"/tmp/earshot-bench-run-{rows}")
    shutil.rmtree(run, ignore_errors=True)
    workspace_path(run, "bench").parent.mkdir(parents=True)
    shutil.copyfile(workspace_path(cache, "bench"), workspace_path(run, "bench"))
    return run


def _build(root: Path, rows: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    create_workspace(root, "bench.tmp", BrandProfile("Acme")).close()
    path = workspace_path(root, "bench.tmp")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'mentions_fts_insert'").fetchone()[0]
    conn.execute("DROP TRIGGER mentions_fts_insert")
    now = int(time.time())
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO sources (name, kind, config, created_at, last_success_at) VALUES (?, 'rss', '{}', ?, ?)",
        [(f"Feed {i}", now, now) for i in range(1, SOURCES + 1)],
    )
    for start in range(0, rows, 50_000):
        conn.executemany(INSERT, synthetic_rows(start, min(50_000, rows - start), now, start))
    conn.execute("INSERT INTO mentions_fts (mentions_fts) VALUES ('rebuild')")
    conn.execute(trigger)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    path.replace(workspace_path(root, "bench"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Bench:
    def __init__(self, root: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop_app.ui.inbox_model import InboxModel
        from desktop_app.ui.inbox_view import InboxView
        from desktop_app.ui.tasks import Dispatcher, TaskRunner

        self.app = QApplication.instance() or QApplication([])
        started = time.perf_counter()
        self.ws = open_workspace(root, "bench")
        self.errors: list[str] = []
        self.tasks = TaskRunner(Dispatcher(), lambda exc: self.errors.append(repr(exc)))
        self.model = InboxModel(self.ws.reader, self.tasks)
        self.view = InboxView(self.model)
        self.view.resize(1000, 800)
        self.view.show()
        self.first_paint = self.load(
            lambda: self.model.set_query(MentionQuery(view=View.NEEDS_REPLY)), started
        )

    def wait(self, done: Callable[[], bool], timeout: float = 120.0) -> None:
        deadline = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("benchmark step timed out")
            self.app.processEvents()
            time.sleep(0.0005)

    def load(self, change: Callable[[], None], started: float | None = None) -> dict[str, float]:
        """Time from a change to rows painted, and to the full id list."""
        started = time.perf_counter() if started is None else started
        change()
        self.wait(lambda: self.model.rowCount() > 0 or not self.model.loading)
        self.view.viewport().repaint()
        painted = time.perf_counter() - started
        self.wait(lambda: not self.model.loading)
        return {"painted_ms": round(painted * 1000, 1), "all_ids_ms": round((time.perf_counter() - started) * 1000, 1),
                "rows": self.model.rowCount()}  # fmt: skip

    def scroll_to_end(self) -> dict[str, float]:
        fetched = self.model.rows_fetched
        started = time.perf_counter()
        self.view.scrollToBottom()
        self.view.viewport().repaint()
        last = self.model.rowCount() - 1  # rows come from a worker: done when the last one is painted
        self.wait(lambda: self.model.cached_row(last) is not None)
        self.view.viewport().repaint()
        return {"ms": round((time.perf_counter() - started) * 1000, 1),
                "rows_fetched": self.model.rows_fetched - fetched, "rows": self.model.rowCount()}  # fmt: skip

    def stall_during_writes(self, total: int = 50_000, batch: int = 1000) -> dict[str, float]:
        from PySide6.QtCore import QTimer

        self.ws.writer.add_listener(lambda _c: self.tasks.dispatcher.post(self.model.schedule_refresh))
        worst = [0.0]
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            worst[0] = max(worst[0], now - last[0] - 0.005)
            last[0] = now

        timer = QTimer(interval=5)
        timer.timeout.connect(tick)
        start_id = 1_000_000_000 + int(self.ws.reader().execute("SELECT max(id) FROM mentions").fetchone()[0])
        rows = synthetic_rows(start_id, total, int(time.time()), 7)

        def write() -> None:
            from desktop_app.core.models import Changes

            for s in range(0, total, batch):
                chunk = rows[s : s + batch]

                def one(conn: sqlite3.Connection, chunk: list[tuple[object, ...]] = chunk) -> Changes:
                    first = conn.execute("SELECT coalesce(max(id), 0) FROM mentions").fetchone()[0]
                    conn.executemany(INSERT, chunk)
                    return Changes(added=tuple(range(first + 1, first + 1 + len(chunk))))

                self.ws.writer.call(one)

        thread = threading.Thread(target=write)
        began = time.perf_counter()
        timer.start()
        last[0] = time.perf_counter()
        thread.start()
        self.wait(lambda: not thread.is_alive(), 600)
        written = time.perf_counter() - began
        self.wait(lambda: not self.model.loading and not self.model._refresh_timer.isActive(), 120)
        timer.stop()
        return {"longest_stall_ms": round(worst[0] * 1000, 1), "rows_written": total,
                "write_seconds": round(written, 2)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    started = time.perf_counter()
    root = build(args.rows)
    build_s = time.perf_counter() - started
    bench = Bench(root)
    figures: dict[str, object] = {"rows": args.rows, "build_or_cache_s": round(build_s, 1),
                                  "open_to_first_paint": bench.first_paint}  # fmt: skip
    m = bench.model
    figures["sort_change"] = bench.load(
        lambda: m.set_query(
            m.query.with_(sort=__import__("desktop_app.storage.queries", fromlist=["Sort"]).Sort.NEWEST)
        )
    )
    figures["view_change"] = bench.load(lambda: m.set_query(m.query.with_(view=View.ALL)))
    figures["search"] = bench.load(lambda: m.set_query(m.query.with_(search="refund")))
    figures["search_rare"] = bench.load(lambda: m.set_query(m.query.with_(search="croissant wifi broken")))
    bench.load(lambda: m.set_query(m.query.with_(search="")))
    figures["scroll_to_end"] = bench.scroll_to_end()
    figures["rss_mb"] = round(rss_mb(), 1)
    figures["writes_during_ui"] = bench.stall_during_writes()
    figures["rss_mb_after_writes"] = round(rss_mb(), 1)
    figures["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["errors"] = bench.errors
    bench.tasks.shutdown()
    bench.model.shutdown()
    bench.ws.close()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
