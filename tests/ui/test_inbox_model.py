"""The lazy inbox model, called directly: data(index, role), paging, sorting, refresh."""

from __future__ import annotations

import sqlite3
import threading
from array import array
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_app.core.models import Changes
from desktop_app.storage.queries import MentionQuery, Sort, View
from desktop_app.storage.workspace import Workspace
from desktop_app.ui import inbox_model
from desktop_app.ui.delegates import InboxDelegate
from desktop_app.ui.inbox_model import Column, InboxModel, MentionIdRole, RowRole, UnreadRole
from desktop_app.ui.inbox_view import InboxView
from desktop_app.ui.tasks import Dispatcher, TaskRunner
from tests.support.factories import make_workspace
from tests.ui.conftest import fill


@pytest.fixture
def workspace(root: Path):  # type: ignore[no-untyped-def]
    ws = make_workspace(root)
    fill(ws, 30)
    yield ws
    ws.close()


@pytest.fixture
def tasks(qapp) -> TaskRunner:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner = TaskRunner(Dispatcher(), errors.append)
    runner.errors = errors  # type: ignore[attr-defined]
    yield runner
    runner.shutdown()


def loaded(qtbot, ws: Workspace, tasks: TaskRunner, query: MentionQuery | None = None) -> InboxModel:  # type: ignore[no-untyped-def]
    model = InboxModel(ws.reader, tasks)
    model.set_query(query or MentionQuery(view=View.ALL))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    return model


