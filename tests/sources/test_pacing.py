"""HostPacer on its own: a fake clock for the arithmetic, real threads for the waiting."""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from desktop_app.core.errors import RateLimited
from desktop_app.sources.pacing import HostPacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_block_until_and_blocked_until_follow_the_clock() -> None:
    clock = FakeClock()
    pacer = HostPacer(0.0, clock=clock)
    assert pacer.blocked_until("a.example") is None
    pacer.block_until("a.example", 1060.0)
    pacer.block_until("a.example", 1010.0)  # a shorter block never shortens the longer one
    assert pacer.blocked_until("A.EXAMPLE") == 1060.0
    assert pacer.blocked_for("a.example") == 60.0
    assert pacer.blocked_until("b.example") is None
    clock.now = 1061.0
    assert pacer.blocked_until("a.example") is None and pacer.blocked_for("a.example") == 0.0


def test_a_long_block_raises_instead_of_parking_the_worker() -> None:
    clock = FakeClock()
    pacer = HostPacer(0.0, max_block_wait=30.0, clock=clock)
    pacer.block_for("a.example", 3600)
    with pytest.raises(RateLimited, match="until") as info:
        pacer.acquire("a.example")
    assert info.value.retry_after == pytest.approx(3600)
    pacer.acquire("b.example")  # other hosts are not affected
    pacer.release("b.example")


def test_a_short_block_is_waited_out() -> None:
    pacer = HostPacer(0.0)
    pacer.block_for("a.example", 0.3)
    start = time.monotonic()
    pacer.acquire("a.example")
    pacer.release("a.example")
    assert 0.25 <= time.monotonic() - start < 1.0


def test_min_interval_between_starts_on_one_host() -> None:
    pacer = HostPacer(0.2)
    starts = []
    for _ in range(3):
        pacer.acquire("a.example")
        starts.append(time.monotonic())
        pacer.release("a.example")
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert all(g >= 0.19 for g in gaps), gaps


def test_one_request_in_flight_per_host_and_hosts_independent() -> None:
    pacer = HostPacer(0.0)
    in_flight: dict[str, int] = {"a": 0, "b": 0}
    most: dict[str, int] = {"a": 0, "b": 0}
    lock = threading.Lock()

    def work(host: str) -> None:
        pacer.acquire(host)
        with lock:
            in_flight[host] += 1
            most[host] = max(most[host], in_flight[host])
        time.sleep(0.05)
        with lock:
            in_flight[host] -= 1
        pacer.release(host)

    threads = [threading.Thread(target=work, args=(h,)) for h in "ab" * 5]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == {"a": 1, "b": 1}
    assert time.monotonic() - start < 0.45  # a and b ran side by side: 5 x 50 ms each, not 10 x 50 ms


def test_a_blocked_host_does_not_hold_up_another() -> None:
    pacer = HostPacer(1.0)
    pacer.acquire("slow.example")  # held, and its next start is a second away
    start = time.monotonic()
    pacer.acquire("fast.example")
    assert time.monotonic() - start < 0.1
    pacer.release("fast.example")
    pacer.release("slow.example")
