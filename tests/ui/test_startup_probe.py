"""`--startup-probe`: the app starts for real, paints its first screen, says how long it took, and quits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_app(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=120, env=env, cwd=REPO,
    )  # fmt: skip


def test_a_new_user_sees_the_welcome_page_and_a_returning_user_the_inbox(tmp_path: Path) -> None:
    first = run_app(tmp_path, "--startup-probe")
    assert first.returncode == 0, first.stderr
    assert "first paint: welcome page after" in first.stdout
    assert run_app(tmp_path, "demo").returncode == 0
    again = run_app(tmp_path, "--startup-probe")
    assert again.returncode == 0, again.stderr
    assert "first paint: inbox of 'demo' with" in again.stdout and "rows after" in again.stdout
