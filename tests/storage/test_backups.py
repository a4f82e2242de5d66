from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.core.errors import DamagedWorkspace, UserError
from desktop_app.storage.backups import backup_day, daily_backup, list_backups, restore_backup
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
