"""View → Dashboard on a seeded workspace: the figures, the period picker, click-through to the inbox, and the
spike alert after a poll. Mentions are placed relative to the real clock, since the presets are "the last N days"."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt

from desktop_app.core.models import Category, FetchedItem, Label
from desktop_app.core.normalize import normalize_item
from desktop_app.services.insights.dashboard import Drill
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.chart_widgets import BarChart
from desktop_app.ui.dashboard import DashboardWindow
from desktop_app.ui.main_window import MainWindow
from tests.support.factories import add_source, make_workspace, score, store
from tests.ui.conftest import make_window

# (key, days ago, source, author, label, category)
SEED = (
    ("m1", 0.01, "Forum", "alice", Label.NEGATIVE, Category.COMPLAINT),
    ("m2", 0.01, "Forum", "bob", Label.NEGATIVE, Category.COMPLAINT),
    ("m3", 2, "Reviews", "alice", Label.NEGATIVE, Category.COMPLAINT),
    ("m4", 2, "Reviews", "carol", Label.POSITIVE, Category.PRAISE),
    ("m5", 3, "Forum", "dave", Label.NEUTRAL, Category.QUESTION),
    ("m6", 10, "Reviews", "carol", Label.POSITIVE, Category.PRAISE),
    ("m7", 10, "Forum", "erin", Label.NEGATIVE, Category.COMPLAINT),
    ("m8", 20, "Reviews", "bob", Label.NEUTRAL, Category.OTHER),
    ("m9", 45, "Forum", "alice", Label.NEGATIVE, Category.COMPLAINT),
    ("m10", 100, "Reviews", "frank", Label.POSITIVE, Category.PRAISE),
)
URGENCY = {Label.NEGATIVE: 80, Label.NEUTRAL: 40, Label.POSITIVE: 10}


def seed(
    ws: Workspace, rows: tuple[tuple[str, float, str, str, Label, Category], ...] = SEED
) -> dict[str, int]:
    now = datetime.now(UTC)
    known = dict(ws.reader().execute("SELECT name, id FROM sources").fetchall())
    sources = {
        name: known.get(name) or add_source(ws, name, f"https://{name.lower()}.example/rss")
        for name in {r[2] for r in rows}
    }
    pairs = []
    for key, days_ago, source, author, label, category in rows:
        item = FetchedItem(
            source_item_id=key,
            url=f"https://news.example/{key}",
            title=f"Acme {key} {label.value} {category.value}",
            content_html=f"Acme post {key}",
            author=author,
            published=now - timedelta(days=days_ago),
        )
        mention = normalize_item(item, source_id=sources[source], source_kind="rss", fetched_at=now)
        pairs.append((mention, score(URGENCY[label], label, category)))
    ids = store(ws, pairs)
    return {r[0]: i for r, i in zip(rows, ids, strict=True)}


@pytest.fixture
def seeded(qtbot, root: Path) -> Iterator[tuple[MainWindow, dict[str, int]]]:  # type: ignore[no-untyped-def]
    with make_workspace(root) as ws:
        ids = seed(ws)
    window = make_window(qtbot, root)
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        window.start("acme")
    yield window, ids


def open_dashboard(qtbot, window: MainWindow) -> DashboardWindow:  # type: ignore[no-untyped-def]
    window.actions_["dashboard"].trigger()
    dashboard = window.dashboard
    assert dashboard is not None and dashboard.isVisible()
    qtbot.addWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.data is not None and not dashboard.loading, timeout=10_000)
    return dashboard


def wait_refreshed(qtbot, dashboard: DashboardWindow, change) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dashboard.updated, timeout=10_000):
        change()


def bars(chart: BarChart) -> dict[str, dict[str, int]]:
    return {b.label: {s.key: s.value for s in b.segments if s.value} for b in chart.bars}


def click(qtbot, chart: BarChart, bar: int, segment: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """A segment's centre; for a whole bar, a point of it outside every segment (its label or the space above)."""
    rect = chart.element_rect(bar, segment)
    if segment is not None:
        pos = rect.center().toPoint()
    elif chart.vertical:
        pos = QPoint(int(rect.center().x()), int(rect.top()) + 3)
    else:
        pos = QPoint(6, int(rect.center().y()))
    assert chart.hit_at(QPointF(pos)) is not None
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=pos)


def inbox_ids(qtbot, window: MainWindow) -> set[int]:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.model.loading, timeout=5000)
    return set(window.model.ids())


