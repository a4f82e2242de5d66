"""The lazy inbox model, called directly: data(index, role), paging, sorting, refresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_app.storage.queries import MentionQuery, Sort, View
from desktop_app.storage.workspace import Workspace
from desktop_app.ui import inbox_model
from desktop_app.ui.inbox_model import Column, InboxModel, MentionIdRole, RowRole, UnreadRole
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


def test_pages_are_fetched_lazily(qtbot, workspace: Workspace, tasks: TaskRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(inbox_model, "PAGE_SIZE", 5)
    monkeypatch.setattr(inbox_model, "MAX_PAGES", 2)
    model = loaded(qtbot, workspace, tasks)
    assert model.rows_fetched == 0
    model.data(model.index(0, 0))
    assert model.rows_fetched == 5
    model.data(model.index(29, 0))
    model.data(model.index(12, 0))
    assert model.rows_fetched == 15
    model.data(model.index(0, 0))  # evicted (LRU of 2 pages): fetched again
    assert model.rows_fetched == 20


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
