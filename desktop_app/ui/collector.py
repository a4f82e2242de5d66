"""Garbage-collector pauses in the UI process.

A full (generation 2) collection walks every tracked object while holding the GIL. The app's own modules,
PySide6, feedparser, TextBlob and the first workspace's caches are a few hundred thousand long-lived
objects: a full pass cost 30-50 ms at random moments during a poll, in whichever thread tripped it, and the
window stalled for that long (benchmarks/inbox_poll.py --probe prints each collection over 5 ms). Once, when
the first workspace is open, everything alive is moved to the permanent generation, which collections skip;
what is made later is collected as usual. Only once: a cycle among frozen objects is never freed, so
freezing again at every workspace switch would keep each closed workspace's window objects forever. No
collection first: at 1M mentions that pass took 250 ms right as the inbox appeared.
"""

from __future__ import annotations

import gc

_settled = False


def settle() -> None:
    """Exempt every object alive now from later full collections (the first call only)."""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
