"""The Advanced part of the add-source form and of the Edit dialog: collapsed, saved, edited later."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop_app.secrets.store import MemorySecretStore
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.source_form import SourceFormDialog
from desktop_app.ui.sources_dialog import EditSourceDialog, SourcesDialog


def stored_config(root: Path, name: str) -> dict[str, Any]:
    conn = sqlite3.connect(root / "workspaces" / "acme.earshot")
    try:
        row = conn.execute("SELECT config FROM sources WHERE name = ?", (name,)).fetchone()
    finally:
        conn.close()
    assert row is not None, name
    config: dict[str, Any] = json.loads(row[0])
    return config


def choose(combo: Any, value: str) -> None:
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def make_form(qtbot, window: MainWindow) -> SourceFormDialog:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    form = SourceFormDialog(window.workspace, window.tasks, window, make_store=MemorySecretStore)
    qtbot.addWidget(form)
    form.show()
    return form


def test_advanced_fields_are_collapsed_and_apart(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, window)
    form.set_kind("reddit")
    qtbot.waitUntil(lambda: form.widgets["query"].isVisible(), timeout=5000)  # rows show on the next turn
    assert not form.advanced.is_open() and not form.advanced.box.isVisible()
    for name in ("api_base", "token_url", "user_agent_preset", "user_agent", "proxy", "proxy_url"):
        assert form.widgets[name].parent() is form.advanced.box, name
        assert not form.widgets[name].isVisible()
    for name in ("query", "client_id", "keep_all"):
        assert form.widgets[name].parent() is form.fields_box, name
        assert form.widgets[name].isVisible()
    preset = form.widgets["user_agent_preset"]
    assert isinstance(preset, QComboBox)
    assert preset.itemText(0) == "Earshot (default)" and preset.itemData(2) == "browser"
    assert "Reddit" in preset.toolTip()  # the help says a required User-Agent is kept
    form.advanced.toggle.click()
    assert form.advanced.box.isVisible() and form.widgets["proxy"].isVisible()
    form.set_kind("rss")  # the section is rebuilt for the new kind, still open
    qtbot.waitUntil(lambda: form.widgets["user_agent_preset"].isVisible(), timeout=5000)
    assert form.widgets["url"].parent() is form.fields_box


def test_the_form_saves_the_advanced_values(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, window)
    form.set_kind("rss")
    url, agent, proxy_url = form.widgets["url"], form.widgets["user_agent"], form.widgets["proxy_url"]
    assert isinstance(url, QLineEdit) and isinstance(agent, QLineEdit) and isinstance(proxy_url, QLineEdit)
    assert not agent.isEnabled() and not proxy_url.isEnabled()  # only for Custom
    url.setText("https://blocked.example/feed.xml")
    form.name.setText("Picky site")
    choose(form.widgets["user_agent_preset"], "custom")
    assert agent.isEnabled()
    agent.setText("AcmeWatch/2 (ops@acme.example)")
    choose(form.widgets["proxy"], "custom")
    proxy_url.setText("http://proxy.acme.example:3128")
    with qtbot.waitSignal(form.added, timeout=5000):
        form.accept()
    config = stored_config(filled_root, "Picky site")
    assert (
        config["user_agent_preset"] == "custom" and config["user_agent"] == "AcmeWatch/2 (ops@acme.example)"
    )
    assert config["proxy"] == "custom" and config["proxy_url"] == "http://proxy.acme.example:3128"


def test_the_form_leaves_defaults_out_and_shows_a_bad_proxy(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, window)
    form.set_kind("rss")
    url, proxy_url = form.widgets["url"], form.widgets["proxy_url"]
    assert isinstance(url, QLineEdit) and isinstance(proxy_url, QLineEdit)
    url.setText("https://plain.example/feed.xml")
    form.name.setText("Plain")
    choose(form.widgets["proxy"], "custom")
    proxy_url.setText("ftp://nope.example:21")
    form.accept()
    qtbot.waitUntil(lambda: bool(form.error.text()), timeout=5000)
    assert "proxy address" in form.error.text()
    choose(form.widgets["proxy"], "default")  # the address is then neither used nor sent
    with qtbot.waitSignal(form.added, timeout=5000):
        form.accept()
    assert stored_config(filled_root, "Plain") == {"url": "https://plain.example/feed.xml"}


def open_edit(qtbot, window: MainWindow) -> tuple[SourcesDialog, EditSourceDialog]:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    dialog = SourcesDialog(window.workspace, window.tasks, lambda _ids: None, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    dialog.table.selectRow(0)
    dialog.edit_selected()
    edit = dialog.edit_dialog
    assert isinstance(edit, EditSourceDialog)
    qtbot.waitUntil(lambda: edit.request.loaded is not None, timeout=5000)
    return dialog, edit


def test_the_edit_dialog_changes_preset_and_proxy(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    name = "Feed"
    _dialog, edit = open_edit(qtbot, window)
    assert not edit.request.is_open()  # nothing set yet: collapsed
    choose(edit.request.widgets["user_agent_preset"], "browser")
    choose(edit.request.widgets["proxy"], "none")
    edit.interval.setValue(45)
    with qtbot.waitSignal(edit.accepted, timeout=5000):
        edit.buttons.accepted.emit()
    qtbot.waitUntil(lambda: stored_config(filled_root, name).get("proxy") == "none", timeout=5000)
    config = stored_config(filled_root, name)
    assert config["user_agent_preset"] == "browser" and config["url"]
    conn = sqlite3.connect(filled_root / "workspaces" / "acme.earshot")
    try:
        qtbot.waitUntil(
            lambda: conn.execute("SELECT interval_minutes FROM sources").fetchone()[0] == 45, timeout=5000
        )
    finally:
        conn.close()

    _dialog, again = open_edit(qtbot, window)  # shows what is stored, open, and goes back to the defaults
    assert again.request.is_open()
    preset = again.request.widgets["user_agent_preset"]
    assert isinstance(preset, QComboBox) and preset.currentData() == "browser"
    choose(preset, "earshot")
    choose(again.request.widgets["proxy"], "default")
    with qtbot.waitSignal(again.accepted, timeout=5000):
        again.buttons.accepted.emit()
    config = stored_config(filled_root, name)
    assert "user_agent_preset" not in config and "proxy" not in config and config["url"]


def test_the_edit_dialog_keeps_a_bad_value_open_with_the_reason(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    _dialog, edit = open_edit(qtbot, window)
    choose(edit.request.widgets["user_agent_preset"], "custom")  # but no text
    accepted: list[bool] = []
    edit.accepted.connect(lambda: accepted.append(True))
    edit.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(edit.error.text()), timeout=5000)
    assert "User-Agent" in edit.error.text() and not accepted
    assert "user_agent_preset" not in stored_config(filled_root, "Feed")
    agent = edit.request.widgets["user_agent"]
    assert isinstance(agent, QLineEdit)
    agent.setText("Mine/1")
    with qtbot.waitSignal(edit.accepted, timeout=5000):
        edit.buttons.accepted.emit()
    assert stored_config(filled_root, "Feed")["user_agent"] == "Mine/1"
