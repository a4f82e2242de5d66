"""Choosing the keyring backend explicitly.

`keyring` picks the highest-priority backend it can load. With `keyrings.alt` installed and no OS keyring
service running, that is an unencrypted plaintext file: Earshot never accepts that silently. Only the
operating system's keyrings count as secure; anything else is refused with a message that says what to do.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

SECURE_MODULES = (
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
    "keyring.backends.libsecret",
)
INSECURE_HINTS = ("plaintext", "null", "fail", "uncrypted")


@dataclass(frozen=True, slots=True)
class KeyringChoice:
    backend: Any | None  # None: no usable keyring
    name: str
    secure: bool
    message: str  # for the user: what is used, or what to install


def _name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_secure(backend: Any) -> bool:
    name = _name(backend)
    return name.startswith(SECURE_MODULES) and not any(h in name.lower() for h in INSECURE_HINTS)


def is_os_keyring(backend: Any) -> bool:
    """Whether Earshot takes `backend` for an OS keyring (never a file backend, plain or encrypted)."""
    return _is_secure(backend)


def _candidates(backend: Any) -> list[Any]:
    inner = getattr(backend, "backends", None)
    return list(inner) if inner else [backend]


def install_hint() -> str:
    if sys.platform.startswith("linux"):
        return (
            "Install and unlock a Secret Service keyring (GNOME Keyring or KeePassXC with Secret Service on, "
            "or KWallet), make sure you are in a desktop session, then restart Earshot."
        )
    return "Your system keychain is unavailable; unlock it in the system settings and restart Earshot."


def choose_keyring() -> KeyringChoice:
    """The OS keyring, or a refusal. An explicit PYTHON_KEYRING_BACKEND is honoured as the user's choice."""
    import keyring

    explicit = os.environ.get("PYTHON_KEYRING_BACKEND")
    current = keyring.get_keyring()
    if explicit:
        return KeyringChoice(
            current, _name(current), _is_secure(current), f"Using {explicit} (set explicitly)."
        )
    for backend in _candidates(current):
        if _is_secure(backend):
            return KeyringChoice(backend, _name(backend), True, f"Keys are kept in {_name(backend)}.")
    return KeyringChoice(None, _name(current), False, f"No secure keyring is available. {install_hint()}")
