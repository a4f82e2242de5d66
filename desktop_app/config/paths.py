"""Where Earshot keeps its files: --data-dir, then EARSHOT_HOME, then the folder chosen in Settings (a small
pointer file in the platform's config folder), then the platform's user data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from desktop_app import APP_ID

ENV_HOME = "EARSHOT_HOME"


POINTER_FILE = "location.json"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def pointer_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / POINTER_FILE


def chosen_data_dir() -> Path | None:
    """The folder chosen in Settings → Data folder, if any (an unreadable pointer counts as none)."""
    try:
        value = json.loads(pointer_path().read_text(encoding="utf-8")).get("data_dir")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(value).expanduser() if isinstance(value, str) and value.strip() else None


def choose_data_dir(folder: Path | None) -> None:
    """Remember `folder` for the next start (None: back to the default). Written whole or not at all."""
    pointer = pointer_path()
    if folder is None:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(json.dumps({"data_dir": str(folder)}), encoding="utf-8")
    tmp.replace(pointer)


def data_dir_forced(override: str | os.PathLike[str] | None = None) -> str | None:
    """Why the folder cannot be changed in Settings this session ('--data-dir', 'EARSHOT_HOME'), or None."""
    if override:
        return "--data-dir"
    return ENV_HOME if os.environ.get(ENV_HOME) else None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return chosen_data_dir() or default_data_dir()


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
