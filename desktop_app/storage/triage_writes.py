"""Status changes, read marks, drafts and replies. Every change is logged in `events`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.models import Changes, Status


@dataclass(frozen=True, slots=True)
class PriorState:
    """What a mention looked like before an action, so the action can be undone."""

    mention_id: int
    status: str
    snoozed_until: int | None
    responded_at: int | None
    is_read: int


def prior_states(conn: sqlite3.Connection, ids: Sequence[int]) -> list[PriorState]:
    states: list[PriorState] = []
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start : chunk_start + 500])
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, status, snoozed_until, responded_at, is_read FROM mentions WHERE id IN ({marks})",
            chunk,
        ).fetchall()
        states.extend(PriorState(*tuple(r)) for r in rows)
    return states


def set_status(
    conn: sqlite3.Connection,
    ids: Sequence[int],
    status: Status,
    *,
    now: int,
    snoozed_until: int | None = None,
    action: str | None = None,
) -> tuple[Changes, list[PriorState]]:
    prior = prior_states(conn, ids)
    responded_at_sql = "coalesce(responded_at, :now)" if status == Status.RESPONDED else "responded_at"
    conn.executemany(
        f"UPDATE mentions SET status = :status, snoozed_until = :snooze, status_changed_at = :now,"
        f" responded_at = {responded_at_sql}, is_read = 1 WHERE id = :id",
        [{"status": status.value, "snooze": snoozed_until, "now": now, "id": p.mention_id} for p in prior],
    )
    detail = json.dumps({"snoozed_until": snoozed_until}) if snoozed_until else None
    conn.executemany(
        "INSERT INTO events (at, mention_id, action, old_status, new_status, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [(now, p.mention_id, action or status.value, p.status, status.value, detail) for p in prior],
    )
    return Changes(updated=tuple(p.mention_id for p in prior)), prior


def restore(conn: sqlite3.Connection, prior: Sequence[PriorState], *, now: int) -> Changes:
    """Undo: put mentions back as they were, and log it."""
    current = {p.mention_id: p.status for p in prior_states(conn, [p.mention_id for p in prior])}
    conn.executemany(
        "UPDATE mentions SET status = ?, snoozed_until = ?, responded_at = ?, is_read = ?,"
        " status_changed_at = ? WHERE id = ?",
        [(p.status, p.snoozed_until, p.responded_at, p.is_read, now, p.mention_id) for p in prior],
    )
    conn.executemany(
        "INSERT INTO events (at, mention_id, action, old_status, new_status) VALUES (?, ?, 'undo', ?, ?)",
        [(now, p.mention_id, current.get(p.mention_id), p.status) for p in prior],
    )
    return Changes(updated=tuple(p.mention_id for p in prior))


def set_read(conn: sqlite3.Connection, ids: Sequence[int], read: bool, *, now: int) -> Changes:
    conn.executemany("UPDATE mentions SET is_read = ? WHERE id = ?", [(int(read), i) for i in ids])
    conn.executemany(
        "INSERT INTO events (at, mention_id, action) VALUES (?, ?, ?)",
        [(now, i, "read" if read else "unread") for i in ids],
    )
    return Changes(updated=tuple(ids))


def wake_snoozed(conn: sqlite3.Connection, *, now: int) -> Changes:
    """Snoozed mentions whose time has come go back to the inbox."""
    rows = conn.execute(
        "SELECT id FROM mentions WHERE status = 'snoozed' AND snoozed_until IS NOT NULL AND snoozed_until <= ?",
        (now,),
    ).fetchall()
    ids = [r[0] for r in rows]
    if not ids:
        return Changes()
    changes, _ = set_status(conn, ids, Status.NEW, now=now, action="woke")
    conn.executemany("UPDATE mentions SET is_read = 0 WHERE id = ?", [(i,) for i in ids])
    return changes


def save_draft(conn: sqlite3.Connection, mention_id: int, text: str, *, now: int) -> None:
    if text.strip():
        conn.execute(
            "INSERT INTO drafts (mention_id, text, updated_at) VALUES (?, ?, ?) ON CONFLICT(mention_id)"
            " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            (mention_id, text, now),
        )
    else:
        conn.execute("DELETE FROM drafts WHERE mention_id = ?", (mention_id,))


@dataclass(frozen=True, slots=True)
class ReplyRecord:
    """What recording a reply added and removed, so that undoing it takes the reply back."""

    reply_id: int
    mention_id: int
    draft: str | None  # the draft the reply replaced (put back on undo)
    draft_updated_at: int | None


def record_reply(
    conn: sqlite3.Connection, mention_id: int, text: str, *, now: int, channel: str | None = None
) -> tuple[Changes, list[PriorState], ReplyRecord]:
    draft = conn.execute("SELECT text, updated_at FROM drafts WHERE mention_id = ?", (mention_id,)).fetchone()
    cursor = conn.execute(
        "INSERT INTO replies (mention_id, text, channel, replied_at) VALUES (?, ?, ?, ?)",
        (mention_id, text, channel, now),
    )
    conn.execute("DELETE FROM drafts WHERE mention_id = ?", (mention_id,))
    changes, prior = set_status(conn, [mention_id], Status.RESPONDED, now=now, action="replied")
    record = ReplyRecord(
        int(cursor.lastrowid or 0), mention_id, draft[0] if draft else None, draft[1] if draft else None
    )
    return changes, prior, record


def take_back_reply(conn: sqlite3.Connection, record: ReplyRecord) -> None:
    """Undo of a recorded reply: the reply row goes (it was never sent as far as tracking knows) and the
    draft it replaced comes back, unless the user has started a new one since."""
    conn.execute("DELETE FROM replies WHERE id = ?", (record.reply_id,))
    if record.draft is not None:
        conn.execute(
            "INSERT OR IGNORE INTO drafts (mention_id, text, updated_at) VALUES (?, ?, ?)",
            (record.mention_id, record.draft, record.draft_updated_at or 0),
        )
