"""A known key in use: its value appears nowhere — database, WAL, backups, exports, reports, workspace files,
logs (verbose CLI output too), the output and arguments of a killed process.

The scenario and the scan live in tests/support/secrets_scan.py, shared with benchmarks/reliability.py.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.support.secrets_scan import (
    KEY,
    scan,
    typed_key_problems,
    youtube_cli_scan,
    youtube_key_in_url_leaks,
)


def test_a_key_in_use_never_leaks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    places = scan(tmp_path)
    assert any(p.endswith(".earshot") for p in places)  # the workspace file itself was read
    assert "database WAL (while open)" in places and "log records" in places
    assert len(places) > 10
    leaked = [place for place, leak in places.items() if leak]
    assert not leaked, f"the key leaked into: {leaked}"
    assert KEY not in caplog.text


def test_a_key_typed_on_the_command_line_is_refused_not_stored(cli: Cli) -> None:
    assert typed_key_problems(cli.data_dir) == []
    named = cli("source", "add", "acme", "--kind", "mastodon", "--field", "server=https://social.example",
                "--field", "hashtag=acme", "--field", "access_token=acme/Social/access_token")  # fmt: skip
    assert named.code == 0, named.err  # the name of a keyring entry is what the field is for


def test_a_youtube_key_through_the_verbose_cli_never_leaks(tmp_path: Path) -> None:
    """The kind of key that used to travel in the URL, used by `main.py -v`, down to a poll SIGKILLed
    mid-request (its WAL is left behind, its output cut short)."""
    places = youtube_cli_scan(tmp_path)
    assert {"file workspaces/acme.earshot", "file workspaces/acme.earshot-wal", "poll: stderr",
            "killed poll: stderr", "arguments of the polling process and its workers", "HTML report",
            "JSON export"} <= set(places)  # fmt: skip
    assert any(p.startswith("file backups/daily/") for p in places)
    leaked = [place for place, leak in places.items() if leak]
    assert not leaked, f"the key leaked into: {leaked}"


def test_the_scan_sees_a_key_put_back_in_the_url(tmp_path: Path) -> None:
    """The same scan with YouTube's old habit planted back (key in the query, httpx logging URLs at -v)."""
    leaks = youtube_key_in_url_leaks(tmp_path)
    # (httpx logs a request once its answer arrives: a poll killed with its first keyed request in flight
    # may have printed nothing yet, so the killed poll's output is not required to show it)
    assert "poll: stderr" in leaks, leaks
