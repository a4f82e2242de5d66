"""Negative spikes: counted on complaints and negative mentions only, per local day, alerted once per day."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.services.insights import patterns
from desktop_app.services.insights.spike_alert import LAST_ALERT_KEY, check_for_spike
from desktop_app.services.insights.window import DAY
from desktop_app.storage.workspace import Workspace
from tests.support.factories import NOW, add_source, make_workspace, mention, score, store

NOW_S = int(NOW.timestamp())  # 2026-11-20 12:00 UTC
COMPLAINT = score(80, Label.NEGATIVE, Category.COMPLAINT)
HAPPY = score(10, Label.POSITIVE, Category.PRAISE)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with make_workspace(tmp_path) as workspace:
        yield workspace


class Seeder:
    def __init__(self, ws: Workspace) -> None:
        self.ws, self.source, self.n = ws, add_source(ws), 0

    def add(self, hours_ago: float, s: object, times: int = 1) -> tuple[int, ...]:
        pairs = []
        for _ in range(times):
            self.n += 1
            pairs.append((mention(self.source, self.n, author=f"a{self.n}", hours_ago=hours_ago), s))
        return store(self.ws, pairs)  # type: ignore[arg-type]


def _baseline(seed: Seeder, days: int = 14) -> None:
    for day in range(1, days + 1):  # one complaint and one happy mention a day
        seed.add(24 * day, COMPLAINT)
        seed.add(24 * day + 2, HAPPY)


def test_a_negative_spike_counts_complaints_only(ws: Workspace) -> None:
    seed = Seeder(ws)
    _baseline(seed)
    seed.add(1, HAPPY, times=15)  # a flood of praise is a volume spike, not a negative one
    conn = ws.reader()
    assert [s.count for s in patterns.spikes(conn, NOW_S - DAY, NOW_S + 1)] == [15]
    assert patterns.spikes(conn, NOW_S - DAY, NOW_S + 1, concern_only=True) == []
    assert patterns.latest_negative_spike(conn, NOW_S) is None
    complaints = seed.add(2, COMPLAINT, times=9)
    spike = patterns.latest_negative_spike(conn, NOW_S)
    assert spike is not None and spike.count == 9 and spike.day == NOW_S - 12 * 3600
    assert spike.ratio == 9.0
    assert set(patterns.concern_ids(conn, spike.day, spike.day + DAY)) == set(complaints)
    assert patterns.latest_negative_spike(conn, NOW_S, sigmas=20.0) is None  # a higher threshold
    days = patterns.daily_volume(conn, NOW_S - 2 * DAY, NOW_S + 1)
    assert [(d.total, d.concern) for d in days] == [(1, 1), (2, 1), (24, 9)]  # from noon two days ago


def test_yesterday_evening_still_counts_and_days_follow_the_offset(ws: Workspace) -> None:
    seed = Seeder(ws)
    _baseline(seed)
    seed.add(14, COMPLAINT, times=8)  # 22:00 UTC yesterday
    conn = ws.reader()
    spike = patterns.latest_negative_spike(conn, NOW_S)
    assert (
        spike is not None and spike.day == NOW_S - 12 * 3600 - DAY and spike.count == 9
    )  # 8 + the usual one
    # In UTC+3 those 8 fall on 01:00 today (local), with the baseline's complaints of yesterday noon
    east = patterns.latest_negative_spike(conn, NOW_S, offset=3 * 3600)
    assert east is not None and east.day == NOW_S - 12 * 3600 - 3 * 3600 and east.count == 8
    days = patterns.daily_volume(conn, NOW_S - 2 * DAY, NOW_S + 1, offset=3 * 3600)
    assert days[-1].day == NOW_S - 15 * 3600 and days[-1].concern == 8
    assert sum(d.total for d in days) == sum(
        d.total for d in patterns.daily_volume(conn, NOW_S - 2 * DAY, NOW_S + 1)
    )


def test_no_spike_three_days_ago_is_reported_now(ws: Workspace) -> None:
    seed = Seeder(ws)
    _baseline(seed, 16)
    seed.add(24 * 3, COMPLAINT, times=10)
    assert [s.count for s in patterns.spikes(ws.reader(), NOW_S - 5 * DAY, NOW_S, concern_only=True)] == [11]
    assert patterns.latest_negative_spike(ws.reader(), NOW_S) is None


def test_the_alert_fires_once_per_spike_day(ws: Workspace) -> None:
    seed = Seeder(ws)
    _baseline(seed)
    assert check_for_spike(ws, NOW_S, sigmas=3.0) is None
    worst = seed.add(1, score(95, Label.NEGATIVE, Category.CRISIS))
    seed.add(2, COMPLAINT, times=7)
    alert = check_for_spike(ws, NOW_S, sigmas=3.0)
    assert alert is not None and alert.is_today and alert.spike.count == 8
    assert alert.mention_ids[0] == worst[0] and len(alert.mention_ids) == 8
    assert alert.top_title == f"Acme story {seed.n - 7}"
    assert "today" in alert.text and "8 negative" in alert.text
    assert ws.setting(LAST_ALERT_KEY) == alert.spike.day
    seed.add(1, COMPLAINT, times=5)
    assert check_for_spike(ws, NOW_S, sigmas=3.0) is None  # the same day is not alerted twice
