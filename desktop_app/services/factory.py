"""Builds the pieces a workspace's background work needs, from the app-wide settings."""

from __future__ import annotations

import logging
import os

from desktop_app import __version__
from desktop_app.config.settings import Settings, settings_for
from desktop_app.secrets.backend import choose_keyring
from desktop_app.secrets.store import KeyringSecretStore, SecretStore
from desktop_app.services.ingest import BatchScorer
from desktop_app.services.poller import Poller
from desktop_app.services.scoring_pool import ScoringPool
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
    """The OS keyring, or None when there is none (sources that need no key keep working)."""
    choice = choose_keyring()
    if choice.backend is None:
        log.warning("%s", choice.message)
        return None
    return KeyringSecretStore(choice.backend)


def build_poller(
    ws: Workspace,
    *,
    secrets: SecretStore | None = None,
    scorer: BatchScorer | None = None,
    parallel_scoring: bool = False,
) -> Poller:
    """A poller for a workspace. `parallel_scoring` scores in worker processes (every core); close() it."""
    settings = settings_for(ws.root)
    if scorer is None and parallel_scoring and (os.cpu_count() or 1) > 1:
        scorer = ScoringPool()
    return Poller(
        ws,
        build_http(settings),
        secrets=secrets,
        scorer=scorer,
        max_workers=settings.get("poll.max_workers"),
    )
