"""Twenty SIGKILLs at random moments during polling, triage and draft editing, alone and at once: nothing
committed is lost, the database stays sound, and re-polling stores nothing twice.

Every kill lands at a random moment after the process signalled its first committed write, so a poll is
killed while it ingests, not while it starts. Rounds (tests/support/crash.py, shared with
benchmarks/reliability.py): `main.py poll` alone; one process polling while it sets statuses and autosaves
drafts (marks made during a fetch, as in the app); a poll and an editing process side by side, each killed at
its own moment; editing alone. After each: integrity_check, every journaled edit and every acknowledged poll
batch present; at the end a re-poll stores the rest once and a second one stores nothing.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from tests.support.crash import mixed_rounds, prepare_data_dir


def test_twenty_kills_lose_nothing(tmp_path: Path) -> None:
    rng = random.Random(20)
    data = tmp_path / "data"
    prepare_data_dir(data)
    started = time.monotonic()
    rounds = mixed_rounds(data, rng, kills=20)
    took = time.monotonic() - started
    failed = {r.what: r.problems for r in rounds if r.problems}
    assert not failed, failed
    kills = sum(r.kills for r in rounds)
    mid_work = sum(r.mid_work for r in rounds)
    print(f"{kills} SIGKILLs, {mid_work} after a first commit with work left, in {took:.0f}s")
    assert kills >= 20 and mid_work >= 20, (kills, mid_work)
    assert rounds[-1].what.startswith("re-poll")
    assert any("in-process" in r.what for r in rounds) and any("side-by-side" in r.what for r in rounds)


def test_the_checks_catch_a_lost_edit_and_a_half_stored_batch(tmp_path: Path) -> None:
    from desktop_app.core.models import BrandProfile
    from desktop_app.storage.workspace import create_workspace
    from tests.support.crash import _lost_batches, _lost_edits
    from tests.support.factories import add_source, mention, score, store

    with create_workspace(tmp_path, "feeds", BrandProfile("Acme")) as ws:
        sid = add_source(ws)
        (mid,) = store(ws, [(mention(sid, 1, url="https://news.example/r1-f0/1"), score())])
        db = ws.path
    journal = tmp_path / "j"
    journal.write_text(f"begin\tstatus\t{mid}\tarchived\ndone\tstatus\t{mid}\tarchived\n")
    assert _lost_edits(db, journal)  # the database says "new"
    journal.write_text(f"begin\tstatus\t{mid}\tnew\n")  # in flight: either value is fine
    assert _lost_edits(db, journal) == []
    journal.write_text(f"done\tdraft\t{mid}\tsorry\n")
    assert _lost_edits(db, journal)  # no draft stored
    assert _lost_batches(db, "r1", [("f0", 1)]) == []
    assert _lost_batches(db, "r1", [("f0", 2)])
