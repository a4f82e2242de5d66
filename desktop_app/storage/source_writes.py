"""Sources: add, change, remove, and their health after each poll."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlite_utils

from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes


def add_source(
    conn: sqlite3.Connection,
    *,
    name: str,
    kind: str,
    config: dict[str, Any],
    interval_minutes: int,
    now: int,
    enabled: bool = True,
) -> int:
    name = " ".join(name.split())
    if not name:
        raise UserError("A source needs a name.")
    if conn.execute("SELECT 1 FROM sources WHERE name = ?", (name,)).fetchone():
        raise UserError(f"A source named {name!r} already exists in this workspace.")
    table = sqlite_utils.Database(conn)["sources"]
    table.insert(  # type: ignore[union-attr]
        {
            "name": name,
            "kind": kind,
            "config": json.dumps(config, sort_keys=True),
            "enabled": int(enabled),
            "interval_minutes": max(1, int(interval_minutes)),
            "created_at": now,
            "next_poll_at": now,
        }
    )
    return int(table.last_pk)  # type: ignore[union-attr, arg-type]


def update_source(conn: sqlite3.Connection, source_id: int, **fields: Any) -> Changes:
    allowed = {"name", "config", "enabled", "interval_minutes", "next_poll_at"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    if "config" in fields:
        fields["config"] = json.dumps(fields["config"], sort_keys=True)
    if "enabled" in fields:
        fields["enabled"] = int(bool(fields["enabled"]))
    sqlite_utils.Database(conn)["sources"].update(source_id, fields)  # type: ignore[union-attr]
    return Changes(sources_updated=(source_id,))


def delete_source(conn: sqlite3.Connection, source_id: int) -> Changes:
    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
    return Changes(sources_updated=(source_id,))


def record_success(
    conn: sqlite3.Connection,
    source_id: int,
    *,
    now: int,
    next_poll_at: int,
    fetched: int,
    dropped: int,
    etag: str | None,
    last_modified: str | None,
    cursor: str | None,
) -> None:
    conn.execute(
        """UPDATE sources SET last_attempt_at = :now, last_success_at = :now, last_error = NULL,
               last_error_kind = NULL, consecutive_failures = 0, next_poll_at = :next,
               items_fetched = items_fetched + :fetched, items_dropped = items_dropped + :dropped,
               etag = coalesce(:etag, etag), last_modified = coalesce(:lm, last_modified),
               cursor = coalesce(:cursor, cursor)
           WHERE id = :id""",
        {
            "now": now,
            "next": next_poll_at,
            "fetched": fetched,
            "dropped": dropped,
            "etag": etag,
            "lm": last_modified,
            "cursor": cursor,
            "id": source_id,
        },
    )


def record_failure(
    conn: sqlite3.Connection, source_id: int, *, now: int, next_poll_at: int, kind: str, message: str
) -> None:
    conn.execute(
        """UPDATE sources SET last_attempt_at = ?, last_error = ?, last_error_kind = ?,
               consecutive_failures = consecutive_failures + 1, next_poll_at = ?
           WHERE id = ?""",
        (now, message[:500], kind, next_poll_at, source_id),
    )
