"""Re-scoring in the background: a thread drives services.rescore (scoring in worker processes), the status
bar shows progress with Cancel, and triage keeps working (each batch is a short write through the writer).

Started by View → Re-score all mentions, and on opening a workspace scored by other rules than this build's.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.services.rescore import BATCH, rescore_workspace
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.tasks import Dispatcher

log = logging.getLogger(__name__)
PROGRESS_EVERY_S = 0.2
POOL_FROM = 20_000  # below this many mentions, starting worker processes costs more than it saves
ScorerFactory = Callable[[Workspace], Any]  # a BatchScorer; closed with .close() when it has one


def default_scorer_factory(ws: Workspace) -> Any:
    import os

    from desktop_app.scoring.scorer import default_scorer
    from desktop_app.services.scoring_pool import ScoringPool

    count = int(ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0])
    return ScoringPool() if count >= POOL_FROM and (os.cpu_count() or 1) > 1 else default_scorer()


class RescoreController(QObject):
    started = Signal(str)  # what is being done, in words
    progress = Signal(int, int)  # done, total
    finished = Signal(int, bool)  # how many, cancelled
    failed = Signal(str)
    busy = Signal(str)  # asked to start while running

    def __init__(self, dispatcher: Dispatcher, make_scorer: ScorerFactory = default_scorer_factory) -> None:
        super().__init__()
        self._dispatcher = dispatcher
        self._make_scorer = make_scorer
        self._thread: threading.Thread | None = None
        self._cancel: threading.Event | None = None
        self.batch = BATCH

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, ws: Workspace, why: str = "Re-scoring every mention") -> bool:
        if self.running:
            self.busy.emit("Re-scoring is already running; its progress is in the status bar.")
            return False
        cancel = threading.Event()
        self._cancel = cancel
        self._thread = threading.Thread(
            target=self._run, args=(ws, cancel), name="earshot-rescore", daemon=True
        )
        self.started.emit(why)
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self, wait_s: float = 5.0) -> None:
        """Stop before the workspace closes; a batch in flight finishes (it is one short write)."""
        self.cancel()
        if self._thread is not None:
            self._thread.join(wait_s)

    def _run(self, ws: Workspace, cancel: threading.Event) -> None:
        post = self._dispatcher.post
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY_S or done >= total:
                last = now
                post(lambda: self.progress.emit(done, total))

        scorer: Any = None
        try:
            scorer = self._make_scorer(ws)
            done = rescore_workspace(ws, scorer, progress=progress, cancel=cancel, batch=self.batch)
        except Exception as exc:
            if cancel.is_set():  # the workspace closed under us: that is a cancel, not an error
                post(lambda: self.finished.emit(0, True))
            else:
                log.warning("re-scoring failed", exc_info=exc)
                message = f"Re-scoring stopped: {exc}. The scores already written are kept; try again."
                post(lambda: self.failed.emit(message))
            return
        finally:
            close = getattr(scorer, "close", None)
            if close is not None:
                close()
        cancelled = cancel.is_set()
        post(lambda: self.finished.emit(done, cancelled))
