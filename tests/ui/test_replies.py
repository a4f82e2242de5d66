"""Reply templates, reply settings, model drafts, the second-reply warning and response tracking, driven
through the real window."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop_app.drafting.tracking import median_response_seconds, unanswered_complaint_clock
from desktop_app.secrets.store import MemorySecretStore
from desktop_app.services.replies import format_duration, model_key_entry
from desktop_app.storage import triage_writes
from desktop_app.ui.inbox_model import REFRESH_DELAY_MS
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.template_editor import ReplySetupDialog
from desktop_app.ui.tracking_view import clock_text
from tests.support.chat_server import Answer, ChatServer, completion, error_body
from tests.ui.conftest import fresh_status

MODEL_REPLY = "As per our policy you should have asked at the counter."


def _db(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / "workspaces" / "acme.earshot")


def _id_of(root: Path, n: int) -> int:
    with _db(root) as conn:
        return int(
            conn.execute("SELECT id FROM mentions WHERE source_item_id = ?", (f"item-{n}",)).fetchone()[0]
        )


def _show(qtbot, window: MainWindow, mention_id: int) -> None:  # type: ignore[no-untyped-def]
    window.open_mention(mention_id)
    qtbot.waitUntil(lambda: window.detail.mention_id == mention_id, timeout=5000)
    qtbot.waitUntil(lambda: window.detail.composer.picker.count() > 0, timeout=5000)


def _open_setup(qtbot, window: MainWindow, action: str) -> ReplySetupDialog:  # type: ignore[no-untyped-def]
    window.actions_[action].trigger()
    dialog = window.reply_setup
    qtbot.waitUntil(lambda: dialog.ready, timeout=5000)
    return dialog


def _save(qtbot, dialog: ReplySetupDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def _settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Let the refreshes a recorded reply sets off finish before the window closes."""
    qtbot.wait(REFRESH_DELAY_MS + 600)
    qtbot.waitUntil(lambda: not window.model.loading, timeout=5000)


def _answer_next_question(button: QMessageBox.StandardButton) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        box.button(button).click()

    QTimer.singleShot(100, click)


