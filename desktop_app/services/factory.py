"""Builds the pieces a workspace's background work needs, from the app-wide settings."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from desktop_app import __version__
from desktop_app.config.settings import Settings, settings_for
from desktop_app.core.errors import UserError
from desktop_app.secrets.backend import choose_keyring
from desktop_app.secrets.encrypted import PASSWORD_ENV, SESSION, EncryptedFileStore
from desktop_app.secrets.store import KeyringSecretStore, SecretStore
from desktop_app.services.ingest import BatchScorer
from desktop_app.services.ingest_pool import IngestPool
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage.workspace import Workspace

log = logging.getLogger(__name__)
USER_AGENT = f"Earshot/{__version__} (+https://earshot.app; brand monitoring feed reader)"


def build_http(settings: Settings) -> HttpClient:
    return HttpClient(
        user_agent=USER_AGENT,
        read_timeout=settings.get("http.timeout_seconds"),
        max_bytes=settings.get("http.max_bytes"),
        proxy=settings.get("http.proxy") or None,
        pacer=HostPacer(settings.get("poll.per_host_interval_seconds")),
    )


def secret_store() -> SecretStore | None:
    """The encrypted key file when the user chose it (it raises KeyFileLocked until its password is given),
    else the OS keyring, else None (sources that need no key keep working). Never a plaintext file."""
    if SESSION.chosen():
        return EncryptedFileStore(SESSION)
    choice = choose_keyring()
    if choice.backend is None:
        log.warning("%s", choice.message)
        return None
    return KeyringSecretStore(choice.backend)


@dataclass(frozen=True, slots=True)
class StoreStatus:
    mode: str  # one of the modes below
    message: str  # for the user


OS_KEYRING, NO_KEYRING, FILE_LOCKED, FILE_OPEN = "os", "none", "file locked", "file"


def store_status() -> StoreStatus:
    """Where keys go in this session, in words. May block on D-Bus: call it from a worker."""
    if SESSION.chosen() and SESSION.exists():
        if SESSION.unlocked is None:
            return StoreStatus(FILE_LOCKED, f"Keys are in an encrypted file ({SESSION.path}); it is locked.")
        return StoreStatus(
            FILE_OPEN, f"Keys are in an encrypted file ({SESSION.path}), unlocked for this session."
        )
    choice = choose_keyring()
    if choice.backend is None:
        return StoreStatus(NO_KEYRING, choice.message)
    return StoreStatus(OS_KEYRING, choice.message)


def unlock_from_terminal(stdin_is_tty: bool) -> None:
    """For the CLI: unlock a chosen key file with EARSHOT_KEYRING_PASSWORD, or ask on the terminal."""
    if not SESSION.chosen() or SESSION.unlocked is not None:
        return
    password = os.environ.get(PASSWORD_ENV)
    if password is None and stdin_is_tty:
        import getpass

        password = getpass.getpass("Password of Earshot's encrypted key file (typing is not shown): ")
    if password is None:
        raise UserError(
            f"Keys are in Earshot's encrypted key file, which is locked: set {PASSWORD_ENV} or run from a terminal."
        )
    SESSION.unlock(password)


def build_poller(
    ws: Workspace,
    *,
    secrets: SecretStore | None = None,
    scorer: BatchScorer | None = None,
    parallel_scoring: bool = False,
) -> Poller:
    """A poller for a workspace. `parallel_scoring` parses and scores in worker processes (every core, and
    off the UI's GIL); close() it."""
    settings = settings_for(ws.root)
    if scorer is None and parallel_scoring and (os.cpu_count() or 1) > 1:
        scorer = IngestPool()
    return Poller(
        ws,
        build_http(settings),
        secrets=secrets,
        scorer=scorer,
        max_workers=settings.get("poll.max_workers"),
    )
