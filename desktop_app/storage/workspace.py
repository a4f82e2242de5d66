"""Workspaces: one SQLite file each (a brand, or one consultant's client)."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

from desktop_app.config.paths import backups_dir, workspaces_dir
from desktop_app.core.errors import DamagedWorkspace, UserError, WorkspaceExists, WorkspaceNotFound
from desktop_app.core.models import BrandProfile
from desktop_app.storage.backups import backup_path, daily_backup, list_backups
from desktop_app.storage.database import connect, migrate
from desktop_app.storage.writer import Writer

log = logging.getLogger(__name__)
SUFFIX = ".earshot"
_VALID_NAME = re.compile(r"^[\w][\w .-]{0,63}$")
QUICK_CHECK_MAX_BYTES = 128 * 1024 * 1024


def validate_name(name: str) -> str:
    name = name.strip()
    if not _VALID_NAME.match(name) or name.endswith("."):
        raise UserError(
            f"{name!r} is not a usable workspace name: use letters, digits, spaces, '-', '_' or '.', "
            "up to 64 characters."
        )
    return name


def workspace_path(root: Path, name: str) -> Path:
    return workspaces_dir(root) / f"{validate_name(name)}{SUFFIX}"


def list_workspaces(root: Path) -> list[str]:
    folder = workspaces_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if p.is_file())


class Workspace:
    """An open workspace: one writer, and a read connection per thread."""

    def __init__(self, root: Path, name: str, path: Path) -> None:
        self.root = root
        self.name = name
        self.path = path
        self.writer = Writer(path)
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._backup_lock = threading.Lock()
        self._session_backup: Path | None = None  # the latest daily backup this session made
        self._closed = False

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection (reads never wait on the writer, thanks to WAL)."""
        conn = getattr(self._local, "conn", None)
        if self._closed:
            if conn is not None:
                self._local.conn = None
                conn.close()
            raise RuntimeError(f"The workspace {self.name!r} is closed.")
        if conn is None:
            conn = connect(self.path, readonly=True)
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def profile(self) -> BrandProfile:
        """The brand, aliases, competitors and excluded terms; a name typed in quotes (`"Acme Coffee"`, as
        `init --alias` takes it) is that phrase, so everything that looks for the names finds it."""
        values = read_settings(self.reader())
        return BrandProfile(
            brand=unquoted(str(values.get("brand", self.name))),
            aliases=tuple(unquoted(str(a)) for a in values.get("aliases", ())),
            competitors=tuple(unquoted(str(c)) for c in values.get("competitors", ())),
            excluded=tuple(unquoted(str(e)) for e in values.get("excluded", ())),
        )

    def setting(self, key: str, default: Any = None) -> Any:
        return read_settings(self.reader()).get(key, default)

    def backup_if_due(self, *, today: str | None = None) -> Path | None:
        """Make today's automatic backup if there is none yet; the last 7 days are kept.

        Cheap when not due (one stat). When due it copies the whole file (SQLite's online backup, a
        consistent snapshot taken beside the writer, which it never blocks): call it from a worker, never
        the UI thread. The app calls it once a workspace is open; a long-running app should call it now and then
        (hourly, say) so a session left open for days still gets a backup each day. Never raises: a
        failure is logged and None returned.
        """
        if self._closed:
            return None
        return self._backup(today=today)

    def _backup(self, *, today: str | None = None, replace: bool = False) -> Path | None:
        with self._backup_lock:
            try:
                made = daily_backup(self.root, self.name, self.path, today=today, replace=replace)
            except (OSError, sqlite3.Error) as exc:
                log.warning("could not back up %s: %s", self.name, exc)
                return None
            if made is not None:
                self._session_backup = made
            return made

    def _backup_on_close(self) -> None:
        """Today's backup if due; if this session made today's, it is refreshed with the work done since."""
        today = backup_path(self.root, self.name)
        self._backup(replace=today == self._session_backup)

    def close(self) -> None:
        """Close the writer and this thread's reader. Other threads' readers are interrupted, never closed
        under them (closing a connection another thread is reading from can crash the process); each is
        closed by its own thread on its next use, or when that thread ends."""
        if self._closed:
            return
        self._closed = True
        self.writer.close()
        self._backup_on_close()
        own = getattr(self._local, "conn", None)
        with self._readers_lock:
            for conn in self._readers:
                if conn is own:
                    conn.close()
                    continue
                # ProgrammingError: its thread saw the workspace closing and closed it first
                with contextlib.suppress(sqlite3.ProgrammingError):
                    conn.interrupt()
            self._readers.clear()
        self._local.conn = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_QUOTES = '"\u201c\u201d\u201e'


