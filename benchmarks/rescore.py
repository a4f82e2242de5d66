"""Re-scoring a whole workspace: mentions per second on every core, against one core in the same run.

    python benchmarks/rescore.py --rows 1000000      # the issue's goal: 1M in under 2 minutes
    python benchmarks/rescore.py --rows 20000        # CI size

The workspace is the synthetic one benchmarks/inbox.py builds (cached in /tmp). The one-core baseline
re-scores a slice in this process with no pool; the figure that matters is the full run with the pool.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.inbox import build
from desktop_app.scoring.scorer import default_scorer
from desktop_app.services.rescore import rescore_workspace
from desktop_app.services.scoring_pool import ScoringPool
from desktop_app.storage.workspace import open_workspace

GOAL_SECONDS_PER_MILLION = 120


def one_core(root: Path, rows: int) -> tuple[float, float]:
    """Mentions per second re-scoring the first `rows` mentions in this process (the baseline): by the wall
    clock, and by this process's CPU time (steadier on a machine other work shares)."""
    ws = open_workspace(root, "bench")
    try:
        limit = _Limit(rows)
        started, cpu = time.perf_counter(), time.process_time()
        done = rescore_workspace(ws, default_scorer(), progress=limit.progress, cancel=limit.event)
        return done / (time.perf_counter() - started), done / max(time.process_time() - cpu, 1e-9)
    finally:
        ws.close()


class _Limit:
    def __init__(self, rows: int) -> None:
        import threading

        self.rows = rows
        self.event = threading.Event()

    def progress(self, done: int, _total: int) -> None:
        if done >= self.rows:
            self.event.set()


def every_core(root: Path) -> tuple[int, float, float, float]:
    """Mentions re-scored, wall seconds, and CPU seconds of this process (reading ranges, writing) and of
    the workers (their start-up included: they are counted once reaped)."""
    ws = open_workspace(root, "bench")
    pool = ScoringPool()
    workers_before = _cpu(resource.RUSAGE_CHILDREN)
    try:
        pool.score_many([("warm", default_context())] * 64)
        started, cpu = time.perf_counter(), time.process_time()
        done = rescore_workspace(ws, pool)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        pool.close(wait=True)
        ws.close()
    return done, seconds, cpu, _cpu(resource.RUSAGE_CHILDREN) - workers_before


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def default_context():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from desktop_app.scoring.scorer import ScoreContext

    return ScoreContext(title="", brand_terms=("Acme",), now=datetime.now(UTC))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline-rows", type=int, default=10_000)
    args = parser.parse_args()
    print(f"building/copying a {args.rows:,}-mention workspace…", flush=True)
    root = build(args.rows)
    base, base_cpu = one_core(root, min(args.baseline_rows, args.rows))
    done, seconds, app_cpu, workers_cpu = every_core(root)
    rate = done / seconds
    per_million = 1_000_000 / rate
    print(f"cores: {os.cpu_count()}")
    print(f"one core, no pool (baseline): {base:,.0f} mentions/s ({base_cpu:,.0f} per CPU second)")
    print(f"every core, pool:             {rate:,.0f} mentions/s  ({rate / base:.2f}x the baseline)")
    print(f"CPU per mention: app process {app_cpu / done * 1e6:.0f} us (reads ranges, writes), "
          f"workers {workers_cpu / done * 1e6:.0f} us (score; start-up included)")  # fmt: skip
    print(f"re-scored {done:,} mentions in {seconds:.1f} s; 1M would take {per_million:.0f} s "
          f"(goal: under {GOAL_SECONDS_PER_MILLION} s) -> {'met' if per_million < GOAL_SECONDS_PER_MILLION else 'NOT met'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
