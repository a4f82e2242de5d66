"""Polling in the background: a QThreadPool job runs Poller.poll_due on a timer or on "Poll now".

The job is prepared on the UI thread (which ids, which poller factory); it runs with only those, and reports
progress and its result back through the dispatcher. Offline (QNetworkInformation) pauses polling.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop_app.services.reachability import has_network_route, looks_offline
from desktop_app.storage.queries import mention_rows
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.tasks import Dispatcher

log = logging.getLogger(__name__)
CHECK_INTERVAL_MS = 60_000
REST_AFTER_NETWORK_FAILURE_S = 300  # every source failed to connect: no new errors for five minutes
PollerFactory = Callable[[Workspace], Any]


@dataclass(slots=True)
class PollResult:
    added: int = 0
    failed: list[str] = field(default_factory=list)
    urgent: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    network_down: bool = False  # every source tried failed to reach its site


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self._fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        self._fn()


class PollController(QObject):
    started = Signal()
    progress = Signal(int, int, str)  # done, total, source name
    finished = Signal(object)  # PollResult
    failed = Signal(str)
    online_changed = Signal(bool)

    def __init__(
        self,
        dispatcher: Dispatcher,
        make_poller: PollerFactory,
        threshold: Callable[[], int],
        route_check: Callable[[], bool] = has_network_route,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._route_check = route_check
        self._clock = clock
        self.resting_until = 0.0  # after a poll in which no site could be reached
        self._dispatcher = dispatcher
        self._make_poller = make_poller
        self._threshold = threshold
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._workspace: Workspace | None = None
        self._poller: Any = None
        self._cancel: threading.Event | None = None
        self.online = True
        self._timer = QTimer(self, interval=CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._network: Any = None
        self._watch_network()

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def set_workspace(self, workspace: Workspace | None, *, auto: bool = True) -> None:
        self.cancel()
        old, self._workspace, self._poller = self._poller, workspace, None
        if old is not None:
            self._pool.start(_Job(old.close))  # after any poll still finishing on the pool's one thread
        if workspace is not None and auto:
            self._timer.start()
            QTimer.singleShot(1500, self.poll_due)
        else:
            self._timer.stop()

    def poll_due(self) -> None:
        self._start(None)

    def _tick(self) -> None:
        """The minute's check: the network first (without a reachability backend, a route check that sends
        nothing), then the due sources, unless resting after a poll in which no site answered."""
        if self._network is None or self._reachability_unknown():
            self._set_online(self._route_check())
        if self.online and self._clock() >= self.resting_until:
            self.poll_due()

    def poll_now(self) -> None:
        self.resting_until = 0.0  # asked for: try now
        if not self.online and (self._network is None or self._reachability_unknown()):
            self._set_online(self._route_check())
        if not self.online:
            self.failed.emit("Offline — polling resumes when the network is back.")
            return
        ws = self._workspace
        if ws is None:
            return
        ids = [int(r[0]) for r in ws.reader().execute("SELECT id FROM sources WHERE enabled = 1")]
        if not ids:
            self.failed.emit("No enabled sources to poll — add one from the Sources menu.")
            return
        self._start(ids)

    def poll_sources(self, source_ids: list[int]) -> None:
        """Poll these sources now (Sources dialog → Poll now), whether or not they are due."""
        if not self.online:
            self.failed.emit("Offline — polling resumes when the network is back.")
            return
        if self.running:
            self.failed.emit("A poll is already running; try again when it ends.")
            return
        if source_ids:
            self._start(list(source_ids))

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _start(self, source_ids: list[int] | None) -> None:
        ws = self._workspace
        if ws is None or self.running or not self.online:
            return
        cancel = threading.Event()
        self._cancel = cancel
        threshold = self._threshold()
        self.started.emit()
        self._pool.start(_Job(lambda: self._run(ws, source_ids, cancel, threshold)))

    def _run(
        self, ws: Workspace, source_ids: list[int] | None, cancel: threading.Event, threshold: int
    ) -> None:
        began = time.monotonic()
        post = self._dispatcher.post
        try:
            if self._poller is None or self._poller.workspace is not ws:
                self._poller = self._make_poller(ws)
            poller = self._poller

            def progress(done: int, total: int, outcome: Any) -> None:
                post(lambda: self.progress.emit(done, total, str(outcome.name)))

            if source_ids is None:
                report = poller.poll_due(progress, cancel)
            else:
                report = poller.poll_sources(source_ids, progress, cancel)
            result = PollResult(
                added=report.added,
                failed=[f"{o.name}: {o.error}" for o in report.failed if o.error_kind != "cancelled"],
                cancelled=cancel.is_set(),
                seconds=time.monotonic() - began,
            )
            result.urgent = _urgent(ws, report.added_ids, threshold)
            result.network_down = not cancel.is_set() and looks_offline(report.outcomes)
            post(lambda: self._done(cancel, result, None))
        except Exception as exc:  # shown in the status bar, never a traceback in the user's face
            log.exception("poll failed")
            message = _friendly(exc)
            post(lambda: self._done(cancel, None, message))

    def _done(self, cancel: threading.Event, result: PollResult | None, error: str | None) -> None:
        if self._cancel is cancel:
            self._cancel = None
        if result is not None:
            self.resting_until = self._clock() + REST_AFTER_NETWORK_FAILURE_S if result.network_down else 0.0
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)

    # --- offline detection ------------------------------------------------------------------------------------

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            info = QNetworkInformation.instance()
        except Exception:  # no backend on this platform: assume online
            log.info("network reachability unavailable; assuming online")
            return
        if info is None:
            return
        self._network = info
        info.reachabilityChanged.connect(self._reachability)
        self._reachability(info.reachability())

    def _reachability(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        self._set_online(
            reachability
            in (
                QNetworkInformation.Reachability.Online,
                QNetworkInformation.Reachability.Unknown,
                QNetworkInformation.Reachability.Site,
            )
        )

    def _reachability_unknown(self) -> bool:
        from PySide6.QtNetwork import QNetworkInformation

        return bool(self._network.reachability() == QNetworkInformation.Reachability.Unknown)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)
            if online:
                self.resting_until = 0.0
                QTimer.singleShot(2000, self.poll_due)
            else:
                self.cancel()

    def run_between_polls(self, job: Callable[[], object], on_error: Callable[[BaseException], None]) -> None:
        """Run `job` on the poll's own thread: never beside a poll (one waits for the other). For the day's
        backup: copying a 1 GB workspace while a poll stored 50k mentions made both crawl (the poll took
        4 minutes instead of under one; the copy alone takes 3 s)."""
        post = self._dispatcher.post

        def run() -> None:
            try:
                job()
            except Exception as exc:
                log.exception("background job failed")
                post(lambda e=exc: on_error(e))

        self._pool.start(_Job(run))

    def wait_idle(self, ms: int = 10_000) -> bool:
        """Block until the poll job (if any) has ended; for a worker thread about to close a workspace."""
        return bool(self._pool.waitForDone(ms))

    def shutdown(self) -> None:
        self.cancel()
        self._timer.stop()
        self._pool.waitForDone(3000)
        if self._poller is not None:
            self._poller.close()  # HTTP connections and scoring processes
            self._poller = None


def _urgent(ws: Workspace, ids: list[int], threshold: int) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = mention_rows(ws.reader(), ids[-2000:])
    urgent = [dict(r) for r in rows.values() if int(r["urgency"]) >= threshold]
    return sorted(urgent, key=lambda r: -int(r["urgency"]))


def _friendly(exc: BaseException) -> str:
    if isinstance(exc, ImportError):
        return f"Polling is not available in this build yet ({exc.name or exc})."
    text = str(exc) or type(exc).__name__
    return f"Polling failed: {text}"
