"""A damaged workspace: say so in plain words and offer the latest automatic backup (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desktop_app.core.errors import DamagedWorkspace
from desktop_app.storage.backups import backup_day


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