def test_the_dashboard_shows_the_periods_figures_and_follows_the_range(qtbot, seeded) -> None:  # type: ignore[no-untyped-def]
    window, _ids = seeded
    dashboard = open_dashboard(qtbot, window)
    assert dashboard.preset.currentText() == "Last 30 days"
    data = dashboard.data
    assert data is not None and data.total == 8  # m1..m8
    assert [t.value for t in data.tiles[:3]] == ["8", "50%", "4"]  # 4 negative of 8; 4 open complaints
    assert dashboard.tiles[0].value.text() == "8"
    assert sum(b.total for b in dashboard.days_chart.bars) == 8
    assert sum(s.value for b in dashboard.days_chart.bars for s in b.segments if s.key == "negative") == 4
    assert bars(dashboard.categories_chart)["Complaints"] == {"complaint": 4}
    assert bars(dashboard.sources_chart) == {
        "Forum": {"negative": 3, "neutral": 1},
        "Reviews": {"negative": 1, "positive": 2, "neutral": 1},
    }

    wait_refreshed(qtbot, dashboard, lambda: dashboard.set_preset(7))
    assert dashboard.data is not None and dashboard.data.total == 5  # m1..m5
    assert dashboard.tiles[0].value.text() == "5"
    assert len(dashboard.days_chart.bars) == 7
    assert bars(dashboard.sources_chart) == {
        "Forum": {"negative": 2, "neutral": 1},
        "Reviews": {"negative": 1, "positive": 1},
    }
    assert bars(dashboard.categories_chart)["Questions"] == {"question": 1}
    kinds = bars(dashboard.kinds_chart)
    assert kinds["Detractors (1)"] == {"detractor": 1}  # alice (m1, m3); nobody else wrote twice this week
    assert [p.name for p in dashboard.people_rows()][:1] == ["alice"]

    wait_refreshed(qtbot, dashboard, lambda: dashboard.set_preset(90))
    assert dashboard.data is not None and dashboard.data.total == 9 and len(dashboard.days_chart.bars) == 90

    today = QDate.currentDate()
    wait_refreshed(qtbot, dashboard, lambda: dashboard.set_dates(today.addDays(-25), today.addDays(-5)))
    assert dashboard.preset.currentText() == "Custom"
    assert dashboard.data is not None and dashboard.data.total == 3  # m6, m7, m8
    assert len(dashboard.days_chart.bars) == 21


def test_clicks_filter_the_inbox_to_exactly_the_mentions_behind_them(qtbot, seeded) -> None:  # type: ignore[no-untyped-def]
    window, ids = seeded
    dashboard = open_dashboard(qtbot, window)
    wait_refreshed(qtbot, dashboard, lambda: dashboard.set_preset(7))
    drills: list[Drill] = []
    dashboard.drill.connect(drills.append)

    forum = next(i for i, b in enumerate(dashboard.sources_chart.bars) if b.label == "Forum")
    click(qtbot, dashboard.sources_chart, forum, "negative")
    qtbot.waitUntil(
        lambda: window.model.query == drills[-1].query.with_(sort=window.model.query.sort), timeout=5000
    )
    assert inbox_ids(qtbot, window) == {ids["m1"], ids["m2"]}
    assert window.filter_banner.isVisible() and "Negative on Forum" in window.filter_banner.label.text()

    complaints = next(i for i, b in enumerate(dashboard.categories_chart.bars) if b.label == "Complaints")
    click(qtbot, dashboard.categories_chart, complaints)
    qtbot.waitUntil(
        lambda: window.model.query.category == "complaint" and not window.model.loading, timeout=5000
    )
    assert inbox_ids(qtbot, window) == {ids["m1"], ids["m2"], ids["m3"]}

    qtbot.mouseClick(dashboard.tiles[0], Qt.MouseButton.LeftButton)  # every mention of the period
    qtbot.waitUntil(lambda: window.model.query.category is None and not window.model.loading, timeout=5000)
    assert inbox_ids(qtbot, window) == {ids[k] for k in ("m1", "m2", "m3", "m4", "m5")}

    # the day bar holding m3 and m4 (two days ago): its positive segment is m4 alone
    day = next(
        i
        for i, b in enumerate(dashboard.days_chart.bars)
        if any(s.key == "positive" and s.value for s in b.segments)
    )
    click(qtbot, dashboard.days_chart, day, "positive")
    qtbot.waitUntil(lambda: window.model.query.label == "positive" and not window.model.loading, timeout=5000)
    assert inbox_ids(qtbot, window) == {ids["m4"]}

    row = next(r for r, p in enumerate(dashboard.people_rows()) if p.name == "alice")
    rect = dashboard.people_table.visualItemRect(dashboard.people_table.item(row, 0))
    qtbot.mouseClick(dashboard.people_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: window.model.query.author_id is not None and not window.model.loading, timeout=5000
    )
    assert inbox_ids(qtbot, window) == {ids["m1"], ids["m3"]}  # m9 is older than the period

    window.filter_banner.close_button.click()  # back to the inbox's first view
    assert not window.filter_banner.isVisible()
    qtbot.waitUntil(lambda: window.model.query.author_id is None and not window.model.loading, timeout=5000)
    assert ids["m4"] not in inbox_ids(qtbot, window)  # "Needs reply" again: praise is not in it


