"""Per-host pacing: one request in flight per host, a minimum gap between starts, and Retry-After blocks.

Each host has its own condition variable, so different hosts never wait on each other (the Picard pattern,
in plain Python). Times are on the pacer's clock (time.monotonic unless a test injects another).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.core.errors import RateLimited


@dataclass(slots=True)
class _HostState:
    cond: threading.Condition = field(default_factory=threading.Condition)
    busy: bool = False
    next_start: float = float("-inf")
    blocked_until: float = float("-inf")


class HostPacer:
    """Thread-safe. `acquire(host)` waits for the host's turn; always pair it with `release(host)`.

    A host blocked (by Retry-After or backoff) for longer than `max_block_wait` seconds is not waited
    for: acquire raises RateLimited at once, so a worker thread is never parked for an hour.
    """

    def __init__(
        self,
        min_interval: float = 1.0,
        *,
        max_block_wait: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.min_interval = max(0.0, min_interval)
        self.max_block_wait = max_block_wait
        self.clock = clock
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()

    def _state(self, host: str) -> _HostState:
        key = host.lower()
        with self._hosts_lock:
            state = self._hosts.get(key)
            if state is None:
                state = self._hosts[key] = _HostState()
            return state

    def acquire(self, host: str) -> None:
        state = self._state(host)
        with state.cond:
            while True:
                now = self.clock()
                blocked = state.blocked_until - now
                if blocked > self.max_block_wait:
                    raise RateLimited(_blocked_message(host, blocked), blocked)
                if state.busy:
                    state.cond.wait()  # release() or block_until() notifies
                    continue
                wait = max(blocked, state.next_start - now)
                if wait <= 0:
                    state.busy = True
                    state.next_start = now + self.min_interval
                    return
                state.cond.wait(timeout=wait)

    def release(self, host: str) -> None:
        state = self._state(host)
        with state.cond:
            state.busy = False
            state.cond.notify_all()

    def block_until(self, host: str, ts: float) -> None:
        """No request to `host` starts before `ts` (on this pacer's clock). Never shortens a block."""
        state = self._state(host)
        with state.cond:
            state.blocked_until = max(state.blocked_until, ts)
            state.cond.notify_all()

    def block_for(self, host: str, seconds: float) -> None:
        self.block_until(host, self.clock() + max(0.0, seconds))

    def blocked_until(self, host: str) -> float | None:
        """When the host's block ends (pacer clock), or None when it is not blocked."""
        state = self._state(host)
        with state.cond:
            return state.blocked_until if state.blocked_until > self.clock() else None

    def blocked_for(self, host: str) -> float:
        """Seconds this host is still blocked (0 when free)."""
        until = self.blocked_until(host)
        return 0.0 if until is None else max(0.0, until - self.clock())


def _blocked_message(host: str, seconds: float) -> str:
    until = time.strftime("%H:%M", time.localtime(time.time() + seconds))
    return f"{host} asked us to slow down; waiting until {until} before asking again."
