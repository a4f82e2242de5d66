"""The URI-join memo changes nothing but the time: every captured feed and every file of feedparser's own
corpus (xml:base cases included) parses to the same result with it and without it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.sources import feedparser_speedups
from desktop_app.sources.rss import _feedparser
from tests.support.shared_data import shared_data_dir

BASE = "http://127.0.0.1/feeds/feed.xml"


def _files() -> list[Path]:
    data = shared_data_dir()
    feeds = sorted(p for p in (data / "feeds").rglob("*") if p.is_file() and p.suffix != ".txt")
    corpus = sorted(p for p in (data / "feedparser-corpus" / "tests").rglob("*") if p.is_file())
    return feeds + corpus


def _plain(value: Any) -> Any:
    """A parse result as comparable values (an exception compares by identity: keep its type and words)."""
    if isinstance(value, BaseException):
        return (type(value).__name__, str(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _parse_all(files: list[Path], base: str | None) -> Iterator[Any]:
    for path in files:
        body = path.read_bytes()
        yield _plain(_feedparser(body, {"content-type": "application/xml"}, base))


@pytest.fixture
def without_memo() -> Iterator[None]:
    feedparser_speedups.uninstall()
    try:
        yield
    finally:
        assert feedparser_speedups.install()


@pytest.mark.slow
@pytest.mark.parametrize("base", [BASE, None], ids=["with a base URL", "without"])
def test_every_real_feed_parses_the_same_with_the_memo(base: str | None, without_memo: None) -> None:
    files = _files()
    assert len(files) > 2000
    started = time.process_time()
    plain = list(_parse_all(files, base))
    plain_cpu = time.process_time() - started
    assert feedparser_speedups.install()
    started = time.process_time()
    memo = list(_parse_all(files, base))
    memo_cpu = time.process_time() - started
    differ = [str(f) for f, a, b in zip(files, plain, memo, strict=True) if a != b]
    assert differ == []
    print(f"\nparse CPU {plain_cpu:.2f} s plain, {memo_cpu:.2f} s with the memo")
