"""Opening a workspace database: WAL, foreign keys, migrations with a backup first."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from desktop_app.core.errors import DamagedWorkspace
from desktop_app.storage.schema import LATEST_VERSION, MIGRATIONS

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with our pragmas. Autocommit mode: transactions are explicit (BEGIN ... COMMIT)."""
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA cache_size = -8000")  # 8 MB: there is one reader per thread
    else:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of a live database (SQLite's online backup)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(conn: sqlite3.Connection, path: Path, backup_dir: Path) -> int:
    """Bring the schema to LATEST_VERSION; an existing database is backed up before it changes."""
    try:
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise DamagedWorkspace(f"{path.name} is not a readable Earshot workspace ({exc}).") from exc
    if version > LATEST_VERSION:
        raise DamagedWorkspace(
            f"{path.name} was written by a newer Earshot (schema {version}); update Earshot to open it."
        )
    if version == LATEST_VERSION:
        return version
    if version > 0:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup_to(conn, backup_dir / f"{path.stem}-before-v{LATEST_VERSION}-{stamp}.earshot")
    for number in range(version + 1, LATEST_VERSION + 1):
        script = MIGRATIONS[number - 1]
        try:
            conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return LATEST_VERSION


def integrity_ok(conn: sqlite3.Connection) -> bool:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return len(rows) == 1 and rows[0][0] == "ok"
