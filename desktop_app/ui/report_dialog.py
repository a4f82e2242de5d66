"""File → Export report…: the audit report for a period as HTML, PDF, or its mentions as CSV / JSON.

The choices are read on the UI thread; the report is built and written in a worker; the window hears
`exported(path, message)` and offers to open the file from the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, QRunnable, QStandardPaths, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.insights.report import build_report, write_report
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.format import plural
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

FORMATS = {"HTML": "html", "PDF": "pdf", "CSV": "csv", "JSON": "json"}
FILTERS = {
    "html": "Web page (*.html)",
    "pdf": "PDF document (*.pdf)",
    "csv": "Spreadsheet (*.csv)",
    "json": "JSON (*.json)",
}
DEFAULT_DAYS = 30
OPEN_BUTTON_MS = 20_000


def day_start(day: QDate) -> int:
    """Local midnight at the start of a day, as UTC epoch seconds."""
    local = datetime.combine(day.toPython(), time()).astimezone()  # type: ignore[arg-type]
    return int(local.timestamp())


def period(since: QDate, until: QDate) -> tuple[int, int]:
    """[first day 00:00, the day after the last day 00:00), local time; the report's `until` is exclusive."""
    start, end = sorted((since, until), key=lambda d: d.toJulianDay())
    return day_start(start), day_start(end.addDays(1))


def export_report(
    ws: Workspace, since: int, until: int, fmt: str, output: Path, client_name: str, logo: Path | None
) -> str:
    """HTML, CSV or JSON, in a worker. Returns what to tell the user."""
    result = write_report(ws, since, until, fmt, output, client_name=client_name or None, logo_path=logo)
    if isinstance(result, int):
        return f"Exported {plural(result, 'mention')} to {output.name}"
    return f"Report saved: {output.name} ({plural(result.total, 'mention')})"


def report_for_pdf(
    ws: Workspace, since: int, until: int, client_name: str, logo: Path | None
) -> tuple[str, int]:
    """The report's HTML (charts as images, which Qt prints) and its mention count, in a worker."""
    from desktop_app.services.insights.report_html import render_html

    report = build_report(ws, since, until, client_name=client_name or None, logo_path=logo)
    return render_html(report, charts_as_images=True), report.total


class _QtJob(QRunnable):
    """Printing needs a Qt thread (QTextDocument starts timers): a QThreadPool job, results via the dispatcher."""

    def __init__(self, fn: Callable[[], Any], post: Callable[[Callable[[], Any]], None],
                 on_done: Callable[[Any], Any], on_error: Callable[[BaseException], Any]) -> None:  # fmt: skip
        super().__init__()
        self._fn, self._post, self._done, self._error = fn, post, on_done, on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # shown in the dialog
            error = exc
            self._post(lambda: self._error(error))
            return
        self._post(lambda: self._done(result))


class ReportDialog(QDialog):
    exported = Signal(object, str)  # Path, message

    def __init__(self, ws: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.tasks = tasks
        self._printers = QThreadPool(self)
        self._printers.setMaxThreadCount(1)
        self.setWindowTitle("Export report")
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-DEFAULT_DAYS + 1))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(today)
        self.client = QLineEdit()
        self.client.setPlaceholderText("optional: shown on the cover")
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("optional: PNG, JPEG or SVG")
        self.logo.setClearButtonEnabled(True)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose)
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.format.setToolTip("HTML and PDF: the audit report. CSV and JSON: the mentions behind it.")
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.until)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow("Period:", dates)
        form.addRow("Client name:", self.client)
        form.addRow("Logo:", logo_row)
        form.addRow("Format:", self.format)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d93025;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)

    def fmt(self) -> str:
        return FORMATS[self.format.currentText()]

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a logo", "", "Images (*.png *.jpg *.jpeg *.svg *.gif)"
        )
        if path:
            self.logo.setText(path)

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        stamp = self.until.date().toString("yyyy-MM-dd")
        return Path(folder or Path.home()) / f"{self.ws.name} report {stamp}.{self.fmt()}"

    def accept(self) -> None:
        """Ask where to save (the native dialog), then export there."""
        fmt = self.fmt()
        path, _ = QFileDialog.getSaveFileName(self, "Save the report", str(self.default_path()), FILTERS[fmt])
        if path:
            output = Path(path)
            self.export_to(output if output.suffix else output.with_suffix(f".{fmt}"))

    def export_to(self, output: Path) -> None:
        logo_text = self.logo.text().strip()
        logo = Path(logo_text) if logo_text else None
        if logo is not None and not logo.is_file():
            self.error.setText(f"The logo file {logo.name} was not found.")
            return
        since, until = period(self.since.date(), self.until.date())
        ws, fmt, client = self.ws, self.fmt(), self.client.text().strip()
        self._set_busy(True)
        if fmt == "pdf":
            self.tasks.run(
                lambda: report_for_pdf(ws, since, until, client, logo),
                lambda built: self._print_pdf(output, *built),
                self._failed,
            )
            return
        self.tasks.run(
            lambda: export_report(ws, since, until, fmt, output, client, logo),
            lambda message: self._done(output, message),
            self._failed,
        )

    def _print_pdf(self, output: Path, html: str, total: int) -> None:
        from desktop_app.ui.report_pdf import write_pdf

        message = f"Report saved: {output.name} ({plural(total, 'mention')})"
        job = _QtJob(
            lambda: write_pdf(html, output),
            self.tasks.dispatcher.post,
            lambda _r: self._done(output, message),
            self._failed,
        )
        self._printers.start(job)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.setText("")

    def _done(self, output: Path, message: str) -> None:
        self._set_busy(False)
        self.exported.emit(output, message)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(friendly_error(exc))


class OpenFileNotice(QObject):
    """A status-bar message with an "Open" button for a file just written."""

    def __init__(self, status: QStatusBar) -> None:
        super().__init__(status)
        self._status = status
        self.path: Path | None = None
        self.button = QToolButton()
        self.button.setText("Open")
        self.button.setAutoRaise(True)
        self.button.hide()
        self.button.clicked.connect(self.open)
        status.addPermanentWidget(self.button)
        self._timer = QTimer(self, singleShot=True, interval=OPEN_BUTTON_MS)
        self._timer.timeout.connect(self.button.hide)

    def show(self, path: Path, message: str) -> None:
        self.path = path
        self._status.showMessage(message, OPEN_BUTTON_MS)
        self.button.setToolTip(str(path))
        self.button.show()
        self._timer.start()

    def open(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        self.button.hide()
