"""Every hostile server of the reliability issue, polled as a real source through the real poller.

Each case ends within its time limit, with the process's resident memory (sampled every 10 ms on a
thread) under 300 MB, and with a plain-words reason on the source's health, or, for a feed that is merely
mislabelled or mis-encoded, with its items stored. The cases live in tests/support/hostile.py, shared with
benchmarks/reliability.py. They run in one fresh interpreter (a subprocess), so the memory figure is
the poll's and not what the rest of the test run has accumulated in this process.
"""

from __future__ import annotations

import time

import pytest

from tests.support.hostile import (
    CASES,
    RSS_LIMIT_MB,
    CaseResult,
    HostileCase,
    RssSampler,
    plain_words,
    rss_mb,
    run_all_in_fresh_process,
)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CaseResult]:
    return run_all_in_fresh_process(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_server(case: HostileCase, outcomes: dict[str, CaseResult]) -> None:
    result = outcomes[case.name]
    assert result.survived, result.line()
    assert result.peak_mb < RSS_LIMIT_MB
    assert result.elapsed <= case.time_limit
    if case.kinds:
        assert result.error_kind in case.kinds and plain_words(result.message)
    else:
        assert result.error_kind is None and result.stored > 0


def test_the_judge_fails_what_it_should() -> None:
    """The checks can fail: a bare exception name is not plain words, and the sampler sees memory grow."""
    assert not plain_words("ValueError")
    assert not plain_words("Traceback (most recent call last): ...")
    assert plain_words("Not a feed: the address returned a web page (HTML, maybe a login page).")
    before = rss_mb()
    with RssSampler() as rss:
        ballast = bytearray(80_000_000)
        ballast[::4096] = b"\x01" * len(ballast[::4096])  # touch every page so it is resident
        time.sleep(0.05)
    del ballast
    assert rss.peak_mb > before + 60 and rss.samples > 1
