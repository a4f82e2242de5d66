from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app.core.errors import DamagedWorkspace, UserError, WorkspaceExists, WorkspaceNotFound
from desktop_app.core.models import BrandProfile
from desktop_app.storage.database import connect, integrity_ok, migrate, schema_version
from desktop_app.storage.schema import LATEST_VERSION
from desktop_app.storage.workspace import (
    create_workspace,
    list_workspaces,
    open_workspace,
    validate_name,
    workspace_path,
)


def test_create_and_reopen_keeps_profile(tmp_path: Path) -> None:
    profile = BrandProfile("Acme", ("Acme Corp", "@acme"), ("Globex",), ("acme trail",))
    with create_workspace(tmp_path, "acme", profile, title="Acme Inc."):
        pass
    with open_workspace(tmp_path, "acme") as ws:
        assert ws.profile() == profile
        assert ws.setting("title") == "Acme Inc."
        conn = ws.reader()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert schema_version(conn) == LATEST_VERSION
        assert integrity_ok(conn)
    assert list_workspaces(tmp_path) == ["acme"]


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound, match="init nope"):
        open_workspace(tmp_path, "nope")
    create_workspace(tmp_path, "a", BrandProfile("A")).close()
    with pytest.raises(WorkspaceExists):
        create_workspace(tmp_path, "a", BrandProfile("A"))
    with pytest.raises(UserError):
        validate_name("../etc")
    with pytest.raises(UserError):
        create_workspace(tmp_path, "b", BrandProfile(" "))
    assert list_workspaces(tmp_path) == ["a"]


def test_reader_is_read_only(tmp_path: Path) -> None:
    with create_workspace(tmp_path, "a", BrandProfile("A")) as ws, pytest.raises(sqlite3.OperationalError):
        ws.reader().execute("DELETE FROM settings")


def test_damaged_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = workspace_path(tmp_path, "broken")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DamagedWorkspace, match=r"damaged|not a readable"):
        open_workspace(tmp_path, "broken")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    create_workspace(tmp_path, "a", BrandProfile("A")).close()
    conn = sqlite3.connect(workspace_path(tmp_path, "a"))
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    with pytest.raises(DamagedWorkspace, match="newer Earshot"):
        open_workspace(tmp_path, "a")


def test_migration_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.storage import database, schema

    create_workspace(tmp_path, "a", BrandProfile("A")).close()
    extra = "CREATE TABLE later_feature (id INTEGER PRIMARY KEY);"
    monkeypatch.setattr(database, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(database, "LATEST_VERSION", LATEST_VERSION + 1)
    path = workspace_path(tmp_path, "a")
    conn = connect(path)
    assert migrate(conn, path, tmp_path / "backups") == LATEST_VERSION + 1
    conn.execute("SELECT * FROM later_feature")
    conn.close()
    backups = list((tmp_path / "backups").glob("a-before-v*.earshot"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.storage import database, schema

    create_workspace(tmp_path, "a", BrandProfile("A")).close()
    monkeypatch.setattr(
        database, "MIGRATIONS", (*schema.MIGRATIONS, "CREATE TABLE x (id); SELECT nope FROM nowhere;")
    )
    monkeypatch.setattr(database, "LATEST_VERSION", LATEST_VERSION + 1)
    path = workspace_path(tmp_path, "a")
    conn = connect(path)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, path, tmp_path / "backups")
    assert schema_version(conn) == LATEST_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'x'").fetchone()[0] == 0


def test_reads_run_beside_a_long_write(tmp_path: Path) -> None:
    with create_workspace(tmp_path, "a", BrandProfile("A")) as ws:
        started, release = threading.Event(), threading.Event()

        def slow_write(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
            started.set()
            release.wait(5)

        future = ws.writer.submit(slow_write)
        assert started.wait(5)
        # the reader is not blocked by the open write transaction, and does not see it yet
        assert ws.reader().execute("SELECT count(*) FROM settings WHERE key = 'k'").fetchone()[0] == 0
        release.set()
        future.result()
        assert ws.reader().execute("SELECT count(*) FROM settings WHERE key = 'k'").fetchone()[0] == 1


def test_failed_write_rolls_back_whole(tmp_path: Path) -> None:
    with create_workspace(tmp_path, "a", BrandProfile("A")) as ws:

        def bad(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO settings (key, value) VALUES ('half', '1')")
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            ws.writer.call(bad)
        assert ws.reader().execute("SELECT count(*) FROM settings WHERE key = 'half'").fetchone()[0] == 0


def test_names_typed_in_quotes_are_the_phrase(tmp_path: Path) -> None:
    profile = BrandProfile('"Acme"', ('"Acme Coffee"', "\u201cAcme Tea\u201d", 'say "hi"', "AcmeCo OR @acme"),
                           ('"Globex"',), ('"acme trail"',))  # fmt: skip
    with create_workspace(tmp_path, "acme", profile) as ws:
        got = ws.profile()
    assert got.brand == "Acme" and got.competitors == ("Globex",) and got.excluded == ("acme trail",)
    assert got.aliases == ("Acme Coffee", "Acme Tea", 'say "hi"', "AcmeCo OR @acme")
