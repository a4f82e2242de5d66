"""Re-scoring a workspace after the rules or the model change (and to refresh recency in urgency).

Reads in id order, scores in batches, and writes only the rows whose figures changed, in short transactions
through the single writer, so triage keeps working while it runs. Cancellable.

With a ScoringPool the worker processes read their own id range from the database (a read-only connection;
WAL lets them read while the app writes), score it and hand back only the changed figures: the app's process
neither reads, pickles nor compares the texts, it only writes. Several ranges are in flight at once, so every
core scores while the writes go on.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.core.models import Category, Changes, Label, Score
from desktop_app.scoring import __file__ as scoring_init
from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.services.ingest import COMPLAINT_TIMES_BY_ID, BatchScorer, complaint_times, earlier
from desktop_app.storage.database import connect
from desktop_app.storage.mention_writes import update_scores
from desktop_app.storage.workspace import Workspace, write_settings

BATCH = 2000
# Changed rows are written this many at a time (or fewer, at the end and on a cancel). Re-scoring moves rows
# in every urgency/label/category index, at random places: a transaction's cost is mostly the index pages it
# dirties, which 2,000 scattered rows nearly all touch already, so bigger transactions cost far less per row
# (measured at 1M mentions: ~90 us a row at 2,000, ~45 at 10,000). ~0.3 s of writer time at 1M.
WRITE_ROWS = 8000
WRITE_CACHE_KB = (
    192 * 1024
)  # the writer's page cache while re-scoring a big workspace (see _widen_write_cache)
IN_FLIGHT_PER_WORKER = 2  # ranges handed to each worker ahead: one scoring, one waiting
FINGERPRINT_KEY = "scoring.fingerprint"
Progress = Callable[[int, int], None]  # done, total

_COLUMNS = (
    "id, title, text, reach, reach_label, rating, published_at, status, author_id,"
    " sentiment, label, complaint, category, urgency, reasons"
)
SELECT_BATCH = f"SELECT {_COLUMNS} FROM mentions WHERE id > ? ORDER BY id LIMIT ?"
SELECT_RANGE = f"SELECT {_COLUMNS} FROM mentions WHERE id > ? AND id <= ? ORDER BY id"
RANGE_END = "SELECT id FROM mentions WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?"
LAST_ID = "SELECT max(id) FROM mentions"

Changed = tuple[int, float, str, float, str, int, tuple[str, ...]]  # id + a Score's fields, as plain values


def rescore_workspace(
    ws: Workspace,
    scorer: BatchScorer | None = None,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    batch: int = BATCH,
    now: datetime | None = None,
    write_rows: int = WRITE_ROWS,
) -> int:
    """Re-score every mention; returns how many were re-scored (fewer if cancelled). Rows whose figures come
    out as stored are not written. A scorer with `submit` (a ScoringPool) has its workers read the rows."""
    scorer = scorer or default_scorer()
    terms = ws.profile().terms()
    stamp = now or datetime.now(UTC)
    total = int(ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0])
    writes = _Writes(ws, write_rows)
    previous_cache = _widen_write_cache(ws)
    try:
        if getattr(scorer, "submit", None) is not None:
            done = _in_workers(ws, scorer, terms, stamp, total, writes, progress, cancel, batch)
        else:
            done = _here(ws, scorer, terms, stamp, total, writes, progress, cancel, batch)
        writes.finish()
    finally:
        if previous_cache is not None:
            ws.writer.call(lambda conn: conn.execute(f"PRAGMA cache_size = {int(previous_cache)}"))
    if cancel is None or not cancel.is_set():
        mark_scored(ws)
    return done


def _widen_write_cache(ws: Workspace) -> int | None:
    """Give the writer's connection a page cache of about a fifth of the file (at most WRITE_CACHE_KB) for
    the re-score; returns the size to restore, or None when the file is small enough for the usual cache.
    Every write moves rows in eight indexes at random places: at 1M mentions their ~160 MB of pages do not
    fit the usual 32 MB, and each write re-reads most of them (measured: ~120 us of CPU a row at 8,000 rows
    a write, ~58 with 192 MB)."""
    try:
        wanted_kb = min(WRITE_CACHE_KB, ws.path.stat().st_size // 1024 // 5)
    except OSError:
        return None
    current = int(ws.writer.call(lambda conn: conn.execute("PRAGMA cache_size").fetchone()[0]))
    current_kb = -current if current < 0 else current * 4  # negative: KiB; positive: pages (~4 KiB)
    if wanted_kb <= current_kb:
        return None
    ws.writer.call(lambda conn: conn.execute(f"PRAGMA cache_size = {-int(wanted_kb)}"))
    return current


def _by_urgency(pair: tuple[int, Score]) -> int:
    return -pair[1].urgency


class _Writes:
    """Changed rows, written `size` at a time through the writer (whose one thread keeps them in order). The
    caller waits only when two writes are queued already, so scoring goes on while the writer works."""

    QUEUED = 2

    def __init__(self, ws: Workspace, size: int) -> None:
        self._ws = ws
        self._size = max(1, size)
        self._pending: list[tuple[int, Score]] = []
        self._queued: deque[Future[Changes]] = deque()

    def add(self, pairs: list[tuple[int, Score]]) -> None:
        self._pending.extend(pairs)
        if len(self._pending) >= self._size:
            self._flush()

    def _flush(self) -> None:
        while self._queued and (self._queued[0].done() or len(self._queued) >= self.QUEUED):
            self._queued.popleft().result()
        if self._pending:
            pairs, self._pending = self._pending, []
            # In urgency order: five of the indexes a score moves start with (or follow a small column by)
            # urgency, so the new entries go in near each other (measured: ~10% less writer CPU)
            pairs.sort(key=_by_urgency)
            self._queued.append(self._ws.writer.submit(partial(update_scores, scores=pairs, bulk=True)))

    def finish(self) -> None:
        self._flush()
        while self._queued:
            self._queued.popleft().result()


def _here(
    ws: Workspace,
    scorer: BatchScorer,
    terms: tuple[str, ...],
    stamp: datetime,
    total: int,
    writes: _Writes,
    progress: Progress | None,
    cancel: threading.Event | None,
    batch: int,
) -> int:
    """Read here and score with `scorer` (in worker processes when it has `start_many`): batch k+1 is read and
    handed to the scorer before the scores of batch k are collected."""
    reader = ws.reader()
    done, last_id = 0, 0
    scoring: tuple[list[sqlite3.Row], Callable[[], list[Score]]] | None = None
    while True:
        stop = cancel is not None and cancel.is_set()
        rows = [] if stop else reader.execute(SELECT_BATCH, (last_id, batch)).fetchall()
        started = None
        if rows:
            last_id = int(rows[-1]["id"])
            history = complaint_times(reader, COMPLAINT_TIMES_BY_ID, (r["author_id"] for r in rows))
            started = (
                rows,
                _start(scorer, [(str(r["text"] or ""), _context(r, terms, stamp, history)) for r in rows]),
            )
        if scoring is not None:
            done_rows, collect = scoring
            writes.add(
                [
                    (int(r["id"]), s)
                    for r, s in zip(done_rows, collect(), strict=True)
                    if not _unchanged(s, tuple(r)[9:])
                ]
            )
            done += len(done_rows)
            if progress is not None:
                progress(done, total)
        scoring = started
        if scoring is None:
            break
    return done


def _in_workers(
    ws: Workspace,
    pool: Any,
    terms: tuple[str, ...],
    stamp: datetime,
    total: int,
    writes: _Writes,
    progress: Progress | None,
    cancel: threading.Event | None,
    batch: int,
) -> int:
    """Hand id ranges to the pool's workers (a few per worker ahead) and write what they send back, in order."""
    path = str(ws.path)
    ranges = _ranges(ws.reader(), batch)
    ahead = max(1, int(getattr(pool, "workers", 1)) * IN_FLIGHT_PER_WORKER)
    flight: deque[Future[tuple[int, list[Changed]]]] = deque()
    done = 0

    def stopped() -> bool:
        return cancel is not None and cancel.is_set()

    for after, last in ranges:
        if stopped():
            break
        flight.append(pool.submit(score_range, path, after, last, terms, stamp))
        if len(flight) >= ahead:
            done += _collect(flight.popleft(), writes)
            if progress is not None:
                progress(done, total)
    while flight and not stopped():
        done += _collect(flight.popleft(), writes)
        if progress is not None:
            progress(done, total)
    for future in flight:  # cancelled: what is still being scored is dropped, not waited for
        future.cancel()
    return done


