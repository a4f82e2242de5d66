"""The sidebar's counts: one scan of the counts index gives every view's count, equal to what the view lists."""

from __future__ import annotations

import itertools
from pathlib import Path

from desktop_app.core.models import Category, Label
from desktop_app.services.triage import TriageService
from desktop_app.storage.queries import (
    NEEDS_REPLY_EXPR,
    MentionQuery,
    View,
    count_mentions,
    list_sources,
    view_counts,
)
from desktop_app.storage.schema import MIGRATION_1
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store


def test_counts_match_every_view(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        feed, forum = add_source(ws, "Feed"), add_source(ws, "Forum", url="https://forum.example/rss")
        combos = list(itertools.product(Label, Category))
        pairs = [
            (mention(feed if i % 2 else forum, i, text=f"Acme {i}"), score(i % 100, label, category))
            for i, (label, category) in enumerate(combos * 3)
        ]
        ids = store(ws, pairs)
        triage = TriageService(ws, clock=lambda: NOW.timestamp())
        triage.archive(ids[0:7]).result()
        triage.mark_responded(ids[7:15]).result()
        triage.snooze(ids[15:20], int(NOW.timestamp()) + 3600).result()
        triage.set_read(ids[20:40], True).result()
        conn = ws.reader()
        counts = view_counts(conn)
        assert counts == {v: count_mentions(conn, MentionQuery(view=v)) for v in View}
        assert sum(counts[v] for v in (View.ARCHIVED, View.RESPONDED, View.SNOOZED, View.NEW)) == len(ids)
        assert view_counts(conn, [View.SNOOZED]) == {View.SNOOZED: 5}
        assert view_counts(conn, []) == {}
        unread = {r["name"]: r["unread"] for r in list_sources(conn)}
        expected = {
            name: conn.execute(
                "SELECT count(*) FROM mentions WHERE source_id = ? AND is_read = 0 AND status = 'new'", (sid,)
            ).fetchone()[0]
            for name, sid in (("Feed", feed), ("Forum", forum))
        }
        assert unread == expected and sum(unread.values()) > 0


def test_the_count_reads_the_index_not_the_table(tmp_path: Path) -> None:
    with make_workspace(tmp_path) as ws:
        plan = " ".join(
            str(r[3])
            for r in ws.reader().execute(
                "EXPLAIN QUERY PLAN SELECT status, label, category, count(*) FROM mentions GROUP BY 1, 2, 3"
            )
        )
        assert "COVERING INDEX mentions_counts" in plan


def test_needs_reply_is_spelled_as_the_schema_spells_it() -> None:
    assert " ".join(NEEDS_REPLY_EXPR.split()) in " ".join(MIGRATION_1.split())
