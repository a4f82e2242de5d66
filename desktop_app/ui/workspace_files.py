"""File → Export / Import / Archive workspace: portable workspace files, off the UI thread.

Each command asks on the UI thread (native file dialog or confirmation), then runs the file work in a worker
and reports in the status bar. Archiving closes the workspace first, then shows the next one (or welcome).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop_app.core.errors import UserError
from desktop_app.services.insights.portable import (
    archive_workspace,
    export_workspace,
    import_workspace,
    list_archived,
    unarchive_workspace,
)
from desktop_app.ui.workspace_manager import friendly_error

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

FILE_FILTER = "Earshot workspace (*.zip)"


class WorkspaceFiles(QObject):
    exported = Signal(object)  # Path
    imported = Signal(str)  # workspace name
    archived = Signal(str)  # workspace name
    unarchived = Signal(str)  # workspace name

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def _documents(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder) if folder else Path.home()

    def _say(self, text: str) -> None:
        self.window.status.say(text, 12000)

    def _failed(self, exc: BaseException) -> None:
        self._say(friendly_error(exc))

    # --- export -----------------------------------------------------------------------------------------------

    def export_current(self) -> None:
        ws = self.window.workspace
        if ws is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export the workspace", str(self._documents() / f"{ws.name}.zip"), FILE_FILTER
        )
        if path:
            self.export_to(Path(path) if Path(path).suffix else Path(path).with_suffix(".zip"))

    def export_to(self, output: Path) -> None:
        ws = self.window.workspace
        if ws is None:
            return
        self._say(f"Exporting {ws.name}…")

        def done(_manifest: object) -> None:
            self.window.open_notice.show(output, f"Exported {ws.name} to {output.name} (no secrets inside)")
            self.exported.emit(output)

        self.window.tasks.run(lambda: export_workspace(ws, output), done, self._failed)

    # --- import -----------------------------------------------------------------------------------------------

    def import_archive(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import a workspace", str(self._documents()), FILE_FILTER
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, archive: Path) -> None:
        root = self.window.context.root
        self._say(f"Importing {archive.name}…")

        def done(name: str) -> None:
            self._say(f"Imported {name}.")
            self.imported.emit(name)
            self.window.open_workspace(name)

        self.window.tasks.run(lambda: import_workspace(root, archive), done, self._failed)

    # --- archive ----------------------------------------------------------------------------------------------

    def archive_current(self) -> None:
        ws = self.window.workspace
        if ws is None:
            return
        answer = QMessageBox.question(
            self.window,
            "Archive workspace",
            f"Archive {ws.name}?\n\nIt is closed and moved to the archive folder; it leaves the workspace list "
            "and is no longer polled. Nothing is deleted.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.archive_now()

    def archive_now(self) -> None:
        window = self.window
        ws = window.workspace
        if ws is None:
            return
        name, root = ws.name, window.context.root
        window.close_workspace()  # nothing reads or writes it any more; the file closes in the worker

        poller, post = window.poller, window.tasks.dispatcher.post
        # Reads started before the workspace was put away may still be running in the window's pools:
        # its read connections may only be closed once they have ended.
        pools = [(window.tasks._pool, _workers(window.tasks._pool)), (window.model._pool, 1)]

        def done(_path: Path) -> None:
            self._say(f"Archived {name}.")
            self.archived.emit(name)
            window.show_next_workspace()

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            window.show_next_workspace()

        def job() -> None:
            try:
                poller.wait_idle()  # a cancelled poll may still be writing its last batch
                with pools_paused(pools):
                    ws.close()
                    path = archive_workspace(root, name)
            except Exception as exc:  # shown in the status bar
                error = exc
                post(lambda: failed(error))
                return
            post(lambda: done(path))

        threading.Thread(target=job, name="earshot-archive", daemon=True).start()

    # --- unarchive --------------------------------------------------------------------------------------------

    def unarchive(self) -> None:
        """File → Restore archived workspace…: pick one of the archived workspaces; it opens again."""
        root = self.window.context.root
        self.window.tasks.run(lambda: list_archived(root), self._choose_archived, self._failed)

    def _choose_archived(self, names: list[str]) -> None:
        if not names:
            self._say("No workspace is archived (File → Archive workspace puts a finished client away).")
            return
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle("Restore archived workspace")
        dialog.setLabelText("It goes back into the workspace list and opens:")
        dialog.setComboBoxItems(names)
        dialog.setOkButtonText("Restore")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self.unarchive_now)
        self.prompt = dialog
        dialog.open()

    def unarchive_now(self, name: str) -> None:
        root = self.window.context.root

        def done(_path: Path) -> None:
            self._say(f"Restored {name} from the archive.")
            self.unarchived.emit(name)
            self.window.open_workspace(name)

        self.window.tasks.run(lambda: unarchive_workspace(root, name), done, self._failed)


def _workers(pool: ThreadPoolExecutor) -> int:
    return int(getattr(pool, "_max_workers", 3))


@contextmanager
def pools_paused(pools: list[tuple[ThreadPoolExecutor, int]], timeout: float = 60.0) -> Iterator[None]:
    """Hold every thread of these pools (after the jobs queued before us have ended) while the body runs."""
    parties = sum(n for _pool, n in pools)
    barrier = threading.Barrier(parties + 1, timeout=timeout)
    release = threading.Event()

    def park() -> None:
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            return
        release.wait(timeout)

    try:
        for pool, n in pools:
            for _ in range(n):
                pool.submit(park)
        try:
            barrier.wait()
        except threading.BrokenBarrierError as exc:
            raise UserError("Earshot is still busy reading this workspace; try again in a moment.") from exc
        yield
    finally:
        barrier.abort()
        release.set()