def test_template_edits_reach_the_composer(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    mid = _id_of(filled_root, 0)  # a complaint by user0
    _show(qtbot, window, mid)
    composer = window.detail.composer
    suggested_id = composer.picker.currentData()
    assert suggested_id and window.detail.draft.toPlainText()

    dialog = _open_setup(qtbot, window, "reply_templates")
    assert dialog.tabs.currentWidget() is dialog.templates_page
    page = dialog.templates_page
    assert page is not None
    page.select_id(suggested_id)
    page.name.selectAll()
    qtbot.keyClicks(page.name, "Our own apology")
    page.body.selectAll()
    qtbot.keyClicks(page.body, "Hi {author}, we hear you about {issue}. {signature}")
    # the preview is rendered against the selected mention, with a clear marker for what is not set
    assert page.preview.text().startswith("Hi user0, we hear you about")
    assert "[signature?]" in page.preview.text() and "signature" in page.preview_note.text()
    page.add()
    qtbot.keyClicks(page.name, "Brand new reply")
    page.body.selectAll()
    qtbot.keyClicks(page.body, "Thanks {first_name}, a fresh template.")
    x_only = page.channel.findData("x")
    page.channel.setCurrentIndex(x_only)
    page.channel.activated.emit(x_only)
    assert "/ 280 characters" in page.preview_note.text()  # counted against X's limit
    new_id = page.current().id  # type: ignore[union-attr]
    assert page.current().channels == ("x",)  # type: ignore[union-attr]
    _save(qtbot, dialog)

    # the untouched suggestion follows the edit at once, and the picker lists both templates
    qtbot.waitUntil(lambda: "we hear you" in window.detail.draft.toPlainText(), timeout=5000)
    assert "Our own apology" in composer.template_names()
    assert any(name.endswith("Brand new reply") for name in composer.template_names())
    composer.choose(new_id)
    assert window.detail.draft.toPlainText() == "Thanks user0, a fresh template."
    window.detail.draft.undo()  # choosing a template is one undoable edit
    assert "we hear you" in window.detail.draft.toPlainText()
    with _db(filled_root) as conn:
        stored = conn.execute("SELECT value FROM settings WHERE key = 'templates'").fetchone()[0]
    assert "Brand new reply" in stored and "we hear you" in stored and '"channels": ["x"]' in stored

    # Cancel with unsaved changes asks first; discarding saves nothing
    dialog = _open_setup(qtbot, window, "reply_templates")
    page = dialog.templates_page
    assert page is not None
    page.select_id(new_id)
    count = len(page.templates)
    page.duplicate()
    assert len(page.templates) == count + 1 and page.current().name == "Brand new reply (copy)"  # type: ignore[union-attr]
    assert page.tree.currentItem().text(0) == "Brand new reply (copy)"
    _answer_next_question(QMessageBox.StandardButton.Cancel)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.isVisible()
    _answer_next_question(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    with _db(filled_root) as conn:
        assert (
            "(copy)" not in conn.execute("SELECT value FROM settings WHERE key = 'templates'").fetchone()[0]
        )

    # delete (after a confirmation), then restore the shipped defaults
    dialog = _open_setup(qtbot, window, "reply_templates")
    page = dialog.templates_page
    assert page is not None
    page.select_id(new_id)
    _answer_next_question(QMessageBox.StandardButton.Yes)
    page.delete()
    assert all(t.id != new_id for t in page.templates)
    _save(qtbot, dialog)
    qtbot.waitUntil(
        lambda: not any(n.endswith("Brand new reply") for n in composer.template_names()), timeout=5000
    )
    dialog = _open_setup(qtbot, window, "reply_templates")
    _answer_next_question(QMessageBox.StandardButton.Yes)
    dialog.templates_page.restore_defaults()  # type: ignore[union-attr]
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Our own apology" not in composer.template_names(), timeout=5000)
    with _db(filled_root) as conn:
        assert conn.execute("SELECT count(*) FROM settings WHERE key = 'templates'").fetchone()[0] == 0


def test_reply_settings_flow_into_the_draft(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    _show(qtbot, window, _id_of(filled_root, 2))
    assert "[signature?]" in window.detail.draft.toPlainText()
    dialog = _open_setup(qtbot, window, "reply_settings")
    assert dialog.tabs.currentWidget() is dialog.reply_page
    fields = dialog.reply_page.fields  # type: ignore[union-attr]
    qtbot.keyClicks(fields["signature"], "-- Maria, Acme care")
    qtbot.keyClicks(fields["support_channel"], "care@acme.example")
    assert "-- Maria, Acme care" in dialog.templates_page.preview.text()  # type: ignore[union-attr]
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "-- Maria, Acme care" in window.detail.draft.toPlainText(), timeout=5000)
    draft = window.detail.draft.toPlainText()
    assert "[signature?]" not in draft and "care@acme.example" in draft
    with _db(filled_root) as conn:
        assert (
            conn.execute("SELECT value FROM settings WHERE key = 'signature'").fetchone()[0]
            == '"-- Maria, Acme care"'
        )

    # an edited draft is never replaced by a settings change
    window.detail.draft.selectAll()
    qtbot.keyClicks(window.detail.draft, "My own words.")
    dialog = _open_setup(qtbot, window, "reply_settings")
    dialog.reply_page.fields["signature"].setText("-- Jo")  # type: ignore[union-attr]
    _save(qtbot, dialog)
    qtbot.wait(500)
    assert window.detail.draft.toPlainText() == "My own words."


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    server = ChatServer(MODEL_REPLY)
    yield server
    server.stop()


def _set_up_model(qtbot, window: MainWindow, chat: ChatServer, store: MemorySecretStore) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace is not None
    dialog = ReplySetupDialog(window.workspace, window.tasks, None, window, make_store=lambda: store)
    dialog.saved.connect(window.detail.composer_changed)
    dialog.show_tab(ReplySetupDialog.MODEL)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.ready, timeout=5000)
    page = dialog.model_page
    assert page is not None and not page.base_url.isEnabled()  # off by default
    page.enabled.setChecked(True)
    page.base_url.setText("ftp://nowhere")
    assert "http" in page.url_note.text()
    page.base_url.setText(chat.base_url)
    assert "this computer" in page.url_note.text()
    page.model.setText("llama3")
    page.key.setText("sk-test-key-123456")
    _save(qtbot, dialog)


def test_model_draft_after_consent_and_errors_in_plain_words(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, filled_root: Path, chat: ChatServer
) -> None:
    mid = _id_of(filled_root, 4)
    _show(qtbot, window, mid)
    button = window.detail.composer.model_button
    assert not button.isEnabled()  # not configured: the app works without it
    window.actions_["draft_model"].trigger()
    assert "Model drafts are off" in window.status.currentMessage()
    store = MemorySecretStore()
    _set_up_model(qtbot, window, chat, store)
    assert store.get(model_key_entry("acme")) == "sk-test-key-123456"
    assert b"sk-test-key-123456" not in (filled_root / "workspaces" / "acme.earshot").read_bytes()
    window.detail.drafter.make_store = lambda: store
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    before = window.detail.draft.toPlainText()

    # first use: the consent dialog shows exactly what goes where; declining sends nothing
    button.click()
    qtbot.waitUntil(lambda: window.detail.drafter.consent_dialog is not None, timeout=5000)
    consent = window.detail.drafter.consent_dialog
    assert consent is not None
    shown = consent.request_text.toPlainText()
    assert f"POST {chat.base_url}/chat/completions" in shown
    assert "post number 4" in shown and '"role": "system"' in shown and "llama3" in shown
    assert "sk-test-key-123456" not in shown
    consent.reject()
    qtbot.waitUntil(lambda: window.detail.model_note.isVisible(), timeout=5000)
    assert "Nothing was sent" in window.detail.model_note.text()
    assert chat.requests() == [] and window.detail.draft.toPlainText() == before

    button.click()
    qtbot.waitUntil(lambda: window.detail.drafter.consent_dialog is not None, timeout=5000)
    window.detail.drafter.consent_dialog.send_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.detail.draft.toPlainText() == MODEL_REPLY, timeout=10_000)
    assert "⚠" in window.detail.tone_label.text()  # the model's draft goes through the same tone check
    assert "llama3" in window.detail.draft_state.text()
    path, headers, body = chat.requests()[0]
    assert path == "/v1/chat/completions" and headers["authorization"] == "Bearer sk-test-key-123456"
    assert "post number 4" in body["messages"][1]["content"]

    # consent is remembered for this workspace and address; errors read in plain words
    chat.answer = Answer(status=500, body=error_body("model crashed"))
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    button.click()
    qtbot.waitUntil(window.detail.model_note.isVisible, timeout=10_000)
    assert window.detail.drafter.consent_dialog is None
    note = window.detail.model_note.text()
    assert "internal error" in note and "model crashed" in note
    assert window.detail.draft.toPlainText() == MODEL_REPLY
    chat.answer = Answer(status=401, body=error_body("bad key"))
    window.actions_["draft_model"].trigger()  # Ctrl+Shift+D
    qtbot.waitUntil(lambda: "rejected the API key" in window.detail.model_note.text(), timeout=10_000)
    assert len(chat.requests()) == 3

    # Cancel stops waiting; a late answer is dropped
    chat.answer = Answer(body=completion("Too late."), delay=1.5)
    button.click()
    cancel = window.detail.composer.cancel_button
    qtbot.waitUntil(cancel.isVisible, timeout=5000)
    cancel.click()
    assert button.isVisible() and button.isEnabled()
    qtbot.wait(2200)
    assert window.detail.draft.toPlainText() == MODEL_REPLY


