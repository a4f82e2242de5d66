from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail

from desktop_app.secrets.backend import choose_keyring
from desktop_app.secrets.store import KeyringSecretStore, MemorySecretStore, entry_name


@pytest.fixture
def plaintext(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_plaintext_is_never_chosen_silently(plaintext) -> None:  # type: ignore[no-untyped-def]
    choice = choose_keyring()
    assert choice.backend is None and not choice.secure
    assert "No secure keyring" in choice.message and "Secret Service" in choice.message


def test_fail_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert choose_keyring().backend is None
    finally:
        keyring.set_keyring(previous)


def test_chainer_with_only_insecure_backends_is_refused(plaintext, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plaintext, fail.Keyring()])
    keyring.set_keyring(chainer.ChainerBackend())
    assert choose_keyring().backend is None


def test_keyring_store_round_trip_in_a_temporary_backend(plaintext) -> None:  # type: ignore[no-untyped-def]
    store = KeyringSecretStore(plaintext)
    name = entry_name("acme", "Reddit", "client_secret")
    assert store.get(name) is None
    store.set(name, "s3cret-value")
    assert store.get(name) == "s3cret-value"
    store.delete(name)
    store.delete(name)  # deleting twice is fine
    assert store.get(name) is None


def test_memory_store() -> None:
    store = MemorySecretStore()
    store.set("a", "1")
    assert store.get("a") == "1"
    store.delete("a")
    assert store.get("a") is None


@pytest.mark.parametrize(
    "spec",
    ["keyrings.alt.file.PlaintextKeyring", "keyring.backends.null.Keyring", "keyring.backends.fail.Keyring"],
)
def test_an_explicit_insecure_backend_is_refused_in_plain_words(
    spec: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.core import load_keyring

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", spec)
    previous = keyring.get_keyring()
    keyring.set_keyring(load_keyring(spec))  # what keyring itself would pick from the variable
    try:
        choice = choose_keyring()
    finally:
        keyring.set_keyring(previous)
    assert choice.backend is None and not choice.secure
    assert f"PYTHON_KEYRING_BACKEND={spec}" in choice.message and "not an OS keyring" in choice.message
    assert "Unset PYTHON_KEYRING_BACKEND" in choice.message


def test_the_test_hook_takes_only_a_keyrings_alt_file_in_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.secrets.backend import TEST_BACKEND_ENV

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(TEST_BACKEND_ENV, "keyrings.alt.file.PlaintextKeyring")
    choice = choose_keyring()
    assert choice.backend is not None and not choice.secure and "Test keyring" in choice.message
    store = KeyringSecretStore(choice.backend)
    store.set("acme/Yelp/api_key", "v")
    assert store.get("acme/Yelp/api_key") == "v" and list((tmp_path / "xdg").rglob("*.cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(Path.home() / ".local" / "share"))  # a user's real folder
    assert choose_keyring().backend is None
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(TEST_BACKEND_ENV, "keyring.backends.null.Keyring")
    refused = choose_keyring()
    assert refused.backend is None and TEST_BACKEND_ENV in refused.message
