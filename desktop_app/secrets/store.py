"""Secrets live only in the OS keyring; the database keeps the entry name, never the value."""

from __future__ import annotations

import contextlib
import threading
from typing import Protocol

from desktop_app import APP_ID

SERVICE_NAME = f"{APP_ID}-desktop"


class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


def entry_name(workspace: str, source_name: str, field: str) -> str:
    """The workspace-scoped name a secret is filed under in the keyring."""
    return f"{workspace}/{source_name}/{field}"


class KeyringSecretStore:
    """Backed by `keyring`. The backend is chosen by the caller (see secrets.backend), never silently."""

    def __init__(self, keyring_backend: object | None = None, service: str = SERVICE_NAME) -> None:
        import keyring

        self._keyring = keyring_backend or keyring.get_keyring()
        self._service = service

    def get(self, name: str) -> str | None:
        return self._keyring.get_password(self._service, name)  # type: ignore[attr-defined]

    def set(self, name: str, value: str) -> None:
        self._keyring.set_password(self._service, name, value)  # type: ignore[attr-defined]

    def delete(self, name: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._keyring.delete_password(self._service, name)  # type: ignore[attr-defined]


class MemorySecretStore:
    """For tests and for a session where the user declined every keyring: nothing touches disk."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> str | None:
        with self._lock:
            return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        with self._lock:
            self._values[name] = value

    def delete(self, name: str) -> None:
        with self._lock:
            self._values.pop(name, None)
