"""Settings → Data folder: the chosen folder is remembered in the config folder and used from the next start,
below --data-dir and EARSHOT_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.config import paths


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    return tmp_path


def test_the_chosen_folder_is_used_until_reset(tmp_path: Path) -> None:
    assert paths.data_dir() == paths.default_data_dir()
    assert str(paths.default_data_dir()).startswith(str(tmp_path / "data"))
    chosen = tmp_path / "Dropbox" / "earshot"
    paths.choose_data_dir(chosen)
    assert paths.pointer_path().is_file() and paths.pointer_path().parent.parent == tmp_path / "config"
    assert paths.data_dir() == chosen
    paths.choose_data_dir(None)
    assert paths.data_dir() == paths.default_data_dir()


def test_command_line_and_environment_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths.choose_data_dir(tmp_path / "chosen")
    assert paths.data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()
    assert paths.data_dir_forced(tmp_path / "flag") == "--data-dir"
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "env"))
    assert paths.data_dir() == (tmp_path / "env").resolve()
    assert paths.data_dir_forced() == "EARSHOT_HOME"
    monkeypatch.delenv(paths.ENV_HOME)
    assert paths.data_dir_forced() is None and paths.data_dir() == tmp_path / "chosen"


def test_a_broken_pointer_falls_back_to_the_default(tmp_path: Path) -> None:
    pointer = paths.pointer_path()
    pointer.parent.mkdir(parents=True)
    for junk in ("{not json", "[]", '{"data_dir": 5}', '{"data_dir": "  "}'):
        pointer.write_text(junk)
        assert paths.data_dir() == paths.default_data_dir(), junk
