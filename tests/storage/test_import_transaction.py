"""Importing writes its source and its mentions in one transaction: a failed write leaves nothing behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.services import mention_io
from desktop_app.storage import mention_writes
from tests.support.factories import make_workspace


def _sources(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sources")]


def test_a_failed_store_leaves_no_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.csv"
    f.write_text("text\nAcme one\nAcme two\n")

    def broken(conn: sqlite3.Connection, scored: object, **_: object) -> None:
        conn.execute("INSERT INTO mentions (uid) VALUES (NULL)")  # fails half-way through the write

    with make_workspace(tmp_path) as ws:
        monkeypatch.setattr(mention_writes, "store_mentions", broken)
        with pytest.raises(sqlite3.IntegrityError):
            mention_io.import_mentions(ws, f)
        monkeypatch.undo()
        assert _sources(ws.reader()) == []
        changes = mention_io.import_mentions(ws, f)
        assert len(changes.added) == 2 and changes.duplicates == 0
        assert _sources(ws.reader()) == ["Import: a.csv"]
        source_ids = {r[0] for r in ws.reader().execute("SELECT source_id FROM mentions")}
        assert source_ids == {ws.reader().execute("SELECT id FROM sources").fetchone()[0]}


def test_row_ids_depend_on_content_not_position(tmp_path: Path) -> None:
    first = mention_io.record_to_item({"text": "Acme one"}, 0)
    moved = mention_io.record_to_item({"text": "Acme one"}, 7)
    other = mention_io.record_to_item({"text": "Acme two"}, 0)
    own = mention_io.record_to_item({"id": "1", "text": "Acme one"}, 0)
    assert first and moved and other and own
    assert first.source_item_id == moved.source_item_id
    assert len({first.source_item_id, other.source_item_id, own.source_item_id}) == 3
