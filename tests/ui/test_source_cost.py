"""Paid sources: X's per-read cost is shown in the add form and confirmed before a keyed X source is made;
the Sources view shows the YouTube daily / X monthly meters."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.secrets.store import MemorySecretStore
from desktop_app.services import accounts
from desktop_app.services import sources as source_service
from desktop_app.sources.keyed import METERS_SETTING, Meter
from desktop_app.storage.workspace import write_settings
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.source_form import SourceFormDialog
from desktop_app.ui.sources_dialog import COLUMNS, SourcesModel, load_records
from tests.ui.test_sources_dialog import fresh_sources


def test_x_cost_is_shown_and_confirmed_before_the_source_exists(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    store = MemorySecretStore()
    form = SourceFormDialog(window.workspace, window.tasks, window, make_store=lambda: store)
    qtbot.addWidget(form)
    form.show()
    form.set_kind("rss")
    assert not form.cost.isVisible()
    form.set_kind("x_search")
    assert form.cost.isVisible() and "$0.005 a post" in form.cost.text()
    form.widgets["cost_per_read"].setText("0.01")  # type: ignore[attr-defined]
    assert "$0.01 a post" in form.cost.text()
    form.widgets["query"].setText("acme -is:retweet")  # type: ignore[attr-defined]
    form.widgets["bearer_token"].setText("x-bearer-0000")  # type: ignore[attr-defined]
    asked: list[str] = []
    form.confirm_cost = lambda notice: asked.append(notice) or False  # type: ignore[method-assign]
    form.accept()
    assert asked and "$0.01" in asked[0] and "Not added" in form.error.text()
    assert "x_search" not in [k for _n, k, _c in fresh_sources(filled_root)]
    form.confirm_cost = lambda notice: True  # type: ignore[method-assign]
    with qtbot.waitSignal(form.added, timeout=5000):
        form.accept()
    assert "x_search" in [k for _n, k, _c in fresh_sources(filled_root)]


def test_sources_view_shows_the_meters(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    store = MemorySecretStore()
    yt, _ = source_service.add_source(ws, kind="youtube", config={"query": "acme"}, name="YouTube")
    x, _ = source_service.add_source(ws, kind="x_search", config={"query": "acme"}, name="X")
    yt_entry = accounts.set_key(ws, store, yt, "api_key", "AIza-123456")
    x_entry = accounts.set_key(ws, store, x, "bearer_token", "x-bearer-1234")
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    day = Meter.load({}, "day", 10_000, now)
    day.used = 202
    month = Meter.load({}, "month", 1_500, now)
    month.used = 120
    book = {yt_entry: day.dump(), x_entry: month.dump()}
    ws.writer.call(lambda conn: write_settings(conn, {METERS_SETTING: book}))
    model = SourcesModel()
    model.set_records(load_records(ws))
    column = COLUMNS.index("Usage")
    shown = {
        model.data(model.index(r, 0)): model.data(model.index(r, column)) for r in range(model.rowCount())
    }
    assert shown["YouTube"] == "202/10,000 units today"
    assert shown["X"] == "120/1,500 posts this month (about $0.60)"
    assert shown["Feed"] == ""
    row = [model.data(model.index(r, 0)) for r in range(model.rowCount())].index("YouTube")
    assert "resets at midnight Pacific" in model.data(model.index(row, column), 3)  # the tooltip role
    assert json.loads(json.dumps(load_records(ws)))  # plain data (the CLI lists it as JSON)
