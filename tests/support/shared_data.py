"""Locate ../shared/data (real data other people wrote). Skip when absent, fail in CI.

`locate_shared_data` is plain Python (benchmarks use it); the other two are for tests and import pytest.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def locate_shared_data() -> Path:
    """Where the shared data folder should be: $EARSHOT_SHARED_DATA, else ../shared/data. May not exist."""
    env = os.environ.get("EARSHOT_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def shared_data_dir() -> Path:
    """Return the shared data folder, or skip (locally) / fail (CI=true) when it is missing."""
    import pytest

    path = locate_shared_data()
    if path.is_dir():
        return path
    reason = f"real-world data folder {path} is absent (set EARSHOT_SHARED_DATA to point at it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI requires it")
    pytest.skip(reason)


def shared_file(*parts: str) -> Path:
    import pytest

    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{path} is missing from the shared data; CI requires it")
        pytest.skip(f"{path} is missing from the shared data")
    return path
