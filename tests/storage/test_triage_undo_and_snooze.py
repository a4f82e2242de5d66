"""Undo takes a recorded reply back whole; snoozed mentions come back when their time has come."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.drafting.tracking import second_reply_warning, time_to_first_response
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import Workspace
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store

T = int(NOW.timestamp())


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()


def _one(ws: Workspace) -> int:
    source = add_source(ws)
    complaint = score(80, Label.NEGATIVE, Category.COMPLAINT)
    (mid,) = store(ws, [(mention(source, 1, hours_ago=2, text="Acme lost my parcel"), complaint)])
    return mid


def _row(ws: Workspace, mid: int) -> tuple:
    return tuple(
        ws.reader()
        .execute("SELECT status, responded_at, is_read FROM mentions WHERE id = ?", (mid,))
        .fetchone()
    )


def test_undo_of_a_recorded_reply_removes_it_and_brings_the_draft_back(ws: Workspace) -> None:
    mid = _one(ws)
    triage = TriageService(ws, clock=lambda: T)
    triage.save_draft(mid, "Sorry about the parcel, please DM us").result()
    before = _row(ws, mid)
    triage.record_reply(mid, "Sorry about the parcel, please DM us your order number").result()
    conn = ws.reader()
    assert conn.execute("SELECT count(*) FROM replies").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    triage.undo().result()
    conn = ws.reader()
    assert _row(ws, mid) == before
    assert conn.execute("SELECT count(*) FROM replies").fetchone()[0] == 0
    assert conn.execute("SELECT text FROM drafts WHERE mention_id = ?", (mid,)).fetchone()[0] == (
        "Sorry about the parcel, please DM us"
    )
    assert time_to_first_response(conn, mid) is None
    assert second_reply_warning(conn, mid, now=T) is None  # no phantom "already answered"
    actions = [
        r[0] for r in conn.execute("SELECT action FROM events WHERE mention_id = ? ORDER BY id", (mid,))
    ]
    assert actions == ["replied", "undo"]


def test_undo_keeps_a_draft_started_after_the_reply(ws: Workspace) -> None:
    mid = _one(ws)
    triage = TriageService(ws, clock=lambda: T)
    triage.save_draft(mid, "old draft").result()
    triage.record_reply(mid, "the reply").result()
    triage.save_draft(mid, "a follow-up being written").result()
    triage.undo().result()
    text = ws.reader().execute("SELECT text FROM drafts WHERE mention_id = ?", (mid,)).fetchone()[0]
    assert text == "a follow-up being written"


def test_snoozed_mentions_wake_when_due_and_not_before(ws: Workspace) -> None:
    mid = _one(ws)
    now = [T]
    triage = TriageService(ws, clock=lambda: now[0])
    triage.snooze([mid], T + 3600).result()
    assert _row(ws, mid)[0] == "snoozed"
    now[0] = T + 3599
    assert triage.wake_snoozed().result().updated == ()
    assert _row(ws, mid)[0] == "snoozed"
    now[0] = T + 3600
    assert triage.wake_snoozed().result().updated == (mid,)
    status, _responded, is_read = _row(ws, mid)
    assert (status, is_read) == ("new", 0)  # back in the inbox, unread, so it is seen again
    action = ws.reader().execute("SELECT action FROM events ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert action == "woke"
