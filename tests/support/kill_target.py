"""A process for crash tests: it works on a workspace and journals each write after it is committed.

    python -m tests.support.kill_target DATA_DIR WORKSPACE MODE JOURNAL SEED

MODE is `triage` (statuses), `draft` (autosaved drafts), `edits` (both, alternately) or `mixed` (edits
while the same process polls every source of the workspace, as the app does: marks made during a fetch).
Journal lines are `begin|done <TAB> status|draft|poll <TAB> mention id or source name <TAB> value`; a poll
line is journaled after its batch committed, with the number of mentions it added. The process prints
`committed` on stdout after its first committed edit and `polled` after each committed poll batch that added mentions, so
the test can kill it at a random moment after real work began. It never ends by itself in edit modes.
"""

from __future__ import annotations

import os
import random
import sys
import threading
from pathlib import Path
from typing import TextIO

from desktop_app.core.models import Status
from desktop_app.services.poller import SourceOutcome
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import Workspace, open_workspace

STATUSES = (Status.ARCHIVED, Status.RESPONDED, Status.NEW, Status.SNOOZED)


class Journal:
    def __init__(self, path: str) -> None:
        self._fh: TextIO = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open until the kill
        self._lock = threading.Lock()
        self._said: set[str] = set()

    def write(self, what: str, kind: str, key: object, value: str) -> None:
        with self._lock:
            self._fh.write(f"{what}\t{kind}\t{key}\t{value}\n")
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def say(self, word: str) -> None:
        with self._lock:
            print(word, flush=True)

    def say_once(self, word: str) -> None:
        """Tell the test (stdout) that the first write of a kind is committed."""
        with self._lock:
            if word not in self._said:
                self._said.add(word)
                print(word, flush=True)


def edit_forever(ws: Workspace, mode: str, journal: Journal, rng: random.Random) -> None:
    triage = TriageService(ws)
    ids = [r[0] for r in ws.reader().execute("SELECT id FROM mentions")]
    for n in range(10_000_000):
        mid = rng.choice(ids)
        kind = mode if mode in ("triage", "draft") else ("triage", "draft")[n % 2]
        if kind == "triage":
            status = rng.choice(STATUSES)
            journal.write(
                "begin", "status", mid, status.value
            )  # a kill may land after the commit, before "done"
            until = 2_000_000_000 if status == Status.SNOOZED else None
            triage.set_status([mid], status, snoozed_until=until).result()
            journal.write("done", "status", mid, status.value)  # only after the commit returned
        else:
            text = f"draft {n} for {mid}: sorry about that, please DM us"
            journal.write("begin", "draft", mid, text)
            triage.save_draft(mid, text).result()
            journal.write("done", "draft", mid, text)
        journal.say_once("committed")


def poll_all(ws: Workspace, journal: Journal) -> None:
    from desktop_app.services.factory import build_poller
    from desktop_app.services.sources import enabled_source_ids

    def progress(done: int, total: int, outcome: SourceOutcome) -> None:
        journal.write("done", "poll", outcome.name, str(outcome.added))
        if outcome.added:
            journal.say("polled")

    poller = build_poller(ws)
    try:
        poller.poll_sources(enabled_source_ids(ws), progress)
    finally:
        poller.close()
    journal.say_once("poll finished")


def main() -> None:
    root, name, mode, journal_path, seed = sys.argv[1:6]
    rng = random.Random(int(seed))
    ws = open_workspace(Path(root), name)
    journal = Journal(journal_path)
    if mode == "mixed":
        threading.Thread(target=poll_all, args=(ws, journal), daemon=True).start()
    edit_forever(ws, mode, journal, rng)


if __name__ == "__main__":
    main()