def test_qtmodeltester(qtbot, qtmodeltester, workspace: Workspace, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    assert model.rowCount() == 30
    qtmodeltester.check(model, force_py=True)


def test_data_roles(qtbot, workspace: Workspace, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    top = model.index(0, Column.URGENCY)
    assert model.data(top) == "90"
    assert model.data(top, Qt.ItemDataRole.ToolTipRole) == "Urgency 90 of 100"
    assert model.data(model.index(0, Column.SENTIMENT)) == "Negative"
    assert model.data(model.index(0, Column.SOURCE)) == "RSS"
    assert model.data(model.index(0, Column.AUTHOR)) == "user0"
    assert model.data(model.index(0, Column.TITLE)).startswith("Acme charged me twice")
    assert model.data(model.index(0, Column.AGE)) not in (None, "")
    assert model.data(model.index(0, Column.AGE), Qt.ItemDataRole.ToolTipRole)
    title_font = model.data(model.index(0, Column.TITLE), Qt.ItemDataRole.FontRole)
    assert isinstance(title_font, QFont) and title_font.bold()  # unread
    assert model.data(top, UnreadRole) is True
    mention_id = model.data(top, MentionIdRole)
    assert isinstance(mention_id, int) and model.row_of(mention_id) == 0
    assert model.data(top, RowRole)["urgency"] == 90
    assert model.data(model.index(0, Column.URGENCY), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(QModelIndex()) is None
    assert model.headerData(Column.URGENCY, Qt.Orientation.Horizontal) == "Urgency"
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_sort_by_header_is_sql(qtbot, workspace: Workspace, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    model.sort(Column.AGE, Qt.SortOrder.AscendingOrder)
    assert model.query.sort == Sort.OLDEST
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    ages = [model.data(model.index(r, Column.TITLE)) for r in (0, model.rowCount() - 1)]
    assert ages[0].endswith("#29") and ages[1].endswith("#0")  # hours_ago grows with the number
    model.sort(Column.AGE, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == Sort.NEWEST
    model.sort(Column.TITLE)  # not sortable: nothing changes
    assert model.query.sort == Sort.NEWEST


def test_pages_are_read_lazily_by_a_worker(
    qtbot, workspace: Workspace, tasks: TaskRunner, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(inbox_model, "PAGE_SIZE", 5)
    monkeypatch.setattr(inbox_model, "MAX_PAGES", 2)
    monkeypatch.setattr(inbox_model, "WINDOW_GUESS", 5)
    model = loaded(qtbot, workspace, tasks)
    assert model.rows_fetched == 10  # the ids came with the rows of the window on screen (rows 0-9), no more
    assert model.data(model.index(0, Column.URGENCY)) == "90"  # cached: no read
    assert model.rows_fetched == 10
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        assert model.data(model.index(29, Column.TITLE)) is None  # not read yet, and nothing waits for it
        assert model.rows_fetched == 10
    first, last = changed.args[:2]
    assert (first.row(), last.row()) == (25, 29)  # its page arrived, and the view is told which rows
    assert model.rows_fetched == 15
    assert model.data(model.index(29, Column.TITLE), RowRole)["id"] == model.mention_id(29)
    assert model.data(model.index(1, Column.TITLE)) is None  # evicted (LRU of 2 pages' worth of rows)
    qtbot.waitUntil(lambda: model.data(model.index(1, Column.TITLE)) is not None, timeout=5000)
    assert model.rows_fetched == 19  # rows 1-4 read again; row 0, used since, was kept
    assert not tasks.errors  # type: ignore[attr-defined]


def test_head_first_then_full_ids(qtbot, workspace: Workspace, tasks: TaskRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(inbox_model, "HEAD_SIZE", 7)
    model = InboxModel(workspace.reader, tasks)
    sizes: list[int] = []
    model.modelReset.connect(lambda: sizes.append(model.rowCount()))
    model.rowsInserted.connect(lambda *_: sizes.append(model.rowCount()))
    model.set_query(MentionQuery(view=View.ALL))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert sizes == [7, 30]  # the head painted first, then the rest appended (no reset)


def test_refresh_picks_up_new_rows(qtbot, workspace: Workspace, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    fill(workspace, 5, start=100)
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 35, timeout=5000)
    assert not tasks.errors  # type: ignore[attr-defined]


def _mark_read(ws: Workspace, mention_id: int) -> Changes:
    def write(conn: sqlite3.Connection) -> Changes:
        conn.execute("UPDATE mentions SET is_read = 1 WHERE id = ?", (mention_id,))
        return Changes(updated=(mention_id,))

    return ws.writer.call(write)


def test_refresh_rereads_only_updated_and_new_rows(qtbot, workspace: Workspace, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    assert model.rows_fetched == 30  # all 30 rows fit the window on screen
    top = model.mention_id(0)
    assert top is not None and model.data(model.index(0, 0), UnreadRole) is True
    changes = _mark_read(workspace, top)
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        model.schedule_refresh(changes)
        assert model.data(model.index(0, 0), UnreadRole) is True  # the stale row shows until the fresh one
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rows_fetched == 31  # only the updated row was read again
    assert model.data(model.index(0, 0), UnreadRole) is False
    added = fill(workspace, 5, start=100)
    model.refresh(Changes(added=added))
    qtbot.waitUntil(lambda: model.rowCount() == 35 and not model.loading, timeout=5000)
    assert model.rows_fetched == 36  # the 5 new rows; the 30 others kept (cached by id, not by row number)
    assert all(model.data(model.index(r, 0), RowRole) is not None for r in range(35))
    assert model.rows_fetched == 36
    assert not tasks.errors  # type: ignore[attr-defined]


def test_refresh_without_changes_rereads_the_window_off_the_ui_thread(
    qtbot, workspace: Workspace, tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    on_ui_thread: list[bool] = []

    def reader() -> sqlite3.Connection:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return workspace.reader()

    model = InboxModel(reader, tasks)
    view = InboxView(model)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    model.set_query(MentionQuery(view=View.ALL))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    view.viewport().repaint()
    first, last = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
    assert first == 0 and last > 0
    fetched = model.rows_fetched
    _mark_read(workspace, model.mention_id(0))  # type: ignore[arg-type]
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        model.refresh()  # no changes named: every cached row may differ
    assert model.rows_fetched - fetched == 2 * (last - first + 1)  # the rows on screen and a screen below
    assert model.data(model.index(0, 0), UnreadRole) is False
    view.viewport().repaint()
    view.scrollToBottom()
    view.viewport().repaint()
    assert on_ui_thread and not any(on_ui_thread)  # painting and refreshing never read on the UI thread
    assert not tasks.errors  # type: ignore[attr-defined]


def test_unchanged_refresh_does_not_repaint(qtbot, workspace: Workspace, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    signals: list[str] = []
    model.dataChanged.connect(lambda *_: signals.append("dataChanged"))
    model.modelReset.connect(lambda: signals.append("reset"))
    model.refresh()
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rows_fetched == 60  # the window was read again (nothing named what changed)...
    assert signals == []  # ...and was the same: nothing to repaint


def test_refresh_interval_grows_with_the_cost_of_a_reload(
    qtbot, workspace: Workspace, tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    model.last_load_seconds = 0.001
    model.schedule_refresh()
    assert model._refresh_timer.interval() == inbox_model.REFRESH_DELAY_MS
    model.refresh()
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    model.last_load_seconds = 1.0  # a million ids: reloads must not run back to back while writes go on
    model.schedule_refresh()
    assert model._refresh_timer.interval() == pytest.approx(
        1000 * (1 - inbox_model.LOAD_SHARE) / inbox_model.LOAD_SHARE, abs=1
    )
    model._refresh_timer.stop()


def test_painted_cells_are_reused_until_their_row_changes(
    qtbot, workspace: Workspace, tasks: TaskRunner, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    rendered: list[tuple[int, int]] = []
    render = InboxDelegate._render

    def counting(self, option, rect, palette, ratio, row, column, fonts):  # type: ignore[no-untyped-def]
        rendered.append((int(row["id"]), column))
        return render(self, option, rect, palette, ratio, row, column, fonts)

    monkeypatch.setattr(InboxDelegate, "_render", counting)
    model = InboxModel(workspace.reader, tasks)
    view = InboxView(model)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    model.set_query(MentionQuery(view=View.ALL))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    view.viewport().repaint()
    on_screen = view.rowAt(view.viewport().height() - 1) + 1
    assert len(rendered) == on_screen * len(Column)
    rendered.clear()
    view.viewport().repaint()
    assert rendered == []  # the same rows: blits of the painted cells
    second = model.mention_id(1)
    changes = _mark_read(workspace, second)  # type: ignore[arg-type]
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        model.refresh(changes)
    view.viewport().repaint()
    assert {mention_id for mention_id, _ in rendered} == {second}  # only the changed row is painted again
    fill(workspace, 1, start=200)  # a new top mention pushes every row down one
    rendered.clear()
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        model.refresh()
    view.viewport().repaint()
    assert len(rendered) <= 2 * len(Column)  # the new row (and one scrolled into view); the rest reused
    assert not tasks.errors  # type: ignore[attr-defined]


def test_row_of_finds_ids_in_the_bytes_not_across_two_ids() -> None:
    target = 1_000_003
    needle = inbox_model.ID_BYTES.pack(target)
    before = inbox_model.ID_BYTES.unpack(b"\xff" + needle[:7])[0]  # ends with the target's first 7 bytes
    after = inbox_model.ID_BYTES.unpack(needle[7:] + b"\x01" * 7)[0]  # starts with its last byte
    straddling = array("q", [7, before, after, 9])
    assert inbox_model.find_row(straddling.tobytes(), target) is None
    assert inbox_model.find_row((straddling + array("q", [target])).tobytes(), target) == 4
    assert inbox_model.find_row(array("q", [target, 5]).tobytes(), 5) == 1


def test_row_of_after_loads_and_refreshes(qtbot, workspace: Workspace, tasks: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    model = loaded(qtbot, workspace, tasks)
    assert [model.row_of(i) for i in model.ids()] == list(range(30))
    assert model.row_of(10**9) is None
    added = fill(workspace, 3, start=300)
    model.refresh(Changes(added=added))
    qtbot.waitUntil(lambda: model.rowCount() == 33 and not model.loading, timeout=5000)
    assert [model.row_of(i) for i in model.ids()] == list(range(33))


def test_the_view_keeps_its_place_at_the_end_of_the_list(
    qtbot, workspace: Workspace, tasks: TaskRunner
) -> None:  # type: ignore[no-untyped-def]
    model = InboxModel(workspace.reader, tasks)
    view = InboxView(model)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    model.set_query(MentionQuery(view=View.ALL, sort=Sort.OLDEST))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    view.scrollToBottom()
    view.viewport().repaint()
    top = model.mention_id(view.rowAt(0))
    fill(
        workspace, 4, start=400
    )  # older mentions, first: every row moves down four, past the old scroll range
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        model.refresh()
    view.viewport().repaint()
    assert model.rowCount() == 34
    assert (
        model.mention_id(view.rowAt(0)) == top
    )  # the same mentions on screen, not the rows that took theirs


def test_a_refresh_due_after_shutdown_starts_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    model = window.model
    model.schedule_refresh()
    model.shutdown()
    assert not model._refresh_timer.isActive()
    model.refresh()  # e.g. a late signal: no "cannot schedule new futures after shutdown"
    qtbot.wait(50)
    assert not model.loading
