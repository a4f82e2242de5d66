"""Sources → Accounts & keys…: every source that needs a key, its state, and add / replace / remove / test.

Keys go straight from the password field to the keyring, in a worker (services.accounts); the dialog
never keeps a key after handing it over, and never shows one. Test connection runs in a worker too and
shows the answer in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.secrets.encrypted import SESSION, EncryptedFileSession
from desktop_app.secrets.store import SecretStore
from desktop_app.services import accounts
from desktop_app.services.accounts import KeyRow
from desktop_app.sources.connection import ConnectionResult
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.key_file_dialogs import KeyFileFlow
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

SecretFactory = Callable[[], SecretStore | None]
COLUMNS = ("Source", "Kind", "Key", "State")
STATE_COLOURS = {
    accounts.STORED: "#188038",
    accounts.MISSING: "#d93025",
    accounts.REJECTED: "#d93025",
    accounts.NO_KEYRING: "#d93025",
    accounts.LOCKED: "#e37400",
    accounts.OPTIONAL: "#80868b",
}
EMPTY = (
    "No source in this workspace needs a key. Add a Reddit, Bluesky, YouTube, review or search source first."
)


def default_secret_store() -> SecretStore | None:
    from desktop_app.services.factory import secret_store

    return secret_store()


@dataclass(frozen=True, slots=True)
class StoreState:
    """Where keys go this session: the OS keyring, none (with what to install), or the encrypted file."""

    available: bool  # False: no OS keyring and no key file chosen
    locked: bool  # the chosen key file waits for its password
    message: str


def read_store_state(store: SecretStore | None, session: EncryptedFileSession) -> StoreState:
    if store is None:
        from desktop_app.secrets.backend import choose_keyring

        return StoreState(False, False, choose_keyring().message)
    if bool(getattr(store, "locked", False)):
        if not session.exists():
            return StoreState(
                False, False, f"The encrypted key file {session.path} is gone; choose it again."
            )
        return StoreState(
            True, True, "Your keys are in Earshot's encrypted file, locked until you unlock it."
        )
    if session.chosen():
        return StoreState(True, False, f"Keys are kept in Earshot's encrypted file ({session.path}).")
    return StoreState(True, False, "")


class KeyEntryDialog(QDialog):
    """Asks for one key (hidden as it is typed). `entered` carries it to the caller once, then it is cleared."""

    entered = Signal(str, bool)  # the key, and whether the other sources of the kind share it

    def __init__(self, row: KeyRow, others: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{row.field_label} for {row.source_name}")
        self.line = QLineEdit()
        self.line.setEchoMode(QLineEdit.EchoMode.Password)
        self.line.setPlaceholderText("paste the key; it goes to your system keyring only")
        help_text = QLabel(row.help or "")
        help_text.setWordWrap(True)
        help_text.setObjectName("muted")
        form = QFormLayout()
        form.addRow(f"{row.field_label}:", self.line)
        self.share = QCheckBox(f"Use it for the {others} other {row.kind_label} source(s) without a key")
        self.share.setChecked(others > 0)
        self.share.setVisible(others > 0)
        form.addRow("", self.share)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        value = self.line.text()
        self.line.clear()
        if value.strip():
            self.entered.emit(value, self.share.isChecked() and not self.share.isHidden())
        super().accept()

    def reject(self) -> None:
        self.line.clear()
        super().reject()


class AccountsDialog(QDialog):
    refreshed = Signal()
    result_shown = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        make_store: SecretFactory | None = None,
        session: EncryptedFileSession = SESSION,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.tasks = tasks
        self._make_store: SecretFactory = make_store or (lambda: default_secret_store())
        self.session = session
        self.key_file = KeyFileFlow(
            self, tasks, self._done, lambda text: self._show_result(text, ok=False), session
        )
        self.store_state = StoreState(True, False, "")
        self.rows: list[KeyRow] = []
        self.key_dialog: KeyEntryDialog | None = None
        self.setWindowTitle(f"Accounts & keys — {ws.name}")
        intro = QLabel(
            "Keys and tokens are kept only in your system keyring; the workspace stores just their names."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.ask_key())
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.set_button = QPushButton("Add or replace key…")
        self.remove_button = QPushButton("Remove key")
        self.test_button = QPushButton("Test connection")
        self.set_button.clicked.connect(self.ask_key)
        self.remove_button.clicked.connect(self.remove_selected)
        self.test_button.clicked.connect(self.test_selected)
        self.store_note = QLabel("")
        self.store_note.setWordWrap(True)
        self.store_note.setTextFormat(Qt.TextFormat.PlainText)
        self.file_button = QPushButton("Use an encrypted file instead…")
        self.unlock_button = QPushButton("Unlock key file…")
        self.file_button.clicked.connect(self.key_file.choose)
        self.unlock_button.clicked.connect(lambda: self.key_file.unlock())
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_note, 1)
        store_row.addWidget(self.file_button)
        store_row.addWidget(self.unlock_button)
        self.file_button.hide()
        self.unlock_button.hide()
        buttons = QHBoxLayout()
        for button in (self.set_button, self.remove_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(store_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(close)
        self.resize(720, 420)
        self._selection_changed()
        self.refresh()

    # ---- reading -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        ws, make_store, session = self.ws, self._make_store, self.session

        def read() -> tuple[StoreState, list[KeyRow]]:
            store = make_store()
            return read_store_state(store, session), accounts.key_rows(ws, store)

        self.tasks.run(read, self._show, self._failed)

    def _show(self, result: tuple[StoreState, list[KeyRow]]) -> None:
        state, rows = result
        self.store_state = state
        self.store_note.setText(state.message)
        self.store_note.setStyleSheet("" if state.available and not state.locked else "color: #d93025;")
        self.file_button.setVisible(not state.available)
        self.unlock_button.setVisible(state.locked)
        if state.locked and not self.session.asked:  # a key is needed now: ask once this session
            self.session.asked = True
            self.key_file.unlock()
        self._show_rows(rows)

    def _show_rows(self, rows: list[KeyRow]) -> None:
        selected = self.selected()
        keep = (selected.source_id, selected.field) if selected else None
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.source_name, row.kind_label, row.field_label, row.state_text)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setForeground(QColor(STATE_COLOURS.get(row.state, "#80868b")))
                    if row.detail:
                        item.setToolTip(row.detail)
                self.table.setItem(r, c, item)
            if keep == (row.source_id, row.field):
                self.table.selectRow(r)
        if not rows:
            self.note.setText(EMPTY)
        elif self.table.currentRow() < 0:
            self.table.selectRow(0)
        self._selection_changed()
        self.refreshed.emit()

    def selected(self) -> KeyRow | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def select(self, source_name: str, field: str | None = None) -> None:
        for r, row in enumerate(self.rows):
            if row.source_name == source_name and (field is None or row.field == field):
                self.table.selectRow(r)
                return

    def _selection_changed(self) -> None:
        row = self.selected()
        for button in (self.set_button, self.remove_button, self.test_button):
            button.setEnabled(row is not None)
        if row is None:
            return
        self.remove_button.setEnabled(row.state in (accounts.STORED, accounts.REJECTED))
        self.set_button.setEnabled(row.state not in (accounts.NO_KEYRING, accounts.LOCKED))
        self.set_button.setText(
            "Replace key…" if row.state in (accounts.STORED, accounts.REJECTED) else "Add key…"
        )
        words = " ".join(w for w in (row.detail or row.help, row.usage) if w)
        self.note.setText(f"{row.source_name} — {row.field_label}: {words}" if words else "")

    # ---- changing ------------------------------------------------------------------------------------------

    def ask_key(self) -> KeyEntryDialog | None:
        row = self.selected()
        if row is None:
            return None
        others = sum(
            1
            for r in self.rows
            if r.kind == row.kind and r.field == row.field and r.source_id != row.source_id
            and r.state in (accounts.MISSING, accounts.OPTIONAL)
        )  # fmt: skip
        dialog = KeyEntryDialog(row, others, self)
        dialog.entered.connect(lambda value, share, r=row: self.save_key(r, value, share))
        self.key_dialog = dialog
        dialog.open()
        return dialog

    def save_key(self, row: KeyRow, value: str, share: bool = False) -> None:
        ws, make_store = self.ws, self._make_store
        self._busy(f"Saving the key for {row.source_name}…")
        self.tasks.run(
            lambda: accounts.set_key(ws, make_store(), row.source_id, row.field, value, same_kind=share),
            lambda _entry: self._done(f"Key saved in your keyring for {row.source_name}."),
            self._failed,
        )

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = f"Remove the {row.field_label.lower()} of {row.source_name} from your keyring?"
        if not self.confirm("Remove key", question):
            return
        ws, make_store = self.ws, self._make_store
        self._busy("Removing the key…")
        self.tasks.run(
            lambda: accounts.remove_key(ws, make_store(), row.source_id, row.field),
            lambda _none: self._done(f"Key removed for {row.source_name}."),
            self._failed,
        )

    def test_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        ws, make_store = self.ws, self._make_store
        self._busy(f"Testing {row.source_name}…")
        self.test_button.setEnabled(False)
        self.tasks.run(
            lambda: accounts.check_source(ws, make_store(), row.source_id),
            lambda result, r=row: self._tested(r, result),
            self._failed,
        )

    def _tested(self, row: KeyRow, result: ConnectionResult) -> None:
        mark = "✔" if result.ok else "✖"
        self._show_result(f"{mark} {row.source_name}: {result.message}", ok=result.ok)
        self.test_button.setEnabled(self.selected() is not None)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # ---- feedback ------------------------------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self.result.setStyleSheet("")
        self.result.setText(text)

    def _done(self, text: str) -> None:
        self._show_result(text, ok=True)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._show_result(friendly_error(exc), ok=False)
        self._selection_changed()

    def _show_result(self, text: str, ok: bool) -> None:
        self.result.setStyleSheet("" if ok else "color: #d93025;")
        self.result.setText(text)
        self.result_shown.emit(text)