def unquoted(term: str) -> str:
    """`"Acme Coffee"` (straight or typographic quotes) as `Acme Coffee`; anything else as it is."""
    text = term.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        inner = text[1:-1]
        if not any(q in inner for q in _QUOTES):
            return inner.strip()
    return term


def read_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    return {row[0]: json.loads(row[1]) for row in conn.execute("SELECT key, value FROM settings")}


def write_settings(conn: sqlite3.Connection, values: dict[str, Any]) -> None:
    conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [(k, json.dumps(v)) for k, v in values.items()],
    )


def profile_settings(profile: BrandProfile, title: str | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "brand": profile.brand,
        "aliases": list(profile.aliases),
        "competitors": list(profile.competitors),
        "excluded": list(profile.excluded),
    }
    if title:
        values["title"] = title
    return values


def _prepare(root: Path, path: Path) -> None:
    try:
        conn = connect(path)
        try:
            _check_sound(conn, path)
            migrate(conn, path, backups_dir(root))
            conn.execute(
                "SELECT count(*) FROM settings"
            ).fetchone()  # reads a page: a truncated file fails here
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        backups = list_backups(root, path.stem)
        hint = (
            f"The latest backup is from {backups[0].stem.rsplit('-', 1)[-1]}: restore it with "
            f"`restore {path.stem}` (the damaged file is kept)."
            if backups
            else "There is no backup of it yet."
        )
        raise DamagedWorkspace(
            f"The workspace {path.stem!r} is damaged ({exc}). {hint}",
            root=root,
            name=path.stem,
            path=path,
            backup=backups[0] if backups else None,
        ) from exc


def _check_sound(conn: sqlite3.Connection, path: Path) -> None:
    """Cheap checks that catch a truncated, emptied or scrambled file before anything reads it."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])  # garbage fails here
    if version == 0:  # create_workspace never names a file before its schema is in: this lost its data
        raise sqlite3.DatabaseError("the file holds no Earshot data: it is empty or was overwritten")
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    wal = path.with_name(path.name + "-wal")
    with path.open("rb") as f:
        header = f.read(100)
    declared = int.from_bytes(header[28:32], "big")
    valid = header[92:96] == header[24:28]  # the in-header size is trusted only when this matches
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    if valid and declared and wal_empty and path.stat().st_size < declared * page_size:
        raise sqlite3.DatabaseError("the file is shorter than it says: it was truncated")
    if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:  # ~0.1 s; larger files get the checks above
        result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError("its integrity check found damaged pages")


def create_workspace(root: Path, name: str, profile: BrandProfile, title: str | None = None) -> Workspace:
    path = workspace_path(root, name)
    if path.exists():
        raise WorkspaceExists(name)
    if not profile.brand.strip():
        raise UserError("A workspace needs a brand name to listen for (--brand).")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".creating")
    tmp.unlink(missing_ok=True)
    conn = connect(tmp)
    try:
        migrate(conn, tmp, backups_dir(root))
        conn.execute("BEGIN")
        write_settings(conn, profile_settings(profile, title))
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    tmp.replace(path)  # nothing half-made ever carries the workspace's name
    return open_workspace(root, name)


def open_workspace(root: Path, name: str) -> Workspace:
    path = workspace_path(root, name)
    if not path.is_file():
        raise WorkspaceNotFound(name)
    _prepare(root, path)
    # The day's backup is not made here: at 1M mentions it copies ~900 MB, and opening must stay fast. The app
    # calls backup_if_due() in a worker once the workspace is open (and every half hour); closing makes it too.
    return Workspace(root, validate_name(name), path)