def _ranges(reader: sqlite3.Connection, batch: int) -> Iterator[tuple[int, int]]:
    """(after, last) id bounds of consecutive runs of `batch` mentions, found as they are needed (mentions
    stored meanwhile are re-scored too when their ids come after the current range)."""
    after = 0
    while True:
        row = reader.execute(RANGE_END, (after, max(1, batch) - 1)).fetchone()
        if row is None:
            last_row = reader.execute(LAST_ID).fetchone()
            last = int(last_row[0]) if last_row and last_row[0] is not None else 0
            if last > after:
                yield after, last
            return
        last = int(row[0])
        yield after, last
        after = last


_LABELS = {label.value: label for label in Label}
_CATEGORIES = {category.value: category for category in Category}


def _collect(future: Future[tuple[int, list[Changed]]], writes: _Writes) -> int:
    count, changed = future.result()
    writes.add(
        [
            (mid, Score(sentiment, _LABELS[label], complaint, _CATEGORIES[category], urgency, reasons))
            for mid, sentiment, label, complaint, category, urgency, reasons in changed
        ]
    )
    return count


_worker_readers: dict[str, sqlite3.Connection] = {}


def score_range(
    path: str, after: int, last: int, terms: tuple[str, ...], now: datetime
) -> tuple[int, list[Changed]]:
    """In a worker process: re-score the mentions with after < id <= last, read from the workspace file
    itself; returns how many were scored and the changed ones' figures (id first)."""
    reader = _worker_readers.get(path)
    if reader is None:
        reader = _worker_readers[path] = connect(Path(path), readonly=True)
        reader.row_factory = None  # plain tuples: unpacked below in SELECT_RANGE's column order
    rows = reader.execute(SELECT_RANGE, (after, last)).fetchall()
    history = complaint_times(reader, COMPLAINT_TIMES_BY_ID, (r[8] for r in rows))
    score = default_scorer().score
    changed: list[Changed] = []
    for row in rows:
        (mid, title, text, reach, reach_label, rating, published, status, author_id) = row[:9]
        published = int(published)
        ctx = ScoreContext(
            str(title or ""),
            terms,
            reach,
            reach_label,
            datetime.fromtimestamp(published, UTC),
            now,
            rating,
            status == "responded",
            earlier(history.get(author_id), published),
        )
        s = score(str(text or ""), ctx)
        if not _unchanged(s, row[9:]):
            label, category = s.label.value, s.category.value
            changed.append((int(mid), s.sentiment, label, s.complaint, category, s.urgency, s.reasons))
    return len(rows), changed


