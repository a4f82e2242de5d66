"""The Sources dialog and the generated add-source form, driven through the real window and storage."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from desktop_app.secrets.store import MemorySecretStore
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.source_form import SourceFormDialog
from desktop_app.ui.sources_dialog import COLUMNS, SourcesDialog


def fresh_sources(root: Path, workspace: str = "acme") -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(root / "workspaces" / f"{workspace}.earshot")
    try:
        rows = conn.execute("SELECT name, kind, config FROM sources ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(str(n), str(k), str(c)) for n, k, c in rows]


def open_dialog(qtbot, window: MainWindow) -> SourcesDialog:  # type: ignore[no-untyped-def]
    window.actions_["manage_sources"].trigger()
    dialog = window.sources_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    return dialog


def test_lists_sources_with_health_and_removes_one(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    from tests.support.factories import add_source

    add_source(ws, name="Second feed", url="https://second.example/rss")
    dialog = open_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    model = dialog.model
    health = model.index(0, COLUMNS.index("Health"))
    assert model.data(health) in ("never polled", "ok")
    assert model.data(health, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(0, COLUMNS.index("Enabled"))) == "yes"
    names = [model.data(model.index(r, 0)) for r in range(2)]
    assert "Second feed" in names

    dialog.select_source(int(model.records[names.index("Second feed")]["id"]))
    dialog.confirm = lambda *_a: True  # type: ignore[method-assign]  # no native box offscreen
    dialog.remove_selected()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert [n for n, _k, _c in fresh_sources(filled_root)] == ["Feed"]


def test_edit_disables_a_source(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, window)
    source_id = int(dialog.model.records[0]["id"])
    dialog.save_settings(source_id, 90, False)
    qtbot.waitUntil(lambda: dialog.model.records[0]["enabled"] is False, timeout=5000)
    assert dialog.model.data(dialog.model.index(0, COLUMNS.index("Next poll"))) == "off"
    conn = sqlite3.connect(filled_root / "workspaces" / "acme.earshot")
    try:
        assert conn.execute("SELECT enabled, interval_minutes FROM sources").fetchone() == (0, 90)
    finally:
        conn.close()


def pick_hate_searches(qtbot, dialog: SourcesDialog) -> None:  # type: ignore[no-untyped-def]
    """Sources → Add hate searches…, then OK in the picker with its defaults but the plain brand search."""
    dialog.add_hate_searches()
    picker = dialog.hate_dialog
    assert picker is not None
    qtbot.waitUntil(lambda: picker.offers_loaded, timeout=5000)
    picker.picker.include_brand.setChecked(False)
    picker.accept()


def test_add_hate_searches(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, window)
    pick_hate_searches(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 5, timeout=10_000)
    assert "Added" in dialog.message.text()
    news = [s for s in fresh_sources(filled_root) if s[1] == "google_news"]
    assert len(news) == dialog.model.rowCount() - 1
    assert any("I hate Acme" in config for _n, _k, config in news)
    first = len(news)
    pick_hate_searches(qtbot, dialog)  # a second time adds nothing
    qtbot.waitUntil(lambda: "already there" in dialog.message.text(), timeout=10_000)
    assert "Added 0" in dialog.message.text()
    assert len([s for s in fresh_sources(filled_root) if s[1] == "google_news"]) == first


def test_form_builds_widgets_per_kind(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    form = SourceFormDialog(window.workspace, window.tasks, window, make_store=MemorySecretStore)
    qtbot.addWidget(form)
    form.set_kind("rss")
    assert isinstance(form.widgets["url"], QLineEdit)
    assert isinstance(form.widgets["max_bytes"], QSpinBox)
    assert isinstance(form.widgets["keep_all"], QCheckBox)
    form.set_kind("mastodon")
    token = form.widgets["access_token"]
    assert isinstance(token, QLineEdit) and token.echoMode() == QLineEdit.EchoMode.Password
    assert isinstance(form.widgets["hashtag"], QLineEdit)
    assert "url" not in form.widgets
    form.set_kind("hackernews")
    assert isinstance(form.widgets["tags"], QComboBox)


def test_form_adds_an_rss_source_and_shows_errors_inline(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    form = SourceFormDialog(window.workspace, window.tasks, window, make_store=MemorySecretStore)
    qtbot.addWidget(form)
    form.set_kind("rss")
    form.accept()  # no URL: refused, shown in the dialog
    qtbot.waitUntil(lambda: bool(form.error.text()), timeout=5000)
    assert "Feed address" in form.error.text()
    url = form.widgets["url"]
    assert isinstance(url, QLineEdit)
    url.setText("https://blog.example/feed.xml")
    form.name.setText("Example blog")
    with qtbot.waitSignal(form.added, timeout=5000):
        form.accept()
    assert ("Example blog", "rss") in [(n, k) for n, k, _c in fresh_sources(filled_root)]


def test_form_keeps_secrets_out_of_the_database(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    store = MemorySecretStore()
    form = SourceFormDialog(window.workspace, window.tasks, window, make_store=lambda: store)
    qtbot.addWidget(form)
    form.set_kind("mastodon")
    hashtag, token = form.widgets["hashtag"], form.widgets["access_token"]
    assert isinstance(hashtag, QLineEdit) and isinstance(token, QLineEdit)
    hashtag.setText("acme")
    token.setText("s3cret-token")
    form.name.setText("Mastodon acme")
    with qtbot.waitSignal(form.added, timeout=5000):
        form.accept()
    config = next(c for n, _k, c in fresh_sources(filled_root) if n == "Mastodon acme")
    assert "s3cret-token" not in config and "acme/Mastodon acme/access_token" in config
    assert store.get("acme/Mastodon acme/access_token") == "s3cret-token"


def test_form_refuses_a_secret_without_a_keyring(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    form = SourceFormDialog(window.workspace, window.tasks, window, make_store=lambda: None)
    qtbot.addWidget(form)
    form.set_kind("mastodon")
    token = form.widgets["access_token"]
    assert isinstance(token, QLineEdit)
    token.setText("s3cret-token")
    form.accept()
    qtbot.waitUntil(lambda: bool(form.error.text()), timeout=5000)
    assert "not saved" in form.error.text()
    assert len(fresh_sources(filled_root)) == 1


def test_double_clicking_a_sidebar_source_opens_the_dialog_on_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.sidebar import KindRole

    tree = window.sidebar.tree
    qtbot.waitUntil(lambda: window.sidebar._sources_root.childCount() > 0, timeout=5000)
    item = window.sidebar._sources_root.child(0)
    assert item.data(0, KindRole) == "source"
    tree.itemDoubleClicked.emit(item, 0)
    dialog = window.sources_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.selected_ids() == [int(dialog.model.records[0]["id"])]


def test_poll_now_polls_the_selected_sources(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    asked: list[list[int]] = []
    dialog = SourcesDialog(window.workspace, window.tasks, asked.append, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert not dialog.buttons["poll"].isEnabled()
    dialog.table.selectRow(0)
    assert dialog.buttons["poll"].isEnabled()
    dialog.buttons["poll"].click()
    assert asked == [[int(dialog.model.records[0]["id"])]]
    assert "Polling 1 source" in dialog.message.text()


def test_the_add_source_command_opens_the_generated_form(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    window.actions_["add_source"].trigger()
    form = window.findChild(SourceFormDialog)
    assert form is not None and form.isVisible()
    form.set_kind("google_news")
    query = form.widgets["query"]
    assert isinstance(query, QLineEdit)
    query.setText('"Acme refund"')
    with qtbot.waitSignal(form.added, timeout=5000):
        form.accept()
    assert ("google_news", '"Acme refund"') in [
        (k, json.loads(c).get("query")) for _n, k, c in fresh_sources(filled_root)
    ]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Added"), timeout=5000)


def test_clicking_a_source_health_badge_opens_the_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tree = window.sidebar.tree
    qtbot.waitUntil(lambda: window.sidebar._sources_root.childCount() > 0, timeout=5000)
    item = window.sidebar._sources_root.child(0)
    rect = tree.visualItemRect(item)
    with qtbot.waitSignal(window.sidebar.manage_source_requested, timeout=2000):
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(6, rect.height() // 2)
        )
    assert window.sources_dialog is not None and window.sources_dialog.isVisible()
    window.sources_dialog.close()
    with qtbot.assertNotEmitted(window.sidebar.manage_source_requested):  # the name itself filters the inbox
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
