from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.models import Category, Label, Status
from desktop_app.services.triage import TriageService
from desktop_app.storage.queries import (
    MentionQuery,
    Sort,
    View,
    author_history,
    count_mentions,
    fts_query,
    mention_detail,
    mention_ids,
    mention_rows,
    story_siblings,
)
from desktop_app.storage.workspace import Workspace
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    with make_workspace(tmp_path) as workspace:
        yield workspace


def test_same_item_twice_is_stored_once(ws: Workspace) -> None:
    sid = add_source(ws)
    first = store(ws, [(mention(sid, 1), score()), (mention(sid, 2), score())])
    again = store(ws, [(mention(sid, 1), score()), (mention(sid, 2), score()), (mention(sid, 3), score())])
    assert len(first) == 2 and len(again) == 1
    assert count_mentions(ws.reader(), MentionQuery(view=View.EVERYTHING)) == 3


def test_same_url_from_two_sources_is_stored_once(ws: Workspace) -> None:
    a, b = add_source(ws, "A", "https://a.example/rss"), add_source(ws, "B", "https://b.example/rss")
    store(ws, [(mention(a, 1, url="https://news.example/story?utm_source=a"), score())])
    added = store(ws, [(mention(b, 9, url="https://www.news.example/story#top"), score())])
    assert added == ()


def test_authors_are_tracked_across_sources(ws: Workspace) -> None:
    a, b = add_source(ws, "A", "https://a.example/rss"), add_source(ws, "B", "https://b.example/rss")
    store(ws, [(mention(a, 1, author="@Bob", hours_ago=5), score(label=Label.NEGATIVE))])
    store(ws, [(mention(b, 2, author="bob"), score()), (mention(b, 3, author="carol"), score())])
    row = ws.reader().execute("SELECT id, name, mention_count FROM authors WHERE key = 'bob'").fetchone()
    assert row["mention_count"] == 2
    history = author_history(ws.reader(), row["id"])
    assert [h["title"] for h in history] == ["Acme story 2", "Acme story 1"]


def test_views_sorts_and_pages(ws: Workspace) -> None:
    sid = add_source(ws)
    store(ws, [
        (mention(sid, 1, hours_ago=1), score(90, Label.NEGATIVE, Category.COMPLAINT)),
        (mention(sid, 2, hours_ago=2), score(20, Label.POSITIVE, Category.PRAISE)),
        (mention(sid, 3, hours_ago=3), score(60, Label.NEUTRAL, Category.QUESTION)),
        (mention(sid, 4, hours_ago=4), score(70, Label.NEGATIVE, Category.OTHER)),
    ])  # fmt: skip
    conn = ws.reader()

    def titles(q: MentionQuery) -> list[str]:
        ids = list(mention_ids(conn, q))
        rows = mention_rows(conn, ids)
        return [rows[i]["title"][-1] for i in ids]

    assert titles(MentionQuery(view=View.NEEDS_REPLY)) == ["1", "4"]
    assert titles(MentionQuery(view=View.ALL)) == ["1", "4", "3", "2"]
    assert titles(MentionQuery(view=View.ALL, sort=Sort.OLDEST)) == ["4", "3", "2", "1"]
    assert titles(MentionQuery(view=View.QUESTIONS)) == ["3"]
    assert titles(MentionQuery(view=View.PRAISE)) == ["2"]
    assert titles(MentionQuery(view=View.ALL, sort=Sort.NEWEST)) == ["1", "2", "3", "4"]
    assert (
        list(mention_ids(conn, MentionQuery(view=View.ALL), limit=2))
        == list(mention_ids(conn, MentionQuery(view=View.ALL)))[:2]
    )


def test_full_text_search(ws: Workspace) -> None:
    sid = add_source(ws)
    store(ws, [
        (mention(sid, 1, text="They refused my refund twice"), score()),
        (mention(sid, 2, text="Lovely café, great refunds policy"), score()),
        (mention(sid, 3, text="Nothing to see"), score()),
    ])  # fmt: skip
    conn = ws.reader()
    assert count_mentions(conn, MentionQuery(view=View.ALL, search="refund")) == 2  # porter stems "refunds"
    assert count_mentions(conn, MentionQuery(view=View.ALL, search='"refused my refund"')) == 1
    assert count_mentions(conn, MentionQuery(view=View.ALL, search="ref")) == 2  # prefix while typing
    assert count_mentions(conn, MentionQuery(view=View.ALL, search="refused -nothing")) == 1


