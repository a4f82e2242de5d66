"""Worker processes end with the app, however the app ends.

A ProcessPoolExecutor's workers each hold both ends of the pool's result pipe. When the app is killed (a
crash, the OOM killer, `kill -9`, a forced quit) while a worker is sending back a result bigger than the pipe's
buffer, nobody reads the pipe, yet it never closes: the worker blocks in its write forever, and a sibling
waits forever for the pipe's lock. Left alone they outlive the app by days, 60 MB each (seen in CI after the
SIGKILL tests). So each worker watches its parent and leaves the moment the parent is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import wait

EXIT_CODE = 3  # "parent gone": nothing of the worker's is worth saving, its results had nobody to go to
WORKER_NICENESS = 10  # background work: when the cores are busy, the window's own threads go first


def lower_priority(niceness: int) -> None:
    """In a worker: yield the CPU to the app's own threads (POSIX; on Windows workers keep the app's
    priority). Measured with 500 sources polled into 1M mentions: the window's longest stall 52.9 ms with
    workers at the app's priority, 18-30 ms at niceness 10."""
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


def exit_with_parent() -> bool:
    """In a multiprocessing child: a daemon thread ends this process when its parent ends. False (and
    nothing started) in a process that is no multiprocessing child."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return False
    sentinel = parent.sentinel
    threading.Thread(target=_watch, args=(sentinel,), name="exit-with-parent", daemon=True).start()
    return True


def _watch(sentinel: int) -> None:
    wait([sentinel])  # readable (at end of file) once the parent has exited, on every platform
    os._exit(EXIT_CODE)
