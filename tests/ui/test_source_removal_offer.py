"""Removing a source whose key no other source uses offers to remove the key too (checked by default), from
the Sources dialog and from the sidebar; a key shared with another source stays, and no question is asked."""

from __future__ import annotations

import pytest

from desktop_app.secrets.store import MemorySecretStore
from desktop_app.services import factory
from desktop_app.services import sources as source_service
from desktop_app.services.accounts import set_key
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.source_removal_prompt import RemoveWithKeysDialog
from desktop_app.ui.sources_dialog import SourcesDialog


def sources_dialog(qtbot, window: MainWindow, store: MemorySecretStore) -> SourcesDialog:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    dialog = SourcesDialog(
        window.workspace, window.tasks, lambda _ids: None, window, make_store=lambda: store
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 1, timeout=5000)
    return dialog


def names(dialog: SourcesDialog) -> list[str]:
    return [str(r["name"]) for r in dialog.model.records]


def test_the_sources_dialog_offers_to_remove_the_key_and_can_keep_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    store = MemorySecretStore()
    yelp, _ = source_service.add_source(ws, kind="yelp", config={"business_id": "acme-cafe"}, name="Yelp")
    places, _ = source_service.add_source(
        ws, kind="yelp", config={"business_id": "acme-bar"}, name="Yelp bar"
    )
    yelp_entry = set_key(ws, store, yelp, "api_key", "yelp-key-1")
    bar_entry = set_key(ws, store, places, "api_key", "yelp-key-2")
    dialog = sources_dialog(qtbot, window, store)

    dialog.select_source(yelp)
    dialog.remove_selected()
    qtbot.waitUntil(
        lambda: dialog.removal_offer is not None and dialog.removal_offer.dialog is not None, timeout=5000
    )
    assert dialog.removal_offer is not None
    question = dialog.removal_offer.dialog
    assert isinstance(question, RemoveWithKeysDialog) and question.isVisible()
    assert question.also.isChecked() and "the API key of Yelp" in question.also.text()
    assert "Remove Yelp?" in question.text.text()
    question.remove_button.click()
    qtbot.waitUntil(lambda: "Yelp" not in names(dialog), timeout=5000)
    assert store.get(yelp_entry) is None
    assert "Removed the API key of Yelp from the keyring." in dialog.message.text()

    dialog.select_source(places)
    dialog.remove_selected()
    qtbot.waitUntil(
        lambda: dialog.removal_offer is not None and dialog.removal_offer.dialog is not None, timeout=5000
    )
    assert dialog.removal_offer is not None and dialog.removal_offer.dialog is not None
    dialog.removal_offer.dialog.also.setChecked(False)
    dialog.removal_offer.dialog.remove_button.click()
    qtbot.waitUntil(lambda: "Yelp bar" not in names(dialog), timeout=5000)
    assert store.get(bar_entry) == "yelp-key-2"
    assert "Kept the API key of Yelp bar in the keyring (as asked)." in dialog.message.text()


def test_cancel_removes_nothing_and_a_shared_key_is_not_offered(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    store = MemorySecretStore()
    first, _ = source_service.add_source(ws, kind="brave", config={"query": "acme sucks"}, name="Brave 1")
    second, _ = source_service.add_source(ws, kind="brave", config={"query": "acme scam"}, name="Brave 2")
    entry = set_key(ws, store, first, "api_key", "brave-shared", same_kind=True)
    dialog = sources_dialog(qtbot, window, store)

    asked: list[str] = []

    def confirm(_title: str, text: str) -> bool:
        asked.append(text)
        return True

    dialog.confirm = confirm  # type: ignore[method-assign]  # the plain question: no key of its own
    dialog.select_source(first)
    dialog.remove_selected()
    qtbot.waitUntil(lambda: "Brave 1" not in names(dialog), timeout=5000)
    assert asked and dialog.removal_offer is not None and dialog.removal_offer.dialog is None
    assert store.get(entry) == "brave-shared"  # Brave 2 still uses it

    dialog.select_source(second)
    dialog.remove_selected()
    qtbot.waitUntil(
        lambda: dialog.removal_offer is not None and dialog.removal_offer.dialog is not None, timeout=5000
    )
    assert dialog.removal_offer is not None and dialog.removal_offer.dialog is not None
    dialog.removal_offer.dialog.reject()
    qtbot.wait(300)
    assert "Brave 2" in names(dialog) and store.get(entry) == "brave-shared"


def test_the_sidebar_removal_asks_too(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    store = MemorySecretStore()
    monkeypatch.setattr(factory, "secret_store", lambda: store)  # never the user's keyring
    yelp, _ = source_service.add_source(ws, kind="yelp", config={"business_id": "acme-cafe"}, name="Yelp")
    entry = set_key(ws, store, yelp, "api_key", "yelp-key")
    monkeypatch.setattr(window.sidebar, "current_source_id", lambda: yelp)
    window.remove_source()
    qtbot.waitUntil(lambda: getattr(window, "removal_offer", None) is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.removal_offer.dialog is not None, timeout=5000)
    question = window.removal_offer.dialog
    assert question.also.isChecked()
    question.remove_button.click()
    qtbot.waitUntil(lambda: store.get(entry) is None, timeout=5000)
    assert all(r["name"] != "Yelp" for r in source_service.source_records(ws))
