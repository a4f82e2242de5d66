"""Rotating daily backups of each workspace (the last 7), and restoring one when a file is damaged."""

from __future__ import annotations

import sqlite3
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


def daily_backup(
    root: Path, name: str, path: Path, *, keep: int = KEEP, today: str | None = None
) -> Path | None:
    """Back the workspace up once a day (SQLite's online backup: consistent while in use); keep the last `keep`."""
    stamp = today or time.strftime("%Y%m%d")
    target = _folder(root, name) / f"{name}-{stamp}.earshot"
    if target.exists():
        return None
    source = sqlite3.connect(path)
    tmp = target.with_suffix(".part")
    try:
        backup_to(source, tmp)
        if not _sound(tmp):  # a damaged workspace must never push a good backup out of the rotation
            tmp.unlink(missing_ok=True)
            return None
        tmp.replace(target)
    finally:
        source.close()
    for old in list_backups(root, name)[keep:]:
        old.unlink(missing_ok=True)
    return target


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
