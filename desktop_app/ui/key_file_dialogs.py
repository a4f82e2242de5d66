"""The opt-in encrypted key file: choosing it (with the warning) and unlocking it once per session.

The password goes from the field to the key file object in a worker and is cleared from the field at once; it
is never stored, logged or shown. Nothing here falls back to a plaintext file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.secrets.encrypted import SESSION, EncryptedFileSession, WrongPassword
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

MIN_LENGTH = 8
WARNING = (
    "No OS keyring works in this session, so Earshot can keep your keys in a file in its data folder instead, "
    "encrypted (AES-256) with a master password.\n\n"
    "It protects the keys against someone who gets a copy of the file: a backup, a lost disk, another user "
    "account. It does not protect them from programs running as you while Earshot has the file unlocked, from "
    "a keylogger, or from a short or guessable password: whoever has the file can try passwords offline, so "
    "choose a long one.\n\n"
    "The password is never stored. Earshot asks for it once each session, when a key is first needed. If you "
    "forget it, the keys in the file are lost and must be entered again."
)


def _password_field(placeholder: str) -> QLineEdit:
    line = QLineEdit()
    line.setEchoMode(QLineEdit.EchoMode.Password)
    line.setPlaceholderText(placeholder)
    return line


class _PasswordDialog(QDialog):
    """Emits `entered(password)` once on OK and clears its fields; `error` shows what went wrong."""

    entered = Signal(str)

    def __init__(self, title: str, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #d93025;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def fields(self) -> list[QLineEdit]:
        return []

    def problem(self) -> str:
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        password = self.fields()[0].text()
        for field in self.fields():
            field.clear()
        self.entered.emit(password)
        super().accept()

    def reject(self) -> None:
        for field in self.fields():
            field.clear()
        super().reject()


class ChooseKeyFileDialog(_PasswordDialog):
    """The warning, a master password and its confirmation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Use an encrypted file for keys", WARNING, parent)
        self.password = _password_field(f"at least {MIN_LENGTH} characters; a long phrase is best")
        self.confirm = _password_field("the same again")
        self.form.addRow("Master password:", self.password)
        self.form.addRow("Confirm:", self.confirm)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Use an encrypted file")

    def fields(self) -> list[QLineEdit]:
        return [self.password, self.confirm]

    def problem(self) -> str:
        password = self.password.text()
        if len(password) < MIN_LENGTH:
            return f"The password needs at least {MIN_LENGTH} characters."
        if password != self.confirm.text():
            return "The two passwords differ; type them again."
        return ""


class UnlockKeyFileDialog(_PasswordDialog):
    def __init__(self, parent: QWidget | None = None, error: str = "") -> None:
        super().__init__(
            "Unlock the key file",
            "Your keys are in Earshot's encrypted file. Enter its master password to use them this session.",
            parent,
        )
        self.password = _password_field("master password")
        self.form.addRow("Master password:", self.password)
        self.error.setText(error)

    def fields(self) -> list[QLineEdit]:
        return [self.password]

    def problem(self) -> str:
        return "" if self.password.text() else "Enter the password."


class KeyFileFlow:
    """Runs the choose / unlock dialogs and the work behind them (in a worker); `done(message)` is called on
    the UI thread after a success, `failed(message)` after a failure other than a wrong password (which asks
    again, saying so)."""

    def __init__(
        self,
        parent: QWidget,
        tasks: TaskRunner,
        done: Callable[[str], None],
        failed: Callable[[str], None],
        session: EncryptedFileSession = SESSION,
    ) -> None:
        self.parent, self.tasks, self.session = parent, tasks, session
        self._done, self._failed = done, failed
        self.dialog: _PasswordDialog | None = None

    def choose(self) -> ChooseKeyFileDialog:
        dialog = ChooseKeyFileDialog(self.parent)
        session = self.session
        dialog.entered.connect(
            lambda pw: self.tasks.run(
                lambda: session.create(pw),
                lambda _n: self._done(f"Keys now go to the encrypted file {session.path}."),
                lambda exc: self._failed(friendly_error(exc)),
            )
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def unlock(self, error: str = "") -> UnlockKeyFileDialog:
        dialog = UnlockKeyFileDialog(self.parent, error)
        session = self.session
        dialog.entered.connect(
            lambda pw: self.tasks.run(
                lambda: session.unlock(pw),
                lambda _n: self._done("The key file is unlocked for this session."),
                self._unlock_failed,
            )
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def _unlock_failed(self, exc: BaseException) -> None:
        if isinstance(exc, WrongPassword):
            self.unlock(str(exc))
        else:
            self._failed(friendly_error(exc))


def ask_password_if_needed(
    parent: QWidget,
    tasks: TaskRunner,
    ws: Workspace,
    say: Callable[[str], None],
    session: EncryptedFileSession = SESSION,
    poll_due: Callable[[], object] | None = None,
) -> KeyFileFlow | None:
    """On opening a workspace whose sources use keys: ask for the key file's password, once a session.
    After the unlock, the sources that failed for want of it are due again (and `poll_due` polls them)."""
    from desktop_app.services.accounts import has_key_entries, retry_locked_sources

    if session.asked or not session.chosen() or session.unlocked is not None:
        return None
    session.asked = True

    def unlocked(message: str) -> None:
        say(message)
        tasks.run(lambda: retry_locked_sources(ws), lambda n: poll_due() if n and poll_due else None)

    flow = KeyFileFlow(parent, tasks, unlocked, say, session)
    tasks.run(lambda: has_key_entries(ws), lambda needed: flow.unlock() if needed else None)
    return flow
