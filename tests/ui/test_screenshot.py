"""`python main.py --screenshot PATH`: the demo painted at 1400x900 into a PNG, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_of_the_demo(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "shots" / "main.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(scratch), "EARSHOT_HOME": ""}
    env.pop("EARSHOT_HOME")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out)],
        env=env, capture_output=True, text=True, timeout=180, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Saved {out}" in done.stdout
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1400, 900)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1400, 50) for y in range(0, 900, 50)}
    assert len(colours) > 8  # a painted window (badges, chips, text), not a blank frame
    assert list(scratch.iterdir()) == []  # the demo's scratch folder is gone
