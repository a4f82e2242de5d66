"""Opening, creating and closing workspaces off the UI thread; the window hears `opened` / `failed`."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.core.errors import DamagedWorkspace, EarshotError
from desktop_app.services.search_sources import PlannedSearch, SearchesAdded, add_searches
from desktop_app.storage.backups import restore_backup
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.context import AppServices
from desktop_app.ui.format import plural
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_wizard import NewWorkspace

log = logging.getLogger(__name__)


def friendly_error(exc: BaseException) -> str:
    if isinstance(exc, EarshotError):
        return str(exc)
    if isinstance(exc, ImportError):
        return f"This part of Earshot is not installed yet ({exc.name or exc})."
    if isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc):
        log.error("damaged workspace file", exc_info=exc)
        return (
            "The workspace file is damaged (SQLite: database disk image is malformed). Close Earshot and "
            "restore the latest daily backup with `restore NAME`; the damaged file is kept."
        )
    log.error("unexpected error", exc_info=exc)
    return f"Something went wrong: {type(exc).__name__}: {exc}"


class WorkspaceManager(QObject):
    opened = Signal(object)  # Workspace
    failed = Signal(str)
    damaged = Signal(object)  # a DamagedWorkspace with a backup to offer
    busy = Signal(str)  # a message while something slow happens
    sources_added = Signal(int, list)  # how many, errors

    def __init__(
        self,
        services: AppServices,
        tasks: TaskRunner,
        default_interval: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.services = services
        self._tasks = tasks
        self._default_interval = default_interval  # Settings → "Poll new sources every"
        self.current: Workspace | None = None

    def names(self) -> list[str]:
        return self.services.list_workspaces()

    def open(self, name: str) -> None:
        self.busy.emit(f"Opening {name}…")
        self._tasks.run(lambda: self.services.open_workspace(name), self._opened, self._failed)

    def open_demo(self, name: str = "demo") -> None:
        if name in self.names():
            self.open(name)
            return
        self.busy.emit("Creating the demo workspace…")
        self._tasks.run(lambda: self.services.create_demo(name), self._opened, self._failed)

    def create(self, spec: NewWorkspace) -> None:
        self.busy.emit(f"Creating {spec.name}…")

        def job() -> tuple[Workspace, list[str]]:
            ws = self.services.create_workspace(spec.name, spec.profile, None)
            return ws, self._add_sources(ws, spec.sources).errors

        def done(result: tuple[Workspace, list[str]]) -> None:
            ws, errors = result
            self._opened(ws)
            if errors:
                self.failed.emit("Some sources were not added: " + "; ".join(errors))

        self._tasks.run(job, done, self._failed)

    def add_sources(self, sources: list[PlannedSearch]) -> None:
        ws = self.current
        if ws is None:
            return

        def done(result: SearchesAdded) -> None:
            notes = list(result.errors)
            if result.already_there:
                notes.append(f"{plural(result.already_there, 'search was', 'searches were')} already there.")
            self.sources_added.emit(result.added, notes)

        self._tasks.run(lambda: self._add_sources(ws, sources), done, self._failed)

    def _add_sources(self, ws: Workspace, sources: list[PlannedSearch]) -> SearchesAdded:
        return add_searches(ws, sources, self._default_interval())

    def remove_source(self, source_id: int, remove_keys: bool = True) -> None:
        """Removes the source and, with `remove_keys`, the keys no other source uses."""
        ws = self.current
        if ws is not None:
            self._tasks.run(
                lambda: self.services.remove_source(ws, source_id, remove_keys),
                lambda words: self.sources_added.emit(0, [words]),
                self._failed,
            )

    def _opened(self, ws: Workspace) -> None:
        previous, self.current = self.current, ws
        if previous is not None and previous is not ws:
            self.close_later(previous)
        self.opened.emit(ws)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, DamagedWorkspace) and exc.backup is not None and exc.root and exc.path:
            self.damaged.emit(exc)
            return
        self.failed.emit(friendly_error(exc))

    def restore(self, exc: DamagedWorkspace) -> None:
        """Put the offered backup in place of the damaged file (in a worker), then open the workspace."""
        root, name, path, backup = exc.root, exc.name, exc.path, exc.backup
        if root is None or name is None or path is None or backup is None:
            return
        self.busy.emit(f"Restoring {name} from its backup…")

        def job() -> Workspace:
            restore_backup(root, name, path, backup)
            return self.services.open_workspace(name)

        self._tasks.run(job, self._opened, lambda e: self.failed.emit(friendly_error(e)))

    def close_later(self, ws: Workspace) -> None:
        """Closing waits for queued writes, so it happens in a worker."""
        self._tasks.run(ws.close, on_error=lambda exc: log.warning("closing %s: %s", ws.name, exc))

    def close_now(self) -> Any:
        ws, self.current = self.current, None
        if ws is not None:
            ws.close()