def test_fts_query_quotes_every_word() -> None:
    assert fts_query("Refund OR (late") == '"Refund"* AND "OR"* AND "late"*'
    assert fts_query('"cold latte" now') == '"cold latte" AND "now"*'
    assert fts_query("  ") == ""


def test_search_with_fts_syntax_is_safe(ws: Workspace) -> None:
    sid = add_source(ws)
    store(ws, [(mention(sid, 1, text="near the OR desk"), score())])
    for text in ['"', "(", "NEAR(", "*", "a:b", "OR", "-x", "'", "\\"]:
        count_mentions(ws.reader(), MentionQuery(view=View.ALL, search=text))


def test_story_siblings(ws: Workspace) -> None:
    sid = add_source(ws)
    ids = store(ws, [
        (mention(sid, 1, title="Acme app outage leaves customers unable to order - Bugle"), score()),
        (mention(sid, 2, title="Acme app outage leaves customers unable to order - Metro"), score()),
        (mention(sid, 3, title="Acme opens a new shop downtown today - Bugle"), score()),
    ])  # fmt: skip
    assert [r["id"] for r in story_siblings(ws.reader(), ids[0])] == [ids[1]]


def test_triage_actions_log_events_and_undo(ws: Workspace) -> None:
    sid = add_source(ws)
    ids = store(ws, [(mention(sid, i), score(80, Label.NEGATIVE, Category.COMPLAINT)) for i in range(3)])
    triage = TriageService(ws, clock=lambda: NOW.timestamp())
    triage.archive(ids[:2]).result()
    triage.snooze([ids[2]], until=int(NOW.timestamp()) + 3600).result()
    conn = ws.reader()
    assert count_mentions(conn, MentionQuery(view=View.ARCHIVED)) == 2
    assert count_mentions(conn, MentionQuery(view=View.SNOOZED)) == 1
    triage.undo().result()
    assert count_mentions(conn, MentionQuery(view=View.SNOOZED)) == 0
    triage.undo().result()
    assert count_mentions(conn, MentionQuery(view=View.NEEDS_REPLY)) == 3
    assert triage.undo().result().updated == ()  # nothing left to undo
    actions = [r[0] for r in conn.execute("SELECT action FROM events ORDER BY id")]
    assert actions == ["archived", "archived", "snoozed", "undo", "undo", "undo"]


def test_snoozed_wake_up(ws: Workspace) -> None:
    sid = add_source(ws)
    ids = store(ws, [(mention(sid, 1), score(80, Label.NEGATIVE))])
    clock = [NOW.timestamp()]
    triage = TriageService(ws, clock=lambda: clock[0])
    triage.snooze(ids, until=int(NOW.timestamp()) + 60).result()
    assert triage.wake_snoozed().result().updated == ()
    clock[0] += 61
    assert triage.wake_snoozed().result().updated == ids
    assert mention_detail(ws.reader(), ids[0])["status"] == Status.NEW


def test_reply_records_text_and_time(ws: Workspace) -> None:
    sid = add_source(ws)
    (mid,) = store(ws, [(mention(sid, 1), score(80, Label.NEGATIVE))])
    triage = TriageService(ws, clock=lambda: NOW.timestamp())
    triage.save_draft(mid, "Sorry to hear that").result()
    assert mention_detail(ws.reader(), mid)["draft"] == "Sorry to hear that"
    triage.record_reply(mid, "Sorry to hear that, DM us").result()
    detail = mention_detail(ws.reader(), mid)
    assert detail["status"] == "responded" and detail["responded_at"] == int(NOW.timestamp())
    assert detail["draft"] is None
    reply = ws.reader().execute("SELECT text FROM replies WHERE mention_id = ?", (mid,)).fetchone()
    assert reply[0] == "Sorry to hear that, DM us"


def test_change_listeners_hear_commits(ws: Workspace) -> None:
    heard = []
    ws.writer.add_listener(heard.append)
    sid = add_source(ws)
    ids = store(ws, [(mention(sid, 1), score())])
    assert heard and heard[-1].added == ids
