"""Scoring in worker processes, so a big poll uses every core (threads share one, because of the GIL)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from desktop_app.core.models import Score
from desktop_app.scoring.scorer import ScoreContext, default_scorer

MIN_BATCH = 16  # below this, a round trip to a worker costs more than scoring here


def _warm() -> None:
    default_scorer().score("warm up")


def _score_batch(batch: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
    return default_scorer().score_many(batch)


class ScoringPool:
    def __init__(self, workers: int | None = None) -> None:
        count = workers or max(1, min(4, os.cpu_count() or 1))
        self.workers = count
        # spawn, not fork: the poller forks from a process full of threads
        context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_warm)

    def score_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
        return self.start_many(batch)()

    def start_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> Callable[[], list[Score]]:
        """Hand the batch to the workers and return at once; call the result to wait for the scores."""
        if len(batch) < MIN_BATCH:
            scores = default_scorer().score_many(batch)
            return lambda: scores
        size = max(MIN_BATCH, -(-len(batch) // self.workers))  # one chunk per worker
        futures = [
            self._executor.submit(_score_batch, list(batch[i : i + size])) for i in range(0, len(batch), size)
        ]
        return lambda: [score for future in futures for score in future.result()]

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
