"""Where Earshot keeps its files: --data-dir, then EARSHOT_HOME, then the platform's user data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from desktop_app import APP_ID
from desktop_app.config.paths import ENV_HOME, backups_dir, data_dir, logs_dir, workspaces_dir

REPO = Path(__file__).resolve().parents[2]


def test_the_flag_wins_over_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_HOME, str(tmp_path / "env"))
    assert data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()


def test_the_variable_wins_over_the_platform_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_HOME, str(tmp_path / "env"))
    assert data_dir() == (tmp_path / "env").resolve()
    assert data_dir(None) == data_dir("") == (tmp_path / "env").resolve()  # an empty flag is no flag


def test_the_platform_folder_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_HOME, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    if sys.platform.startswith("linux"):
        assert data_dir() == tmp_path / "xdg" / APP_ID
    monkeypatch.setenv(ENV_HOME, "")  # set but empty: as if unset
    assert data_dir() == tmp_path / "xdg" / APP_ID


def test_home_and_relative_paths_are_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(ENV_HOME, "~/earshot")
    assert data_dir() == tmp_path / "earshot"
    monkeypatch.chdir(tmp_path)
    assert data_dir("rel") == tmp_path / "rel"


def test_folders_under_the_root(tmp_path: Path) -> None:
    assert (workspaces_dir(tmp_path), backups_dir(tmp_path), logs_dir(tmp_path)) == (
        tmp_path / "workspaces", tmp_path / "backups", tmp_path / "logs",
    )  # fmt: skip


def _init(tmp_path: Path, env: dict[str, str], *flag: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != ENV_HOME}
    full.update(env, PYTHONPATH=str(REPO), XDG_DATA_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path / "home"))
    cmd = [sys.executable, str(REPO / "main.py"), *flag, "init", "acme", "--brand", "Acme"]
    return subprocess.run(cmd, capture_output=True, text=True, env=full, timeout=120, cwd=tmp_path)


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the platform folder is XDG_DATA_HOME on Linux"
)
def test_the_cli_follows_the_same_order(tmp_path: Path) -> None:
    ws = Path("workspaces") / "acme.earshot"
    made = _init(tmp_path, {ENV_HOME: str(tmp_path / "env")}, "--data-dir", str(tmp_path / "flag"))
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "flag" / ws).is_file() and not (tmp_path / "env").exists()
    made = _init(tmp_path, {ENV_HOME: str(tmp_path / "env")})
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "env" / ws).is_file() and not (tmp_path / "xdg").exists()
    made = _init(tmp_path, {})
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "xdg" / APP_ID / ws).is_file()
    assert not (tmp_path / "home").exists()  # nothing anywhere else
