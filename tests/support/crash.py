"""SIGKILLs at random moments during polling, triage and draft editing — alone and at once — and the checks.

Shared by tests/cli/test_crash_safety.py and benchmarks/reliability.py: plain Python, no pytest. Each round
starts real processes (`main.py poll`, tests/support/kill_target.py), waits until each has *committed* real
work (the poll prints a source's "N new" line after its batch commits; the target prints `committed` or
`polled`), then SIGKILLs it (and its scoring workers) at a random moment after that. Then the file is
checked: PRAGMA integrity_check is ok, every edit journaled as committed is in the database, and every
poll batch acknowledged before the kill is stored whole. Every round serves new feed items, so each poll
kill lands while mentions are being ingested; at the end a re-poll stores what is missing exactly once.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.models import BrandProfile
from desktop_app.services.sources import add_source
from desktop_app.storage.workspace import create_workspace
from tests.support.feeds import rss_feed
from tests.support.http_server import LoopbackServer, make_server

REPO = Path(__file__).resolve().parents[2]
ANY = "*"
FEEDS, ITEMS = 12, 200
WINDOW = 0.8  # an editing process is killed within this many seconds after its first commit
POLL_ACK = re.compile(r"^\[\d+/\d+\] (\S+): (\d+) new")


@dataclass
class Round:
    what: str
    problems: list[str] = field(default_factory=list)
    kills: int = 0  # SIGKILLs that hit a live process
    mid_work: int = 0  # ... of which landed after its first commit, while it still had work to do


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("EARSHOT_HOME", None)
    env["PYTHONPATH"] = str(REPO)
    return env


def prepare_data_dir(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    # Loopback servers answer at once; a polite 1 s per-host gap would only slow the rounds down.
    (data_dir / "settings.json").write_text(json.dumps({"poll.per_host_interval_seconds": 0.02}))


def cli(data_dir: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(REPO / "main.py"), "--data-dir", str(data_dir), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=cli_env(), cwd=REPO)


class Target:
    """A running process whose output lines are collected; `ready` is set once `count` lines matched."""

    def __init__(self, args: list[str], ready: str, count: int = 1, jitter: float = WINDOW) -> None:
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=REPO,
            start_new_session=True,  # its own process group: the kill takes its scoring workers too
        )  # fmt: skip
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.jitter = jitter
        self._pattern, self._count = re.compile(ready), count
        self._lock = threading.Lock()
        for stream in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with self._lock:
                self.lines.append(line.rstrip("\n"))
            if self._pattern.search(line):
                self._count -= 1
                if self._count <= 0:
                    self.ready.set()

    def seen(self) -> list[str]:
        with self._lock:
            return list(self.lines)

    def kill(self) -> bool:
        """SIGKILL the process group; True if the process was still running."""
        alive = self.proc.poll() is None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()
        return alive


def poll_target(data_dir: Path, name: str, rng: random.Random) -> Target:
    """`main.py poll`, killed just after a random one of its first FEEDS / 2 batches is committed (later
    ones tend to commit together, with the last: a kill there would land after the ingest)."""
    cmd = [sys.executable, str(REPO / "main.py"), "--data-dir", str(data_dir), "poll", name, "--all"]
    return Target(cmd, r"^\[\d+/\d+\] \S+: [1-9]\d* new", count=rng.randint(1, FEEDS // 2), jitter=0.05)


def edit_target(data_dir: Path, name: str, mode: str, journal_path: Path, rng: random.Random) -> Target:
    """The kill target; a polling one (`mixed`) is killed just after a random one of its poll batches."""
    cmd = [sys.executable, "-m", "tests.support.kill_target", str(data_dir), name, mode, str(journal_path),
           str(rng.randrange(10**9))]  # fmt: skip
    if mode == "mixed":
        return Target(cmd, r"^polled$", count=rng.randint(1, FEEDS // 2), jitter=0.05)
    return Target(cmd, r"^committed$")


def kill_after_ready(targets: list[Target], rng: random.Random, rnd: Round, timeout: float = 60) -> None:
    """Each target is killed at its own random moment: within its jitter after its ready signal."""
    deadline = time.monotonic() + timeout
    plan = []
    for target in targets:
        if not target.ready.wait(max(0.0, deadline - time.monotonic())) and target.proc.poll() is None:
            rnd.problems.append(f"no commit within {timeout:.0f}s: {' | '.join(target.seen()[-3:])[-300:]}")
        plan.append((time.monotonic() + rng.uniform(0.0, target.jitter), target))
    for when, target in sorted(plan, key=lambda p: p[0]):
        time.sleep(max(0.0, when - time.monotonic()))
        busy = not any(line.startswith("Polled ") for line in target.seen())  # an editing one never ends
        if target.kill():
            rnd.kills += 1
            rnd.mid_work += int(busy)
        elif target.proc.returncode != 0:
            rnd.problems.append(f"ended by itself, exit {target.proc.returncode}: {target.seen()[-3:]}")


def journal(path: Path) -> dict[tuple[str, int], set[str]]:
    """For each (status|draft, mention): what the database may hold: its last committed value, or the
    value of a write in flight when the process died (committed or not: the kill may land on either side)."""
    allowed: dict[tuple[str, int], set[str]] = {}
    if not path.exists():
        return allowed
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t", 3)
        if len(parts) < 4 or parts[1] == "poll":
            continue  # a half-written last line (killed mid-write), or a poll acknowledgement
        what, kind, mid, value = parts
        key = (kind, int(mid))
        if what == "done":
            allowed[key] = {value}
        else:  # in flight: its value, or what was there before (unknown if never written here: "*")
            allowed.setdefault(key, {ANY}).add(value)
    return allowed


def _integrity(db_path: Path) -> list[str]:
    db = sqlite3.connect(db_path)
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    return [] if result == "ok" else [f"integrity_check: {result}"]


_STORED = {
    "status": "SELECT status FROM mentions WHERE id = ?",
    "draft": "SELECT text FROM drafts WHERE mention_id = ?",
}


def _lost_edits(db_path: Path, journal_path: Path) -> list[str]:
    committed = journal(journal_path)
    db = sqlite3.connect(db_path)
    try:
        stored = {key: (db.execute(_STORED[key[0]], (key[1],)).fetchone() or [None])[0] for key in committed}
    finally:
        db.close()
    lost = {key: (sorted(ok), stored[key]) for key, ok in committed.items() if not ({stored[key], ANY} & ok)}
    if lost:
        return [f"{len(lost)} of {len(committed)} committed edits lost: {list(lost.items())[:3]}"]
    return []


def _acks(lines: list[str]) -> list[tuple[str, int]]:
    """Poll batches acknowledged as committed: the CLI's progress lines, or the target's journal lines."""
    acks = []
    for line in lines:
        if m := POLL_ACK.match(line):
            acks.append((m.group(1), int(m.group(2))))
        elif line.startswith("done\tpoll\t"):
            _, _, name, added = line.split("\t")
            acks.append((name, int(added)))
    return acks


def _lost_batches(db_path: Path, tag: str, acks: list[tuple[str, int]]) -> list[str]:
    db = sqlite3.connect(db_path)
    try:
        got = {
            name: db.execute(
                "SELECT count(*) FROM mentions WHERE canonical_url LIKE ?",
                (f"https://news.example/{tag}-{name}/%",),
            ).fetchone()[0]
            for name, _ in acks
        }
    finally:
        db.close()
    lost = [(name, n, got[name]) for name, n in acks if got[name] != n]
    return [f"acknowledged poll batches not stored whole (source, said, stored): {lost[:3]}"] if lost else []


class FeedWorkspace:
    """The `feeds` workspace: FEEDS RSS sources on one loopback server, whose items change every round."""

    def __init__(self, data_dir: Path, host: str) -> None:
        self.data_dir = data_dir
        self.server: LoopbackServer = make_server(host)
        self.db_path = data_dir / "workspaces" / "feeds.earshot"
        self.tag = "t0"
        with create_workspace(data_dir, "feeds", BrandProfile("Acme")) as ws:
            for s in range(FEEDS):
                add_source(ws, kind="rss", config={"url": self.server.url(f"/f{s}.xml")}, name=f"f{s}")
        self.serve("t0")

    def serve(self, tag: str) -> None:
        self.tag = tag
        for s in range(FEEDS):
            self.server.route(f"/f{s}.xml", rss_feed(ITEMS, prefix=f"{tag}-f{s}"), delay=0.05)

    def stored(self, tag: str) -> int:
        db = sqlite3.connect(self.db_path)
        try:
            pattern = f"https://news.example/{tag}-%"
            return int(
                db.execute("SELECT count(*) FROM mentions WHERE canonical_url LIKE ?", (pattern,)).fetchone()[
                    0
                ]
            )
        finally:
            db.close()

    def stop(self) -> None:
        self.server.stop()


def _check(rnd: Round, db_path: Path, journal_path: Path, tag: str, lines: list[str]) -> Round:
    rnd.problems += (
        _integrity(db_path) + _lost_edits(db_path, journal_path) + _lost_batches(db_path, tag, _acks(lines))
    )
    return rnd


def _journal_tail(path: Path, offset: int) -> list[str]:
    if not path.exists():
        return []
    with path.open("rb") as fh:
        fh.seek(offset)
        return fh.read().decode("utf-8", "replace").splitlines()


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


KINDS = ("poll", "in-process", "side-by-side", "edits")


def mixed_rounds(data_dir: Path, rng: random.Random, host: str = "127.0.0.61", *, polls: int = 3,
                 in_process: int = 5, side_by_side: int = 5, edits: int = 2, kills: int = 0) -> list[Round]:  # fmt: skip
    """The four kinds of round on one workspace (poll alone; polling and editing in one process; a poll and
    an editing process side by side; editing alone), then the re-poll. A poll that ends before its kill
    is no kill: rounds are added (polling in one process, then side by side) until `kills` processes were
    killed alive with work still left (on a busy machine a poll may finish first), at most 10 more."""
    feeds = FeedWorkspace(data_dir, host)
    journal_path = data_dir / "feeds.journal"
    plan = [
        kind
        for kind, n in zip(KINDS, (polls, in_process, side_by_side, edits), strict=True)
        for _ in range(n)
    ]
    results: list[Round] = []
    try:
        while plan:
            kind = plan.pop(0)
            results.append(_round(feeds, kind, len(results) + 1, journal_path, rng))
            if (
                not plan
                and sum(r.mid_work for r in results) < kills
                and len(results) < sum((polls, in_process, side_by_side, edits)) + 10
            ):
                plan.append(("in-process", "side-by-side")[len(results) % 2])
        results.append(_final_poll(feeds))
    finally:
        feeds.stop()
    return results


def _round(feeds: FeedWorkspace, kind: str, n: int, journal_path: Path, rng: random.Random) -> Round:
    feeds.serve(f"r{n}")  # new items every round: each poll kill lands while mentions are being ingested
    offset = _size(journal_path)
    data_dir = feeds.data_dir
    targets = []
    if kind in ("poll", "side-by-side"):
        targets.append(poll_target(data_dir, "feeds", rng))
    if kind == "in-process":
        targets.append(edit_target(data_dir, "feeds", "mixed", journal_path, rng))
    if kind in ("side-by-side", "edits"):
        targets.append(edit_target(data_dir, "feeds", "edits", journal_path, rng))
    rnd = Round(f"round {n}: kill during {kind}")
    kill_after_ready(targets, rng, rnd)
    lines = [line for t in targets for line in t.seen()] + _journal_tail(journal_path, offset)
    return _check(rnd, feeds.db_path, journal_path, feeds.tag, lines)


def _final_poll(feeds: FeedWorkspace) -> Round:
    """Poll the last round's feeds to the end, then again: each item stored exactly once, none twice."""
    final = Round("re-poll after the kills stores every item once")
    for attempt in (1, 2):
        done = cli(feeds.data_dir, "poll", "feeds", "--all")
        if done.returncode != 0:
            final.problems.append(f"re-poll {attempt} failed: {done.stderr[-300:]}")
        if attempt == 2 and "Polled" in done.stderr and " 0 new mention(s)" not in done.stderr:
            final.problems.append(f"the second re-poll stored more: {done.stderr.splitlines()[-1:]}")
    if feeds.stored(feeds.tag) != FEEDS * ITEMS:
        final.problems.append(
            f"the last round's items: {feeds.stored(feeds.tag)} stored, expected {FEEDS * ITEMS}"
        )
    db = sqlite3.connect(feeds.db_path)
    try:
        total, distinct = db.execute(
            "SELECT count(*), count(DISTINCT canonical_url) FROM mentions"
        ).fetchone()
    finally:
        db.close()
    if total != distinct:
        final.problems.append(f"{total - distinct} item(s) stored twice")
    final.problems += _integrity(feeds.db_path)
    return final


