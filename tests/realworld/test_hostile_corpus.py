"""feedparser's own corpus of hostile feeds (2,107 files), served over loopback and polled like real sources.

No crash; every failure is on its source's health in plain words; every item that parses is stored once;
re-polling stores nothing again. The serving and judging live in tests/support/corpus.py, shared with
benchmarks/reliability.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.corpus import corpus_files, poll_corpus
from tests.support.shared_data import shared_data_dir


@pytest.mark.slow
def test_every_corpus_feed_is_polled_safely(tmp_path: Path) -> None:
    files = corpus_files(shared_data_dir() / "feedparser-corpus")
    assert len(files) > 2000
    outcome = poll_corpus(files, tmp_path)
    assert outcome.whole_run == []
    assert outcome.bad_feeds == {}
    assert outcome.survived == len(files)
    assert outcome.failed > 0 and outcome.expected > 500  # some are refused in plain words; most items read
    assert outcome.stored == outcome.expected
