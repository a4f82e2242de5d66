"""A process for crash tests: it works on a workspace and journals each write after it is committed.

    python -m tests.support.kill_target DATA_DIR WORKSPACE triage|draft JOURNAL SEED

The test SIGKILLs it at a random moment, then checks that every journaled write is in the database.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import TextIO

from desktop_app.core.models import Status
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import open_workspace


def main() -> None:
    root, name, mode, journal_path, seed = sys.argv[1:6]
    rng = random.Random(int(seed))
    ws = open_workspace(Path(root), name)
    triage = TriageService(ws)
    ids = [r[0] for r in ws.reader().execute("SELECT id FROM mentions")]
    statuses = [Status.ARCHIVED, Status.RESPONDED, Status.NEW, Status.SNOOZED]
    with open(journal_path, "a", encoding="utf-8") as journal:
        for n in range(1_000_000):
            mid = rng.choice(ids)
            status = rng.choice(statuses)
            value = (
                status.value if mode == "triage" else f"draft {n} for {mid}: sorry about that, please DM us"
            )
            _write(journal, "begin", mid, value)  # a kill may land after the commit but before "done"
            if mode == "triage":
                triage.set_status(
                    [mid], status, snoozed_until=2_000_000_000 if status == Status.SNOOZED else None
                ).result()
            else:
                triage.save_draft(mid, value).result()
            _write(journal, "done", mid, value)  # only after the commit returned


def _write(journal: TextIO, what: str, mid: int, value: str) -> None:
    journal.write(f"{what}\t{mid}\t{value}\n")
    journal.flush()
    os.fsync(journal.fileno())


if __name__ == "__main__":
    main()
