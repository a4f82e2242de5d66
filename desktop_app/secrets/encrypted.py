"""The opt-in encrypted key file, for a session with no OS keyring (e.g. a bare Linux desktop).

It is keyrings.alt's EncryptedKeyring (AES-256 with a key derived from a master password by PBKDF2; each
value has its own salt and IV), kept in Earshot's data folder instead of keyrings.alt's default place, and
never asking on a terminal: the password is handed over in code (a dialog in the app, getpass or
EARSHOT_KEYRING_PASSWORD in the CLI) and lives only in memory for the session. The user picks it explicitly;
nothing falls back to it, and the plaintext file backend stays refused.

`SESSION` is the process-wide holder of that choice and, once unlocked, of the keyring object: the password is
asked for once per session, whoever needs a key first (the poller, a dialog, a CLI command).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from desktop_app.config.settings import settings_for
from desktop_app.core.errors import FetchError, UserError
from desktop_app.secrets.store import SERVICE_NAME

STORE_SETTING = "secrets.store"
OS_KEYRING, ENCRYPTED_FILE = "os", "encrypted_file"
PASSWORD_ENV = "EARSHOT_KEYRING_PASSWORD"
_REFERENCE = ("keyring-setting", "password reference", "password reference value")


class KeyFileLocked(FetchError, UserError):
    """A key is needed but the encrypted key file has not been unlocked in this session."""

    kind = "keys_locked"


class WrongPassword(UserError):
    pass


class AlreadyThere(UserError):
    pass


def key_file_path(root: Path) -> Path:
    return root / "keys" / "earshot-keys.cfg"


def _encrypted_keyring_class() -> Any:
    try:
        from keyrings.alt.file import EncryptedKeyring

        EncryptedKeyring._get_crypto_impl()
    except ImportError as exc:
        raise UserError(
            f"The encrypted key file needs the keyrings.alt and pycryptodomex packages ({exc.name} is missing)."
        ) from None
    return EncryptedKeyring


def open_key_file(path: Path, password: str, *, create: bool = False) -> Any:
    """An EncryptedKeyring on `path`, unlocked with `password` (never prompting). `create` makes a new file
    and refuses to overwrite one; otherwise a wrong password raises WrongPassword."""
    if not password:
        raise UserError("The master password is empty.")
    cls = _encrypted_keyring_class()

    class EarshotKeyFile(cls):  # type: ignore[misc, valid-type]
        def _get_new_password(self) -> str:
            raise KeyFileLocked("The encrypted key file has no password yet.")

        def _unlock(self) -> None:
            raise KeyFileLocked("The encrypted key file is locked.")

    ring = EarshotKeyFile()
    ring.file_path = str(path)  # an instance attribute overrides keyrings.alt's default location
    if create:
        if path.exists() and ring._check_file():
            raise AlreadyThere(f"An encrypted key file already exists at {path}; unlock it instead.")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # an empty or foreign file from an earlier attempt
        ring.keyring_key = password
        ring.set_password(*_REFERENCE)  # what a later unlock checks the password against
        ring._write_config_value("keyring-setting", "scheme", ring.scheme)
        ring._write_config_value("keyring-setting", "version", ring.version)
        return ring
    if not path.exists() or not ring._check_file():
        raise UserError(f"There is no encrypted key file at {path}; choose it again in Accounts & keys.")
    ring.keyring_key = password
    try:
        ok = ring.get_password(*_REFERENCE[:2]) == _REFERENCE[2]
    except (AssertionError, ValueError):  # a wrong key decrypts to garbage
        ok = False
    if not ok:
        raise WrongPassword("Wrong password for the encrypted key file; try again.")
    return ring


class EncryptedFileSession:
    """Which store this process uses, and the unlocked key file once the password was given."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._root: Path | None = None
        self._ring: Any = None
        self.write_lock = threading.Lock()  # keyrings.alt rewrites the whole file in place on every change
        self.asked = False  # the app asks for the password by itself once a session

    def configure(self, root: Path | None) -> None:
        """The data folder (app.main and cli.main set it); unconfigured, the key file is never used."""
        with self._lock:
            if self._root != root:
                self._root, self._ring, self.asked = root, None, False

    @property
    def root(self) -> Path | None:
        return self._root

    @property
    def path(self) -> Path:
        if self._root is None:
            raise UserError("No data folder is set for the encrypted key file.")
        return key_file_path(self._root)

    def chosen(self) -> bool:
        root = self._root
        return root is not None and settings_for(root).get(STORE_SETTING) == ENCRYPTED_FILE

    def exists(self) -> bool:
        return self._root is not None and self.path.is_file()

    @property
    def unlocked(self) -> Any:
        return self._ring

    def create(self, password: str) -> None:
        """Make the key file, remember the choice (never the password) and keep it unlocked. A key file left
        from before (the setting was lost) is taken back when the password opens it, never overwritten."""
        try:
            ring = open_key_file(self.path, password, create=True)
        except AlreadyThere:
            try:
                ring = open_key_file(self.path, password)
            except WrongPassword:
                raise WrongPassword(
                    f"An encrypted key file from before is at {self.path} and this password does not open it: "
                    "enter its password, or move the file away to start a new one."
                ) from None
        assert self._root is not None
        settings_for(self._root).set(STORE_SETTING, ENCRYPTED_FILE)
        with self._lock:
            self._ring = ring

    def unlock(self, password: str) -> None:
        ring = open_key_file(self.path, password)
        with self._lock:
            self._ring = ring

    def lock(self) -> None:
        with self._lock:
            self._ring = None

    def ring(self) -> Any:
        ring = self._ring
        if ring is None:
            raise KeyFileLocked(
                "The encrypted key file is locked: enter its password (Sources → Accounts & keys, or "
                f"{PASSWORD_ENV} for the command line)."
            )
        return ring


SESSION = EncryptedFileSession()


def _file_key(name: str) -> str:
    """keyrings.alt's file folds entry names to lower case (configparser), so "acme/Yelp" and "acme/yelp"
    would share a key: the name is stored hex-encoded, which keeps it exact (and unreadable at a glance)."""
    return "x" + name.encode("utf-8").hex()


class EncryptedFileStore:
    """A SecretStore on the session's key file; every call raises KeyFileLocked until it is unlocked."""

    def __init__(self, session: EncryptedFileSession = SESSION, service: str = SERVICE_NAME) -> None:
        self._session = session
        self._service = service

    @property
    def locked(self) -> bool:
        return self._session.unlocked is None

    def get(self, name: str) -> str | None:
        ring = self._session.ring()
        with self._session.write_lock:  # never read a file another thread is rewriting
            value: str | None = ring.get_password(self._service, _file_key(name))
        return value

    def set(self, name: str, value: str) -> None:
        ring = self._session.ring()
        with self._session.write_lock:
            ring.set_password(self._service, _file_key(name), value)

    def delete(self, name: str) -> None:
        import keyring.errors

        ring = self._session.ring()
        with self._session.write_lock, contextlib.suppress(keyring.errors.PasswordDeleteError):
            ring.delete_password(self._service, _file_key(name))
