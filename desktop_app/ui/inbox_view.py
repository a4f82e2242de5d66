"""The inbox table: keeps the user's place (selected ids, top row) when the ids underneath change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.ui.delegates import InboxDelegate
from desktop_app.ui.inbox_model import COLUMN_FOR_SORT, Column, InboxModel

MAX_RESTORED = 50
Flag = QItemSelectionModel.SelectionFlag


class _Header(QHeaderView):
    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint under one hold of the GIL (headerData is Python): see InboxView.paintEvent."""
        super().paintEvent(event)


class InboxView(QTableView):
    current_mention_changed = Signal(object)  # int | None
    selection_size_changed = Signal(int)

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._saved: tuple[int | None, list[int], int | None, int] = (None, [], None, 0)
        self._last_current: int | None = None
        self._saved_row = -1
        self.setModel(model)
        self._setup_look()
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        model.ids_about_to_swap.connect(self._save_place)
        model.ids_swapped.connect(self._restore_place)
        model.rowsInserted.connect(lambda *_: self._emit_current())

    def _setup_look(self) -> None:
        self.setHorizontalHeader(_Header(Qt.Orientation.Horizontal, self))
        self.horizontalHeader().setSectionsClickable(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(30, self.fontMetrics().height() + 14))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widths = {  # the mention's own words get the room that is left
            Column.URGENCY: 82,
            Column.SENTIMENT: 90,
            Column.SOURCE: 104,
            Column.AUTHOR: 110,
            Column.AGE: 52,
        }
        for column, width in widths.items():
            self.setColumnWidth(column, width)
        self._delegate = InboxDelegate(self._model, self)  # every cell painted from the cached row
        self.setItemDelegate(self._delegate)
        self.setSortingEnabled(True)
        self.sync_sort_indicator()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint under one hold of the GIL, and tell the model which rows are on screen.

        Called from Python, QTableView's painting does not release the GIL, so the delegate's calls back into
        Python do not queue for it again, cell by cell, behind a busy writer thread.
        """
        first = self.rowAt(0)
        if first >= 0:
            last = self.rowAt(self.viewport().height() - 1)
            self._model.note_visible(first, last if last >= 0 else self._model.rowCount() - 1)
        super().paintEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            delegate = getattr(self, "_delegate", None)  # (events may come before it exists)
            if delegate is not None:
                delegate.forget_cells()  # painted cells keep the old look
        super().changeEvent(event)

    def sync_sort_indicator(self) -> None:
        column = COLUMN_FOR_SORT.get(self._model.query.sort, Column.URGENCY)
        order = (
            Qt.SortOrder.AscendingOrder
            if self._model.query.sort.value == "oldest"
            else Qt.SortOrder.DescendingOrder
        )
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    # --- what is selected ---------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self._model.mention_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        ids = [i for i in (self._model.mention_id(r) for r in rows) if i is not None]
        if not ids and (current := self.current_id()) is not None:
            ids = [current]
        return ids

    def select_row(self, row: int, *, extend: bool = False) -> None:
        count = self._model.rowCount()
        if count == 0:
            return
        row = max(0, min(row, count - 1))
        index = self._model.index(row, Column.TITLE)
        flags = Flag.Rows | (Flag.Select if extend else Flag.ClearAndSelect)
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def select_id(self, mention_id: int) -> bool:
        row = self._model.row_of(mention_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def move(self, step: int) -> None:
        index = self.currentIndex()
        self.select_row(index.row() + step if index.isValid() else 0)

    def clear_selection(self) -> None:
        self.selectionModel().clearSelection()
        self.selectionModel().setCurrentIndex(self._model.index(-1, -1), Flag.NoUpdate)
        self._emit_current()

    # --- keeping the user's place across refreshes --------------------------------------------------------

    def _save_place(self) -> None:
        current = self.current_id()
        index = self.currentIndex()
        selected = [i for i in self.selected_ids()[:MAX_RESTORED] if i != current]
        top_row = self.rowAt(0)
        anchor = self._model.mention_id(top_row) if top_row >= 0 else None
        offset = (index.row() - top_row) if index.isValid() and top_row >= 0 else 0
        self._saved = (current, selected, anchor, offset)
        self._saved_row = index.row() if index.isValid() else -1

    def _restore_place(self) -> None:
        current, selected, anchor, offset = self._saved
        model = self._model
        selection_model = self.selectionModel()
        selection_model.blockSignals(True)
        try:
            row = model.row_of(current) if current is not None else None
            if row is None and current is not None and self._saved_row >= 0 and model.rowCount():
                row = min(self._saved_row, model.rowCount() - 1)  # it left the view: take its successor
            if row is not None:
                index = model.index(row, Column.TITLE)
                selection_model.setCurrentIndex(index, Flag.ClearAndSelect | Flag.Rows)
                selection = QItemSelection()
                for other in selected:
                    r = model.row_of(other)
                    if r is not None:
                        selection.select(model.index(r, 0), model.index(r, len(Column) - 1))
                selection_model.select(selection, Flag.Select)
        finally:
            selection_model.blockSignals(False)
        anchor_row = model.row_of(anchor) if anchor is not None else None
        self.updateGeometries()  # the scroll range for the new row count (else a value past the old one clamps)
        if anchor_row is not None:
            self.verticalScrollBar().setValue(anchor_row)
        elif row is not None:
            self.verticalScrollBar().setValue(max(0, row - offset))
        self.viewport().update()
        self._emit_current()
        self.selection_size_changed.emit(len(self.selected_ids()))

    def _current_changed(self, *_: object) -> None:
        self._emit_current()

    def _selection_changed(self, *_: object) -> None:
        self.selection_size_changed.emit(len(self.selectionModel().selectedRows()))

    def _emit_current(self) -> None:
        current = self.current_id()
        if current != self._last_current:
            self._last_current = current
            self.current_mention_changed.emit(current)
