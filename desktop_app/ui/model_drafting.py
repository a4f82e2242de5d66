"""'Draft with model': the consent dialog before the first use, and the call in a background thread.

The key is read from the keyring off the UI thread; the request runs in its own daemon thread (a slow model
must never hold up the read pool or the exit), with the configured timeout. Cancel drops the answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.core.errors import UserError
from desktop_app.drafting.model_client import (
    DraftRequest,
    ModelClient,
    ModelConfig,
    ModelDraft,
    RequestPreview,
    preview_request,
)
from desktop_app.secrets.store import SecretStore
from desktop_app.services.replies import (
    ComposerContext,
    consent_update,
    draft_request,
    has_consent,
    is_local_address,
    model_key_entry,
    record_consent,
)
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

T = TypeVar("T")
SecretFactory = Callable[[], SecretStore | None]


def default_secret_store() -> SecretStore | None:
    from desktop_app.services.factory import secret_store

    return secret_store()


def in_thread(job: Callable[[], T], name: str = "earshot-model") -> Future[T]:
    """Run `job` in a daemon thread of its own; the future carries its result."""
    future: Future[T] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(job())
        except BaseException as exc:  # delivered to the UI as an error
            future.set_exception(exc)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future


def read_key(ws_name: str, has_key: bool, make_store: SecretFactory) -> str:
    """The workspace's model key from the keyring ('' when none was stored). Runs in a worker."""
    if not has_key:
        return ""
    store = make_store()
    if store is None:
        from desktop_app.secrets.backend import choose_keyring

        raise UserError(
            f"The model's API key is in the keyring, which is not available: {choose_keyring().message}"
        )
    key = store.get(model_key_entry(ws_name))
    if not key:
        raise UserError("The model's API key is missing from the keyring; enter it again in Reply settings.")
    return key


class ConsentDialog(QDialog):
    """Exactly what will be sent, and where. Asked once per workspace and address."""

    def __init__(self, preview: RequestPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Send this to the model?")
        local = is_local_address(preview.url)
        where = (
            "This server runs on this computer: the text does not leave it."
            if local
            else "This server is not on this computer: the text leaves it, and the provider's terms apply."
        )
        intro = QLabel(
            f"To draft a reply, Earshot will send the request below to:\n{preview.url}\n\n{where}\n"
            "The API key is masked here; it is sent in full. You are asked once for this workspace and address."
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.request_text = QPlainTextEdit(preview.as_text())
        self.request_text.setReadOnly(True)
        self.request_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.request_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.request_text.setMinimumSize(640, 320)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton("Send", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.request_text, 1)
        layout.addWidget(buttons)
        self.send_button.setDefault(True)
        self.request_text.setFocus()


class ModelDrafter(QObject):
    """One model draft at a time for the detail pane. Signals carry the mention id they belong to."""

    drafted = Signal(int, object)  # mention id, ModelDraft
    failed = Signal(int, str)  # mention id, what happened in plain words
    busy_changed = Signal(bool)

    def __init__(
        self,
        tasks: TaskRunner,
        make_store: SecretFactory = default_secret_store,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.make_store = make_store
        self._token = 0
        self._busy = False
        self.consent_dialog: ConsentDialog | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def start(self, ws: Workspace, mention: dict[str, Any], ctx: ComposerContext, parent: QWidget) -> None:
        """Ask for a draft: key (worker) -> consent (first time) -> request (thread) -> `drafted` or `failed`."""
        if self._busy or not ctx.model.configured:
            return
        self._token += 1
        token, mention_id = self._token, int(mention["id"])
        request = draft_request(mention, ctx.settings)
        category = str(mention.get("category") or "other")
        self._set_busy(True)
        model, make_store = ctx.model, self.make_store
        self._tasks.run(
            lambda: read_key(ws.name, model.has_key, make_store),
            lambda key: self._have_key(
                token, mention_id, ws, ctx, model.config(key), request, category, parent
            ),
            lambda exc: self._error(token, mention_id, exc),
        )

    def _have_key(
        self,
        token: int,
        mention_id: int,
        ws: Workspace,
        ctx: ComposerContext,
        config: ModelConfig,
        request: DraftRequest,
        category: str,
        parent: QWidget,
    ) -> None:
        if token != self._token:
            return
        if has_consent(ctx.settings, config.endpoint):
            self._send(token, mention_id, config, request, category)
            return
        dialog = ConsentDialog(preview_request(config, request), parent)
        self.consent_dialog = dialog

        def decided(result: int) -> None:
            self.consent_dialog = None
            if token != self._token:
                return
            if result != QDialog.DialogCode.Accepted:
                self._token += 1
                self._set_busy(False)
                self.failed.emit(mention_id, "Nothing was sent to the model.")
                return
            ctx.settings.update(consent_update(ctx.settings, config.endpoint))
            self._tasks.watch(record_consent(ws, config.endpoint))
            self._send(token, mention_id, config, request, category)

        dialog.finished.connect(decided)
        dialog.open()

    def _send(
        self, token: int, mention_id: int, config: ModelConfig, request: DraftRequest, category: str
    ) -> None:
        future = in_thread(lambda: ModelClient(config).draft(request, mention_category=category))
        self._tasks.watch(
            future,
            lambda draft: self._done(token, mention_id, draft),
            lambda exc: self._error(token, mention_id, exc),
        )

    def _done(self, token: int, mention_id: int, draft: ModelDraft) -> None:
        if token != self._token:
            return  # cancelled, or superseded
        self._set_busy(False)
        self.drafted.emit(mention_id, draft)

    def _error(self, token: int, mention_id: int, exc: BaseException) -> None:
        if token != self._token:
            return
        self._set_busy(False)
        self.failed.emit(mention_id, friendly_error(exc))

    def cancel(self) -> None:
        """Stop waiting: the answer, if it still comes, is dropped (the request ends by its timeout)."""
        if not self._busy:
            return
        self._token += 1
        if self.consent_dialog is not None:
            self.consent_dialog.reject()
        self._set_busy(False)
