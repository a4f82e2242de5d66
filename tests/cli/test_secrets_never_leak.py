"""A known key in use: its value appears nowhere — database, WAL, exports, reports, workspace files, logs.

The scenario and the scan live in tests/support/secrets_scan.py, shared with benchmarks/reliability.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.support.secrets_scan import KEY, scan


def test_a_key_in_use_never_leaks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    places = scan(tmp_path)
    assert any(p.endswith(".earshot") for p in places)  # the workspace file itself was read
    assert "database WAL (while open)" in places and "log records" in places
    assert len(places) > 10
    leaked = [place for place, leak in places.items() if leak]
    assert not leaked, f"the key leaked into: {leaked}"
    assert KEY not in caplog.text
