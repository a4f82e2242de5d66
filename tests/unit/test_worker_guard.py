"""Pool workers end with the app, even when the app is killed (they used to wait forever on the pool's
pipes, 60 MB each)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.services.worker_guard import exit_with_parent

REPO = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
@pytest.mark.parametrize("kind", ["ingest", "scoring"])
def test_workers_leave_when_the_app_is_killed(kind: str) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-m", "tests.support.pool_parent", kind],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        assert parent.stdout is not None
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [p for p in workers if _alive(p)]
    finally:
        parent.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_process_that_is_no_worker_is_left_alone() -> None:
    assert exit_with_parent() is False


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="POSIX priorities")
def test_rescore_workers_yield_the_cpu_to_the_window() -> None:
    """At the app's priority they made the window stall 70 ms during a 1M re-score; at niceness 10, 36 ms."""
    import multiprocessing

    from desktop_app.scoring.scorer import ScoreContext
    from desktop_app.services.scoring_pool import MIN_BATCH, ScoringPool
    from desktop_app.services.worker_guard import WORKER_NICENESS

    before = {c.pid for c in multiprocessing.active_children()}
    pool = ScoringPool(2)
    try:
        pool.score_many([("Acme charged me twice", ScoreContext())] * (4 * MIN_BATCH))
        workers = [c.pid for c in multiprocessing.active_children() if c.pid not in before]
        assert workers
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        for pid in workers:
            assert pid is not None
            assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, ours + WORKER_NICENESS)
    finally:
        pool.close(wait=True)
