"""Accounts & keys without an OS keyring: choosing the encrypted key file (warning, password + confirm), keys
saved into it, and a later session asking for the password once, with a clear word on a wrong one.

The key file is keyrings.alt's real EncryptedKeyring in the test's temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication

from desktop_app.secrets.encrypted import EncryptedFileSession, EncryptedFileStore, key_file_path
from desktop_app.secrets.store import SecretStore
from desktop_app.services import sources as source_service
from desktop_app.ui.accounts_dialog import COLUMNS, AccountsDialog
from desktop_app.ui.key_file_dialogs import (
    WARNING,
    ChooseKeyFileDialog,
    UnlockKeyFileDialog,
    ask_password_if_needed,
)
from desktop_app.ui.main_window import MainWindow

KEY = "brave-key-5d1e-NEVER-IN-CLEAR"
PASSWORD = "a long master password"


@pytest.fixture
def bare_session(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No OS keyring, as on a bare Linux desktop: keyring finds only its fail backend."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def session(filled_root: Path) -> EncryptedFileSession:
    fresh = EncryptedFileSession()
    fresh.configure(filled_root)
    return fresh


def store_of(session: EncryptedFileSession):  # type: ignore[no-untyped-def]
    """What factory.secret_store() does when no OS keyring works: the file when chosen, else nothing."""

    def make() -> SecretStore | None:
        return EncryptedFileStore(session) if session.chosen() else None

    return make


def open_dialog(qtbot, window: MainWindow, session: EncryptedFileSession) -> AccountsDialog:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    dialog = AccountsDialog(
        window.workspace, window.tasks, window, make_store=store_of(session), session=session
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.refreshed, timeout=5000):
        dialog.show()
    return dialog


def state(dialog: AccountsDialog, row: int = 0) -> str:
    item = dialog.table.item(row, COLUMNS.index("State"))
    return item.text() if item is not None else ""


def test_choose_the_key_file_then_save_a_key_into_it(
    qtbot, window: MainWindow, filled_root: Path, session: EncryptedFileSession, bare_session: None
) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    source_service.add_source(window.workspace, kind="brave", config={"query": "acme sucks"}, name="Brave")
    dialog = open_dialog(qtbot, window, session)
    assert state(dialog) == "No OS keyring"
    assert dialog.file_button.isVisibleTo(dialog) and not dialog.unlock_button.isVisibleTo(dialog)
    assert "Secret Service" in dialog.store_note.text()  # what to install
    assert not dialog.set_button.isEnabled()

    dialog.file_button.click()
    choose = dialog.key_file.dialog
    assert isinstance(choose, ChooseKeyFileDialog) and choose.isVisible()
    assert choose.text.text() == WARNING
    for words in ("does not protect", "never stored", "lost and must be entered again"):
        assert words in WARNING
    choose.password.setText(PASSWORD)
    choose.confirm.setText(PASSWORD + "x")
    choose.accept()
    assert "differ" in choose.error.text() and choose.isVisible() and not session.chosen()
    choose.password.setText("short")
    choose.confirm.setText("short")
    choose.accept()
    assert "at least" in choose.error.text() and choose.isVisible()

    choose.password.setText(PASSWORD)
    choose.confirm.setText(PASSWORD)
    with qtbot.waitSignal(dialog.refreshed, timeout=10_000):
        choose.accept()
    assert choose.password.text() == "" and choose.confirm.text() == ""  # the password does not linger
    assert session.chosen() and session.unlocked is not None
    assert state(dialog) == "Key missing" and not dialog.file_button.isVisibleTo(dialog)
    assert "encrypted file" in dialog.store_note.text()

    entry_dialog = dialog.ask_key()
    assert entry_dialog is not None
    entry_dialog.line.setText(KEY)
    with qtbot.waitSignal(dialog.refreshed, timeout=10_000):
        entry_dialog.accept()
    assert state(dialog) == "Key stored"
    raw = key_file_path(filled_root).read_bytes()
    assert KEY.encode() not in raw and PASSWORD.encode() not in raw
    assert PASSWORD.encode() not in (filled_root / "settings.json").read_bytes()


def test_a_later_session_asks_once_and_says_when_the_password_is_wrong(
    qtbot, window: MainWindow, filled_root: Path, session: EncryptedFileSession
) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    source_service.add_source(window.workspace, kind="brave", config={"query": "acme sucks"}, name="Brave")
    session.create(PASSWORD)
    from desktop_app.services.accounts import set_key

    set_key(window.workspace, EncryptedFileStore(session), 2, "api_key", KEY)

    later = EncryptedFileSession()  # the app started again
    later.configure(filled_root)
    dialog = open_dialog(qtbot, window, later)
    assert state(dialog) == "Key file locked" and dialog.unlock_button.isVisibleTo(dialog)
    unlock = dialog.key_file.dialog
    assert isinstance(unlock, UnlockKeyFileDialog) and unlock.isVisible()  # asked at once: a key is needed
    assert later.asked

    unlock.password.setText("not the password")
    unlock.accept()
    qtbot.waitUntil(lambda: dialog.key_file.dialog is not unlock, timeout=10_000)
    again = dialog.key_file.dialog
    assert isinstance(again, UnlockKeyFileDialog) and "Wrong password" in again.error.text()
    assert later.unlocked is None

    again.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.refreshed, timeout=10_000):
        again.accept()
    assert later.unlocked is not None and state(dialog) == "Key stored"
    assert not dialog.unlock_button.isVisibleTo(dialog)


def test_opening_a_workspace_with_keys_asks_for_the_password_once(
    qtbot, window: MainWindow, filled_root: Path, session: EncryptedFileSession
) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    session.create(PASSWORD)
    later = EncryptedFileSession()
    later.configure(filled_root)
    said: list[str] = []
    assert ask_password_if_needed(window, window.tasks, ws, said.append, later) is not None  # no key: no box
    qtbot.wait(200)
    assert not any(
        isinstance(w, UnlockKeyFileDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )

    source_service.add_source(ws, kind="brave", config={"query": "acme", "api_key": "acme/Brave/api_key"})
    later.asked = False
    flow = ask_password_if_needed(window, window.tasks, ws, said.append, later)
    assert flow is not None
    qtbot.waitUntil(lambda: isinstance(flow.dialog, UnlockKeyFileDialog), timeout=5000)
    assert ask_password_if_needed(window, window.tasks, ws, said.append, later) is None  # once a session
    assert isinstance(flow.dialog, UnlockKeyFileDialog)
    flow.dialog.password.setText(PASSWORD)
    flow.dialog.accept()
    qtbot.waitUntil(lambda: later.unlocked is not None and bool(said), timeout=10_000)
    assert "unlocked" in said[0]