def edit_rounds(data_dir: Path, mode: str, rounds: int, rng: random.Random) -> list[Round]:
    """Kill a process setting statuses (triage) or autosaving drafts (draft) on the demo workspace."""
    if not (data_dir / "workspaces" / "demo.earshot").exists():
        made = cli(data_dir, "demo")
        if made.returncode != 0:
            return [Round(f"{mode} setup", [f"demo: {made.stderr[-300:]}"])]
    db_path = data_dir / "workspaces" / "demo.earshot"
    journal_path = data_dir / f"{mode}.journal"
    results = []
    for n in range(rounds):
        rnd = Round(f"kill {n + 1} during {mode}")
        kill_after_ready([edit_target(data_dir, "demo", mode, journal_path, rng)], rng, rnd)
        rnd.problems += _integrity(db_path) + _lost_edits(db_path, journal_path)
        if not journal(journal_path):
            rnd.problems.append("the target wrote nothing before it was killed")
        results.append(rnd)
    return results


def poll_rounds(data_dir: Path, rounds: int, rng: random.Random, host: str = "127.0.0.61") -> list[Round]:
    """Kill `main.py poll` mid-ingest `rounds` times, then poll to the end: every item stored exactly once."""
    return mixed_rounds(data_dir, rng, host, polls=rounds, in_process=0, side_by_side=0, edits=0)
