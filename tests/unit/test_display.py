"""Before Qt is asked for a window: a clear line instead of Qt's abort about platform plugins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.config.display import NO_DISPLAY, NO_XCB_CURSOR, XCB_CURSOR, display_problem

REPO = Path(__file__).resolve().parents[2]


def _problem(env: dict[str, str], *, cursor: bool = True, **kw: object) -> str | None:
    asked: list[str] = []

    def loads(name: str) -> bool:
        asked.append(name)
        return cursor

    return display_problem(
        env, platform=str(kw.get("platform", "linux")), frozen=bool(kw.get("frozen")), loads=loads
    )


def test_an_x11_desktop_with_the_library_is_fine() -> None:
    assert _problem({"DISPLAY": ":0"}) is None


def test_an_x11_desktop_without_libxcb_cursor_says_what_to_install() -> None:
    said = _problem({"DISPLAY": ":0"}, cursor=False)
    assert said == NO_XCB_CURSOR and "apt install libxcb-cursor0" in said
    assert _problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, cursor=False) == NO_XCB_CURSOR


def test_no_display_at_all_says_how_to_run_headless() -> None:
    said = _problem({})
    assert said == NO_DISPLAY and "xvfb-run" in said and "offscreen" in said


@pytest.mark.parametrize(
    "env",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
    ],
)
def test_a_chosen_platform_or_a_wayland_desktop_is_left_to_qt(env: dict[str, str]) -> None:
    assert _problem(env, cursor=False) is None


def test_other_systems_and_frozen_builds_are_not_second_guessed() -> None:
    assert _problem({}, platform="darwin") is None
    assert _problem({}, platform="win32") is None
    assert _problem({"DISPLAY": ":0"}, cursor=False, frozen=True) is None


def test_the_real_loader_finds_a_real_library_and_not_a_missing_one() -> None:
    from desktop_app.config.display import _loads

    assert _loads("libc.so.6") if sys.platform.startswith("linux") else True
    assert not _loads("libearshot-no-such-library.so.0")
    assert XCB_CURSOR.startswith("libxcb-cursor")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux display check")
def test_the_app_exits_with_the_line_instead_of_aborting(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "EARSHOT_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "main.py"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert NO_DISPLAY in done.stderr
