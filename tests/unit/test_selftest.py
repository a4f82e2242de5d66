"""The self-test's checks: the real ones pass here, broken set-ups give FAIL lines and exit code 1. No Qt."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest
from keyring.backends.chainer import ChainerBackend
from keyrings.alt.file import PlaintextKeyring

from desktop_app import selftest
from desktop_app.config.paths import resources_dir


class _SecureKeyring(keyring.backend.KeyringBackend):
    """Stands in for an OS keyring (Secret Service, Keychain, Credential Manager); keeps nothing."""

    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("the self-test must not read secrets")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("the self-test must not store anything in a keyring")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("the self-test must not delete keyring entries")


@pytest.fixture
def os_keyring(monkeypatch: pytest.MonkeyPatch) -> _SecureKeyring:
    backend = _SecureKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    return backend


@pytest.fixture
def complete_resources(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    (root / "demo").mkdir(parents=True)
    (root / "demo" / "demo_workspace.json").write_text(json.dumps({"workspace": "demo"}), encoding="utf-8")
    (root / "icons" / "png").mkdir(parents=True)
    for icon in selftest.REQUIRED_ICONS:
        (root / "icons" / icon).write_bytes(b"icon")
    return root


def test_sqlite_has_fts5() -> None:
    check = selftest.check_sqlite()
    assert check.ok, check.line()
    assert check.line().startswith("ok   sqlite with FTS5: 3.")


def test_sentiment_data_loads_and_scores_love_as_positive() -> None:
    check = selftest.check_sentiment()
    assert check.ok, check.line()
    assert "VADER +" in check.detail and "TextBlob +" in check.detail


def test_the_repository_ships_the_icons() -> None:
    for icon in selftest.REQUIRED_ICONS:
        assert (resources_dir() / "icons" / icon).is_file(), icon


def test_the_repository_resources_pass() -> None:
    check = selftest.check_resources()
    assert check.ok, check.line()


def test_resources_pass_in_a_complete_folder(complete_resources: Path) -> None:
    assert selftest.check_resources(complete_resources).ok


def test_resources_fail_without_the_demo_workspace(tmp_path: Path) -> None:
    check = selftest.check_resources(tmp_path)
    assert not check.ok
    assert check.line().startswith("FAIL resources:") and "demo_workspace.json is missing" in check.line()


def test_resources_fail_on_a_broken_demo_workspace(complete_resources: Path) -> None:
    (complete_resources / "demo" / "demo_workspace.json").write_text("{not json", encoding="utf-8")
    assert "does not parse" in selftest.check_resources(complete_resources).detail


def test_resources_fail_without_icons(complete_resources: Path) -> None:
    (complete_resources / "icons" / "earshot.svg").unlink()
    check = selftest.check_resources(complete_resources)
    assert not check.ok and "earshot.svg" in check.detail


def test_the_forced_null_keyring_fails_with_advice() -> None:
    # tests/conftest.py forces keyring.backends.null.Keyring through PYTHON_KEYRING_BACKEND.
    check = selftest.check_keyring()
    assert not check.ok
    assert "keyring.backends.null.Keyring" in check.detail
    assert "PYTHON_KEYRING_BACKEND" in check.detail  # says what overrides the choice
    if sys.platform.startswith("linux"):
        assert "Secret Service" in check.detail


def test_a_backend_that_cannot_load_fails_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dbus() -> keyring.backend.KeyringBackend:
        raise RuntimeError("Unable to initialize SecretService: DBUS_SESSION_BUS_ADDRESS is unset")

    monkeypatch.setattr(keyring, "get_keyring", no_dbus)
    check = selftest.check_keyring()
    assert not check.ok
    assert "RuntimeError: Unable to initialize SecretService" in check.detail
    assert "PYTHON_KEYRING_BACKEND" in check.detail


def test_a_plaintext_file_keyring_fails(tmp_path: Path) -> None:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # never the developer's real file
    check = selftest.check_keyring(backend)
    assert not check.ok and "unencrypted" in check.detail
    assert not (tmp_path / "keyring_pass.cfg").exists(), "the check must not write to the keyring"


def test_an_os_keyring_passes_without_being_touched(os_keyring: _SecureKeyring) -> None:
    check = selftest.check_keyring()
    assert check.ok, check.line()
    assert check.detail.endswith("_SecureKeyring")


class _Chain(ChainerBackend):
    def __init__(self, members: list[keyring.backend.KeyringBackend]) -> None:
        self._members = members

    @property
    def backends(self) -> list[keyring.backend.KeyringBackend]:
        return self._members


def test_a_chain_is_judged_by_its_members(tmp_path: Path) -> None:
    plaintext = PlaintextKeyring()
    plaintext.file_path = str(tmp_path / "keyring_pass.cfg")
    assert not selftest.check_keyring(_Chain([])).ok
    assert selftest.check_keyring(_Chain([_SecureKeyring()])).ok
    assert not selftest.check_keyring(_Chain([_SecureKeyring(), plaintext])).ok


def test_qt_check_reports_the_platform_the_probe_names() -> None:
    command = [sys.executable, "-c", "print('qt-platform: offscreen (Qt 6.x)')"]
    check = selftest.check_qt(command)
    assert check.ok and check.detail == "offscreen (Qt 6.x)"


def test_qt_check_turns_a_qt_abort_into_a_fail_line_with_advice() -> None:
    code = (
        "import sys; sys.stderr.write('qt.qpa.plugin: Could not load the Qt platform plugin \"xcb\"\\n'); "
        "sys.exit(134)"
    )
    check = selftest.check_qt([sys.executable, "-c", code])
    assert not check.ok
    assert 'platform plugin "xcb"' in check.detail
    assert "QT_QPA_PLATFORM" in check.detail


def test_the_qt_probe_mode_prints_what_the_probe_returns(capsys: pytest.CaptureFixture[str]) -> None:
    assert selftest.main(["--qt-probe"], qt_probe=lambda: "offscreen (Qt 6.x)") == 0
    assert capsys.readouterr().out == "qt-platform: offscreen (Qt 6.x)\n"


def test_main_passes_when_everything_is_there(
    os_keyring: _SecureKeyring, complete_resources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert selftest.main([], resources=complete_resources) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[1:-1]] == ["ok", "ok", "ok", "ok", "ok", "skip"]
    assert out[-1] == "all checks passed"


def test_main_fails_when_resources_are_missing(
    os_keyring: _SecureKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(selftest, "resources_dir", lambda: empty)
    assert selftest.main([]) == 1
    out = capsys.readouterr().out
    assert "FAIL resources:" in out
    assert out.rstrip().endswith("1 check(s) failed")


def test_the_encrypted_key_file_round_trips_in_a_temporary_folder() -> None:
    check = selftest.check_key_file()
    assert check.ok, check.detail
    assert "EncryptedKeyring" in check.detail and "plaintext refused" in check.detail


def test_the_encrypted_key_file_fails_without_its_crypto(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    for name in (
        "Cryptodome",
        "Cryptodome.Cipher",
        "Cryptodome.Random",
        "Crypto",
        "Crypto.Cipher",
        "Crypto.Random",
    ):
        monkeypatch.setitem(sys.modules, name, None)  # as in a bundle that left the crypto library out
    check = selftest.check_key_file()
    assert not check.ok and "pycryptodomex" in check.detail
