"""A damaged workspace file: the window says so, offers the latest backup by its date, and restores it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop_app.storage.backups import backup_day, list_backups
from desktop_app.storage.workspace import workspace_path
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workspace_manager import friendly_error
from tests.ui.conftest import make_window


def _corrupt(root: Path) -> None:
    path = workspace_path(root, "acme")
    path.write_bytes(path.read_bytes()[:3000])  # truncated inside its first page
    assert list_backups(root, "acme")  # closing the workspace made its daily backup


def _prompt(qtbot, window: MainWindow) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: getattr(window, "damaged_prompt", None) is not None, timeout=10_000)
    box = window.damaged_prompt
    qtbot.waitUntil(box.isVisible, timeout=5000)
    return box


def test_damaged_workspace_offers_its_backup_and_restores_it(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    _corrupt(filled_root)
    window = make_window(qtbot, filled_root)
    window.start("acme")
    box = _prompt(qtbot, window)
    day = backup_day(list_backups(filled_root, "acme")[0]).strftime("%d %b %Y").lstrip("0")
    assert "damaged" in box.text() and "acme" in box.text()
    assert "Traceback" not in box.text() + box.informativeText() + box.detailedText()
    labels = [b.text() for b in box.buttons()]
    restore = next(b for b in box.buttons() if b.text() == f"Restore backup from {day}")
    assert any("Cancel" in label for label in labels)
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        restore.click()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and not window.model.loading, timeout=10_000)
    assert window.workspace is not None and window.workspace.name == "acme"
    count = window.workspace.reader().execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert count == 30  # the mentions of the backup are all there
    assert list(filled_root.glob("workspaces/acme.damaged-*.earshot"))  # the damaged file is kept


def test_cancel_leaves_the_file_and_says_why(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    _corrupt(filled_root)
    window = make_window(qtbot, filled_root)
    window.start("acme")
    box = _prompt(qtbot, window)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: "damaged" in window.status.currentMessage(), timeout=5000)
    assert window.workspace is None
    assert not list(filled_root.glob("workspaces/acme.damaged-*.earshot"))  # nothing was moved


def test_damage_found_later_is_explained_in_plain_words() -> None:
    text = friendly_error(sqlite3.DatabaseError("database disk image is malformed"))
    assert "damaged" in text and "backup" in text and "DatabaseError" not in text


def test_damage_met_later_offers_the_backup(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, filled_root)
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        window.start("acme")
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and not window.model.loading, timeout=10_000)
    assert list_backups(filled_root, "acme")
    path = workspace_path(filled_root, "acme")
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(2 * page, len(data) - page, page):  # every page but the first two and the last
        data[start : start + page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    window.search.setText("charged")  # a read that meets the scrambled pages, in a worker
    box = _prompt(qtbot, window)
    assert window.workspace is None and "damaged" in box.text()
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        next(b for b in box.buttons() if b.text().startswith("Restore backup from")).click()
    assert window.workspace is not None
    assert window.workspace.reader().execute("SELECT count(*) FROM mentions").fetchone()[0] == 30
