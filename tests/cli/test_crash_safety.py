"""Twenty SIGKILLs at random moments during triage, draft editing and polling: nothing committed is lost,
the database stays sound, and re-polling stores nothing twice. The rounds live in tests/support/crash.py,
shared with benchmarks/reliability.py."""

from __future__ import annotations

import random
from pathlib import Path

from tests.support.crash import edit_rounds, poll_rounds, prepare_data_dir


def test_twenty_kills_lose_nothing(tmp_path: Path) -> None:
    rng = random.Random(20)
    data = tmp_path / "data"
    prepare_data_dir(data)
    rounds = (
        edit_rounds(data, "triage", 7, rng) + edit_rounds(data, "draft", 7, rng) + poll_rounds(data, 6, rng)
    )
    kills = [r for r in rounds if r.what.startswith("kill ")]
    assert len(kills) == 20
    assert rounds[-1].what.startswith("re-poll")
    failed = {r.what: r.problems for r in rounds if r.problems}
    assert not failed, failed
