"""Locate ../shared/data (real data other people wrote). Skip when absent, fail in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """Return the shared data folder, or skip (locally) / fail (CI=true) when it is missing."""
    env = os.environ.get("EARSHOT_SHARED_DATA")
    path = Path(env) if env else REPO_ROOT.parent / "shared" / "data"
    if path.is_dir():
        return path
    reason = f"real-world data folder {path} is absent (set EARSHOT_SHARED_DATA to point at it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI requires it")
    pytest.skip(reason)


def shared_file(*parts: str) -> Path:
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{path} is missing from the shared data; CI requires it")
        pytest.skip(f"{path} is missing from the shared data")
    return path
