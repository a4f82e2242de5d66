"""Portable workspaces: one .zip file holding a consistent copy of the database and a manifest; import it
under a new name; archive a finished client's workspace (reversibly).

The archive holds `workspace.earshot` (SQLite, made with the online backup API, then scrubbed and vacuumed)
and `manifest.json` (format, app and schema versions, row counts per table, created at, sha256 of the
database, scrubbed settings keys). Secrets never live in the database (it keeps keyring entry names only);
still, any settings key whose name contains "secret", "token", "password" or "key" (SAFE_SETTING_KEYS aside)
is removed from the copy, and the manifest says which.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.config.paths import workspaces_dir
from desktop_app.core.errors import UserError, WorkspaceExists
from desktop_app.services.mention_io import iso
from desktop_app.storage.database import integrity_ok, schema_version
from desktop_app.storage.schema import LATEST_VERSION
from desktop_app.storage.workspace import SUFFIX, Workspace, open_workspace, validate_name, workspace_path

FORMAT = "earshot-workspace"
FORMAT_VERSION = 1
DB_MEMBER = "workspace.earshot"
MANIFEST_MEMBER = "manifest.json"
SECRET_WORDS = ("secret", "token", "password", "key")
SAFE_SETTING_KEYS = frozenset({"keywords", "keyword_alerts"})
ARCHIVE_DIR = "archive"
MAX_DB_BYTES = 20 * 1024**3


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (the full-text index's own tables left out: it is rebuilt from mentions)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'mentions_fts%' ORDER BY name"
        )
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def is_secret_key(key: str) -> bool:
    lowered = key.casefold()
    return lowered not in SAFE_SETTING_KEYS and any(w in lowered for w in SECRET_WORDS)


def _scrub(db: Path) -> list[str]:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        keys = [r[0] for r in conn.execute("SELECT key FROM settings") if is_secret_key(str(r[0]))]
        conn.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in keys])
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")  # no deleted value survives in a free page
    finally:
        conn.close()
    return sorted(keys)


@contextlib.contextmanager
def _atomic_binary(path: Path) -> Any:
    path = path.expanduser()
    if not path.parent.is_dir():
        raise UserError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def export_workspace(ws: Workspace, output: Path) -> dict[str, Any]:
    """Write `ws` as one portable file at `output` (atomically); returns the manifest written."""
    with tempfile.TemporaryDirectory(prefix="earshot-export-") as tmp:
        copy = Path(tmp) / DB_MEMBER
        source = sqlite3.connect(ws.path)  # a private connection: the backup runs in this thread
        try:
            dest = sqlite3.connect(copy)
            try:
                source.backup(dest)  # one step: a consistent snapshot even while the writer works
            finally:
                dest.close()
        finally:
            source.close()
        scrubbed = _scrub(copy)
        conn = sqlite3.connect(copy)
        try:
            counts = table_counts(conn)
            version = schema_version(conn)
            settings = {r[0]: r[1] for r in conn.execute("SELECT key, value FROM settings")}
        finally:
            conn.close()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "schema_version": version,
            "workspace": ws.name,
            "title": json.loads(settings.get("title", "null")) if "title" in settings else None,
            "created_at": iso(int(time.time())),
            "counts": counts,
            "db_file": DB_MEMBER,
            "db_sha256": _sha256(copy),
            "scrubbed_settings": scrubbed,
            "secrets": "none: keys and tokens stay in the OS keyring; settings whose names look secret were removed",
        }
        with _atomic_binary(Path(output)) as part, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST_MEMBER, json.dumps(manifest, indent=2))
            zf.write(copy, DB_MEMBER)
    return manifest


def read_manifest(archive: Path) -> dict[str, Any]:
    """The manifest of a workspace file, checked for format and schema (UserError if unusable)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            raw = zf.read(MANIFEST_MEMBER)
    except FileNotFoundError as exc:
        raise UserError(f"No such file: {archive}.") from exc
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise UserError(f"{Path(archive).name} is not an Earshot workspace file ({exc}).") from exc
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise UserError(f"{Path(archive).name} has an unreadable manifest ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError(f"{Path(archive).name} is not an Earshot workspace file.")
    schema = manifest.get("schema_version")
    if not isinstance(schema, int):
        raise UserError(f"{Path(archive).name} does not say which schema it uses.")
    if schema > LATEST_VERSION or int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise UserError(
            f"{Path(archive).name} was exported by a newer Earshot ({manifest.get('app_version', '?')}, schema "
            f"{schema}; this Earshot {__version__} reads schema {LATEST_VERSION} or older). Update Earshot to "
            "import it."
        )
    return manifest


def _free_name(root: Path, wanted: str, explicit: bool) -> str:
    name = validate_name(wanted)
    if not workspace_path(root, name).exists():
        return name
    if explicit:
        raise WorkspaceExists(name)
    for n in range(2, 1000):
        candidate = validate_name(f"{name[:58]}-{n}")
        if not workspace_path(root, candidate).exists():
            return candidate
    raise WorkspaceExists(name)


def _check_db(db: Path, manifest: dict[str, Any], label: str) -> None:
    if _sha256(db) != manifest.get("db_sha256"):
        raise UserError(f"{label} is damaged: its database does not match the checksum in its manifest.")
    conn = sqlite3.connect(db)
    try:
        if not integrity_ok(conn):
            raise UserError(f"{label} is damaged: its database fails SQLite's integrity check.")
        if schema_version(conn) != manifest["schema_version"]:
            raise UserError(f"{label} is inconsistent: its database schema differs from its manifest.")
        counts = manifest.get("counts")
        if isinstance(counts, dict) and table_counts(conn) != counts:
            raise UserError(f"{label} is inconsistent: its row counts differ from its manifest.")
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{label} is damaged: {exc}.") from exc
    finally:
        conn.close()


def import_workspace(root: Path, archive: Path, name: str | None = None) -> str:
    """Add the workspace in `archive` under `name` (default: its own name, made unique with -2, -3 ...).

    Never overwrites: an explicit name already in use raises WorkspaceExists. Returns the name used.
    """
    archive = Path(archive).expanduser()
    manifest = read_manifest(archive)
    final_name = _free_name(root, name or str(manifest.get("workspace") or archive.stem), explicit=bool(name))
    folder = workspaces_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(archive) as zf:
            info = zf.getinfo(DB_MEMBER)
            if info.file_size > MAX_DB_BYTES:
                raise UserError(f"{archive.name} holds a database larger than this Earshot accepts.")
            with zf.open(info) as src, tmp.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        _check_db(tmp, manifest, archive.name)
        target = workspace_path(root, final_name)
        try:
            os.link(tmp, target)  # fails if the name was taken meanwhile: never overwrite
        except FileExistsError as exc:
            raise WorkspaceExists(final_name) from exc
        except OSError:  # no hard links here (some network or FAT drives)
            if target.exists():
                raise WorkspaceExists(final_name) from None
            os.replace(tmp, target)
    except (KeyError, zipfile.BadZipFile) as exc:
        raise UserError(f"{archive.name} is not a complete Earshot workspace file ({exc}).") from exc
    finally:
        tmp.unlink(missing_ok=True)
    open_workspace(root, final_name).close()  # migrates an older schema (after a backup)
    return final_name


def archive_dir(root: Path) -> Path:
    return root / ARCHIVE_DIR


def _siblings(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def archive_workspace(root: Path, name: str) -> Path:
    """Move a (closed) workspace into root/archive/; unarchive_workspace() brings it back."""
    source = workspace_path(root, name)
    if not source.is_file():
        raise UserError(f"No workspace named {name!r} to archive.")
    target = archive_dir(root) / source.name
    if target.exists():
        raise UserError(f"The archive already holds a workspace named {name!r}; rename one of them first.")
    target.parent.mkdir(parents=True, exist_ok=True)
    for part in _siblings(source):
        shutil.move(part, target.parent / part.name)
    return target


def unarchive_workspace(root: Path, name: str) -> Path:
    source = archive_dir(root) / f"{validate_name(name)}{SUFFIX}"
    if not source.is_file():
        raise UserError(f"No archived workspace named {name!r}.")
    target = workspace_path(root, name)
    if target.exists():
        raise WorkspaceExists(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    for part in _siblings(source):
        shutil.move(part, target.parent / part.name)
    return target


def list_archived(root: Path) -> list[str]:
    folder = archive_dir(root)
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if p.is_file()) if folder.is_dir() else []