_REASONS: dict[str, tuple[str, ...] | None] = {}  # stored reasons JSON -> reasons (None: unreadable)


def _unchanged(s: Score, stored: tuple[Any, ...]) -> bool:
    """Whether `update_scores` would store what the row holds already (reasons compared as lists)."""
    sentiment, label, complaint, category, urgency, reasons_json = stored
    if (
        round(s.sentiment, 4) != sentiment
        or s.urgency != urgency
        or s.label.value != label
        or s.category.value != category
        or round(s.complaint, 4) != complaint
    ):
        return False
    if reasons_json in _REASONS:
        reasons = _REASONS[reasons_json]
    else:
        if len(_REASONS) >= 50_000:
            _REASONS.clear()
        try:
            loaded = json.loads(reasons_json)
            reasons = tuple(loaded) if isinstance(loaded, list) else None
        except (TypeError, ValueError):
            reasons = None
        _REASONS[reasons_json] = reasons
    return reasons == s.reasons


def _start(scorer: BatchScorer, items: list[tuple[str, ScoreContext]]) -> Callable[[], list[Score]]:
    """Begin scoring; the returned function waits for the scores. A scorer without `start_many` scores now."""
    start = getattr(scorer, "start_many", None)
    if start is not None:
        return start(items)
    scores = scorer.score_many(items)
    return lambda: scores


def _context(
    r: sqlite3.Row, terms: tuple[str, ...], now: datetime, history: dict[object, list[int]]
) -> ScoreContext:
    """The mention's context, with its author's complaints stored before it (as the last scoring filed them)."""
    published = int(r["published_at"])
    return ScoreContext(
        title=str(r["title"] or ""),
        brand_terms=terms,
        reach=r["reach"],
        reach_label=r["reach_label"],
        published_at=datetime.fromtimestamp(published, UTC),
        now=now,
        rating=r["rating"],
        answered=r["status"] == "responded",
        author_prior_complaints=earlier(history.get(r["author_id"]), published),
    )


def scoring_fingerprint() -> str:
    """Changes whenever the scoring rules or model change: a hash of the scoring package's files.

    A frozen build has no .py files beside the package, only the model data; its app version stands in.
    """
    package = Path(scoring_init).parent
    digest = hashlib.sha256()
    files = sorted(p for p in package.iterdir() if p.suffix in (".py", ".json"))
    if not any(p.suffix == ".py" for p in files):
        digest.update(__version__.encode())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def needs_rescore(ws: Workspace) -> bool:
    """True when the mentions were scored by other rules than these (or by a build that kept no record)."""
    if ws.setting(FINGERPRINT_KEY) == scoring_fingerprint():
        return False
    has_mentions = ws.reader().execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None
    if not has_mentions:
        mark_scored(ws)
    return has_mentions


def mark_scored(ws: Workspace) -> None:
    fingerprint = scoring_fingerprint()
    ws.writer.call(lambda conn: write_settings(conn, {FINGERPRINT_KEY: fingerprint}))
