from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.errors import DamagedWorkspace, UserError
from desktop_app.storage import mention_writes
from desktop_app.storage.backups import backup_day, backup_path, daily_backup, list_backups, restore_backup
from desktop_app.storage.workspace import open_workspace, workspace_path
from tests.support.damage import DAMAGES, build_workspace, damaged_open_problems
from tests.support.factories import add_source, make_workspace, mention, score, store


def test_daily_backups_rotate(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        path = ws.path
    assert len(list_backups(tmp_path, "acme")) == 1  # made when the workspace was closed
    for day in range(1, 11):
        daily_backup(tmp_path, "acme", path, today=f"202601{day:02d}")
    assert daily_backup(tmp_path, "acme", path, today="20260110") is None  # once a day
    kept = list_backups(tmp_path, "acme")
    assert len(kept) == 7 and kept[0].name.endswith(".earshot")


def test_damaged_workspace_is_restored_from_the_latest_backup(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        store(ws, [(mention(sid, i), score()) for i in range(5)])
    path = workspace_path(tmp_path, "acme")
    path.write_bytes(path.read_bytes()[:3000])  # truncated: a crash of the disk, not of us
    with pytest.raises(DamagedWorkspace, match="restore it with `restore acme`"):
        open_workspace(tmp_path, "acme")
    restore_backup(tmp_path, "acme", path)
    with open_workspace(tmp_path, "acme") as ws:
        assert ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0] == 5
    assert list(tmp_path.glob("workspaces/acme.damaged-*.earshot"))  # the damaged file is kept


def test_restore_without_backup_says_so(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no backup"):
        restore_backup(tmp_path, "nope", tmp_path / "nope.earshot")


@pytest.mark.parametrize("how", list(DAMAGES), ids=list(DAMAGES))
def test_every_kind_of_damage_is_caught_and_the_backup_restores(tmp_path: Path, how: str) -> None:
    assert damaged_open_problems(tmp_path, DAMAGES[how]) == []


def test_a_damaged_workspace_never_rotates_into_the_backups(tmp_path: Path) -> None:
    path = build_workspace(tmp_path, 50)
    path.write_bytes(DAMAGES["a middle page scrambled"](path.read_bytes()))
    assert daily_backup(tmp_path, "acme", path, today="29991231") is None
    assert [backup_day(b) for b in list_backups(tmp_path, "acme")] == [date.today()]


def _mentions_in(backup: Path) -> int:
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM mentions").fetchone()[0])
    finally:
        conn.close()


def test_the_due_backup_after_open_holds_for_a_killed_app(tmp_path: Path) -> None:
    make_workspace(tmp_path).close()
    shutil.rmtree(tmp_path / "backups")
    ws = open_workspace(tmp_path, "acme")  # opening itself copies nothing (it must stay fast at 1M mentions)
    try:
        assert list_backups(tmp_path, "acme") == []
        assert ws.backup_if_due() is not None  # what the app does in a worker once it is open
        # ... then the process dies: close() never runs, and the day still has its backup
        assert [backup_day(b) for b in list_backups(tmp_path, "acme")] == [date.today()]
    finally:
        ws.close()


def test_backup_if_due_once_a_day_keeps_seven_and_stops_at_close(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    sid = add_source(ws)
    store(ws, [(mention(sid, i), score()) for i in range(3)])
    made = ws.backup_if_due(today="20260101")
    assert made is not None and made == backup_path(tmp_path, "acme", "20260101")
    assert _mentions_in(made) == 3
    assert ws.backup_if_due(today="20260101") is None  # not due: one stat
    for day in range(2, 12):
        assert ws.backup_if_due(today=f"202601{day:02d}") is not None
    kept = list_backups(tmp_path, "acme")
    assert [backup_day(b) for b in kept] == [date(2026, 1, d) for d in range(11, 4, -1)]
    ws.close()
    assert ws.backup_if_due(today="20260201") is None
    assert not (tmp_path / "backups" / "daily" / "acme" / "acme-20260201.earshot").exists()


def test_a_backup_beside_a_long_write_is_consistent_and_never_waits(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        sid = add_source(ws)
        store(ws, [(mention(sid, i), score()) for i in range(5)])
        started = threading.Event()

        def slow(conn: sqlite3.Connection) -> None:
            mention_writes.store_mentions(conn, [(mention(sid, 100 + i), score()) for i in range(5)])
            started.set()
            time.sleep(1.5)

        pending = ws.writer.submit(slow)
        assert started.wait(5)
        t0 = time.monotonic()
        made = ws.backup_if_due(today="20260301")
        took = time.monotonic() - t0
        pending.result(10)
        assert made is not None and took < 1.0, took
        assert _mentions_in(made) == 5  # only what was committed when the copy was taken


def test_closing_refreshes_the_backup_this_session_made_only(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        ws.backup_if_due()  # as the app does once it is open: today's backup, of an empty workspace
        sid = add_source(ws)
        store(ws, [(mention(sid, i), score()) for i in range(4)])
    assert _mentions_in(backup_path(tmp_path, "acme")) == 4  # refreshed at close with the day's work
    with open_workspace(tmp_path, "acme") as ws:
        store(ws, [(mention(sid, 10 + i), score()) for i in range(3)])
    assert _mentions_in(backup_path(tmp_path, "acme")) == 4  # another session's: a copy per close is too dear


def test_a_copy_left_half_made_by_a_kill_is_cleaned_up(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        folder = backup_path(tmp_path, "acme").parent
        folder.mkdir(parents=True, exist_ok=True)
        stale, fresh = folder / ".acme-20260101.x1.part", folder / ".acme-20260101.x2.part"
        stale.write_bytes(b"half")
        fresh.write_bytes(b"in progress in another process")
        os.utime(stale, (time.time() - 7200, time.time() - 7200))
        ws.backup_if_due(today="20260102")
    assert not stale.exists() and fresh.exists()
