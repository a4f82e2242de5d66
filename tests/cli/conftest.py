from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):  # type: ignore[no-untyped-def]
        return json.loads(self.out)


class Cli:
    """Runs `python main.py --data-dir DIR ...` as a real subprocess, the way scripts use it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("EARSHOT_HOME", None)
        env["PYTHONPATH"] = str(REPO)
        return env

    def __call__(self, *args: str, stdin: str | None = None, timeout: float = 120) -> Result:
        proc = subprocess.run(
            [sys.executable, str(REPO / "main.py"), "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            input=stdin,
            timeout=timeout,
            env=self.env(),
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), "--data-dir", str(self.data_dir), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(),
        )


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    data = tmp_path / "data"
    data.mkdir()
    # Loopback servers answer at once; a polite 1 s per-host gap would only slow the tests down.
    (data / "settings.json").write_text(json.dumps({"poll.per_host_interval_seconds": 0.02}))
    return Cli(data)
