"""Background loads asked for in bursts (the sidebar during a poll) run one at a time, never side by side."""

from __future__ import annotations

import threading

from desktop_app.ui.tasks import Dispatcher, TaskRunner


def test_a_burst_of_requests_costs_two_loads_and_the_last_one_wins(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    tasks = TaskRunner(Dispatcher(), errors.append, workers=3)
    release = threading.Event()
    running: list[int] = []
    at_once = [0, 0]  # now, most
    lock = threading.Lock()
    shown: list[int] = []

    def load(n: int) -> int:
        with lock:
            at_once[0] += 1
            at_once[1] = max(at_once)
        running.append(n)
        release.wait(5)
        with lock:
            at_once[0] -= 1
        return n

    try:
        for n in range(5):
            tasks.run_single("sidebar", lambda n=n: load(n), shown.append)
        qtbot.waitUntil(lambda: running == [0], timeout=2000)
        release.set()
        qtbot.waitUntil(lambda: shown == [0, 4], timeout=2000)
        qtbot.wait(50)
        assert running == [0, 4] and shown == [0, 4] and at_once[1] == 1 and not errors
        tasks.run_single("sidebar", lambda: load(9), shown.append)  # idle again: runs at once
        qtbot.waitUntil(lambda: shown == [0, 4, 9], timeout=2000)
    finally:
        tasks.shutdown()
