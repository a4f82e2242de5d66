"""Choosing the keyring backend explicitly.

`keyring` picks the highest-priority backend it can load. With `keyrings.alt` installed and no OS keyring
service running, that is an unencrypted plaintext file: Earshot never accepts that silently. Only the
operating system's keyrings count as secure; anything else is refused with a message that says what to do,
also when PYTHON_KEYRING_BACKEND names it explicitly. Tests inject a temporary keyrings.alt backend through
TEST_BACKEND_ENV (below), which is never taken for an OS keyring.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
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


def refused_explicit(explicit: str, name: str) -> str:
    return (
        f"PYTHON_KEYRING_BACKEND={explicit} asks for {name}, which is not an OS keyring (a plaintext file, "
        "or one that forgets or refuses every key): Earshot does not keep keys there. Unset "
        "PYTHON_KEYRING_BACKEND to use your system keyring, or choose the encrypted key file in "
        "Settings → Accounts & keys."
    )


def choose_keyring() -> KeyringChoice:
    """The OS keyring, or a refusal. An explicit PYTHON_KEYRING_BACKEND is honoured only when it names an OS
    keyring; a plaintext, null or fail backend is refused, never used as if it were one."""
    import keyring

    hook = os.environ.get(TEST_BACKEND_ENV)
    if hook:
        return _test_backend(hook)
    explicit = os.environ.get("PYTHON_KEYRING_BACKEND")
    current = keyring.get_keyring()
    if explicit:
        name = _name(current)
        if _is_secure(current):
            return KeyringChoice(current, name, True, f"Keys are kept in {name} (PYTHON_KEYRING_BACKEND).")
        return KeyringChoice(None, name, False, refused_explicit(explicit, name))
    for backend in _candidates(current):
        if _is_secure(backend):
            return KeyringChoice(backend, _name(backend), True, f"Keys are kept in {_name(backend)}.")
    return KeyringChoice(None, _name(current), False, f"No secure keyring is available. {install_hint()}")


# ---- the test hook ----------------------------------------------------------------------------------------

# For Earshot's own tests only (undocumented for users): a keyrings.alt file backend whose file lies in the
# temporary folder, so subprocess tests (the CLI) can store keys without the developer's keyring. Anything
# else named here is refused; it is never reported as an OS keyring.
TEST_BACKEND_ENV = "EARSHOT_TEST_KEYRING_BACKEND"


def _test_backend(spec: str) -> KeyringChoice:
    from keyring.core import load_keyring

    refusal = (
        f"{TEST_BACKEND_ENV} is a hook for Earshot's tests: only a keyrings.alt backend keeping its file in "
        f"the temporary folder ({tempfile.gettempdir()}) is accepted; unset it."
    )
    if not spec.startswith("keyrings.alt."):
        return KeyringChoice(None, spec, False, refusal)
    try:
        backend = load_keyring(spec)
    except Exception as exc:  # a bad name: say so, never fall back to something else
        return KeyringChoice(None, spec, False, f"{refusal} ({type(exc).__name__})")
    path = Path(str(getattr(backend, "file_path", "") or "")).resolve()
    if not path.is_relative_to(Path(tempfile.gettempdir()).resolve()):
        return KeyringChoice(None, _name(backend), False, refusal)
    return KeyringChoice(backend, _name(backend), False, f"Test keyring {_name(backend)} in {path.parent}.")
