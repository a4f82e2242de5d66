"""The sidebar says in words which sources are in trouble, and each kind of source has its own mark."""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sidebar import ColourRole, KindRole, ValueRole
from desktop_app.ui.sidebar_data import HEALTH_COLOURS, SourceInfo, health_summary
from desktop_app.ui.source_icons import mark_for, source_mark
from tests.support.factories import add_source


def _health_item(window: MainWindow):  # type: ignore[no-untyped-def]
    root = window.sidebar._sources_root
    items = [root.child(i) for i in range(root.childCount())]
    return next((i for i in items if i.data(0, KindRole) == "health"), None)


def test_summary_words() -> None:
    def info(i: int, health: str) -> SourceInfo:
        return SourceInfo(i, f"s{i}", "rss", health, 0, None)

    assert health_summary([info(1, "ok"), info(2, "never polled")]) == ""
    assert health_summary([info(1, "failing"), info(2, "key rejected"), info(3, "failing")]) == (
        "2 failing · 1 key rejected"
    )
    assert HEALTH_COLOURS["key rejected"] != HEALTH_COLOURS["failing"]


def test_sources_in_trouble_are_named_and_one_click_away(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: window.sidebar._sources_root.childCount() > 0, timeout=5000)
    assert _health_item(window) is None  # all fine: nothing to say
    bad = add_source(ws, "Broken feed", url="https://broken.example/rss")
    keyed = add_source(ws, "Brave: hate", url="https://brave.example/", kind="rss")
    ws.writer.call(lambda conn: conn.executemany(
        "UPDATE sources SET consecutive_failures = 3, last_error_kind = ?, last_error = ? WHERE id = ?",
        [("auth", "The key was rejected", keyed), ("transient", "Timed out", bad)]))  # fmt: skip
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: _health_item(window) is not None, timeout=5000)
    item = _health_item(window)
    assert item.text(0) == "⚠ 1 failing · 1 key rejected"
    assert item.foreground(0).color() == QColor(HEALTH_COLOURS["failing"])
    with qtbot.waitSignal(window.sidebar.manage_source_requested, timeout=2000) as signal:
        window.sidebar._clicked(item, 0)
    assert signal.args == [bad] and item.data(0, ValueRole) == bad


def test_each_kind_has_a_mark() -> None:
    kinds = ("rss", "reddit", "bluesky", "x_search", "youtube", "trustpilot", "google_news", "appstore")
    assert len({mark_for(k) for k in kinds}) == len(kinds)
    assert mark_for("something-new") == mark_for(None)
    light, dark = source_mark("x_search", 16, 1.0, False), source_mark("x_search", 16, 1.0, True)
    assert light.width() == 16 and not light.toImage().isNull()
    centre = (8, 3)
    assert light.toImage().pixelColor(*centre) != dark.toImage().pixelColor(
        *centre
    )  # X stays visible on dark


def test_a_refresh_with_the_same_sources_updates_the_rows_in_place(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: window.sidebar._sources_root.childCount() > 0, timeout=5000)
    root = window.sidebar._sources_root
    before = [root.child(i) for i in range(root.childCount())]
    counts = [item.text(1) for item in before]
    ws.writer.call(lambda conn: conn.execute("UPDATE mentions SET is_read = 1 WHERE rowid % 2 = 0"))
    ws.writer.call(
        lambda conn: conn.execute("UPDATE sources SET consecutive_failures = 2, last_error_kind = 'auth'")
    )
    window.refresh_sidebar()
    qtbot.waitUntil(lambda: _health_item(window) is not None, timeout=5000)
    after = [root.child(i) for i in range(root.childCount())]
    assert after[: len(before)] == before  # the same row objects: updated, not rebuilt
    assert [item.text(1) for item in before] != counts  # the unread counts changed in place
    assert before[0].data(1, ColourRole) == HEALTH_COLOURS["key rejected"]
