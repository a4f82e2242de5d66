"""Background work for the UI: reads run in a small pool, results come back on the UI thread.

Nothing here waits: a job's result (or error) is delivered by a queued signal to the thread that owns the
dispatcher (the UI thread). Futures from the writer are watched the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

T = TypeVar("T")
log = logging.getLogger(__name__)
ErrorHandler = Callable[[BaseException], None]


class Dispatcher(QObject):
    """Runs callables on the thread this object lives in (the UI thread), queued."""

    _call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except RuntimeError as exc:  # a widget went away before its result arrived
            if "already deleted" not in str(exc):
                raise
            log.debug("dropped a result for a deleted widget: %s", exc)

    def post(self, fn: Callable[[], Any]) -> None:
        try:
            self._call.emit(fn)
        except RuntimeError:  # the dispatcher itself is gone (app closing)
            log.debug("dispatcher gone; result dropped")


class TaskRunner:
    """Reads in worker threads (each has its own read connection); callbacks on the UI thread."""

    def __init__(self, dispatcher: Dispatcher, on_error: ErrorHandler, workers: int = 3) -> None:
        self.dispatcher = dispatcher
        self.on_error = on_error
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="earshot-ui")
        self._closed = False
        self._running: set[str] = set()
        self._queued: dict[str, tuple[Callable[[], Any], Callable[[Any], Any] | None]] = {}

    def run(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], Any] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> Future[T]:
        if self._closed:  # the window is closing: nothing new starts
            future: Future[T] = Future()
            future.cancel()
            return future
        future = self._pool.submit(job)
        self.watch(future, on_done, on_error)
        return future

    def run_single(self, key: str, job: Callable[[], T], on_done: Callable[[T], Any] | None = None) -> None:
        """One run of `key` at a time. Asked again while one runs, it runs once more when that one is done
        (with the latest job): a burst of requests costs two loads, never a pile of them side by side.
        Call on the UI thread."""
        if key in self._running:
            self._queued[key] = (job, on_done)
            return
        self._running.add(key)

        def finished() -> None:
            self._running.discard(key)
            queued = self._queued.pop(key, None)
            if queued is not None and not self._closed:
                self.run_single(key, *queued)

        future = self.run(job, on_done)  # its result is posted before `finished`, so it lands first
        future.add_done_callback(lambda _f: self.dispatcher.post(finished))

    def watch(
        self,
        future: Future[T],
        on_done: Callable[[T], Any] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> None:
        """Deliver a future's outcome on the UI thread. Errors are shown, never swallowed."""
        handle_error = on_error or self.on_error

        def deliver(f: Future[T]) -> None:
            if f.cancelled():
                return
            exc = f.exception()
            if exc is not None:
                self.dispatcher.post(lambda: handle_error(exc))
            elif on_done is not None:
                self.dispatcher.post(lambda: on_done(f.result()))

        future.add_done_callback(deliver)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)  # no worker outlives the window
