"""Saved searches: save the current search, find it in the sidebar, run it, rename it, delete it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QTreeWidgetItem

from desktop_app.storage.queries import saved_searches
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sidebar import KindRole


def _saved_items(window: MainWindow) -> list[QTreeWidgetItem]:
    root = window.sidebar._saved_root
    return [root.child(i) for i in range(root.childCount()) if root.child(i).data(0, KindRole) == "saved"]


def _stored(window: MainWindow) -> list[tuple[str, str]]:
    assert window.workspace is not None
    return [(r["name"], r["query"]) for r in saved_searches(window.workspace.reader())]


def test_save_run_rename_delete(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.sidebar._saved_root.isHidden()  # nothing saved yet: no empty section
    window.search.setText("refund")
    qtbot.waitUntil(lambda: window.model.query.search == "refund", timeout=5000)
    refund_rows = window.model.rowCount()
    assert 0 < refund_rows < 30
    window.actions_["save_search"].trigger()
    dialog = window._saved_prompt
    assert isinstance(dialog, QInputDialog) and dialog.isVisible() and dialog.textValue() == "refund"
    dialog.setTextValue("Refunds  to chase")
    dialog.accept()
    qtbot.waitUntil(lambda: _stored(window) == [("Refunds to chase", "refund")], timeout=5000)
    qtbot.waitUntil(lambda: len(_saved_items(window)) == 1, timeout=5000)
    assert not window.sidebar._saved_root.isHidden()
    assert "saved search" in window.status.currentMessage().lower()

    window.search.clear()  # back to everything, then the saved search brings the search back
    qtbot.waitUntil(lambda: window.model.query.search == "", timeout=5000)
    window.sidebar.tree.setCurrentItem(_saved_items(window)[0])
    qtbot.waitUntil(lambda: window.model.query.search == "refund" and not window.model.loading, timeout=5000)
    assert window.search.text() == "refund"

    menu = window.sidebar.saved_menu(_saved_items(window)[0])
    assert menu is not None
    rename, delete = menu.actions()
    rename.trigger()
    dialog = window._saved_prompt
    assert isinstance(dialog, QInputDialog) and dialog.textValue() == "Refunds to chase"
    dialog.setTextValue("Refunds")
    dialog.accept()
    qtbot.waitUntil(lambda: _stored(window) == [("Refunds", "refund")], timeout=5000)
    qtbot.waitUntil(lambda: _saved_items(window)[0].text(0) == "Refunds", timeout=5000)

    delete.trigger()  # the menu was made for the old name: it still finds nothing to delete under it
    box = window._saved_prompt
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.wait(200)
    assert _stored(window) == [("Refunds", "refund")]
    menu = window.sidebar.saved_menu(_saved_items(window)[0])
    assert menu is not None
    menu.actions()[1].trigger()
    box = window._saved_prompt
    assert isinstance(box, QMessageBox) and "Refunds" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: _stored(window) == [], timeout=5000)
    qtbot.waitUntil(lambda: window.sidebar._saved_root.isHidden(), timeout=5000)


def test_saving_needs_a_search(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.search.clear()
    window.actions_["save_search"].trigger()
    assert getattr(window, "_saved_prompt", None) is None
    assert "Type a search first" in window.status.currentMessage()


def test_a_rename_onto_a_taken_name_is_refused_in_plain_words(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services import saved_searches as service

    assert window.workspace is not None
    service.save(window.workspace, "Refunds", "refund").result()
    service.save(window.workspace, "App", "app").result()
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: len(_saved_items(window)) == 2, timeout=5000)
    window.rename_saved_search("App")
    dialog = window._saved_prompt
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("Refunds")
    dialog.accept()
    qtbot.waitUntil(lambda: "already exists" in window.status.currentMessage(), timeout=5000)
    assert sorted(_stored(window)) == [("App", "app"), ("Refunds", "refund")]


def test_the_demo_comes_with_saved_searches(tmp_path: Path) -> None:
    from desktop_app.services.demo import DEMO_SAVED_SEARCHES, create_demo_workspace

    ws = create_demo_workspace(tmp_path, "demo")
    try:
        stored = {(r["name"], r["query"]) for r in saved_searches(ws.reader())}
        assert stored == set(DEMO_SAVED_SEARCHES)
    finally:
        ws.close()
