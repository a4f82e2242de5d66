"""Per-host pacing: one request in flight per host, a minimum gap between starts, and Retry-After blocks.

Different hosts never wait on each other. Plain Python (the Picard pattern), thread-safe, clock injectable.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.core.errors import RateLimited


@dataclass(slots=True)
class _HostState:
    busy: bool = False
    next_start: float = 0.0
    blocked_until: float = 0.0


class HostPacer:
    def __init__(
        self,
        min_interval: float = 1.0,
        *,
        max_block_wait: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.min_interval = max(0.0, min_interval)
        self.max_block_wait = max_block_wait
        self._clock = clock
        self._wall = wall_clock
        self._hosts: dict[str, _HostState] = {}
        self._cond = threading.Condition()

    def _state(self, host: str) -> _HostState:
        return self._hosts.setdefault(host.lower(), _HostState())

    def acquire(self, host: str) -> None:
        """Wait for this host's turn. Raises RateLimited when the host is blocked for longer than we wait."""
        with self._cond:
            state = self._state(host)
            while True:
                now = self._clock()
                blocked = state.blocked_until - now
                if blocked > self.max_block_wait:
                    until = time.strftime("%H:%M", time.localtime(self._wall() + blocked))
                    raise RateLimited(f"Rate-limited by {host} until {until}; will retry then.", blocked)
                wait = max(blocked, state.next_start - now)
                if not state.busy and wait <= 0:
                    state.busy = True
                    state.next_start = now + self.min_interval
                    return
                self._cond.wait(timeout=wait if wait > 0 and not state.busy else None)

    def release(self, host: str) -> None:
        with self._cond:
            self._state(host).busy = False
            self._cond.notify_all()

    def block_for(self, host: str, seconds: float) -> None:
        """The host asked us to back off (429/503 Retry-After)."""
        with self._cond:
            state = self._state(host)
            state.blocked_until = max(state.blocked_until, self._clock() + max(0.0, seconds))
            self._cond.notify_all()

    def blocked_for(self, host: str) -> float:
        """Seconds this host is still blocked (0 when free)."""
        with self._cond:
            return max(0.0, self._state(host).blocked_until - self._clock())
