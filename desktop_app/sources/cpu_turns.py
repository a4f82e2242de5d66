"""Python-heavy steps of a poll take turns: one poll thread at a time parses a feed or normalizes its items.

Under the GIL, N poll threads all running Python make the UI thread wait for the lock behind every one of
them each time it needs Python (a paint, a signal), the convoy effect: with 16 such threads the window
stalled for 100-200 ms at a time while a poll stored 10k mentions. Waiting for the network, for the
scoring processes or for SQLite releases the GIL and stays concurrent; only the pure-Python steps queue
here, so a poll takes as long as before (they were serialized by the GIL anyway) and the window stays
smooth. Measured with benchmarks/inbox_poll.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_TURN = threading.Lock()


@contextmanager
def cpu_turn() -> Iterator[None]:
    with _TURN:  # a blocked acquire releases the GIL
        yield
