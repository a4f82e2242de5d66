"""Scoring in worker processes, so a big poll uses every core (threads share one, because of the GIL)."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from desktop_app.core.models import Category, Label, Score
from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.services.worker_guard import WORKER_NICENESS, exit_with_parent, lower_priority

MIN_BATCH = 16  # below this, a round trip to a worker costs more than scoring here

# Items cross to the workers and back as plain tuples: a slotted dataclass pickles ~6x slower (measured
# ~12 us per mention for (text, ScoreContext) against ~2 us), and most of that was the main process's time.
_CONTEXT_FIELDS = tuple(f.name for f in dataclasses.fields(ScoreContext))
Packed = tuple[Any, ...]
T = TypeVar("T")


def _pack(batch: Sequence[tuple[str, ScoreContext]]) -> list[Packed]:
    return [(text, *(getattr(ctx, name) for name in _CONTEXT_FIELDS)) for text, ctx in batch]


def _score_packed(rows: Sequence[Packed]) -> list[Packed]:
    scores = default_scorer().score_many([(row[0], ScoreContext(*row[1:])) for row in rows])
    return [(s.sentiment, s.label.value, s.complaint, s.category.value, s.urgency, s.reasons) for s in scores]


def _unpack(rows: Sequence[Packed]) -> list[Score]:
    return [Score(a, Label(b), c, Category(d), e, f) for a, b, c, d, e, f in rows]


def _warm(niceness: int) -> None:
    exit_with_parent()
    lower_priority(niceness)
    default_scorer().score("warm up")


class ScoringPool:
    def __init__(self, workers: int | None = None, *, niceness: int = WORKER_NICENESS) -> None:
        count = workers or max(1, min(4, os.cpu_count() or 1))
        self.workers = count
        # spawn, not fork: the poller forks from a process full of threads
        context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(
            max_workers=count, mp_context=context, initializer=_warm, initargs=(niceness,)
        )

    def score_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
        return self.start_many(batch)()

    def start_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> Callable[[], list[Score]]:
        """Hand the batch to the workers and return at once; call the result to wait for the scores."""
        if len(batch) < MIN_BATCH:
            scores = default_scorer().score_many(batch)
            return lambda: scores
        size = max(MIN_BATCH, -(-len(batch) // self.workers))  # one chunk per worker
        packed = _pack(batch)
        futures = [
            self._executor.submit(_score_packed, packed[i : i + size]) for i in range(0, len(packed), size)
        ]
        return lambda: [score for future in futures for score in _unpack(future.result())]

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        """Run a module-level function in a worker process (arguments and result cross pickled), e.g. one
        that reads its own rows from the database, so that only small values cross."""
        return self._executor.submit(fn, *args)

    def close(self, *, wait: bool = False) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=True)
