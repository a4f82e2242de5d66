"""The dashboard's figures on the demo workspace: every number shown equals what its click-through lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.demo import create_demo_workspace
from desktop_app.services.insights.dashboard import Bar, Cancelled, Dashboard, build_dashboard
from desktop_app.services.insights.people import conversions
from desktop_app.services.insights.report import responses
from desktop_app.services.insights.window import DAY
from desktop_app.storage.queries import MentionQuery, count_mentions, mention_ids
from desktop_app.storage.workspace import Workspace
from tests.support.factories import NOW

NOW_S = int(NOW.timestamp())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    root: Path = tmp_path_factory.mktemp("demo")
    ws = create_demo_workspace(root, now=NOW)
    yield ws
    ws.close()


def _authors(ws: Workspace, query: MentionQuery) -> int:
    ids = list(mention_ids(ws.reader(), query))
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    row = ws.reader().execute(f"SELECT count(DISTINCT author_id) FROM mentions WHERE id IN ({marks})", ids)
    return int(row.fetchone()[0])


def _check_mention_bars(ws: Workspace, bars: tuple[Bar, ...]) -> None:
    conn = ws.reader()
    for bar in bars:
        assert count_mentions(conn, bar.drill.query) == bar.total, bar.label
        for seg in bar.segments:
            assert count_mentions(conn, seg.drill.query) == seg.value, (bar.label, seg.key)


@pytest.mark.parametrize("offset", [0, 5 * 3600 + 1800, -8 * 3600])
def test_every_figure_counts_what_its_click_through_shows(demo: Workspace, offset: int) -> None:
    since, until = NOW_S - 30 * DAY, NOW_S
    data: Dashboard = build_dashboard(demo, since, until, offset=offset)
    conn = demo.reader()
    assert (
        data.total
        == conn.execute(
            "SELECT count(*) FROM mentions WHERE published_at >= ? AND published_at < ?", (since, until)
        ).fetchone()[0]
    )
    assert data.total > 100
    for group in (data.days, data.categories, data.sources, data.themes, data.voices, data.responses):
        assert group
        _check_mention_bars(demo, group)
    assert sum(b.total for b in data.days) == data.total == sum(b.total for b in data.categories)
    assert all(b.drill.query.since >= since and b.drill.query.until <= until for b in data.days)  # type: ignore[operator]
    for bar in (*data.people_kinds, *data.loudness):  # people: the number of authors behind the mentions
        assert _authors(demo, bar.drill.query) == bar.total, bar.label
    assert (
        sum(b.total for b in data.loudness)
        == conn.execute(
            "SELECT count(DISTINCT author_id) FROM mentions WHERE published_at >= ? AND published_at < ?",
            (since, until),
        ).fetchone()[0]
    )
    for tile in data.tiles:
        if tile.title in ("Mentions", "Needs reply"):
            assert tile.drill is not None and f"{count_mentions(conn, tile.drill.query):,}" == tile.value
    summary = conversions(conn, since, until)
    by_title = {b.label: b.total for b in data.conversions}
    assert by_title["Turned positive"] + by_title["Turned neutral"] == summary.turned
    assert sum(by_title.values()) == sum(c.was_negative for c in summary.authors) > 0
    for bar in data.conversions:
        assert _authors(demo, bar.drill.query) == bar.total, bar.label
    resp = responses(conn, since, until)  # the audit report's figures
    assert sum(b.total for b in data.responses) == resp.needing
    assert sum(b.total for b in data.responses if b.label != "Awaiting a response") == resp.responded > 0
    rate = next(t for t in data.tiles if t.title == "Response rate")
    assert rate.value == f"{resp.responded / resp.needing * 100:.0f}%"
    assert rate.drill is not None and count_mentions(conn, rate.drill.query) == resp.needing - resp.responded
    for person in data.people:
        assert count_mentions(conn, person.drill.query) == person.mentions, person.name
        assert person.kinds and person.reasons


def test_days_are_local_days_and_spikes_are_marked(demo: Workspace) -> None:
    since = NOW_S - NOW_S % DAY - 14 * DAY
    utc = build_dashboard(demo, since, since + 14 * DAY)
    assert len(utc.days) == 14 and [b.drill.query.since for b in utc.days][:2] == [since, since + DAY]
    east = build_dashboard(
        demo, since - 3600, since + 14 * DAY - 3600, offset=3600
    )  # local midnights in UTC+1
    assert len(east.days) == 14 and east.days[0].drill.query.since == since - 3600
    marked = [b for b in utc.days if b.marked]
    assert marked  # the demo has a burst of complaints in its last days
    assert {b.drill.query.since for b in marked} == set(utc.spike_days)
    for bar in marked:
        assert "Spike" in bar.tip
    calm = build_dashboard(demo, since, since + 14 * DAY, sigmas=50.0)  # the alert threshold from Settings
    assert calm.spike_days == () and not any(b.marked for b in calm.days)


def test_an_empty_period_has_zeros_not_errors(demo: Workspace) -> None:
    data = build_dashboard(demo, NOW_S + 10 * DAY, NOW_S + 17 * DAY)
    assert data.total == 0 and data.days == () and data.sources == () and data.themes == ()
    assert [t.value for t in data.tiles] == ["0", "–", "0", "–", "–"]
    assert all(b.total == 0 for b in (*data.categories, *data.people_kinds, *data.loudness))


def test_a_build_stops_when_cancelled(demo: Workspace) -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 3  # at the third step

    with pytest.raises(Cancelled):
        build_dashboard(demo, NOW_S - 30 * DAY, NOW_S, cancelled=cancelled)
    assert len(asked) == 3
    assert build_dashboard(demo, NOW_S - 30 * DAY, NOW_S, cancelled=lambda: False).total > 0


def test_an_early_result_has_everything_but_themes_and_people(demo: Workspace) -> None:
    early: list[Dashboard] = []
    final = build_dashboard(demo, NOW_S - 30 * DAY, NOW_S, partial=early.append)
    assert len(early) == 1 and not early[0].complete and final.complete
    assert early[0].themes == () and early[0].people == () and early[0].people_kinds == ()
    assert final.themes and final.people and final.people_kinds
    assert (early[0].total, early[0].days, early[0].sources, early[0].tiles) == (
        final.total,
        final.days,
        final.sources,
        final.tiles,
    )
