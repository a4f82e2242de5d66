"""A damaged workspace: say so in plain words and offer the latest automatic backup (never a traceback)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desktop_app.core.errors import DamagedWorkspace
from desktop_app.storage.backups import backup_day, list_backups
from desktop_app.storage.workspace import Workspace


def is_damage(exc: BaseException) -> bool:
    """SQLite's words for a file that is damaged (met on a read after the workspace opened)."""
    if isinstance(exc, DamagedWorkspace):
        return True
    name = str(getattr(exc, "sqlite_errorname", ""))
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB" or "malformed" in text
    )


def may_be_damage(exc: BaseException) -> bool:
    """A database error that is not a plain mistake: worth an integrity check of the file."""
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(
        exc, sqlite3.ProgrammingError | sqlite3.IntegrityError
    ):
        return False
    return "interrupted" not in str(exc).lower()


def file_is_damaged(path: Path) -> bool:
    """A fresh read-only look at the file (never the connections in use)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True
    return not (len(rows) == 1 and rows[0][0] == "ok")


def damaged_in_use(ws: Workspace) -> DamagedWorkspace:
    backups = list_backups(ws.root, ws.name)
    return DamagedWorkspace(
        f"The workspace “{ws.name}” turned out to be damaged while it was in use (SQLite: database disk image "
        "is malformed).",
        root=ws.root,
        name=ws.name,
        path=ws.path,
        backup=backups[0] if backups else None,
    )


def backup_label(exc: DamagedWorkspace) -> str:
    """'Restore backup from 23 Nov 2026' for the offer's button."""
    if exc.backup is None:
        return ""
    return f"Restore backup from {backup_day(exc.backup).strftime('%d %b %Y').lstrip('0')}"


def offer_restore(
    parent: QWidget,
    exc: DamagedWorkspace,
    restore: Callable[[DamagedWorkspace], None],
    cancel: Callable[[str], None],
) -> QMessageBox:
    """Window-modal, non-blocking: `restore(exc)` if the user accepts, else `cancel(message)`."""
    name = exc.name or "this workspace"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Workspace damaged")
    box.setText(f"The workspace “{name}” is damaged and cannot be opened.")
    box.setInformativeText(
        "Earshot keeps a daily backup of each workspace. Restoring puts the latest one in its place; "
        "anything done after that backup is lost. The damaged file is kept beside it, never deleted."
    )
    box.setDetailedText(str(exc))
    restore_button = box.addButton(backup_label(exc), QMessageBox.ButtonRole.AcceptRole)
    cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore_button)
    box.setEscapeButton(cancel_button)

    def chosen(button: QAbstractButton) -> None:
        if button is restore_button:
            restore(exc)
        else:
            cancel(f"The workspace “{name}” is damaged; it was left as it is.")

    box.buttonClicked.connect(chosen)
    box.open()
    return box
