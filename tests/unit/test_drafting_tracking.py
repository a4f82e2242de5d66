"""Response tracking on a real workspace, with replies recorded through the triage service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.drafting.tracking import (
    median_response_seconds,
    response_rate_by_source,
    response_rate_by_week,
    response_times,
    second_reply_warning,
    time_to_first_response,
    unanswered_complaint_clock,
)
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import Workspace
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store

T = int(NOW.timestamp())
HOUR = 3600


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()


def _reply(ws: Workspace, mention_id: int, at: int, text: str = "Sorry, please DM us.") -> None:
    TriageService(ws, clock=lambda: at).record_reply(mention_id, text, channel="x").result()


def _setup(ws: Workspace) -> dict[str, int]:
    feed = add_source(ws, "Feed")
    forum = add_source(ws, "Forum", url="https://forum.example/rss")
    complaint = score(80, Label.NEGATIVE, Category.COMPLAINT)
    ids = store(
        ws,
        [
            (mention(feed, 1, author="alice", hours_ago=30, text="Acme broke my order"), complaint),
            (mention(feed, 2, author="bob", hours_ago=10, text="Acme never answers"), complaint),
            (mention(forum, 3, author="carol", hours_ago=5, text="Acme is late"), complaint),
            (mention(forum, 4, author="alice", hours_ago=1, text="Acme again"), complaint),
            (
                mention(feed, 5, author="dan", hours_ago=2, text="Acme is nice"),
                score(10, Label.POSITIVE, Category.PRAISE),
            ),
        ],
    )
    names = dict(zip(("alice1", "bob", "carol", "alice2", "dan"), ids, strict=True))
    _reply(ws, names["alice1"], T - 28 * HOUR)  # answered 2 h after posting
    _reply(ws, names["carol"], T - 4 * HOUR)  # answered 1 h after posting
    return names


def test_time_to_first_response(ws: Workspace) -> None:
    ids = _setup(ws)
    conn = ws.reader()
    assert time_to_first_response(conn, ids["alice1"]) == 2 * HOUR
    assert time_to_first_response(conn, ids["carol"]) == HOUR
    assert time_to_first_response(conn, ids["bob"]) is None
    _reply(ws, ids["carol"], T)  # a later second reply does not change the first
    assert time_to_first_response(ws.reader(), ids["carol"]) == HOUR
    assert sorted(response_times(ws.reader())) == sorted([(ids["alice1"], 2 * HOUR), (ids["carol"], HOUR)])
    assert median_response_seconds(ws.reader()) == 1.5 * HOUR
    assert median_response_seconds(ws.reader(), since=T - 6 * HOUR) == HOUR


def test_unanswered_complaint_clock(ws: Workspace) -> None:
    ids = _setup(ws)
    assert unanswered_complaint_clock(ws.reader(), T) == 10 * HOUR  # bob's, the oldest still new
    _reply(ws, ids["bob"], T)
    assert unanswered_complaint_clock(ws.reader(), T) == HOUR  # alice's second
    _reply(ws, ids["alice2"], T)
    assert unanswered_complaint_clock(ws.reader(), T) is None


def test_response_rate_by_source(ws: Workspace) -> None:
    _setup(ws)
    rates = {r.key: (r.mentions, r.answered) for r in response_rate_by_source(ws.reader())}
    assert rates == {"Feed": (2, 1), "Forum": (2, 1)}  # dan's praise does not call for a reply
    assert all(r.rate == 0.5 for r in response_rate_by_source(ws.reader()))


def test_response_rate_by_iso_week(ws: Workspace) -> None:
    _setup(ws)
    weeks = response_rate_by_week(ws.reader())
    assert [w.key for w in weeks] == ["2026-W47"]  # 2026-11-19/20 are in ISO week 47
    assert (weeks[0].mentions, weeks[0].answered) == (4, 2)


def test_second_reply_warning(ws: Workspace) -> None:
    ids = _setup(ws)
    conn = ws.reader()
    warning = second_reply_warning(conn, ids["alice2"], now=T)
    assert warning is not None and "alice" in warning and "1 day" in warning
    assert second_reply_warning(conn, ids["bob"], now=T) is None
    assert second_reply_warning(conn, ids["alice2"], now=T + 15 * 86_400) is None  # older than 14 days
    assert second_reply_warning(conn, ids["carol"], now=T) is not None  # this very mention was answered


def test_marked_responded_without_text_counts_as_answered(ws: Workspace) -> None:
    """Several rows marked responded at once (answered elsewhere) count in every rate, like the dashboard."""
    ids = _setup(ws)
    TriageService(ws, clock=lambda: T).mark_responded([ids["bob"], ids["alice2"]]).result()
    conn = ws.reader()
    assert time_to_first_response(conn, ids["bob"]) == 10 * HOUR
    rates = {r.key: (r.mentions, r.answered) for r in response_rate_by_source(conn)}
    assert rates == {"Feed": (2, 2), "Forum": (2, 2)}
    assert response_rate_by_week(conn)[0].answered == 4
    assert len(response_times(conn)) == 4
    # a reply recorded before the mark still counts from its own (earlier) time
    assert time_to_first_response(conn, ids["carol"]) == HOUR
