"""The keyboard triage flow against a real window and a real workspace file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.storage.queries import View
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import fresh_status


def press(qtbot, window: MainWindow, key: str | Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view, key, modifier)


def test_j_and_k_move_the_selection(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.view.setFocus()
    press(qtbot, window, "j")
    assert window.view.currentIndex().row() == 0
    press(qtbot, window, "j")
    press(qtbot, window, "j")
    assert window.view.currentIndex().row() == 2
    press(qtbot, window, "k")
    assert window.view.currentIndex().row() == 1
    qtbot.waitUntil(lambda: window.detail.mention_id == window.view.current_id(), timeout=5000)


def test_e_archives_and_ctrl_z_undoes(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    window.view.setFocus()
    press(qtbot, window, "j")
    first = window.view.current_id()
    assert first is not None
    second = window.model.mention_id(1)
    press(qtbot, window, "e")
    qtbot.waitUntil(lambda: fresh_status(filled_root, first)[0] == "archived", timeout=5000)
    qtbot.waitUntil(lambda: window.model.row_of(first) is None, timeout=5000)
    qtbot.waitUntil(lambda: "Archived 1 mention — Ctrl+Z to undo" in window.status.currentMessage())
    assert window.view.current_id() == second  # the next one is selected: the user keeps going
    press(qtbot, window, "z", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: fresh_status(filled_root, first)[0] == "new", timeout=5000)
    qtbot.waitUntil(lambda: window.model.row_of(first) is not None, timeout=5000)
    assert window.view.current_id() == second  # undo does not steal the place


def test_s_snoozes(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    window.view.setFocus()
    press(qtbot, window, "j")
    first = window.view.current_id()
    press(qtbot, window, "s")
    qtbot.waitUntil(window.snooze_menu.isVisible, timeout=3000)
    window.snooze_menu.actions()[0].trigger()  # 1 hour
    window.snooze_menu.hide()
    qtbot.waitUntil(lambda: fresh_status(filled_root, first)[0] == "snoozed", timeout=5000)
    qtbot.waitUntil(lambda: "Snoozed 1 mention" in window.status.currentMessage())
    window.select_view(View.SNOOZED)
    qtbot.waitUntil(lambda: window.model.row_of(first) is not None, timeout=5000)


def test_u_marks_unread_and_viewing_marks_read(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    window.view.setFocus()
    press(qtbot, window, "j")
    first = window.view.current_id()
    assert fresh_status(filled_root, first)[1] == 0
    qtbot.waitUntil(lambda: fresh_status(filled_root, first)[1] == 1, timeout=5000)  # shown ~1.5 s
    qtbot.waitUntil(
        lambda: not window.model.data(window.model.index(0, 0), window_unread_role()), timeout=5000
    )
    press(qtbot, window, "u")
    qtbot.waitUntil(lambda: fresh_status(filled_root, first)[1] == 0, timeout=5000)
    qtbot.waitUntil(lambda: "unread" in window.status.currentMessage())


def window_unread_role() -> int:
    from desktop_app.ui.inbox_model import UnreadRole

    return int(UnreadRole)


def test_slash_focuses_search_and_escape_clears(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    total = window.model.rowCount()
    window.view.setFocus()
    press(qtbot, window, "/")
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "refund")
    qtbot.waitUntil(lambda: 0 < window.model.rowCount() < total and not window.model.loading, timeout=5000)
    for row in range(window.model.rowCount()):
        assert "refund" in window.model.data(window.model.index(row, 4)).lower()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.model.rowCount() == total, timeout=5000)
    assert window.search.text() == ""


def test_question_mark_lists_shortcuts(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.dialogs import ShortcutsDialog

    window.view.setFocus()
    press(qtbot, window, "?")
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, ShortcutsDialog) and w.isVisible() for w in window.findChildren(ShortcutsDialog)
        ),
        timeout=3000,
    )
    dialog = window.findChildren(ShortcutsDialog)[0]
    texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Archive" in texts and "Next mention" in texts
    dialog.close()


def test_a_snooze_whose_time_has_come_returns_to_the_inbox(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    import time

    window.view.setFocus()
    press(qtbot, window, "j")
    first = window.view.current_id()
    assert first is not None
    window.triage.snooze(int(time.time()) + 1)  # a snooze that ends in a second
    qtbot.waitUntil(lambda: fresh_status(filled_root, first)[0] == "snoozed", timeout=5000)
    qtbot.waitUntil(lambda: window.model.row_of(first) is None, timeout=5000)  # out of Needs reply
    qtbot.wait(1100)
    window._wake_timer.setInterval(50)  # the window's own check, sooner than its half minute
    qtbot.waitUntil(lambda: fresh_status(filled_root, first) == ("new", 0), timeout=5000)
    qtbot.waitUntil(lambda: window.model.row_of(first) is not None, timeout=5000)  # back, without a refresh
