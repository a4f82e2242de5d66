"""What the composition root hands the UI: settings, data folder, and the services as plain callables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.config.settings import Settings
from desktop_app.core.models import BrandProfile
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import Workspace


@dataclass(frozen=True, slots=True)
class AppServices:
    """Everything the window may ask of the layers below. Each call may block: the UI runs them in workers."""

    list_workspaces: Callable[[], list[str]]
    open_workspace: Callable[[str], Workspace]
    create_workspace: Callable[[str, BrandProfile, str | None], Workspace]
    create_demo: Callable[[str], Workspace]
    make_triage: Callable[[Workspace], TriageService]
    make_poller: Callable[[Workspace], Any]
    add_source: Callable[[Workspace, str, dict[str, Any], str | None], tuple[int, str]]
    remove_source: Callable[
        [Workspace, int, bool], str
    ]  # (workspace, source id, remove its own keys) -> words
    fetch_image: Callable[[str], bytes] | None = None  # one remote image the user asked to see


@dataclass(frozen=True, slots=True)
class AppContext:
    root: Path
    settings: Settings
    services: AppServices
    auto_poll: bool = True
    auto_rescore: bool = True  # re-score on opening a workspace scored by other rules
    data_dir_forced: str | None = (
        None  # "--data-dir" or "EARSHOT_HOME": the data folder is fixed this session
    )
