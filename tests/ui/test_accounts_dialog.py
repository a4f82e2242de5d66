"""Sources → Accounts & keys: key states, add / replace / remove into a MemorySecretStore, Test connection
in the background against a loopback API; the window's menu opens it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.secrets.store import MemorySecretStore, entry_name
from desktop_app.services import sources as source_service
from desktop_app.ui import accounts_dialog as accounts_module
from desktop_app.ui.accounts_dialog import COLUMNS, AccountsDialog
from desktop_app.ui.main_window import MainWindow
from tests.support.api_server import ApiServer, answer

KEY = "yelp-key-never-in-the-db-0042"


@pytest.fixture
def api() -> Iterator[ApiServer]:
    server = ApiServer("127.0.0.1")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def configs(root: Path) -> dict[str, str]:
    conn = sqlite3.connect(root / "workspaces" / "acme.earshot")
    try:
        return {str(n): str(c) for n, c in conn.execute("SELECT name, config FROM sources")}
    finally:
        conn.close()


def make_dialog(qtbot, window: MainWindow, store: MemorySecretStore) -> AccountsDialog:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    dialog = AccountsDialog(window.workspace, window.tasks, window, make_store=lambda: store)
    qtbot.addWidget(dialog)
    return dialog


def cell(dialog: AccountsDialog, row: int, column: str) -> str:
    item = dialog.table.item(row, COLUMNS.index(column))
    return item.text() if item is not None else ""


def test_add_test_replace_and_remove_a_key(
    qtbot, window: MainWindow, filled_root: Path, api: ApiServer
) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    config = {"business_id": "acme-cafe", "api_base": api.url("")}
    source_service.add_source(ws, kind="yelp", config=config, name="Yelp")
    store = MemorySecretStore()
    dialog = make_dialog(qtbot, window, store)
    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        dialog.show()
    assert dialog.table.rowCount() == 1  # the feed of the fixture needs no key
    assert cell(dialog, 0, "Source") == "Yelp" and cell(dialog, 0, "State") == "Key missing"
    assert dialog.set_button.text() == "Add key…" and not dialog.remove_button.isEnabled()

    entry_dialog = dialog.ask_key()
    assert entry_dialog is not None
    entry_dialog.line.setText(KEY)
    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        entry_dialog.accept()
    assert entry_dialog.line.text() == ""  # the typed key does not linger in the widget
    entry = entry_name("acme", "Yelp", "api_key")
    assert store.get(entry) == KEY and cell(dialog, 0, "State") == "Key stored"
    saved = configs(filled_root)["Yelp"]
    assert json.loads(saved)["api_key"] == entry and KEY not in saved
    assert KEY not in (filled_root / "workspaces" / "acme.earshot").read_bytes().decode("latin-1")

    api.route("/businesses/acme-cafe", handler=answer(200, {"id": "x", "name": "Acme Café"}))
    with qtbot.waitSignal(dialog.result_shown, timeout=10_000) as shown:
        dialog.test_selected()
    assert shown.args[0] == "✔ Yelp: Yelp accepted the key and found Acme Café."
    (call,) = api.headers_of("/businesses/acme-cafe")
    assert call["authorization"] == f"Bearer {KEY}"

    api.route("/businesses/acme-cafe", handler=answer(401, {"error": {"code": "TOKEN_INVALID"}}))
    with qtbot.waitSignal(dialog.result_shown, timeout=10_000) as failed:
        dialog.test_selected()
    assert (
        failed.args[0].startswith("✖ Yelp:")
        and "key rejected" in failed.args[0]
        and KEY not in failed.args[0]
    )
    assert "color" in dialog.result.styleSheet()

    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        dialog.save_key(dialog.rows[0], "second-key")
    assert store.get(entry) == "second-key" and dialog.set_button.text() == "Replace key…"

    dialog.confirm = lambda *_a: True  # type: ignore[method-assign]  # no native box offscreen
    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        dialog.remove_selected()
    assert store.get(entry) is None and cell(dialog, 0, "State") == "Key missing"
    assert "api_key" not in json.loads(configs(filled_root)["Yelp"])


def test_without_a_keyring_nothing_is_saved(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    source_service.add_source(ws, kind="brave", config={"query": "acme sucks"}, name="Brave")
    dialog = AccountsDialog(ws, window.tasks, window, make_store=lambda: None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        dialog.show()
    assert cell(dialog, 0, "State") == "No OS keyring" and dialog.file_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.result_shown, timeout=5000) as shown:
        dialog.save_key(dialog.rows[0], "some-key")
    assert (
        shown.args[0].startswith("The key was not saved") and "some-key" not in configs(filled_root)["Brave"]
    )


def test_the_menu_opens_it(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    store = MemorySecretStore()
    monkeypatch.setattr(accounts_module, "default_secret_store", lambda: store)  # never the user's keyring
    assert window.workspace is not None
    source_service.add_source(window.workspace, kind="x_search", config={"query": "acme"}, name="X")
    action = window.actions_["accounts_keys"]
    assert action.isEnabled() and action.text().replace("&&", "&").replace("&k", "k") == "Accounts & keys…"
    action.trigger()
    dialog = window.accounts_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert cell(dialog, 0, "State") == "Key missing" and "$0.005 a post" in dialog.note.text()
    dialog.close()


def test_one_key_for_all_sources_of_a_kind(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    for n in range(3):
        source_service.add_source(ws, kind="brave", config={"query": f'"acme sucks {n}"'}, name=f"Brave {n}")
    store = MemorySecretStore()
    dialog = make_dialog(qtbot, window, store)
    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        dialog.show()
    dialog.select("Brave 1")
    entry_dialog = dialog.ask_key()
    assert (
        entry_dialog is not None and entry_dialog.share.isChecked() and "2 other" in entry_dialog.share.text()
    )
    entry_dialog.line.setText("brave-shared-key")
    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        entry_dialog.accept()
    assert [cell(dialog, r, "State") for r in range(3)] == ["Key stored"] * 3
    assert store.get(entry_name("acme", "Brave 1", "api_key")) == "brave-shared-key"
