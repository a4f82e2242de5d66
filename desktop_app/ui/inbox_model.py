"""The inbox: a lazy table model over SQL. It holds the ordered ids; rows are fetched in pages (LRU).

Loading a query runs in a worker: first a short head of ids (instant first paint), then the full id array,
which is appended when it extends the head, or swapped in. Sorting is SQL (`Sort`), never a proxy model.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont

from desktop_app.storage.queries import MentionQuery, Sort, mention_ids, mention_rows
from desktop_app.ui.format import local_time, relative_age, sentiment_chip, source_label
from desktop_app.ui.tasks import TaskRunner

PAGE_SIZE = 200
MAX_PAGES = 30
HEAD_SIZE = 400
REFRESH_DELAY_MS = 250
AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    URGENCY = 0
    SENTIMENT = 1
    SOURCE = 2
    AUTHOR = 3
    TITLE = 4
    AGE = 5


HEADERS = {
    Column.URGENCY: "Urgency",
    Column.SENTIMENT: "Sentiment",
    Column.SOURCE: "Source",
    Column.AUTHOR: "Author",
    Column.TITLE: "Mention",
    Column.AGE: "Age",
}
SORT_FOR_COLUMN = {
    Column.URGENCY: Sort.URGENCY,
    Column.SENTIMENT: Sort.SENTIMENT,
    Column.SOURCE: Sort.SOURCE,
    Column.AUTHOR: Sort.AUTHOR,
    Column.AGE: Sort.NEWEST,
}
COLUMN_FOR_SORT = {sort: col for col, sort in SORT_FOR_COLUMN.items()} | {Sort.OLDEST: Column.AGE}

MentionIdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
UnreadRole = Qt.ItemDataRole.UserRole + 3


class InboxModel(QAbstractTableModel):
    """Rows are mentions in SQL order. `ids_swapped` fires after ids change (the view restores its place)."""

    ids_about_to_swap = Signal()
    ids_swapped = Signal()
    loading_changed = Signal(bool)

    def __init__(
        self,
        reader: Callable[[], sqlite3.Connection],
        tasks: TaskRunner,
        query: MentionQuery | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self._reader = reader
        self._tasks = tasks
        self._clock = clock
        self._query = query or MentionQuery()
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, list[sqlite3.Row | None]] = OrderedDict()
        self._query_gen = 0
        self._loading = False
        self._inflight = False
        self._pending_head: bool | None = None
        self._busy_conn: sqlite3.Connection | None = None
        self._conn_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="earshot-inbox")
        self._bold = QFont()
        self._bold.setBold(True)
        self.rows_fetched = 0
        self.complete = True
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

    def set_reader(self, reader: Callable[[], sqlite3.Connection], query: MentionQuery | None = None) -> None:
        """Point the model at another workspace (empty until `set_query`)."""
        self._query_gen += 1
        self._interrupt()
        self._reader = reader
        self.beginResetModel()
        self._ids = array("q")
        self._pages.clear()
        self.complete = True
        self.endResetModel()
        if query is not None:
            self._query = query

    # --- the query and its ids -------------------------------------------------------------------------

    @property
    def query(self) -> MentionQuery:
        return self._query

    @property
    def loading(self) -> bool:
        return self._loading

    def set_query(self, query: MentionQuery) -> None:
        """Load a new query: the head first, then the full id list. A stale load in flight is interrupted."""
        self._query = query
        self._query_gen += 1
        self._request(head=True, interrupt=True)

    def refresh(self) -> None:
        """Reload the current query in the background; the rows stay until the new ids arrive."""
        self._refresh_timer.stop()
        self._request(head=False, interrupt=False)

    def schedule_refresh(self) -> None:
        """Coalesce bursts of changes into one refresh."""
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _request(self, *, head: bool, interrupt: bool) -> None:
        """One load runs at a time; requests made meanwhile collapse into one follow-up load."""
        self._set_loading(True)
        if self._inflight:
            self._pending_head = head or bool(self._pending_head)
            if interrupt:
                self._interrupt()
            return
        self._launch(head)

    def _launch(self, head: bool) -> None:
        self._inflight = True
        generation, query, reader = self._query_gen, self._query, self._reader
        post = self._tasks.dispatcher.post

        def job() -> None:
            try:
                conn = reader()
                with self._conn_lock:
                    self._busy_conn = conn
                if head:
                    first = mention_ids(conn, query, limit=HEAD_SIZE)
                    post(lambda: self._apply(generation, first, len(first) < HEAD_SIZE))
                    if len(first) < HEAD_SIZE:
                        return
                ids = mention_ids(conn, query)
                post(lambda: self._apply(generation, ids, True))
            except sqlite3.OperationalError as exc:
                if "interrupt" not in str(exc):
                    post(lambda e=exc: self._failed(generation, e))
            except Exception as exc:
                post(lambda e=exc: self._failed(generation, e))
            finally:
                with self._conn_lock:
                    self._busy_conn = None
                post(self._finished)

        self._pool.submit(job)

    def _interrupt(self) -> None:
        with self._conn_lock:
            if self._busy_conn is not None:
                self._busy_conn.interrupt()

    def _finished(self) -> None:
        self._inflight = False
        if self._pending_head is not None:
            head, self._pending_head = self._pending_head, None
            self._launch(head)
        else:
            self._set_loading(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._query_gen:
            self._tasks.on_error(exc)

    def _apply(self, generation: int, ids: array[int], complete: bool) -> None:
        if generation != self._query_gen:
            return  # ids of a query the user has left
        old = self._ids
        if ids == old:
            self._pages.clear()
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(Column) - 1))
        elif old and len(ids) > len(old) and not self.complete and ids[: len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(ids) - 1)
            self._ids = ids
            self.endInsertRows()
        else:
            self.ids_about_to_swap.emit()
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self.endResetModel()
            self.ids_swapped.emit()
        self.complete = complete

    def shutdown(self) -> None:
        self._interrupt()
        self._pool.shutdown(wait=True, cancel_futures=True)  # no worker outlives the window

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # --- lookups -------------------------------------------------------------------------------------------

    def ids(self) -> array[int]:
        return self._ids

    def mention_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, mention_id: int) -> int | None:
        try:
            return self._ids.index(mention_id)
        except ValueError:
            return None

    def row_data(self, row: int) -> sqlite3.Row | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(number)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE_SIZE]

    def _fetch_page(self, number: int) -> list[sqlite3.Row | None]:
        ids: Sequence[int] = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        rows = mention_rows(self._reader(), ids)
        page = [rows.get(i) for i in ids]
        self.rows_fetched += len(ids)
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # --- Qt model API --------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)]
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Click to sort" if section in SORT_FOR_COLUMN else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if not row["is_read"] and column == Column.TITLE else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.URGENCY, Column.AGE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == MentionIdRole:
            return int(row["id"])
        if role == RowRole:
            return row
        if role == UnreadRole:
            return not row["is_read"]
        return None

    def _display(self, row: sqlite3.Row, column: Column) -> str:
        if column == Column.URGENCY:
            return str(row["urgency"])
        if column == Column.SENTIMENT:
            return sentiment_chip(row["label"])[0]
        if column == Column.SOURCE:
            return source_label(row["source_kind"], row["source_name"])
        if column == Column.AUTHOR:
            return row["author"] or "—"
        if column == Column.TITLE:
            return (row["title"] or row["snippet"] or "(no text)").strip()
        return relative_age(row["published_at"], self._clock())

    def _tooltip(self, row: sqlite3.Row, column: Column) -> str | None:
        if column == Column.URGENCY:
            return f"Urgency {row['urgency']} of 100"
        if column == Column.SOURCE:
            return row["source_name"] or None
        if column == Column.TITLE:
            return (row["snippet"] or "")[:300] or None
        if column == Column.AGE:
            return local_time(row["published_at"]) + (" (estimated)" if row["published_estimated"] else "")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == Column.AGE:
            wanted = Sort.OLDEST if order == Qt.SortOrder.AscendingOrder else Sort.NEWEST
        elif column in SORT_FOR_COLUMN:
            wanted = SORT_FOR_COLUMN[Column(column)]
        else:
            return
        if wanted != self._query.sort:
            self.set_query(self._query.with_(sort=wanted))
