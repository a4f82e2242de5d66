"""Portable workspace files: every row of every table survives a round trip, no secret leaves, newer schemas
are refused, nothing is overwritten, archiving is reversible."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.errors import UserError, WorkspaceExists
from desktop_app.services.demo import create_demo_workspace
from desktop_app.services.insights import portable
from desktop_app.storage.schema import LATEST_VERSION
from desktop_app.storage.workspace import list_workspaces, open_workspace, workspace_path, write_settings

SECRET = "sk-live-THIS-MUST-NOT-LEAVE"


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = portable.table_counts(conn)
        return {t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"')), key=repr) for t in tables}
    finally:
        conn.close()


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path, dict[str, list[tuple[object, ...]]]]:
    root = tmp_path / "home"
    with create_demo_workspace(root, "client") as ws:
        ws.writer.call(
            lambda c: write_settings(c, {"api_token": SECRET, "smtp_password": SECRET, "keywords": ["x"]})
        )
        before = _dump(ws.path)
        archive = tmp_path / "client.earshot.zip"
        manifest = portable.export_workspace(ws, archive)
    assert manifest["scrubbed_settings"] == ["api_token", "smtp_password"]
    return root, archive, before


def test_round_trip_keeps_every_row_and_no_secret(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, archive, before = exported
    raw = archive.read_bytes()
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == ["manifest.json", "workspace.earshot"]
        db_bytes = zf.read("workspace.earshot")
        manifest = json.loads(zf.read("manifest.json"))
    assert SECRET.encode() not in raw and SECRET.encode() not in db_bytes
    assert manifest["schema_version"] == LATEST_VERSION and manifest["counts"]["mentions"] == len(
        before["mentions"]
    )
    name = portable.import_workspace(root, archive)
    assert name == "client-2"  # never overwrites the original
    after = _dump(workspace_path(root, name))
    expected = dict(before)
    expected["settings"] = [r for r in before["settings"] if r[0] not in ("api_token", "smtp_password")]
    assert after == expected
    assert all(len(rows) for t, rows in after.items() if t in ("mentions", "replies", "events", "sources"))
    other_root = tmp_path / "other"
    assert portable.import_workspace(other_root, archive) == "client"
    with open_workspace(other_root, "client") as ws:
        assert (
            ws.reader()
            .execute("SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'coffee'")
            .fetchone()[0]
        )


def test_import_never_overwrites_a_named_workspace(exported) -> None:  # type: ignore[no-untyped-def]
    root, archive, _ = exported
    with pytest.raises(WorkspaceExists):
        portable.import_workspace(root, archive, name="client")
    assert portable.import_workspace(root, archive, name="copy") == "copy"
    assert set(list_workspaces(root)) == {"client", "copy"}


def _rewrite(
    archive: Path, target: Path, *, manifest_changes: dict[str, object], db: bytes | None = None
) -> Path:
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        data = zf.read("workspace.earshot") if db is None else db
    manifest.update(manifest_changes)
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("workspace.earshot", data)
    return target


def test_a_newer_schema_is_refused(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, archive, _ = exported
    newer = _rewrite(archive, tmp_path / "newer.zip", manifest_changes={"schema_version": LATEST_VERSION + 1})
    with pytest.raises(UserError, match="newer Earshot"):
        portable.import_workspace(root, newer)
    assert list_workspaces(root) == ["client"]


def test_damaged_or_foreign_files_are_refused(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, archive, _ = exported
    with zipfile.ZipFile(archive) as zf:
        db = bytearray(zf.read("workspace.earshot"))
    db[-100] ^= 0xFF
    tampered = _rewrite(archive, tmp_path / "tampered.zip", manifest_changes={}, db=bytes(db))
    with pytest.raises(UserError, match="checksum"):
        portable.import_workspace(root, tampered)
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(UserError, match="not an Earshot workspace"):
        portable.import_workspace(root, not_zip)
    assert list_workspaces(root) == ["client"]
    assert not [p for p in (root / "workspaces").iterdir() if p.name.startswith(".")]


def test_archive_is_reversible(exported) -> None:  # type: ignore[no-untyped-def]
    root, _, before = exported
    moved = portable.archive_workspace(root, "client")
    assert moved.is_file() and list_workspaces(root) == [] and portable.list_archived(root) == ["client"]
    with pytest.raises(UserError):
        portable.archive_workspace(root, "client")
    restored = portable.unarchive_workspace(root, "client")
    assert list_workspaces(root) == ["client"] and _dump(restored) == before
