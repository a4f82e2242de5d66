"""Triage on the selected mentions: every write goes through TriageService; results come back as messages."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from desktop_app.core.models import Changes
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.format import plural
from desktop_app.ui.inbox_model import InboxModel
from desktop_app.ui.inbox_view import InboxView
from desktop_app.ui.tasks import TaskRunner

UNDO_HINT = " — Ctrl+Z to undo"


class TriageController(QObject):
    message = Signal(str)
    done = Signal()  # a write finished: refresh now

    def __init__(self, view: InboxView, model: InboxModel, tasks: TaskRunner) -> None:
        super().__init__()
        self._view = view
        self._model = model
        self._tasks = tasks
        self._triage: TriageService | None = None
        self._workspace: Workspace | None = None

    def set_service(self, workspace: Workspace | None, triage: TriageService | None) -> None:
        self._workspace, self._triage = workspace, triage

    def _ids(self) -> list[int]:
        return self._view.selected_ids()

    def _run(
        self, make: Callable[[TriageService, list[int]], Future[Changes]], message: Callable[[int], str]
    ) -> None:
        ids = self._ids()
        if self._triage is None or not ids:
            self.message.emit("Select a mention first (j / k move through the list).")
            return
        future = make(self._triage, ids)
        self._tasks.watch(future, lambda _changes: self._finished(message(len(ids))))

    def _finished(self, text: str) -> None:
        self.message.emit(text)
        self.done.emit()

    def archive(self) -> None:
        self._run(lambda t, ids: t.archive(ids), lambda n: f"Archived {plural(n, 'mention')}{UNDO_HINT}")

    def mark_responded(self) -> None:
        self._run(
            lambda t, ids: t.mark_responded(ids),
            lambda n: f"Marked {plural(n, 'mention')} responded{UNDO_HINT}",
        )

    def reopen(self) -> None:
        self._run(lambda t, ids: t.reopen(ids), lambda n: f"Reopened {plural(n, 'mention')}{UNDO_HINT}")

    def snooze(self, until: int) -> None:
        when = datetime.fromtimestamp(until).strftime("%a %d %b %H:%M")
        self._run(
            lambda t, ids: t.snooze(ids, until),
            lambda n: f"Snoozed {plural(n, 'mention')} until {when}{UNDO_HINT}",
        )

    def toggle_read(self) -> None:
        index = self._view.currentIndex()
        row = self._model.row_data(index.row()) if index.isValid() else None
        read = not row["is_read"] if row is not None else False
        word = "read" if read else "unread"
        self._run(
            lambda t, ids: t.set_read(ids, read), lambda n: f"Marked {plural(n, 'mention')} {word}{UNDO_HINT}"
        )

    def undo(self) -> None:
        if self._triage is None:
            return
        label = self._triage.undo_label()
        if label is None:
            self.message.emit("Nothing to undo.")
            return
        self._tasks.watch(self._triage.undo(), lambda _c: self._finished(f"Undone: {label}"))

    def mark_read_quietly(self, mention_id: int) -> None:
        """Seen for a moment counts as read; not an undoable action (Ctrl+Z keeps undoing real triage)."""
        if self._triage is None:
            return
        self._tasks.watch(self._triage.set_read([mention_id], True, undoable=False))
