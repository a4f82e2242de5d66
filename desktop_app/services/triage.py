"""Triage actions: respond, archive, snooze, reopen, read marks, drafts; with undo of the last action."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from desktop_app.core.models import Changes, Status
from desktop_app.storage import triage_writes
from desktop_app.storage.triage_writes import PriorState, ReplyRecord
from desktop_app.storage.workspace import Workspace

UNDO_DEPTH = 50


@dataclass(frozen=True, slots=True)
class UndoEntry:
    label: str
    prior: tuple[PriorState, ...]
    reply: ReplyRecord | None = None


class TriageService:
    """Every action goes through the workspace's single writer; the caller may wait or not."""

    def __init__(self, workspace: Workspace, clock: Callable[[], float] = time.time) -> None:
        self.workspace = workspace
        self.clock = clock
        self._undo: list[UndoEntry] = []
        self._lock = threading.Lock()

    def _now(self) -> int:
        return int(self.clock())

    def _push(self, label: str, prior: Sequence[PriorState], reply: ReplyRecord | None = None) -> None:
        with self._lock:
            self._undo.append(UndoEntry(label, tuple(prior), reply))
            del self._undo[:-UNDO_DEPTH]

    def set_status(
        self,
        ids: Sequence[int],
        status: Status,
        *,
        snoozed_until: int | None = None,
        label: str | None = None,
    ) -> Future[Changes]:
        ids = list(ids)
        now = self._now()
        text = label or f"{status.value.capitalize()} {len(ids)} mention{'s' if len(ids) != 1 else ''}"

        def write(conn: sqlite3.Connection) -> Changes:
            changes, prior = triage_writes.set_status(conn, ids, status, now=now, snoozed_until=snoozed_until)
            self._push(text, prior)
            return changes

        return self.workspace.writer.submit(write)

    def archive(self, ids: Sequence[int]) -> Future[Changes]:
        return self.set_status(ids, Status.ARCHIVED, label=_label("Archive", ids))

    def mark_responded(self, ids: Sequence[int]) -> Future[Changes]:
        return self.set_status(ids, Status.RESPONDED, label=_label("Mark responded", ids))

    def reopen(self, ids: Sequence[int]) -> Future[Changes]:
        return self.set_status(ids, Status.NEW, label=_label("Reopen", ids))

    def snooze(self, ids: Sequence[int], until: int) -> Future[Changes]:
        return self.set_status(ids, Status.SNOOZED, snoozed_until=until, label=_label("Snooze", ids))

    def set_read(self, ids: Sequence[int], read: bool, *, undoable: bool = True) -> Future[Changes]:
        """Read marks; the automatic mark made when a mention is shown passes undoable=False."""
        ids = list(ids)
        now = self._now()

        def write(conn: sqlite3.Connection) -> Changes:
            prior = triage_writes.prior_states(conn, ids)
            changes = triage_writes.set_read(conn, ids, read, now=now)
            if undoable:
                self._push(_label("Mark read" if read else "Mark unread", ids), prior)
            return changes

        return self.workspace.writer.submit(write)

    def record_reply(self, mention_id: int, text: str, channel: str | None = None) -> Future[Changes]:
        now = self._now()

        def write(conn: sqlite3.Connection) -> Changes:
            changes, prior, reply = triage_writes.record_reply(
                conn, mention_id, text, now=now, channel=channel
            )
            self._push("Mark responded", prior, reply)
            return changes

        return self.workspace.writer.submit(write)

    def save_draft(self, mention_id: int, text: str) -> Future[None]:
        now = self._now()
        return self.workspace.writer.submit(
            lambda conn: triage_writes.save_draft(conn, mention_id, text, now=now)
        )

    def wake_snoozed(self) -> Future[Changes]:
        now = self._now()
        return self.workspace.writer.submit(lambda conn: triage_writes.wake_snoozed(conn, now=now))

    def undo_label(self) -> str | None:
        with self._lock:
            return self._undo[-1].label if self._undo else None

    def undo(self) -> Future[Changes]:
        """Undo the most recent action. Runs in the writer's queue, so it sees every action queued before it."""
        now = self._now()

        def write(conn: sqlite3.Connection) -> Changes:
            with self._lock:
                entry = self._undo.pop() if self._undo else None
            if entry is None:
                return Changes()
            if entry.reply is not None:
                triage_writes.take_back_reply(conn, entry.reply)
            return triage_writes.restore(conn, entry.prior, now=now)

        return self.workspace.writer.submit(write)


def _label(verb: str, ids: Sequence[int]) -> str:
    n = len(ids)
    return f"{verb} ({n} mentions)" if n != 1 else verb
