"""Rotating daily backups of each workspace (the last 7), and restoring one when a file is damaged."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from desktop_app.config.paths import backups_dir
from desktop_app.core.errors import UserError
from desktop_app.storage.database import backup_to

KEEP = 7


def _folder(root: Path, name: str) -> Path:
    return backups_dir(root) / "daily" / name


def list_backups(root: Path, name: str) -> list[Path]:
    """Newest first."""
    folder = _folder(root, name)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{name}-*.earshot"), reverse=True)


def backup_path(root: Path, name: str, today: str | None = None) -> Path:
    """Where the backup of `today` (YYYYMMDD, local time; default now) lives."""
    return _folder(root, name) / f"{name}-{today or time.strftime('%Y%m%d')}.earshot"


def daily_backup(
    root: Path, name: str, path: Path, *, keep: int = KEEP, today: str | None = None, replace: bool = False
) -> Path | None:
    """Back the workspace up once a day (SQLite's online backup: consistent while in use); keep the last `keep`.

    Returns the backup made, or None when today's exists already (and `replace` is off) or the workspace is
    damaged. Cheap when not due: one stat. With `replace`, today's backup is refreshed with the current state.
    """
    target = backup_path(root, name, today)
    if target.exists() and not replace:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_parts(target.parent)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    source = sqlite3.connect(path)
    try:
        backup_to(source, tmp)
        if not _sound(tmp):  # a damaged workspace must never push a good backup out of the rotation
            return None
        tmp.replace(target)
    finally:
        source.close()
        tmp.unlink(missing_ok=True)
    for old in list_backups(root, name)[keep:]:
        old.unlink(missing_ok=True)
    return target


def _remove_stale_parts(folder: Path, older_than: float = 3600.0) -> None:
    """Half-made copies of a process killed mid-backup."""
    cutoff = time.time() - older_than
    for part in folder.glob(".*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()


def _sound(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return bool(conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def backup_day(backup: Path) -> date:
    """The day a daily backup was made (from its name, else the file's time)."""
    try:
        return datetime.strptime(backup.stem.rsplit("-", 1)[-1], "%Y%m%d").date()
    except ValueError:
        return datetime.fromtimestamp(backup.stat().st_mtime).date()


def restore_backup(root: Path, name: str, path: Path, backup: Path | None = None) -> Path:
    """Put a backup in place of a damaged workspace; the damaged file is kept beside it, never deleted."""
    candidates = [backup] if backup else list_backups(root, name)
    if not candidates or candidates[0] is None or not candidates[0].is_file():
        raise UserError(f"There is no backup of {name!r} to restore.")
    chosen = candidates[0]
    if path.exists():
        aside = path.with_name(f"{path.stem}.damaged-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
        path.replace(aside)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.replace(aside.with_name(aside.name + suffix))
    tmp = path.with_suffix(".restoring")
    tmp.write_bytes(chosen.read_bytes())
    tmp.replace(path)
    return chosen
