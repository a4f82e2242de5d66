"""Poll threads take turns at parsing: never two feedparser runs at once, every feed still parsed."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from desktop_app.sources import rss
from tests.support.feeds import rss_feed


def test_parsing_takes_turns(monkeypatch: pytest.MonkeyPatch) -> None:
    inside, most = [0], [0]
    lock = threading.Lock()
    real = rss._feedparser

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.01)  # a slow parse: others arrive meanwhile
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                inside[0] -= 1

    monkeypatch.setattr(rss, "_feedparser", counting)
    bodies = [rss_feed(5, prefix=f"t{i}") for i in range(12)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(rss.parse_feed, bodies))
    assert [len(items) for items in results] == [5] * 12
    assert most[0] == 1