def test_unreachable_model_server_says_so(
    qtbot, window: MainWindow, filled_root: Path, chat: ChatServer
) -> None:  # type: ignore[no-untyped-def]
    _show(qtbot, window, _id_of(filled_root, 4))
    store = MemorySecretStore()
    _set_up_model(qtbot, window, chat, store)
    window.detail.drafter.make_store = lambda: None  # the keyring went away after the key was stored
    qtbot.waitUntil(window.detail.composer.model_button.isEnabled, timeout=5000)
    window.detail.composer.model_button.click()
    qtbot.waitUntil(window.detail.model_note.isVisible, timeout=5000)
    assert "keyring" in window.detail.model_note.text()
    assert chat.requests() == []
    chat.stop()
    window.detail.drafter.make_store = lambda: store
    window.detail.composer.model_button.click()
    qtbot.waitUntil(lambda: window.detail.drafter.consent_dialog is not None, timeout=5000)
    window.detail.drafter.consent_dialog.send_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "Could not reach" in window.detail.model_note.text(), timeout=10_000)


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_second_public_reply_is_warned_about(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    first, second, third = (_id_of(filled_root, n) for n in (0, 7, 14))  # all three by user0
    ws = window.workspace
    assert ws is not None
    ws.writer.call(lambda conn: triage_writes.record_reply(conn, first, "Sorry!", now=int(time.time())))
    _show(qtbot, window, second)
    window.detail.respond_button.click()
    qtbot.waitUntil(lambda: window.detail.second_reply_box is not None, timeout=5000)
    box = window.detail.second_reply_box
    assert (
        "user0 already got a public reply" in box.informativeText() and "Answer once" in box.informativeText()
    )
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(300)
    assert fresh_status(filled_root, second)[0] == "new"

    window.detail.second_reply_box = None
    window.detail.respond_button.click()
    qtbot.waitUntil(lambda: window.detail.second_reply_box is not None, timeout=5000)
    go = next(b for b in window.detail.second_reply_box.buttons() if b.text() == "Reply anyway")
    go.click()
    qtbot.waitUntil(lambda: fresh_status(filled_root, second)[0] == "responded", timeout=5000)

    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        _show(qtbot, window, third)
        window.detail.second_reply_box = None
        window.detail.copy_button.click()
        qtbot.waitUntil(lambda: window.detail.second_reply_box is not None, timeout=5000)
        assert "2 public replies" in window.detail.second_reply_box.informativeText()
        assert catcher.urls == []
        go = next(b for b in window.detail.second_reply_box.buttons() if b.text() == "Reply anyway")
        go.click()
        qtbot.waitUntil(lambda: catcher.urls == ["https://news.example/14"], timeout=5000)
        assert QGuiApplication.clipboard().text() == window.detail.draft.toPlainText()
        # answered once for this mention: Mark responded does not ask again
        window.detail.second_reply_box = None
        window.detail.respond_button.click()
        qtbot.waitUntil(lambda: fresh_status(filled_root, third)[0] == "responded", timeout=5000)
        assert window.detail.second_reply_box is None
    finally:
        QDesktopServices.unsetUrlHandler("https")
    _settle(qtbot, window)


def test_unanswered_complaint_clock_is_shown_and_kept_current(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    def expected() -> int | None:
        with _db(filled_root) as conn:
            return unanswered_complaint_clock(conn, int(time.time()))

    label = window.status.clock_label
    clock = window.complaint_clock
    qtbot.waitUntil(lambda: clock.seconds is not None, timeout=5000)
    first = expected()
    assert first is not None and abs(clock.seconds - first) <= 60  # type: ignore[operator]
    assert label.isVisible() and clock.text() == clock_text(clock.seconds)
    assert format_duration(clock.seconds) in label.text()
    with _db(filled_root) as conn:
        oldest = conn.execute(
            "SELECT id FROM mentions WHERE status = 'new' AND category = 'complaint' ORDER BY published_at LIMIT 1"
        ).fetchone()[0]
    ws = window.workspace
    assert ws is not None
    ws.writer.call(lambda conn: triage_writes.record_reply(conn, oldest, "Sorry", now=int(time.time()))[0])
    qtbot.waitUntil(lambda: clock.seconds is not None and clock.seconds < first - 3600, timeout=5000)  # type: ignore[operator]
    after = expected()
    assert after is not None and abs(clock.seconds - after) <= 60  # type: ignore[operator]
    assert format_duration(clock.seconds) in label.text()
    # the age is a link to that complaint
    with _db(filled_root) as conn:
        next_oldest = conn.execute(
            "SELECT id FROM mentions WHERE status = 'new' AND category = 'complaint' ORDER BY published_at LIMIT 1"
        ).fetchone()[0]
    assert clock.mention_id == next_oldest
    label.linkActivated.emit("earshot:oldest")
    qtbot.waitUntil(lambda: window.detail.mention_id == next_oldest, timeout=5000)
    _settle(qtbot, window)


def test_response_tracking_dialog(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    for n in (0, 2):
        mid = _id_of(filled_root, n)
        ws.writer.call(
            lambda conn, m=mid: triage_writes.record_reply(conn, m, "Sorry", now=int(time.time()))[0]
        )
    window.actions_["response_tracking"].trigger()
    dialog = window.tracking_dialog
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=5000)
    assert dialog.answered.text() == "2"
    with _db(filled_root) as conn:
        median = median_response_seconds(conn)
    assert median is not None and dialog.summary.median_seconds == median
    assert dialog.median.text() == format_duration(median) and "day" in dialog.median.text()
    model = dialog.by_source
    assert model.rowCount() == 1
    assert [model.data(model.index(0, c)) for c in range(4)] == ["Feed", "20", "2", "10%"]
    assert dialog.by_week.rowCount() >= 1
    weeks = [dialog.by_week.data(dialog.by_week.index(r, 0)) for r in range(dialog.by_week.rowCount())]
    assert weeks == sorted(weeks, reverse=True) and all("-W" in w for w in weeks)
    assert sum(int(dialog.by_week.data(dialog.by_week.index(r, 2))) for r in range(len(weeks))) == 2
    _settle(qtbot, window)
