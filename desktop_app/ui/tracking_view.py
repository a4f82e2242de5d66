"""Response tracking in the window: the unanswered-complaint clock in the status bar, kept current, and the
"Response tracking" dialog (median time to first response, response rate per source and per week)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.drafting.tracking import ResponseRate
from desktop_app.services.replies import (
    TrackingSummary,
    format_duration,
    oldest_unanswered_complaint,
    tracking_summary,
)
from desktop_app.ui.tasks import TaskRunner

CLOCK_TICK_MS = 60_000
LATE_SECONDS = 24 * 3600
Reader = Callable[[], sqlite3.Connection]
AnyIndex = QModelIndex | QPersistentModelIndex


def clock_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"Oldest unanswered complaint: {format_duration(seconds)}"


def clock_html(seconds: int, late: bool) -> str:
    colour = "color:#d93025; font-weight:600;" if late else ""
    return (
        f'<span style="{colour}">Oldest unanswered complaint: '
        f'<a href="earshot:oldest" style="{colour}">{format_duration(seconds)}</a></span>'
    )


class ComplaintClock(QObject):
    """Shows the age of the oldest unanswered complaint on `label`; re-reads it every minute and on demand.
    Clicking the age asks to open that mention (`open_requested`)."""

    open_requested = Signal(int)

    def __init__(
        self,
        tasks: TaskRunner,
        label: QLabel,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.label = label
        self._clock = clock
        self._reader: Reader | None = None
        self.seconds: int | None = None
        self.mention_id: int | None = None
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.linkActivated.connect(self._clicked)
        self._timer = QTimer(self, interval=CLOCK_TICK_MS)
        self._timer.timeout.connect(self.refresh)
        self._debounce = QTimer(self, singleShot=True, interval=500)
        self._debounce.timeout.connect(self.refresh)
        self.label.setToolTip(
            "How long the oldest complaint or crisis still marked new has waited for an answer. "
            "Click to open it. View → Response tracking shows more."
        )
        self.label.hide()

    def set_reader(self, reader: Reader | None) -> None:
        self._reader = reader
        self.seconds = self.mention_id = None
        self._show(None)
        if reader is None:
            self._timer.stop()
            self._debounce.stop()
        else:
            self._timer.start()
            self.refresh()

    def schedule(self) -> None:
        """After a write: refresh soon (several writes in a row cost one read)."""
        if self._reader is not None:
            self._debounce.start()

    def refresh(self) -> None:
        reader = self._reader
        if reader is None:
            return
        now = int(self._clock())
        self._tasks.run(
            lambda: oldest_unanswered_complaint(reader(), now),
            lambda oldest: self._done(reader, oldest),
            lambda _exc: None,  # a workspace closing under the read: the next one tells
        )

    def _done(self, reader: Reader, oldest: tuple[int, int] | None) -> None:
        if reader is self._reader:
            self.mention_id, self.seconds = oldest if oldest is not None else (None, None)
            self._show(self.seconds)

    def _show(self, seconds: int | None) -> None:
        self.label.setText("" if seconds is None else clock_html(seconds, seconds >= LATE_SECONDS))
        self.label.setVisible(seconds is not None)

    def text(self) -> str:
        return clock_text(self.seconds)

    def _clicked(self, _link: str) -> None:
        if self.mention_id is not None:
            self.open_requested.emit(self.mention_id)


class RateModel(QAbstractTableModel):
    """A few dozen rows at most (sources, weeks): the whole list is held; nothing grows while shown."""

    HEADERS = ("", "Called for a reply", "Answered", "Response rate")

    def __init__(self, first_column: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResponseRate] = []
        self._first = first_column

    def set_rows(self, rows: Sequence[ResponseRate]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._first if section == 0 else self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.key
            if column == 1:
                return f"{row.mentions:,}"
            if column == 2:
                return f"{row.answered:,}"
            return f"{row.rate:.0%}" if row.mentions else "—"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model: RateModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in (1, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return view


class ResponseTrackingDialog(QDialog):
    def __init__(self, reader: Reader, tasks: TaskRunner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._tasks = tasks
        self.setWindowTitle(f"Response tracking — {title}")
        self.median = QLabel("…")
        self.answered = QLabel("…")
        self.oldest = QLabel("…")
        summary = QFormLayout()
        summary.addRow("Median time to first response:", self.median)
        summary.addRow("Mentions answered:", self.answered)
        summary.addRow("Oldest unanswered complaint:", self.oldest)
        note = QLabel(
            "“Called for a reply”: complaints, crises, questions and anything negative. "
            "Weeks are ISO weeks of publication (UTC)."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        self.by_source = RateModel("Source", self)
        self.by_week = RateModel("Week", self)
        self.source_view = _table(self.by_source)
        self.week_view = _table(self.by_week)
        tabs = QTabWidget()
        tabs.addTab(self.source_view, "By &source")
        tabs.addTab(self.week_view, "By &week")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = QPushButton("&Refresh")
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(summary)
        layout.addWidget(tabs, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self.summary: TrackingSummary | None = None
        self.refresh()

    def refresh(self) -> None:
        reader, now = self._reader, int(time.time())
        self.refresh_button.setEnabled(False)
        self._tasks.run(lambda: tracking_summary(reader(), now), self._loaded)

    def _loaded(self, summary: TrackingSummary) -> None:
        self.summary = summary
        self.refresh_button.setEnabled(True)
        self.median.setText(
            format_duration(summary.median_seconds) if summary.answered else "no replies recorded yet"
        )
        self.answered.setText(f"{summary.answered:,}")
        self.oldest.setText(
            format_duration(summary.oldest_unanswered_seconds)
            if summary.oldest_unanswered_seconds is not None
            else "none waiting"
        )
        self.by_source.set_rows(summary.by_source)
        self.by_week.set_rows(list(reversed(summary.by_week)))  # newest week first
