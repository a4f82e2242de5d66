"""View → Dashboard: charts of one period, every element a click-through to the inbox.

A window of its own beside the inbox. The period comes from presets (7, 30, 90 days) or two dates; the figures
are built in a worker (services.insights.dashboard) and painted when they arrive; a click emits the element's
Drill, which the main window turns into an inbox filter. New mentions refresh it while it is open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.insights.dashboard import (
    Cancelled,
    Dashboard,
    Drill,
    PersonRow,
    Tile,
    build_dashboard,
)
from desktop_app.services.insights.patterns import SPIKE_SIGMAS
from desktop_app.services.insights.people import KIND_TITLES, Kind
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.chart_widgets import COLOURS, BarChart
from desktop_app.ui.report_dialog import period
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

PRESETS = (("Last 7 days", 7), ("Last 30 days", 30), ("Last 90 days", 90), ("Custom", 0))
DEFAULT_DAYS = 30
REFRESH_DELAY_MS = 1500
EDIT_DELAY_MS = 400
PEOPLE_SHOWN = 15
DrillRole = Qt.ItemDataRole.UserRole + 1


def utc_offset(at: int) -> int:
    """Seconds east of UTC of the local zone at `at` (the dashboard's days are local days)."""
    delta = datetime.fromtimestamp(at).astimezone().utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


class TileWidget(QFrame):
    drill = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashTile")
        self.title = QLabel("")
        self.title.setObjectName("muted")
        self.value = QLabel("–")
        self.value.setObjectName("dashValue")
        self.note = QLabel("")
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        for widget in (self.title, self.value, self.note):
            layout.addWidget(widget)
        self._drill: Drill | None = None

    def set_tile(self, tile: Tile) -> None:
        self.title.setText(tile.title.upper())
        self.value.setText(tile.value)
        self.note.setText(tile.note)
        self._drill = tile.drill
        clickable = tile.drill is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable else Qt.FocusPolicy.NoFocus)
        self.setToolTip(f"Show: {tile.drill.title}" if tile.drill else "")
        self.setAccessibleName(f"{tile.title}: {tile.value}, {tile.note}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._drill is not None:
            self.drill.emit(self._drill)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if self._drill is not None and event.key() in keys:
            self.drill.emit(self._drill)
        else:
            super().keyPressEvent(event)


class Card(QFrame):
    """A heading, an optional note and a chart (or any widget)."""

    def __init__(self, title: str, body: QWidget, legend: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.setObjectName("dashCard")
        heading = QLabel(title)
        heading.setObjectName("sectionHeading")
        self.note = QLabel("")
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.note.hide()
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for key in legend:
            swatch = QLabel("■")
            swatch.setStyleSheet(f"color: {COLOURS[key]};")
            top.addWidget(swatch)
            top.addWidget(QLabel(key.capitalize()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addWidget(body)
        layout.addWidget(self.note)
        layout.addStretch(1)  # cards side by side share a height: keep each chart at its top
        self.body = body

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


class DashboardWindow(QWidget):
    drill = Signal(object)  # Drill: show these mentions in the inbox
    updated = Signal(object)  # Dashboard: the figures on screen changed

    def __init__(
        self,
        tasks: TaskRunner,
        spike_sigmas: Callable[[], float] | None = None,
        state: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("dashboard")
        self.tasks = tasks
        self._spike_sigmas = spike_sigmas or (
            lambda: SPIKE_SIGMAS
        )  # the alert's threshold, so marks match alerts
        self.ws: Workspace | None = None
        self.data: Dashboard | None = None
        self._generation = 0
        self._loading = False
        self._stale = False
        self._cancel: threading.Event | None = None
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._edit_timer = QTimer(self, singleShot=True, interval=EDIT_DELAY_MS)
        self._edit_timer.timeout.connect(self.refresh)
        self.setWindowTitle("Dashboard — Earshot")
        self.resize(1180, 860)
        self._state = state
        self._build()
        self._restore_state()

    # --- building ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.preset = QComboBox()
        for title, days in PRESETS:
            self.preset.addItem(title, days)
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-DEFAULT_DAYS + 1))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(today)
            edit.dateChanged.connect(self._dates_edited)
        self.preset.setCurrentIndex([d for _, d in PRESETS].index(DEFAULT_DAYS))
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.state = QLabel("")
        self.state.setObjectName("muted")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Period:"))
        bar.addWidget(self.preset)
        bar.addWidget(self.since)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.until)
        bar.addSpacing(12)
        bar.addWidget(self.state, 1)
        hint = QLabel("Click any bar, tile or row to see its mentions in the inbox.")
        hint.setObjectName("muted")
        bar.addWidget(hint)

        self.tiles = [TileWidget() for _ in range(5)]
        tiles_row = QHBoxLayout()
        for tile in self.tiles:
            tile.drill.connect(self.drill)
            tiles_row.addWidget(tile, 1)
        self.days_chart = BarChart(vertical=True)
        self.categories_chart = BarChart()
        self.sources_chart = BarChart()
        self.themes_chart = BarChart()
        self.voices_chart = BarChart()
        self.voices_chart.empty_text = "Add competitors to the workspace to compare share of voice."
        self.kinds_chart = BarChart()
        self.loudness_chart = BarChart()
        self.responses_chart = BarChart()
        self.responses_chart.empty_text = "No complaint, negative mention or question in this period."
        self.conversions_chart = BarChart()
        self.conversions_chart.empty_text = "No unhappy author got a reply in this period."
        for chart in self._charts():
            chart.drill.connect(self.drill)
        self.days_card = Card(
            "Mentions per day by sentiment", self.days_chart, ("negative", "neutral", "positive")
        )
        self.themes_card = Card("Themes", self.themes_chart, ("negative", "neutral", "positive"))
        self.voices_card = Card("Share of voice", self.voices_chart, ("negative", "neutral", "positive"))
        self.people_table = self._make_people_table()
        self.people_kind = QComboBox()
        self.people_kind.addItem("Everyone classified", None)
        for kind in Kind:
            self.people_kind.addItem(KIND_TITLES[kind], kind.value)
        self.people_kind.currentIndexChanged.connect(lambda _i: self._fill_people())
        people_box = QWidget()
        people_layout = QVBoxLayout(people_box)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.people_kind, 0, Qt.AlignmentFlag.AlignLeft)
        people_layout.addWidget(self.people_table)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addLayout(tiles_row, 0, 0, 1, 2)
        grid.addWidget(self.days_card, 1, 0, 1, 2)
        voices_box = QWidget()
        voices_layout = QVBoxLayout(voices_box)
        voices_layout.setContentsMargins(0, 0, 0, 0)
        voices_layout.addWidget(self.kinds_chart)
        split = QLabel("Promoters and detractors, by the mean tone of what each author wrote:")
        split.setObjectName("muted")
        voices_layout.addWidget(split)
        voices_layout.addWidget(self.loudness_chart)
        responses_box = QWidget()
        responses_layout = QVBoxLayout(responses_box)
        responses_layout.setContentsMargins(0, 0, 0, 0)
        responses_layout.addWidget(self.responses_chart)
        scope = QLabel("Of the complaints, negative mentions and questions not archived.")
        scope.setObjectName("muted")
        responses_layout.addWidget(scope)
        responses_layout.addSpacing(6)
        after = QLabel("Unhappy authors who got a reply, by the tone of what they wrote since:")
        after.setObjectName("muted")
        after.setWordWrap(True)
        responses_layout.addWidget(after)
        responses_layout.addWidget(self.conversions_chart)
        self.responses_card = Card("Time to first response", responses_box)
        grid.addWidget(Card("Categories", self.categories_chart), 2, 0)
        grid.addWidget(self.voices_card, 2, 1)
        grid.addWidget(Card("Top sources", self.sources_chart, ("negative", "neutral", "positive")), 3, 0)
        grid.addWidget(self.themes_card, 3, 1)
        grid.addWidget(self.responses_card, 4, 0)
        grid.addWidget(Card("Kinds of voices", voices_box), 4, 1)
        grid.addWidget(Card("People to know", people_box), 5, 0, 1, 2)
        grid.setRowStretch(6, 1)
        content = QWidget()
        content.setObjectName("dashContent")
        content.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self._sync_dates_enabled()

    def _charts(self) -> tuple[BarChart, ...]:
        return (self.days_chart, self.categories_chart, self.sources_chart, self.themes_chart,
                self.voices_chart, self.kinds_chart, self.loudness_chart, self.responses_chart,
                self.conversions_chart)  # fmt: skip

    def _make_people_table(self) -> QTableWidget:
        table = QTableWidget(0, 5)
        table.setHorizontalHeaderLabels(["Author", "Kind", "Mentions", "Negative", "Reach"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(320)
        table.cellClicked.connect(self._person_clicked)
        table.cellActivated.connect(self._person_clicked)  # Enter on a row
        table.setToolTip("Click a person to see what they wrote in this period")
        return table

    # --- the period -----------------------------------------------------------------------------------------

    def period(self) -> tuple[int, int]:
        return period(self.since.date(), self.until.date())

    def set_preset(self, days: int) -> None:
        self.preset.setCurrentIndex([d for _, d in PRESETS].index(days))

    def set_dates(self, since: QDate, until: QDate) -> None:
        """A custom period (both days included)."""
        for edit, day in ((self.since, since), (self.until, until)):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)
        self._dates_edited()

    def _preset_chosen(self, _index: int) -> None:
        self._roll_preset()
        self._sync_dates_enabled()
        self.refresh()

    def _roll_preset(self) -> None:
        """A preset ends today, whenever it is applied (the window may stay open past midnight)."""
        days = int(self.preset.currentData())
        today = QDate.currentDate()
        for edit, day in ((self.since, today.addDays(-days + 1)), (self.until, today)):
            edit.blockSignals(True)
            edit.setMaximumDate(today)
            if days:
                edit.setDate(day)
            edit.blockSignals(False)

    def _dates_edited(self) -> None:
        custom = [d for _, d in PRESETS].index(0)
        if self.preset.currentIndex() != custom:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(custom)
            self.preset.blockSignals(False)
        self._sync_dates_enabled()
        self._edit_timer.start()  # typing a date changes it key by key: refresh once the typing stops

    def _sync_dates_enabled(self) -> None:
        custom = not self.preset.currentData()
        for edit in (self.since, self.until):
            edit.setToolTip("" if custom else "Change a date to choose a custom period")

    def period_text(self) -> str:
        days = int(self.preset.currentData())
        if days:
            return self.preset.currentText().lower()
        return f"{self.since.date().toString('d MMM yyyy')} – {self.until.date().toString('d MMM yyyy')}"

    # --- data -------------------------------------------------------------------------------------------------

    def set_workspace(self, ws: Workspace | None) -> None:
        self.cancel()
        self.ws = ws
        self.data = None
        self._loading = False
        self._generation += 1
        if ws is None:
            self.hide()
            return
        title = ws.setting("title") or ws.profile().brand
        self.setWindowTitle(f"Dashboard — {title} — Earshot")
        if self.isVisible():
            self.refresh()

    @property
    def loading(self) -> bool:
        return self._loading

    def refresh(self) -> None:
        """Rebuild the figures for the chosen period in a worker; a newer request wins over an older one."""
        ws = self.ws
        if ws is None:
            return
        self._refresh_timer.stop()
        self._edit_timer.stop()
        self._stale = False
        self._roll_preset()
        since, until = self.period()
        offset = utc_offset(min(until, int(datetime.now().timestamp())))
        sigmas = float(self._spike_sigmas())
        self.cancel()  # a build still running for an older request stops at its next step
        self._generation += 1
        generation = self._generation
        cancel = self._cancel = threading.Event()
        self._loading = True
        self.state.setText("Updating…")
        post = self.tasks.dispatcher.post

        def early(data: Dashboard) -> None:  # in the worker: most charts now, themes and people when ready
            post(lambda: self._show(generation, data))

        self.tasks.run(
            lambda: build_dashboard(
                ws, since, until, offset=offset, sigmas=sigmas, cancelled=cancel.is_set, partial=early
            ),
            lambda data: self._show(generation, data),
            lambda exc: self._failed(generation, exc),
        )

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None

    def schedule_refresh(self) -> None:
        """New or changed mentions: refresh soon if the dashboard is open, else when it is next shown."""
        if self.isVisible() and self.ws is not None:
            self._refresh_timer.start()
        else:
            self._stale = True

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation and not isinstance(exc, Cancelled):
            self._loading = False
            self.state.setText(f"Could not compute the figures: {friendly_error(exc)}")

    def _show(self, generation: int, data: Dashboard) -> None:
        if generation != self._generation:
            return
        self.data = data
        self._loading = not data.complete
        working = "" if data.complete else " — working out themes and people…"
        self.state.setText(f"{data.total:,} mentions, {self.period_text()}{working}")
        for widget, tile in zip(self.tiles, data.tiles, strict=True):
            widget.set_tile(tile)
        self.days_chart.set_bars(data.days)
        self.days_card.set_note(
            f"▼ marks a spike in negative mentions and complaints ({len(data.spike_days)} in this period)."
            if data.spike_days
            else ""
        )
        self.categories_chart.set_bars(data.categories)
        self.sources_chart.set_bars(data.sources)
        self.themes_chart.empty_text = (
            "No mentions in this period." if data.complete else "Working out the themes…"
        )
        self.kinds_chart.empty_text = (
            "No mentions in this period." if data.complete else "Working out who is who…"
        )
        self.themes_chart.set_bars(data.themes)
        self.themes_card.set_note(data.themes_note)
        self.voices_chart.set_bars(data.voices)
        self.kinds_chart.set_bars(data.people_kinds)
        self.loudness_chart.set_bars(data.loudness)
        self.responses_chart.set_bars(data.responses)
        self.conversions_chart.set_bars(data.conversions)
        self._fill_people()
        if data.complete:
            self.updated.emit(data)

    def people_rows(self) -> list[PersonRow]:
        if self.data is None:
            return []
        kind = self.people_kind.currentData()
        wanted = KIND_TITLES[Kind(kind)].rstrip("s") if kind else None
        rows = [p for p in self.data.people if wanted is None or wanted in p.kinds]
        return rows[:PEOPLE_SHOWN]

    def _fill_people(self) -> None:
        rows = self.people_rows()
        table = self.people_table
        table.setRowCount(len(rows))
        for r, person in enumerate(rows):
            values = (
                person.name,
                ", ".join(person.kinds),
                f"{person.mentions:,}",
                f"{person.negative:,}",
                f"{person.reach:,}",
            )
            tip = "\n".join(person.reasons)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(tip)
                item.setData(DrillRole, person.drill)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        if not rows:
            table.setRowCount(0)

    def _person_clicked(self, row: int, _column: int) -> None:
        item = self.people_table.item(row, 0)
        drill = item.data(DrillRole) if item is not None else None
        if isinstance(drill, Drill):
            self.drill.emit(drill)

    def _restore_state(self) -> None:
        """The window's place and size and the chosen preset, as the user left them."""
        if self._state is None:
            return
        geometry = self._state.value("dashboard/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        days = self._state.value("dashboard/preset_days")
        if days is not None and int(days) in [d for _, d in PRESETS if d]:
            self.preset.blockSignals(True)
            self.set_preset(int(days))
            self.preset.blockSignals(False)
            self._roll_preset()

    def _save_state(self) -> None:
        if self._state is not None:
            self._state.setValue("dashboard/geometry", self.saveGeometry())
            if self.preset.currentData():
                self._state.setValue("dashboard/preset_days", int(self.preset.currentData()))
            self._state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_state()
        self.cancel()  # the figures being built would be for nobody; build them again when shown
        self._stale = self._stale or self._loading or self.data is None
        self._loading = False
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if (self.data is None or self._stale) and not self._loading:
            self.refresh()
