"""A parent process for the worker-guard test: starts a pool's workers, prints their pids, then waits to be
killed. `python -m tests.support.pool_parent ingest|scoring`."""

from __future__ import annotations

import multiprocessing
import sys
import time

from desktop_app.scoring.scorer import ScoreContext
from desktop_app.services.ingest_pool import MIN_BATCH, IngestPool
from desktop_app.services.scoring_pool import ScoringPool


def main(kind: str) -> None:
    pool = IngestPool(2) if kind == "ingest" else ScoringPool(2)
    pool.score_many([("Acme charged me twice", ScoreContext())] * (4 * MIN_BATCH))
    print(" ".join(str(c.pid) for c in multiprocessing.active_children()), flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main(sys.argv[1])