# --- spikes after a poll -----------------------------------------------------------------------------------


def complaint_feed(n: int) -> bytes:
    now = datetime.now(UTC)
    items = "".join(
        f"<item><title>Acme charged me twice, refund {i} still missing</title>"
        f"<link>https://news.example/spike/{i}</link><guid isPermaLink='false'>spike-{i}</guid>"
        f"<pubDate>{format_datetime(now - timedelta(seconds=30 * i))}</pubDate>"
        f"<description>{escape('<p>Acme charged me twice and support ignores me. Terrible service, I want my refund now.</p>')}</description></item>"
        for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Complaints</title>'
        f"<link>https://news.example/</link><description>t</description>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def feed_url() -> Iterator[str]:
    body = complaint_feed(12)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("enabled", [True, False])
def test_a_spike_after_a_poll_raises_an_alert_unless_turned_off(
    qtbot, root: Path, feed_url: str, enabled: bool
) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("desktop_app.sources.registry")
    baseline = tuple(
        (f"b{d}", float(d), "Forum", f"user{d}", Label.NEGATIVE, Category.COMPLAINT) for d in range(2, 16)
    )  # one complaint a day for two weeks, none today or yesterday
    with make_workspace(root) as ws:
        seed(ws, baseline)
    window = make_window(qtbot, root)
    window.context.settings.set("notify.spikes", enabled)
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        window.start("acme")
    ws = window.workspace
    assert ws is not None
    window.context.services.add_source(ws, "rss", {"url": feed_url}, "Complaints feed")
    alerts: list[object] = []
    window.spikes.spike.connect(alerts.append)
    with qtbot.waitSignal(window.poller.finished, timeout=20_000):
        window.actions_["poll_now"].trigger()
    added = (
        ws.reader()
        .execute("SELECT count(*) FROM mentions WHERE uid LIKE '%spike%' OR url LIKE '%/spike/%'")
        .fetchone()[0]
    )
    assert added == 12
    if enabled:
        qtbot.waitUntil(lambda: window.spike_banner.isVisible(), timeout=10_000)
        assert "Spike in complaints" in window.spike_banner.label.text()
        assert "Spike in complaints" in window.status.currentMessage()  # no tray offscreen: the status bar
        assert len(alerts) == 1
        window.spike_banner.button("Show them").click()
        qtbot.waitUntil(lambda: window.model.query.ids is not None and not window.model.loading, timeout=5000)
        shown = {int(r[0]) for r in ws.reader().execute("SELECT id FROM mentions WHERE url LIKE '%/spike/%'")}
        assert set(window.model.ids()) == shown and not window.spike_banner.isVisible()
    else:
        time.sleep(0.5)
        qtbot.wait(300)
        assert not window.spike_banner.isVisible() and alerts == []
    # the poll's changes schedule an inbox reload: let it run before the window closes
    qtbot.waitUntil(
        lambda: not window.model._refresh_timer.isActive() and not window.model.loading, timeout=5000
    )


def test_new_mentions_refresh_the_open_dashboard(qtbot, seeded) -> None:  # type: ignore[no-untyped-def]
    window, _ids = seeded
    dashboard = open_dashboard(qtbot, window)
    assert dashboard.data is not None and dashboard.data.total == 8
    ws = window.workspace
    assert ws is not None
    with qtbot.waitSignal(dashboard.updated, timeout=10_000):
        seed(ws, (("n1", 1.0, "Forum", "gina", Label.NEGATIVE, Category.CRISIS),))
    assert dashboard.data.total == 9
    assert bars(dashboard.categories_chart)["Crisis"] == {"crisis": 1}
    dashboard.close()
    seed(ws, (("n2", 1.0, "Forum", "gina", Label.NEGATIVE, Category.CRISIS),))  # while it is closed
    qtbot.wait(200)
    with qtbot.waitSignal(dashboard.updated, timeout=10_000):
        window.actions_["dashboard"].trigger()  # shown again: brought up to date
    assert dashboard.data.total == 10
    qtbot.waitUntil(
        lambda: not window.model._refresh_timer.isActive() and not window.model.loading, timeout=5000
    )


def test_spike_alerts_are_set_in_the_settings_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.settings_dialog import SettingsDialog

    settings = window.context.settings
    assert settings.get("notify.spikes") is True and settings.get("notify.spike_threshold") == 3.0
    dialog = SettingsDialog(settings, window.context.root, window)
    qtbot.addWidget(dialog)
    dialog.spikes.setChecked(False)
    assert not dialog.spike_threshold.isEnabled()
    dialog.spikes.setChecked(True)
    dialog.spike_threshold.setValue(4.5)
    dialog.accept()
    assert settings.get("notify.spikes") is True and settings.get("notify.spike_threshold") == 4.5
    dialog = SettingsDialog(settings, window.context.root, window)
    qtbot.addWidget(dialog)
    dialog.spikes.setChecked(False)
    dialog.accept()
    assert settings.get("notify.spikes") is False
    assert window.spikes.check(window.workspace) is False  # off: no check starts after a poll


def test_charts_work_from_the_keyboard(qtbot, seeded) -> None:  # type: ignore[no-untyped-def]
    window, ids = seeded
    dashboard = open_dashboard(qtbot, window)
    wait_refreshed(qtbot, dashboard, lambda: dashboard.set_preset(7))
    chart = dashboard.categories_chart  # Crisis (0, no segment), Complaints (3), Questions (1), ...
    chart.setFocus()
    drills: list[Drill] = []
    dashboard.drill.connect(drills.append)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert drills == []  # nothing chosen yet
    for _ in range(2):  # the Crisis row, then the Complaints segment
        qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.hits()[chart.focused].segment == "complaint"
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert len(drills) == 1 and drills[0].query.category == "complaint"
    qtbot.waitUntil(
        lambda: window.model.query.category == "complaint" and not window.model.loading, timeout=5000
    )
    assert inbox_ids(qtbot, window) == {ids["m1"], ids["m2"], ids["m3"]}
    qtbot.keyClick(chart, Qt.Key.Key_Up)
    qtbot.keyClick(chart, Qt.Key.Key_Up)
    assert chart.hits()[chart.focused].bar == len(chart.bars) - 1  # wraps around to the last row
    dashboard.tiles[1].setFocus()  # the Negative tile
    qtbot.keyClick(dashboard.tiles[1], Qt.Key.Key_Space)
    assert drills[-1].query.label == "negative" and drills[-1].query.category is None


def test_the_latest_period_wins_when_choices_come_fast(qtbot, seeded) -> None:  # type: ignore[no-untyped-def]
    window, _ids = seeded
    dashboard = open_dashboard(qtbot, window)
    shown: list[int] = []
    dashboard.updated.connect(lambda data: shown.append(data.total))
    dashboard.set_preset(7)
    dashboard.set_preset(90)
    qtbot.waitUntil(lambda: bool(shown) and not dashboard.loading, timeout=10_000)
    qtbot.wait(300)
    assert shown == [9] and dashboard.tiles[0].value.text() == "9"
    dashboard.set_preset(7)
    dashboard.close()  # closed while building: the build is dropped, and made again when shown
    assert not dashboard.loading
    with qtbot.waitSignal(dashboard.updated, timeout=10_000):
        window.actions_["dashboard"].trigger()
    assert dashboard.data is not None and dashboard.data.total == 5


def test_the_sidebar_opens_the_dashboard_and_it_follows_the_workspace(qtbot, seeded) -> None:  # type: ignore[no-untyped-def]
    window, _ids = seeded
    assert window.dashboard is None
    qtbot.mouseClick(window.sidebar.dashboard_button, Qt.MouseButton.LeftButton)
    dashboard = window.dashboard
    assert dashboard is not None and dashboard.isVisible()
    qtbot.addWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    assert dashboard.ws is window.workspace and "Acme" in dashboard.windowTitle()
    wait_refreshed(qtbot, dashboard, lambda: dashboard.set_preset(90))
    dashboard.close()
    again = DashboardWindow(window.tasks, None, window.qsettings)  # the next session: same preset
    qtbot.addWidget(again)
    assert again.preset.currentText() == "Last 90 days"
    assert again.since.date() == QDate.currentDate().addDays(-89)
    window.actions_["dashboard"].trigger()
    window.close_workspace()
    assert not dashboard.isVisible() and dashboard.ws is None
