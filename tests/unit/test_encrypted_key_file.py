"""The opt-in encrypted key file: keyrings.alt's real EncryptedKeyring in a temporary data folder.

Never the developer's keyring: every file lives under tmp_path, and the session is a fresh one per test."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest

from desktop_app.core.errors import UserError
from desktop_app.secrets.backend import choose_keyring
from desktop_app.secrets.encrypted import (
    ENCRYPTED_FILE,
    STORE_SETTING,
    EncryptedFileSession,
    EncryptedFileStore,
    KeyFileLocked,
    WrongPassword,
    key_file_path,
    open_key_file,
)
from desktop_app.services import factory

SECRET = "yelp-key-0c9f2e-NEVER-IN-CLEAR"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def session(tmp_path: Path) -> EncryptedFileSession:
    fresh = EncryptedFileSession()
    fresh.configure(tmp_path / "data")
    return fresh


def test_create_store_read_back_and_nothing_in_clear(session: EncryptedFileSession, tmp_path: Path) -> None:
    session.create(PASSWORD)
    store = EncryptedFileStore(session)
    store.set("acme/Yelp/api_key", SECRET)
    assert store.get("acme/Yelp/api_key") == SECRET
    path = key_file_path(tmp_path / "data")
    assert session.path == path and path.is_file()
    raw = path.read_bytes()
    assert SECRET.encode() not in raw and PASSWORD.encode() not in raw
    assert b"AES256" in raw  # keyrings.alt's encrypted scheme, not its plaintext file
    settings = json.loads((tmp_path / "data" / "settings.json").read_text())
    assert settings == {STORE_SETTING: ENCRYPTED_FILE}  # the choice is remembered, never the password
    assert path.stat().st_mode & 0o077 == 0  # readable by the user only


def test_a_new_session_needs_the_password_and_refuses_a_wrong_one(
    session: EncryptedFileSession, tmp_path: Path
) -> None:
    session.create(PASSWORD)
    EncryptedFileStore(session).set("acme/Yelp/api_key", SECRET)

    later = EncryptedFileSession()  # the next start of the app
    later.configure(tmp_path / "data")
    assert later.chosen() and later.exists() and later.unlocked is None
    store = EncryptedFileStore(later)
    assert store.locked
    with pytest.raises(KeyFileLocked, match="locked"):
        store.get("acme/Yelp/api_key")
    with pytest.raises(WrongPassword, match="Wrong password"):
        later.unlock("correct horse battery stable")
    assert later.unlocked is None
    later.unlock(PASSWORD)
    assert store.get("acme/Yelp/api_key") == SECRET
    store.delete("acme/Yelp/api_key")
    store.delete("acme/Yelp/api_key")  # twice is fine
    assert store.get("acme/Yelp/api_key") is None


def test_never_prompts_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_getpass(*_a: object) -> str:
        raise AssertionError("the key file must never ask on a terminal")

    monkeypatch.setattr("getpass.getpass", no_getpass)
    path = tmp_path / "keys.cfg"
    ring = open_key_file(path, PASSWORD, create=True)
    ring.set_password("earshot-desktop", "a", "b")
    del ring.keyring_key  # as if locked again: keyrings.alt would now call getpass
    with pytest.raises(KeyFileLocked):
        ring.get_password("earshot-desktop", "a")


def test_create_refuses_to_overwrite_and_unlock_needs_a_file(session: EncryptedFileSession) -> None:
    with pytest.raises(UserError, match="no encrypted key file"):
        session.unlock(PASSWORD)
    session.create(PASSWORD)
    with pytest.raises(UserError, match="already exists"):
        open_key_file(session.path, "another password", create=True)
    before = session.path.read_bytes()
    with pytest.raises(WrongPassword, match="from before"):
        session.create("another password")  # chosen again, e.g. after the settings were lost
    assert session.path.read_bytes() == before  # never overwritten
    session.lock()
    session.create(PASSWORD)  # its own password takes the old file back
    assert session.unlocked is not None
    with pytest.raises(UserError, match="empty"):
        session.unlock("")


def test_an_unconfigured_session_never_uses_a_file() -> None:
    fresh = EncryptedFileSession()
    assert not fresh.chosen() and not fresh.exists()


def test_factory_uses_the_chosen_file_and_still_refuses_plaintext(
    session: EncryptedFileSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyrings.alt.file import PlaintextKeyring

    plaintext = PlaintextKeyring()
    plaintext.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(plaintext)
    monkeypatch.setattr(factory, "SESSION", session)
    try:
        assert factory.secret_store() is None  # no OS keyring, no file chosen: refused
        assert factory.store_status().mode == factory.NO_KEYRING
        assert choose_keyring().backend is None
        session.create(PASSWORD)
        store = factory.secret_store()
        assert isinstance(store, EncryptedFileStore)
        store.set("acme/Brave/api_key", SECRET)
        assert factory.store_status().mode == factory.FILE_OPEN
        session.lock()
        assert factory.store_status().mode == factory.FILE_LOCKED
        assert choose_keyring().backend is None  # plaintext stays refused
    finally:
        keyring.set_keyring(previous)
    assert not (tmp_path / "keyring_pass.cfg").exists()


def test_cli_unlock_from_the_environment(
    session: EncryptedFileSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.create(PASSWORD)
    session.lock()
    monkeypatch.setattr(factory, "SESSION", session)
    monkeypatch.delenv("EARSHOT_KEYRING_PASSWORD", raising=False)
    with pytest.raises(UserError, match="EARSHOT_KEYRING_PASSWORD"):
        factory.unlock_from_terminal(stdin_is_tty=False)
    monkeypatch.setenv("EARSHOT_KEYRING_PASSWORD", "not it")
    with pytest.raises(WrongPassword):
        factory.unlock_from_terminal(stdin_is_tty=False)
    monkeypatch.setenv("EARSHOT_KEYRING_PASSWORD", PASSWORD)
    factory.unlock_from_terminal(stdin_is_tty=False)
    assert session.unlocked is not None


def test_entry_names_keep_their_case(session: EncryptedFileSession) -> None:
    session.create(PASSWORD)
    store = EncryptedFileStore(session)
    store.set("acme/Yelp/api_key", "first")
    store.set("acme/yelp/api_key", "second")
    assert store.get("acme/Yelp/api_key") == "first" and store.get("acme/yelp/api_key") == "second"
    store.delete("acme/yelp/api_key")
    assert store.get("acme/Yelp/api_key") == "first" and store.get("acme/yelp/api_key") is None
    assert b"Yelp" not in session.path.read_bytes()  # names are not readable at a glance either
