"""SIGKILLs at random moments during triage, draft editing and polling, and the checks after each one.

Shared by tests/cli/test_crash_safety.py and benchmarks/reliability.py: plain Python, no pytest. Each round
starts a real process (tests/support/kill_target.py, or `main.py poll`), kills it, then checks the file:
PRAGMA integrity_check is ok and every write the process journaled as committed is in the database.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.models import BrandProfile
from desktop_app.services.sources import add_source
from desktop_app.storage.workspace import create_workspace
from tests.support.feeds import rss_feed
from tests.support.http_server import make_server

REPO = Path(__file__).resolve().parents[2]
ANY = "*"
FEEDS, ITEMS = 16, 250


@dataclass
class Round:
    what: str
    problems: list[str] = field(default_factory=list)


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


def run_and_kill(args: list[str], rng: random.Random) -> str:
    """Start `args`, SIGKILL it 0.8-2 s later; a problem if it had already ended by itself."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=cli_env(), cwd=REPO)
    time.sleep(rng.uniform(0.8, 2.0))
    if proc.poll() is not None:
        err = proc.stderr.read().decode() if proc.stderr else ""
        return f"the process ended before the kill: {err[-300:]}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)  # not communicate(): its scoring workers may still hold the pipe open
    if proc.stderr:
        proc.stderr.close()
    return ""


def journal(path: Path) -> dict[int, set[str]]:
    """For each mention, what the database may hold: its last committed value, or the value of a write
    that was in flight when the process died (committed or not: the kill may land on either side)."""
    allowed: dict[int, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        what, mid, value = line.split("\t", 2)
        if what == "done":
            allowed[int(mid)] = {value}
        else:  # in flight: its value, or what was there before (unknown if never written here: "*")
            allowed.setdefault(int(mid), {ANY}).add(value)
    return allowed


def _integrity(db_path: Path) -> list[str]:
    db = sqlite3.connect(db_path)
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
    return [] if result == "ok" else [f"integrity_check: {result}"]


def _lost_writes(db_path: Path, mode: str, journal_path: Path) -> list[str]:
    committed = journal(journal_path) if journal_path.exists() else {}
    if not committed:
        return ["the target wrote nothing before it was killed"]
    sql = (
        "SELECT status FROM mentions WHERE id = ?"
        if mode == "triage"
        else "SELECT text FROM drafts WHERE mention_id = ?"
    )
    db = sqlite3.connect(db_path)
    try:
        stored = {mid: (db.execute(sql, (mid,)).fetchone() or [None])[0] for mid in committed}
    finally:
        db.close()
    lost = {mid: (sorted(ok), stored[mid]) for mid, ok in committed.items() if not ({stored[mid], ANY} & ok)}
    if lost:
        return [f"{len(lost)} of {len(committed)} committed writes lost: {list(lost.items())[:3]}"]
    return []


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
        cmd = [sys.executable, "-m", "tests.support.kill_target", str(data_dir), "demo", mode, str(journal_path),
               str(rng.random())[2:9]]  # fmt: skip
        early = run_and_kill(cmd, rng)
        problems = (
            ([early] if early else []) + _integrity(db_path) + _lost_writes(db_path, mode, journal_path)
        )
        results.append(Round(f"kill {n + 1} during {mode}", problems))
    return results


def poll_rounds(data_dir: Path, rounds: int, rng: random.Random, host: str = "127.0.0.61") -> list[Round]:
    """Kill `main.py poll` mid-poll `rounds` times, then poll to the end: every item stored exactly once."""
    server = make_server(host)
    results = []
    try:
        with create_workspace(data_dir, "feeds", BrandProfile("Acme")) as ws:
            for s in range(FEEDS):
                url = server.route(f"/f{s}.xml", rss_feed(ITEMS, prefix=f"k{s}"), delay=0.05)
                add_source(ws, kind="rss", config={"url": url}, name=f"f{s}")
        db_path = data_dir / "workspaces" / "feeds.earshot"
        poll = [sys.executable, str(REPO / "main.py"), "--data-dir", str(data_dir), "poll", "feeds", "--all"]
        for n in range(rounds):
            early = run_and_kill(poll, rng)
            results.append(
                Round(f"kill {n + 1} during polling", ([early] if early else []) + _integrity(db_path))
            )
        final = Round("re-poll after the kills stores every item once")
        done = cli(data_dir, "poll", "feeds", "--all")
        if done.returncode != 0:
            final.problems.append(f"the last poll failed: {done.stderr[-300:]}")
        db = sqlite3.connect(db_path)
        try:
            counts = db.execute("SELECT count(*), count(DISTINCT uid) FROM mentions").fetchone()
        finally:
            db.close()
        if tuple(counts) != (FEEDS * ITEMS, FEEDS * ITEMS):
            final.problems.append(
                f"stored {counts[0]} ({counts[1]} distinct), expected {FEEDS * ITEMS} once each"
            )
        results.append(final)
    finally:
        server.stop()
    return results
