"""The inbox: a lazy table model over SQL. It holds the ordered ids; rows are cached by mention id (LRU).

Loading a query runs in a worker: first a short head of ids (instant first paint), then the full id array,
which is appended when it extends the head, or swapped in. The same job reads the rows of the window the view
shows (found again by its top row's id), so new ids arrive with their rows. Sorting is SQL (`Sort`).

Painting never waits on SQL. A row that is not cached paints empty while a worker reads its page, then
`dataChanged` repaints it. Because rows are cached by id, a refresh keeps the rows of the ids that stay: a
change noted with its `Changes` marks only its updated ids stale, a refresh without one marks every cached row
stale; a stale row keeps showing until its fresh copy arrives. (A blocking read on the UI thread is a GIL
hand-over per row while the writer is busy: the convoy effect. See `delegates` for the painting side.)
"""

from __future__ import annotations

import sqlite3
import struct
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

from desktop_app.core.models import Changes
from desktop_app.storage.queries import MentionQuery, Sort, mention_ids, mention_rows
from desktop_app.ui.format import local_time, relative_age, sentiment_chip, source_label
from desktop_app.ui.tasks import TaskRunner

PAGE_SIZE = 200  # rows read at once when the view reaches rows that are not cached
MAX_PAGES = 30  # the row cache holds MAX_PAGES * PAGE_SIZE rows
HEAD_SIZE = 400
REFRESH_DELAY_MS = 250
MAX_REFRESH_DELAY_MS = 5000
LOAD_SHARE = 0.35  # while changes keep coming, reloading ids takes at most about this share of the time
WINDOW_GUESS = 40  # rows taken as visible before a view has painted
AnyIndex = QModelIndex | QPersistentModelIndex
Fetched = dict[int, sqlite3.Row | None]  # rows read by id; None: the id is gone


class Column(IntEnum):
    URGENCY = 0
    SENTIMENT = 1
    SOURCE = 2
    AUTHOR = 3
    TITLE = 4
    AGE = 5


COLUMN_COUNT = len(Column)

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


def read_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> Fetched:
    rows = mention_rows(conn, ids) if ids else {}
    return {i: rows.get(i) for i in ids}


ID_BYTES = struct.Struct("=q")  # the ids' machine layout (array "q")


def find_row(raw: bytes, mention_id: int) -> int | None:
    """The row of an id, searched in the ids' bytes: ~4x faster than `array.index`, which makes an int object
    of every element (~15-20 ms, GIL held, for an id near the end of a million)."""
    needle = ID_BYTES.pack(mention_id)
    pos = raw.find(needle)
    while pos >= 0 and pos % ID_BYTES.size:  # a match straddling two ids
        pos = raw.find(needle, pos + 1)
    return None if pos < 0 else pos // ID_BYTES.size


