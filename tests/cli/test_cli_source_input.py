"""`source add` refuses what it cannot use, in one plain line, and stores nothing."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Cli


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--kind", "rss", "--url", "http://[::1"), "not a valid web address"),
        (("--kind", "rss", "--url", "http://feed.example:99999/rss"), "not a valid web address"),
        (("--kind", "rss", "--url", "ftp://feed.example/rss"), "http:// or https://"),
        (("--kind", "rss", "--url", "https://feed.example/rss", "--interval", "0"), "at least 1 minute"),
        (
            ("--kind", "rss", "--url", "https://feed.example/rss", "--field", "max_bytes=-1"),
            "cannot be negative",
        ),
    ],
)
def test_bad_source_input_is_one_clear_line(cli: Cli, args: tuple[str, ...], words: str) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    r = cli("source", "add", "acme", *args)
    assert r.code != 0 and "Traceback" not in r.err, r.err
    assert len(r.err.strip().splitlines()) == 1 and words in r.err, r.err
    listed = cli("source", "list", "acme", "--json")
    assert listed.code == 0 and listed.out.strip() in ("[]", ""), listed.out
