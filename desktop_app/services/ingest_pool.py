"""A poll's CPU work in worker processes: parse each feed, normalize, brand-match and score its items there.

Threads share one GIL, so parsing a feed (feedparser is pure Python) in a poll thread makes the window wait
for the lock, and a big poll runs on one core. Here the poll threads only fetch and hand the bytes over;
the workers read what is already stored themselves (a read-only connection: WAL lets it read beside the
writer) so only new mentions come back, as plain tuples (cheap to unpickle), for the one writer to store.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.core.models import BrandProfile, Category, FeedBody, Label, NormalizedMention, Score
from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.services.ingest import BatchScorer, Ingestor, Prepared
from desktop_app.services.worker_guard import WORKER_NICENESS, exit_with_parent, lower_priority
from desktop_app.sources.rss import parse_feed
from desktop_app.storage.database import connect

MIN_BATCH = 16  # below this, a round trip to a worker costs more than scoring here
_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(NormalizedMention))
Packed = tuple[Any, ...]
T = TypeVar("T")

# Per worker process: one Ingestor per brand profile and one reader per workspace file, made on first use.
_ingestors: dict[BrandProfile, Ingestor] = {}
_readers: dict[str, sqlite3.Connection] = {}
_batch_scorer: BatchScorer | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class FeedJob:
    """What a worker needs to turn one fetched feed into mentions to store."""

    feed: FeedBody
    profile: BrandProfile
    source_id: int
    source_kind: str
    fetched_at: datetime
    database: Path | None = None  # the workspace file, to skip what it already holds
    match_brand: bool = True


def _ingestor(profile: BrandProfile) -> Ingestor:
    found = _ingestors.get(profile)
    if found is None:
        if len(_ingestors) >= 8:
            _ingestors.clear()
        found = _ingestors[profile] = Ingestor(profile, default_scorer())
    return found


def _reader(database: Path | None) -> sqlite3.Connection | None:
    if database is None:
        return None
    key = str(database)
    if key not in _readers:
        _readers[key] = connect(database, readonly=True)
    return _readers[key]


def prepare_feed(job: FeedJob) -> tuple[Prepared, int]:
    """Parse, normalize, match and score one feed here; also the number of items the feed held."""
    items = parse_feed(job.feed.body, job.feed.headers, job.feed.url)
    prepared = _ingestor(job.profile).prepare(
        items,
        source_id=job.source_id,
        source_kind=job.source_kind,
        fetched_at=job.fetched_at,
        reader=_reader(job.database),
        match_brand=job.match_brand,
    )
    return prepared, len(items)


def _prepare_packed(job: FeedJob) -> tuple[list[tuple[Packed, Packed]], int, int, int]:
    prepared, count = prepare_feed(job)
    rows = [
        (
            tuple(getattr(m, name) for name in _MENTION_FIELDS),
            (s.sentiment, s.label.value, s.complaint, s.category.value, s.urgency, s.reasons),
        )
        for m, s in prepared.scored
    ]
    return rows, prepared.dropped, prepared.known, count


def _unpack_prepared(packed: tuple[list[tuple[Packed, Packed]], int, int, int]) -> tuple[Prepared, int]:
    rows, dropped, known, count = packed
    scored = [
        (NormalizedMention(*m), Score(a, Label(b), c, Category(d), e, f)) for m, (a, b, c, d, e, f) in rows
    ]
    return Prepared(scored, dropped, known), count


def _scorer() -> BatchScorer:
    global _batch_scorer
    if _batch_scorer is None:
        _batch_scorer = default_scorer()
    return _batch_scorer


def _score(batch: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
    return _scorer().score_many(batch)


def _warm(niceness: int) -> None:
    exit_with_parent()
    lower_priority(niceness)
    _score([("warm up", ScoreContext())])


class IngestPool:
    """Worker processes for a poll: whole feeds (`prepare_feed`) and, for other sources, score batches."""

    def __init__(self, workers: int | None = None, *, niceness: int = WORKER_NICENESS) -> None:
        self.workers = workers or max(1, min(4, os.cpu_count() or 1))
        self.niceness = niceness
        # spawn, not fork: the poller forks from a process full of threads
        self._executor = self._start()
        self._lock = threading.Lock()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=_warm, initargs=(self.niceness,)
        )

    def _submit(self, fn: Callable[..., T], arg: Any) -> Future[T]:
        """Submit to the workers; a pool whose worker died (killed, out of memory) is replaced once."""
        executor = self._executor
        try:
            return executor.submit(fn, arg)
        except BrokenProcessPool:
            with self._lock:
                if self._executor is executor:
                    executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = self._start()
            return self._executor.submit(fn, arg)

    def prepare_feed(self, job: FeedJob) -> tuple[Prepared, int]:
        """Blocks this (poll) thread, not the GIL, until a worker has done the feed."""
        try:
            return _unpack_prepared(self._submit(_prepare_packed, job).result())
        except BrokenProcessPool:  # a worker died (killed, out of memory): once more, on new workers
            return _unpack_prepared(self._submit(_prepare_packed, job).result())

    def score_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
        return self.start_many(batch)()

    def start_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> Callable[[], list[Score]]:
        if len(batch) < MIN_BATCH:
            scores = _score(batch)
            return lambda: scores
        size = max(MIN_BATCH, -(-len(batch) // self.workers))
        futures = [self._submit(_score, batch[i : i + size]) for i in range(0, len(batch), size)]
        return lambda: [score for future in futures for score in future.result()]

    def close(self, *, wait: bool = False) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=True)
