"""Where Earshot keeps its files: --data-dir, then EARSHOT_HOME, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desktop_app import APP_ID

ENV_HOME = "EARSHOT_HOME"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def workspaces_dir(root: Path) -> Path:
    return root / "workspaces"


def backups_dir(root: Path) -> Path:
    return root / "backups"


def logs_dir(root: Path) -> Path:
    return root / "logs"


def resources_dir() -> Path:
    """The bundled resources folder, from source or from a PyInstaller bundle."""
    import sys

    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