def window_ids(
    ids: array[int], raw: bytes, anchor: int | None, first: int, count: int, top: bool
) -> list[int]:
    """The ids a view will show: around its anchor id's new row (or its old row), plus the top on a new query."""
    found = find_row(raw, anchor) if anchor is not None else None
    pos = first if found is None else found  # the anchor left the list: keep the old row number
    wanted = list(ids[max(0, pos - count) : pos + 2 * count])
    return list(ids[:count]) + wanted if top else wanted


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
        self._ids_raw = b""  # the same ids as bytes, for `row_of` (made by the worker that loaded them)
        self._ids_version = 0  # bumped whenever row numbers may mean other ids
        self._workspace_gen = 0
        # id -> (row, change_seq when its read started); a row is stale once a later change names it
        self._rows: OrderedDict[int, tuple[sqlite3.Row | None, int]] = OrderedDict()
        self._change_seq = 0
        self._changed_at: dict[int, int] = {}  # cached id -> seq of the last change noted for it
        self._all_changed_at = 0  # seq of the last change that named no ids (everything may differ)
        self._pending_pages: set[tuple[int, int]] = set()  # (ids_version, page) being read
        self._visible = (0, WINDOW_GUESS - 1)
        self._query_gen = 0
        self._loading = False
        self._inflight = False
        self._pending_head: bool | None = None
        self._busy_conn: sqlite3.Connection | None = None
        self._conn_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="earshot-inbox")
        self._closed = False
        self._bold = QFont()
        self._bold.setBold(True)
        self.rows_fetched = 0  # rows read from SQL (by workers or, for one-row actions, on the spot)
        self.last_load_seconds = 0.0
        self.complete = True
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_now)

    def set_reader(self, reader: Callable[[], sqlite3.Connection], query: MentionQuery | None = None) -> None:
        """Point the model at another workspace (empty until `set_query`)."""
        self._query_gen += 1
        self._workspace_gen += 1
        self._interrupt()
        self._reader = reader
        self.beginResetModel()
        self._ids = array("q")
        self._ids_raw = b""
        self._ids_version += 1
        self._rows.clear()
        self._changed_at.clear()
        self._pending_pages.clear()
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

    def refresh(self, changes: Changes | None = None) -> None:
        """Reload the current query in the background; the rows stay until the new ids arrive.

        With `changes`, only the rows of its updated ids are read again; without, every cached row may have
        changed: the window on screen is read again with the ids, other rows when they are next shown.
        """
        self.note_changes(changes)
        self._refresh_now()

    def schedule_refresh(
        self, changes: Changes | None = None, *, at_least_ms: int = REFRESH_DELAY_MS
    ) -> None:
        """Coalesce bursts of changes into one refresh; the pause grows with the cost of a reload, and is at
        least `at_least_ms` (long for a background re-score). A change that wants a refresh sooner than the
        one pending (the user's own action during a re-score) brings it forward."""
        self.note_changes(changes)
        load_ms = self.last_load_seconds * 1000 * (1 - LOAD_SHARE) / LOAD_SHARE
        wanted = int(max(at_least_ms, min(MAX_REFRESH_DELAY_MS, max(REFRESH_DELAY_MS, load_ms))))
        timer = self._refresh_timer
        if not timer.isActive() or timer.remainingTime() > wanted:
            timer.setInterval(wanted)
            timer.start()

    def note_changes(self, changes: Changes | None) -> None:
        """Mark cached rows stale: the updated ids of `changes`, or all of them when it is None."""
        self._change_seq += 1
        if changes is None:
            self._all_changed_at = self._change_seq
            self._changed_at.clear()
            return
        for mention_id in changes.updated:
            if mention_id in self._rows:
                self._changed_at[mention_id] = self._change_seq

    def _refresh_now(self) -> None:
        self._refresh_timer.stop()
        self._request(head=False, interrupt=False)

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
        generation, query, reader, seq = self._query_gen, self._query, self._reader, self._change_seq
        first, last = self._visible
        count = max(1, last - first + 1)
        anchor = self._ids[first] if 0 <= first < len(self._ids) else None
        fresh = frozenset(i for i, (_row, read_at) in self._rows.items() if self._fresh(i, read_at))
        post = self._tasks.dispatcher.post

        def rows_for(conn: sqlite3.Connection, ids: array[int], raw: bytes, known: frozenset[int]) -> Fetched:
            wanted = window_ids(ids, raw, anchor, first, count, head)
            return read_rows(conn, list(dict.fromkeys(i for i in wanted if i not in known)))

        def job() -> None:
            try:
                conn = reader()
                with self._conn_lock:
                    self._busy_conn = conn
                known = fresh
                if head:
                    head_ids = mention_ids(conn, query, limit=HEAD_SIZE)
                    head_raw = head_ids.tobytes()
                    head_rows = rows_for(conn, head_ids, head_raw, known)
                    head_done = len(head_ids) < HEAD_SIZE
                    post(lambda: self._apply(generation, head_ids, head_raw, head_done, head_rows, seq))
                    if len(head_ids) < HEAD_SIZE:
                        return
                    known = known | head_rows.keys()
                started = time.perf_counter()
                ids = mention_ids(conn, query)
                self.last_load_seconds = time.perf_counter() - started
                raw = ids.tobytes()
                rows = rows_for(conn, ids, raw, known)
                post(lambda: self._apply(generation, ids, raw, True, rows, seq))
            except sqlite3.OperationalError as exc:
                if "interrupt" not in str(exc):
                    post(lambda e=exc: self._failed(generation, e))
            except Exception as exc:
                post(lambda e=exc: self._failed(generation, e))
            finally:
                with self._conn_lock:
                    self._busy_conn = None
                post(self._finished)

        if self._closed:
            self._set_loading(False)
            return
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

    def _apply(
        self, generation: int, ids: array[int], raw: bytes, complete: bool, fetched: Fetched, seq: int
    ) -> None:
        if generation != self._query_gen:
            return  # ids of a query the user has left
        old = self._ids
        previous = {i: self._rows[i][0] for i in fetched if i in self._rows}
        self._store(fetched, seq)
        if ids == old:
            if any(i not in previous or previous[i] != row for i, row in fetched.items()):
                self._changed(0, len(ids) - 1)  # only rows read again can differ; if none did, no repaint
        elif old and len(ids) > len(old) and not self.complete and ids[: len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(ids) - 1)
            self._ids, self._ids_raw = ids, raw
            self._ids_version += 1
            self.endInsertRows()
        else:
            self.ids_about_to_swap.emit()
            self.beginResetModel()
            self._ids, self._ids_raw = ids, raw
            self._ids_version += 1
            self.endResetModel()
            self.ids_swapped.emit()
        self.complete = complete

    def shutdown(self) -> None:
        self._closed = True  # a refresh timer that fires after this starts nothing
        self._refresh_timer.stop()
        self._interrupt()
        self._pool.shutdown(wait=True, cancel_futures=True)  # no worker outlives the window

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # --- the row cache -------------------------------------------------------------------------------------

    def _fresh(self, mention_id: int, read_at: int) -> bool:
        return read_at >= self._all_changed_at and read_at >= self._changed_at.get(mention_id, 0)

    def _store(self, fetched: Fetched, seq: int) -> None:
        """Keep rows read by a job that started at change `seq` (a newer copy already held wins)."""
        rows = self._rows
        for mention_id, row in fetched.items():
            held = rows.get(mention_id)
            if held is None or held[1] <= seq:
                rows[mention_id] = (row, seq)
                if self._changed_at.get(mention_id, 0) <= seq:
                    self._changed_at.pop(mention_id, None)
            rows.move_to_end(mention_id)
        self.rows_fetched += len(fetched)
        limit = max(MAX_PAGES * PAGE_SIZE, 1)
        while len(rows) > limit:
            mention_id, _ = rows.popitem(last=False)
            self._changed_at.pop(mention_id, None)

    def note_visible(self, first: int, last: int) -> None:
        """The rows on screen (the view tells at each paint): a refresh reads this window with the ids."""
        self._visible = (first, max(first, last))

    def cached_row(self, row: int) -> sqlite3.Row | None:
        """The row to paint, never waiting: a missing or stale row is read by a worker (a stale one shows)."""
        if not 0 <= row < len(self._ids):
            return None
        mention_id = self._ids[row]
        held = self._rows.get(mention_id)
        if held is None:
            self._request_page(row // PAGE_SIZE)
            return None
        self._rows.move_to_end(mention_id)
        if not self._fresh(mention_id, held[1]) and not (self._inflight or self._refresh_timer.isActive()):
            self._request_page(row // PAGE_SIZE)  # a refresh on its way reads the window anyway
        return held[0]

    def row_data(self, row: int) -> sqlite3.Row | None:
        """The current row for an action on it: read on the spot (one row by id) if not cached and fresh."""
        if not 0 <= row < len(self._ids):
            return None
        mention_id = self._ids[row]
        held = self._rows.get(mention_id)
        if held is not None and self._fresh(mention_id, held[1]):
            self._rows.move_to_end(mention_id)
            return held[0]
        seq = self._change_seq
        fetched = read_rows(self._reader(), [mention_id])
        self._store(fetched, seq)
        return fetched[mention_id]

    def _request_page(self, number: int) -> None:
        key = (self._ids_version, number)
        if key in self._pending_pages:
            return
        page = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        rows = self._rows
        wanted = [i for i in page if (held := rows.get(i)) is None or not self._fresh(i, held[1])]
        if not wanted:
            return
        self._pending_pages.add(key)
        reader, seq, workspace = self._reader, self._change_seq, self._workspace_gen
        self._tasks.run(
            lambda: read_rows(reader(), wanted),
            lambda fetched: self._page_arrived(key, workspace, fetched, seq),
            lambda exc: self._page_failed(workspace, exc),  # the page stays pending: no retry storm
        )

    def _page_arrived(self, key: tuple[int, int], workspace: int, fetched: Fetched, seq: int) -> None:
        if workspace != self._workspace_gen:
            return
        self._pending_pages.discard(key)
        self._store(fetched, seq)
        version, number = key
        if version == self._ids_version:
            self._changed(number * PAGE_SIZE, (number + 1) * PAGE_SIZE - 1)
        else:
            self._changed(*self._visible)

    def _page_failed(self, workspace: int, exc: BaseException) -> None:
        if workspace == self._workspace_gen:
            self._tasks.on_error(exc)

    def _changed(self, first: int, last: int) -> None:
        last = min(last, len(self._ids) - 1)
        if 0 <= first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    # --- lookups -------------------------------------------------------------------------------------------

    def ids(self) -> array[int]:
        return self._ids

    def mention_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, mention_id: int) -> int | None:
        return find_row(self._ids_raw, mention_id)

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

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """One Python call a cell (Qt's own `index` would call `rowCount` and `columnCount`: two more).

        `flags` is Qt's default (enabled, selectable, no children): not overriding it saves a call a cell.
        """
        if 0 <= row < len(self._ids) and 0 <= column < COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if role == MentionIdRole:
            return self.mention_id(index.row())
        row = self.cached_row(index.row())
        if row is None:
            return None  # not read yet: a worker reads it, then dataChanged
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if not row["is_read"] and column == Column.TITLE else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.URGENCY, Column.AGE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == RowRole:
            return row
        if role == UnreadRole:
            return not row["is_read"]
        return None

    def display(self, row: sqlite3.Row, column: int) -> str:
        """The text of a cell (the view's delegate paints it straight from the row)."""
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
