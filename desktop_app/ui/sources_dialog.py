"""Sources → Manage sources…: every source with its health, and the buttons to add, change, remove and poll."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes
from desktop_app.secrets.store import SecretStore
from desktop_app.services.search_sources import PlannedSearch, add_searches
from desktop_app.services.source_removal import remove_with_keys
from desktop_app.services.sources import source_records
from desktop_app.storage.source_writes import update_source
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.format import local_time, plural, relative_age
from desktop_app.ui.sidebar import dot_icon
from desktop_app.ui.sidebar_data import HEALTH_COLOURS
from desktop_app.ui.source_removal_prompt import RemovalOffer
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Kind", "Health", "Last success", "Last error", "Items", "Usage", "Next poll", "Enabled")
REFRESH_MS = 10_000
ERROR_WORDS = {  # by FetchError.kind (core/errors.py, secrets/encrypted.py); others show the source's own words
    "auth": "Key rejected: check or replace it in Settings → Accounts & keys.",
    "rate_limited": "The site asked us to slow down; Earshot waits before trying again.",
    "timeout": "Timed out: the site did not answer in time.",
    "blocked": "Blocked by the site (403/503): it refuses to serve Earshot; try another identity or a proxy "
    "(Edit…).",
    "not_a_feed": "Not a feed: the address answers with a web page, not RSS or Atom; check the URL.",
    "too_large": "Too large: the answer went past the size limit.",
    "keys_locked": "The encrypted key file is locked: give its password to poll this source.",
}
# A 503 without Retry-After is "temporarily unavailable"; when it keeps coming the site is likely blocking us.
UNAVAILABLE = "Temporarily unavailable (503); Earshot tries again later."
STILL_503 = 3


def default_secret_store() -> SecretStore | None:
    from desktop_app.services.factory import secret_store

    return secret_store()


def epoch(iso_text: str | None) -> int | None:
    """'2026-03-03T14:05:00Z' (UTC) → epoch seconds."""
    if not iso_text:
        return None
    try:
        return int(datetime.fromisoformat(iso_text.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


# A connector's own words for a quota or rate limit say when it resumes ("quota used up, resumes at midnight
# Pacific", "asked us to wait until 14:05"): those beat the generic sentence.
SPECIFIC_WORDS = re.compile(r"\b(until|resumes?|quota|\d{1,2}:\d{2})\b", re.IGNORECASE)
SPECIFIC_KINDS = frozenset({"rate_limited"})


def error_in_words(record: dict[str, Any]) -> str:
    error = record.get("last_error")
    if not error or record.get("health") in ("ok", "never polled"):
        return ""
    kind = str(record.get("last_error_kind") or "")
    own = str(error).splitlines()[0].strip()
    words = ERROR_WORDS.get(kind)
    failures = int(record.get("consecutive_failures") or 0)
    if kind == "transient" and " answered 503" in own:
        words = ERROR_WORDS["blocked"] if failures >= STILL_503 else UNAVAILABLE
    elif kind in SPECIFIC_KINDS and SPECIFIC_WORDS.search(own):
        words = own
    elif kind == "rate_limited":
        until = epoch(record.get("next_poll"))
        if until is not None and until > datetime.now().timestamp():
            words = f"Rate-limited until {datetime.fromtimestamp(until).strftime('%H:%M')}; Earshot waits till then."
    tail = f" ({plural(failures, 'failure')} in a row)" if failures > 1 else ""
    return (words or own) + tail


def next_poll_text(record: dict[str, Any], now: float | None = None) -> str:
    if record.get("health") == "demo":
        return "sample data"
    if not record.get("enabled"):
        return "off"
    when = epoch(record.get("next_poll"))
    if when is None:
        return "—"
    now = datetime.now().timestamp() if now is None else now
    minutes = int((when - now) // 60)
    if minutes <= 0:
        return "due now"
    return f"in {minutes} min" if minutes < 120 else f"in {minutes // 60} h"


class SourcesModel(QAbstractTableModel):
    """A short list (one row per source): held in memory, replaced whole on refresh."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[dict[str, Any]] = []

    def set_records(self, records: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.records):
            return None
        record, column = self.records[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "Health":
            return dot_icon(HEALTH_COLOURS.get(str(record["health"]), "#80868b"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "Items":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return int(record["id"])
        return None

    def _text(self, record: dict[str, Any], column: str) -> str:
        if column == "Name":
            return str(record["name"])
        if column == "Kind":
            return str(record["kind"])
        if column == "Health":
            return str(record["health"])
        if column == "Last success":
            return relative_age(epoch(record.get("last_success")))
        if column == "Last error":
            return error_in_words(record)
        if column == "Items":
            return f"{int(record.get('items_fetched') or 0):,}"
        if column == "Usage":  # YouTube's daily quota, X's monthly posts (and cost): "" for the others
            return str(record.get("usage_short") or "")
        if column == "Next poll":
            return next_poll_text(record)
        return "yes" if record.get("enabled") else "no"

    def _tip(self, record: dict[str, Any], column: str) -> str | None:
        if column == "Last success":
            return local_time(epoch(record.get("last_success")))
        if column == "Last error" and record.get("last_error"):
            return str(record["last_error"])
        if column == "Next poll":
            return local_time(epoch(record.get("next_poll")))
        if column == "Usage" and record.get("usage"):
            return str(record["usage"])
        if column == "Name":
            return f"{record['name']}\n{record['url']}" if record.get("url") else str(record["name"])
        if column == "Health":
            return f"{record['health']} — polled every {record.get('interval_minutes')} min"
        return None

    def record_for(self, source_id: int) -> dict[str, Any] | None:
        return next((r for r in self.records if int(r["id"]) == source_id), None)


def load_records(ws: Workspace) -> list[dict[str, Any]]:
    """source_records, with the demo workspace's sample sources marked "demo" (as the sidebar shows them)."""
    records = source_records(ws)
    demo = {
        int(row["id"])
        for row in ws.reader().execute("SELECT id, config FROM sources")
        if json.loads(row["config"] or "{}").get("demo")
    }
    for record in records:
        if int(record["id"]) in demo:
            record["health"] = "demo"
    return records


def add_hate_searches(
    ws: Workspace, searches: list[PlannedSearch], default_interval: int | None = None
) -> tuple[int, int]:
    """The chosen hate searches not yet in the workspace: (added, already there)."""
    result = add_searches(ws, searches, default_interval)
    if result.errors and not result.added:
        raise UserError(result.errors[0])
    return result.added, result.already_there


class EditSourceDialog(QDialog):
    """How often a source is polled, whether it is polled at all, and (Advanced) its User-Agent preset and
    proxy. Those are checked and stored (in a worker) before the dialog closes; the interval and the switch
    are saved by whoever listens to `accepted`. The workspace and task runner default to the parent's."""

    def __init__(
        self,
        record: dict[str, Any],
        parent: QWidget | None = None,
        ws: Workspace | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:
        from desktop_app.services.sources import source_config
        from desktop_app.ui.source_form import RequestSettingsSection

        super().__init__(parent)
        self.setWindowTitle(f"Edit {record['name']}")
        self.ws = ws if ws is not None else getattr(parent, "ws", None)
        self.tasks = tasks if tasks is not None else getattr(parent, "tasks", None)
        self.source_id = int(record["id"])
        self.interval = QSpinBox()
        self.interval.setRange(1, 7 * 24 * 60)
        self.interval.setSuffix(" min")
        self.interval.setValue(int(record.get("interval_minutes") or 30))
        self.enabled = QCheckBox("Poll this source")
        self.enabled.setChecked(bool(record.get("enabled")))
        self.request = RequestSettingsSection()
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d93025;")
        form = QFormLayout(self)
        form.addRow("Check every:", self.interval)
        form.addRow("", self.enabled)
        form.addRow(self.request)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.buttons = buttons
        if self.ws is not None and self.tasks is not None:
            ws_, source_id = self.ws, self.source_id
            self.tasks.run(lambda: source_config(ws_, source_id), self.request.load, self._failed)

    def accept(self) -> None:
        from desktop_app.services.sources import update_config

        changes = self.request.changes()
        if not changes or self.ws is None or self.tasks is None:
            super().accept()
            return
        ws, source_id = self.ws, self.source_id
        self.error.setText("")
        self.buttons.setEnabled(False)
        self.tasks.run(lambda: update_config(ws, source_id, changes), self._stored, self._failed)

    def _stored(self, _config: dict[str, Any]) -> None:
        self.buttons.setEnabled(True)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(friendly_error(exc))


class SourcesDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        tasks: TaskRunner,
        poll_sources: Callable[[list[int]], Any],
        parent: QWidget | None = None,
        make_store: Callable[[], SecretStore | None] | None = None,
        default_interval: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.tasks = tasks
        self._poll_sources = poll_sources
        self._default_interval = default_interval  # Settings → "Poll new sources every"
        self._make_store = make_store or default_secret_store
        self.removal_offer: RemovalOffer | None = None
        self.hate_dialog: QDialog | None = None
        self._select_after_refresh: int | None = None
        self.setWindowTitle(f"Sources — {ws.name}")
        self.model = SourcesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("Last error"), QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 260)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("muted")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, handler in (
            ("add", "Add…", self.add),
            ("edit", "Edit…", self.edit_selected),
            ("remove", "Remove", self.remove_selected),
            ("poll", "Poll now", self.poll_selected),
            ("hate", "Add hate searches…", self.add_hate_searches),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, h=handler: h())
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._update_buttons()
        self.resize(1050, 460)
        self.refresh()

    # --- data --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ws
        self.tasks.run(lambda: load_records(ws), self._fill, self._error)

    def on_changes(self, changes: Changes) -> None:
        if changes.sources_updated:
            self.refresh()

    def _fill(self, records: list[dict[str, Any]]) -> None:
        keep = self._select_after_refresh
        selected = set(self.selected_ids()) if keep is None else {keep}
        self._select_after_refresh = None
        self.model.set_records(records)
        for row, record in enumerate(records):
            if int(record["id"]) in selected:
                self._add_row_to_selection(row)
        if not records:
            self.message.setText(
                "No sources yet. Add a feed or search, or add the hate searches for your brand."
            )
        self._update_buttons()

    def _add_row_to_selection(self, row: int) -> None:
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(self.model.index(row, 0), flags)

    def select_source(self, source_id: int) -> None:
        for row, record in enumerate(self.model.records):
            if int(record["id"]) == source_id:
                self.table.selectRow(row)
                return
        self._select_after_refresh = source_id

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [int(self.model.records[r]["id"]) for r in rows if r < len(self.model.records)]

    def _update_buttons(self) -> None:
        n = len(self.selected_ids())
        self.buttons["edit"].setEnabled(n == 1)
        self.buttons["remove"].setEnabled(n >= 1)
        self.buttons["poll"].setEnabled(n >= 1)

    def _error(self, exc: BaseException) -> None:
        self.message.setText(friendly_error(exc))

    def say(self, text: str) -> None:
        self.message.setText(text)

    # --- buttons -------------------------------------------------------------------------------------------------

    def add(self) -> None:
        from desktop_app.ui.source_form import SourceFormDialog

        form = SourceFormDialog(self.ws, self.tasks, self, default_interval=self._default_interval())
        form.added.connect(self._added)
        self.form = form
        form.open()

    def _added(self, source_id: int, name: str) -> None:
        self.say(f"Added {name}.")
        self._select_after_refresh = source_id
        self.refresh()

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        record = self.model.record_for(ids[0]) if len(ids) == 1 else None
        if record is None:
            return
        dialog = EditSourceDialog(record, self)
        dialog.accepted.connect(
            lambda: self.save_settings(int(record["id"]), dialog.interval.value(), dialog.enabled.isChecked())
        )
        self.edit_dialog = dialog
        dialog.open()

    def save_settings(self, source_id: int, interval: int, enabled: bool) -> None:
        future = self.ws.writer.submit(
            lambda conn: update_source(conn, source_id, enabled=enabled, interval_minutes=interval)
        )
        self.tasks.watch(future, lambda _c: (self.say("Saved."), self.refresh()), self._error)

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = [str(r["name"]) for i in ids if (r := self.model.record_for(i))]
        text = (
            f"Remove {names[0]}?" if len(names) == 1 else f"Remove {plural(len(names), 'source')}?"
        ) + "\n\nIts mentions are deleted from this workspace too."

        def plain() -> None:
            if self.confirm("Remove sources", text):
                self.remove_ids(ids)

        # a key no other source uses: offer to remove it too (checked by default)
        self.removal_offer = RemovalOffer(
            self, self.tasks, self.ws, ids, text, lambda keys: self.remove_ids(ids, keys), plain
        )

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_ids(self, ids: list[int], remove_keys: bool = True) -> None:
        ws, make_store = self.ws, self._make_store
        self.tasks.run(
            lambda: remove_with_keys(ws, make_store, ids, remove_keys=remove_keys),
            lambda removal: (self.say(removal.sentence()), self.refresh()),
            self._error,
        )

    def poll_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._poll_sources(ids)
            self.say(f"Polling {plural(len(ids), 'source')}…")

    def add_hate_searches(self) -> None:
        """Open the hate-searches picker (sites, phrases, preview); what it chose is added in a worker."""
        from desktop_app.ui.dialogs import SuggestedSearchesDialog

        ws = self.ws
        dialog = SuggestedSearchesDialog(
            ws.profile(), self, ws=ws, tasks=self.tasks, make_store=self._make_store
        )
        dialog.accepted.connect(lambda: self._add_chosen(dialog.chosen()))
        self.hate_dialog = dialog
        dialog.open()

    def _add_chosen(self, searches: list[PlannedSearch]) -> None:
        ws = self.ws
        self.buttons["hate"].setEnabled(False)
        self.say("Adding hate searches…")
        default = self._default_interval()
        self.tasks.run(lambda: add_hate_searches(ws, searches, default), self._hate_added, self._hate_failed)

    def _hate_added(self, result: tuple[int, int]) -> None:
        added, skipped = result
        self.buttons["hate"].setEnabled(True)
        already = f" ({skipped} already there)" if skipped else ""
        self.say(f"Added {plural(added, 'hate search', 'hate searches')}{already}.")
        self.refresh()

    def _hate_failed(self, exc: BaseException) -> None:
        self.buttons["hate"].setEnabled(True)
        self._error(exc)
