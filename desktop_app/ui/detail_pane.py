"""The right pane: the mention, why it ranks here, the author and the story, and the reply box."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QGuiApplication,
    QImage,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.html import is_safe_link
from desktop_app.drafting.channels import channel_for, count_chars, limit_for
from desktop_app.drafting.model_client import ModelDraft
from desktop_app.drafting.render import render
from desktop_app.drafting.templates import Template, suggest_situation
from desktop_app.drafting.tone import check
from desktop_app.services.replies import ComposerContext, reply_warning
from desktop_app.services.triage import TriageService
from desktop_app.ui.composer import ComposerBar, confirm_second_reply, load_for_pane
from desktop_app.ui.detail_data import MAX_IMAGES, DetailData, body_html, meta_line
from desktop_app.ui.format import sentiment_chip, urgency_colour
from desktop_app.ui.model_drafting import ModelDrafter
from desktop_app.ui.tasks import TaskRunner

DRAFT_SAVE_MS = 1000
MARK_READ_MS = 1500


class SafeTextBrowser(QTextBrowser):
    """Renders sanitized HTML; loads no resource by itself (no remote images, no local files, no styles).

    Images the user asked for (Load images) are fetched by the pane and handed in with `put_image`; until then,
    and for anything that is not an http(s) image, a blank pixel stands in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.images_allowed = False
        self.images: dict[str, QImage] = {}
        self.wanted: Callable[[str], None] | None = None  # told of an allowed image not fetched yet

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Never None or an empty image: on either, Qt loads local files and data: URLs by itself.
        if type == QTextDocument.ResourceType.ImageResource:
            url = name.toString() if isinstance(name, QUrl) else str(name)
            if self.images_allowed and is_safe_link(url):
                image = self.images.get(url)
                if image is not None:
                    return image
                if self.wanted is not None:
                    self.wanted(url)
            return _blank_image()
        return QByteArray()


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


def badge(text: str, colour: str, *, filled: bool = True) -> str:
    if filled:
        return f"background:{colour}; color:white; border-radius:9px; padding:2px 9px; font-weight:600;"
    return f"border:1px solid {colour}; color:{colour}; border-radius:9px; padding:1px 8px; font-weight:600;"


class DetailPane(QWidget):
    status_message = Signal(str)
    open_mention = Signal(int)
    read_due = Signal(int)  # shown long enough to count as read
    responded = Signal(int)

    def __init__(
        self,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        fetch_image: Callable[[str], bytes] | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._fetch_image = fetch_image
        self._images_for: int | None = None  # the mention whose images the user asked to load
        self._image_requests: set[str] = set()
        self._image_pool: ThreadPoolExecutor | None = None
        self._data: DetailData | None = None
        self._reader: Callable[[], sqlite3.Connection] | None = None
        self._triage: TriageService | None = None
        self._mention: dict[str, Any] | None = None
        self._wanted: int | None = None
        self._setting_text = False
        self._draft_dirty = False
        self._contacts: list[str] = []
        self._ctx: ComposerContext | None = None
        self._draft_is_suggestion = False  # the reply box still holds the untouched suggestion
        self._acknowledged: set[int] = set()  # mentions whose second-reply warning the user went past
        self.second_reply_box: Any = None
        self.drafter = ModelDrafter(tasks, parent=self)
        self.drafter.drafted.connect(self._model_drafted)
        self.drafter.failed.connect(self._model_failed)
        self.drafter.busy_changed.connect(lambda _busy: self._update_model_state())
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_SAVE_MS)
        self._draft_timer.timeout.connect(self.save_draft_now)
        self._read_timer = QTimer(self, singleShot=True, interval=MARK_READ_MS)
        self._read_timer.timeout.connect(self._read_elapsed)
        self._build()

    # --- layout ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.empty_label = QLabel("Select a mention to read it and draft a reply.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("emptyState")
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self._build_content())

    def _build_content(self) -> QWidget:
        page = QWidget()
        page.setObjectName("detailPage")
        page.setBackgroundRole(QPalette.ColorRole.Base)
        page.setAutoFillBackground(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # a stranger's title: never rich text
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = QLabel()
        self.meta_label.setWordWrap(True)
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)  # the author's name is theirs too
        self.meta_label.setObjectName("muted")
        self.badges = QHBoxLayout()
        self.badges.setSpacing(6)
        self.urgency_badge, self.sentiment_badge, self.category_badge, self.status_badge = (
            QLabel() for _ in range(4)
        )
        for label in (self.urgency_badge, self.sentiment_badge, self.category_badge, self.status_badge):
            self.badges.addWidget(label)
        self.badges.addStretch(1)
        self.browser = SafeTextBrowser()
        self.browser.wanted = self._want_image
        self.browser.anchorClicked.connect(self._link_clicked)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.document().setDocumentMargin(0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addLayout(self.badges)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self._build_reply())
        return page

    def _build_reply(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        heading = QLabel("Your reply")
        heading.setObjectName("sectionHeading")
        self.composer = ComposerBar()
        self.composer.template_chosen.connect(self._use_template)
        self.composer.model_requested.connect(self.draft_with_model)
        self.composer.cancel_requested.connect(self.drafter.cancel)
        self.model_note = QLabel("")
        self.model_note.setObjectName("modelNote")
        self.model_note.setWordWrap(True)
        self.model_note.setTextFormat(Qt.TextFormat.PlainText)
        self.model_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_note.hide()
        self.draft = QPlainTextEdit()
        self.draft.setObjectName("draft")
        self.draft.setPlaceholderText("Write a reply… it is saved as a draft as you type.  (r to focus)")
        self.draft.setMinimumHeight(90)
        self.draft.setMaximumHeight(160)
        self.draft.textChanged.connect(self._draft_changed)
        self.tone_label = QLabel("")
        self.tone_label.setObjectName("muted")
        self.tone_label.setWordWrap(True)
        self.tone_label.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        self.draft_state = QLabel("")
        self.draft_state.setObjectName("muted")
        self.draft_state.setWordWrap(True)  # wraps instead of making the whole pane wider
        self.draft_state.setMinimumWidth(120)
        self.copy_button = QPushButton("Copy && open")
        self.copy_button.setToolTip("Copy the reply and open the original post to paste it")
        self.copy_button.clicked.connect(self.copy_and_open)
        self.respond_button = QPushButton("Mark responded")
        self.respond_button.setDefault(True)
        self.respond_button.setToolTip("Record the reply and move the mention to Responded (Ctrl+Enter)")
        self.respond_button.clicked.connect(self.mark_responded)
        buttons.addWidget(self.draft_state, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.respond_button)
        layout.addWidget(heading)
        layout.addWidget(self.composer)
        layout.addWidget(self.model_note)
        layout.addWidget(self.draft)
        layout.addWidget(self.tone_label)
        layout.addLayout(buttons)
        return box

    # --- showing a mention ----------------------------------------------------------------------------------

    def set_session(
        self, reader: Callable[[], sqlite3.Connection] | None, triage: TriageService | None
    ) -> None:
        self.save_draft_now()
        self.drafter.cancel()
        self._reader, self._triage = reader, triage
        self._acknowledged.clear()
        self.show_mention(None)

    @property
    def mention_id(self) -> int | None:
        return int(self._mention["id"]) if self._mention else None

    def current_mention(self) -> dict[str, Any] | None:
        """The shown mention (a copy), e.g. to preview templates against it."""
        return dict(self._mention) if self._mention is not None else None

    def show_mention(self, mention_id: int | None) -> None:
        if mention_id == self._wanted and (mention_id is None or self._mention):
            return
        self.save_draft_now()
        self.drafter.cancel()
        self._read_timer.stop()
        self._wanted = mention_id
        if mention_id is None or self._reader is None:
            self._mention = None
            self.stack.setCurrentIndex(0)
            return
        reader = self._reader
        self._tasks.run(lambda: load_for_pane(reader(), mention_id), lambda d: self._loaded(mention_id, d))

    def reload(self, *, resuggest: bool = False) -> None:
        """Fresh figures for the shown mention (after a write); the draft being typed is kept, unless
        `resuggest` and the reply box still holds the untouched suggestion."""
        if self._mention is not None and self._reader is not None:
            mention_id, reader = int(self._mention["id"]), self._reader
            self._tasks.run(
                lambda: load_for_pane(reader(), mention_id),
                lambda d: self._refreshed(mention_id, d, resuggest),
            )

    def composer_changed(self) -> None:
        """The templates or reply settings changed: refresh the picker, the variables and the suggestion."""
        self.reload(resuggest=True)

    def _refreshed(
        self, mention_id: int, loaded: tuple[DetailData, ComposerContext] | None, resuggest: bool = False
    ) -> None:
        if loaded is not None and mention_id == self.mention_id:
            keep = not (resuggest and self._draft_is_suggestion and not self._draft_dirty)
            self._render(*loaded, keep_draft=keep)

    def _loaded(self, mention_id: int, loaded: tuple[DetailData, ComposerContext] | None) -> None:
        if mention_id != self._wanted:
            return
        if loaded is None:
            self._mention = None
            self.stack.setCurrentIndex(0)
            return
        data, ctx = loaded
        self._render(data, ctx, keep_draft=False)
        if not data.mention.get("is_read"):
            self._read_timer.start()

    def _render(self, data: DetailData, ctx: ComposerContext, *, keep_draft: bool) -> None:
        m = data.mention
        if not keep_draft or m.get("id") != (self._mention or {}).get("id"):
            self.model_note.hide()
        self._mention = m
        self._ctx = ctx
        self.stack.setCurrentIndex(1)
        self.title_label.setText((m.get("title") or "").strip() or "(untitled mention)")
        self.meta_label.setText(meta_line(m))
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        urgency = int(m.get("urgency") or 0)
        self.urgency_badge.setText(f"Urgency {urgency}")
        self.urgency_badge.setStyleSheet(badge("", urgency_colour(urgency)))
        text, colour = sentiment_chip(m.get("label"))
        self.sentiment_badge.setText(text)
        self.sentiment_badge.setStyleSheet(badge("", colour, filled=False))
        self.category_badge.setText(str(m.get("category") or "other").capitalize())
        self.category_badge.setStyleSheet(badge("", muted, filled=False))
        self.status_badge.setText(_status_text(m))
        self.status_badge.setVisible(m.get("status") != "new")
        self.status_badge.setStyleSheet(badge("", "#1a73e8", filled=False))
        self._data = data
        self._show_body(keep_scroll=keep_draft)
        self._contacts = data.contacts
        if not keep_draft:
            suggestion = data.suggestion
            suggested = "" if m.get("draft") or suggestion is None else suggestion.text
            self._setting_text = True
            self.draft.setPlainText(m.get("draft") or suggested)
            self._setting_text = False
            self._draft_is_suggestion = bool(suggested)
            if m.get("draft"):
                self.draft_state.setText("Draft saved")
            elif suggested and suggestion is not None:
                situation = suggestion.situation.replace("_", " ")
                self.draft_state.setText(f"Suggested reply for a {situation}: edit it before you send")
            else:
                self.draft_state.setText("")
        template = data.suggestion.template if data.suggestion is not None else None
        situation = data.suggestion.situation if data.suggestion is not None else suggest_situation(m)
        current = self.composer.picker.currentData() if keep_draft else None
        self.composer.set_library(
            ctx.library, situation, m.get("source_kind"), current or (template.id if template else None)
        )
        self._update_model_state()
        self._update_tone()
        self.copy_button.setEnabled(is_safe_link(m.get("url") or ""))

    # --- the body, and its images when asked for ------------------------------------------------------------

    def _show_body(self, *, keep_scroll: bool) -> None:
        data = self._data
        if data is None:
            return
        allowed = self._images_for is not None and self._images_for == data.mention.get("id")
        if not allowed:
            self.browser.images.clear()
            self._image_requests.clear()
        self.browser.images_allowed = allowed
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        scroll = self.browser.verticalScrollBar().value() if keep_scroll else 0
        self.browser.setHtml(body_html(data, muted, images=allowed))
        self.browser.verticalScrollBar().setValue(scroll)

    def shutdown(self) -> None:
        if self._image_pool is not None:
            self._image_pool.shutdown(wait=False, cancel_futures=True)
            self._image_pool = None

    def load_images(self) -> None:
        """The user asked: this mention's http(s) images are fetched (through the app's HTTP client)."""
        if self._mention is None:
            return
        if self._fetch_image is None:
            self.status_message.emit("Images cannot be loaded in this build.")
            return
        self._images_for = int(self._mention["id"])
        self._show_body(keep_scroll=True)

    def _want_image(self, url: str) -> None:
        fetch, mention_id = self._fetch_image, self._images_for
        if fetch is None or url in self._image_requests or len(self._image_requests) >= MAX_IMAGES:
            return
        self._image_requests.add(url)
        if self._image_pool is None:  # its own threads: a slow image site never holds up the pane's reads
            self._image_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="earshot-images")
        self._tasks.watch(
            self._image_pool.submit(fetch, url),
            lambda body: self._image_arrived(mention_id, url, body),
            lambda exc: self._image_failed(mention_id, exc),
        )

    def _image_arrived(self, mention_id: int | None, url: str, body: bytes) -> None:
        if mention_id != self._images_for or mention_id != self.mention_id:
            return
        image = QImage.fromData(body)
        if image.isNull():
            return
        widest = max(64, self.browser.viewport().width() - 12)
        if image.width() > widest:
            image = image.scaledToWidth(widest, Qt.TransformationMode.SmoothTransformation)
        self.browser.images[url] = image
        self._show_body(keep_scroll=True)

    def _image_failed(self, mention_id: int | None, exc: BaseException) -> None:
        if mention_id == self._images_for:
            self.status_message.emit(f"An image could not be loaded: {exc}")

    # --- templates and the model -------------------------------------------------------------------------------

    def _replace_draft(self, text: str) -> None:
        """Replace the reply box's text as one undoable edit (Ctrl+Z brings the old text back)."""
        cursor = self.draft.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.draft.setTextCursor(cursor)

    def _use_template(self, template: Template) -> None:
        if self._mention is None or self._ctx is None:
            return
        rendered = render(template.text, self._ctx.variables)
        self._replace_draft(rendered.text)
        missing = ", ".join(rendered.missing)
        self.draft_state.setText(
            f"From “{template.name}”" + (f": fill in {missing} (Mention → Reply settings)" if missing else "")
        )

    def _update_model_state(self) -> None:
        configured = self._ctx is not None and self._ctx.model.configured and self._triage is not None
        self.composer.set_model_state(configured, self.drafter.busy)

    def draft_with_model(self) -> None:
        if self._mention is None or self._ctx is None or self._triage is None or self.drafter.busy:
            return
        if not self._ctx.model.configured:
            self.status_message.emit(
                "Model drafts are off: turn them on in Mention → Reply settings → Model drafts."
            )
            return
        self.draft_state.setText("Asking the model… (Cancel stops waiting)")
        self.model_note.hide()
        self.drafter.start(self._triage.workspace, self._mention, self._ctx, self)

    def _model_drafted(self, mention_id: int, draft: ModelDraft) -> None:
        if mention_id != self.mention_id:
            return
        self._replace_draft(draft.text)
        self.draft_state.setText(f"Draft by {draft.model or 'the model'}: read and edit it before you send")

    def _model_failed(self, mention_id: int, text: str) -> None:
        if mention_id == self.mention_id:
            self.draft_state.setText("")
            self.model_note.setText(text)
            self.model_note.show()
        self.status_message.emit(text)

    # --- links, drafts, replies ------------------------------------------------------------------------------

    def _link_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text == "earshot:load-images":
            self.load_images()
        elif text.startswith("earshot:mention/"):
            tail = text.rsplit("/", 1)[-1]
            if tail.isdigit():
                self.open_mention.emit(int(tail))
        elif is_safe_link(text):
            QDesktopServices.openUrl(url)
        else:
            self.status_message.emit("Only web (http/https) links are opened.")

    def focus_draft(self) -> None:
        if self._mention is not None:
            self.draft.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_tone(self) -> None:
        """Live: the count against the channel's limit and what the tone check finds, with how to fix it."""
        m = self._mention
        if m is None:
            self.tone_label.setText("")
            return
        text = self.draft.toPlainText()
        kind = m.get("source_kind")
        count, limit = count_chars(text, channel_for(kind)), limit_for(kind)
        if not text.strip():
            self.tone_label.setText(f"0 / {limit} characters")
            self.tone_label.setToolTip("")
            return
        findings = check(
            text,
            mention_category=str(m.get("category") or "other"),
            channel=kind,
            mention_text=str(m.get("text") or ""),
            public_contacts=self._contacts,
        )
        head = f"{count} / {limit} characters"
        if not findings:
            self.tone_label.setTextFormat(Qt.TextFormat.PlainText)
            self.tone_label.setText(f"{head}  ·  ✓ Tone check passed")
            self.tone_label.setToolTip("Acknowledges, apologises where due, gives a next step, stays calm.")
            return
        self.tone_label.setTextFormat(Qt.TextFormat.RichText)  # every piece escaped: the draft is quoted
        self.tone_label.setText(
            tone_html(head, findings, self.palette().color(QPalette.ColorRole.PlaceholderText).name())
        )
        self.tone_label.setToolTip("\n\n".join(f"{f.message}\nFix: {f.fix}" for f in findings))

    def _draft_changed(self) -> None:
        if self._setting_text or self._mention is None:
            return
        self._update_tone()
        self.draft_state.setText("Editing…")
        self._draft_dirty = True
        self._draft_is_suggestion = False
        self._draft_timer.start()

    def save_draft_now(self) -> None:
        self._draft_timer.stop()
        if not self._draft_dirty or self._mention is None or self._triage is None:
            return
        self._draft_dirty = False
        mention_id, text = int(self._mention["id"]), self.draft.toPlainText()
        self._tasks.watch(self._triage.save_draft(mention_id, text), lambda _: self._draft_saved(mention_id))

    def _draft_saved(self, mention_id: int) -> None:
        if mention_id == self.mention_id and not self._draft_dirty:
            self.draft_state.setText("Draft saved")

    def _after_reply_check(self, proceed: Callable[[], None]) -> None:
        """Run `proceed` now, or after the user saw that this author or story already got a public reply."""
        if self._mention is None or self._reader is None:
            return
        mention_id, reader = int(self._mention["id"]), self._reader
        if mention_id in self._acknowledged:
            proceed()
            return

        def checked(warning: str | None) -> None:
            if mention_id != self.mention_id:
                return
            if warning is None:
                proceed()
                return

            def go_on() -> None:
                self._acknowledged.add(mention_id)
                if mention_id == self.mention_id:
                    proceed()

            self.second_reply_box = confirm_second_reply(self, warning, go_on)

        self._tasks.run(lambda: reply_warning(reader(), mention_id), checked)

    def copy_and_open(self) -> None:
        self._after_reply_check(self._copy_and_open)

    def _copy_and_open(self) -> None:
        if self._mention is None:
            return
        QGuiApplication.clipboard().setText(self.draft.toPlainText())
        url = self._mention.get("url") or ""
        if is_safe_link(url):
            QDesktopServices.openUrl(QUrl(url))
            self.status_message.emit("Reply copied — paste it on the page that just opened.")
        else:
            self.status_message.emit("Reply copied. This mention has no web link to open.")

    def mark_responded(self) -> None:
        self._after_reply_check(self._mark_responded)

    def _mark_responded(self) -> None:
        if self._mention is None or self._triage is None:
            return
        mention_id = int(self._mention["id"])
        self._draft_timer.stop()
        self._draft_dirty = False
        text = self.draft.toPlainText().strip()
        future = (
            self._triage.record_reply(mention_id, text) if text else self._triage.mark_responded([mention_id])
        )
        self._tasks.watch(future, lambda _: self.responded.emit(mention_id))

    def _read_elapsed(self) -> None:
        if self._mention is not None and not self._mention.get("is_read"):
            self._mention["is_read"] = 1
            self.read_due.emit(int(self._mention["id"]))


TONE_SHOWN = 3


def tone_html(head: str, findings: list[Any], muted: str) -> str:
    """The count, then each finding with how to fix it (the first few; the rest in the tooltip)."""
    rows = [f"{escape(head)}"]
    for f in findings[:TONE_SHOWN]:
        rows.append(f'⚠ {escape(f.message)} <span style="color:{muted}">{escape(f.fix)}</span>')
    if len(findings) > TONE_SHOWN:
        rows.append(
            f'<span style="color:{muted}">+{len(findings) - TONE_SHOWN} more (hover to see them)</span>'
        )
    return "<br>".join(rows)


def _status_text(m: dict[str, Any]) -> str:
    status = str(m.get("status") or "new")
    if status == "snoozed" and m.get("snoozed_until"):
        from desktop_app.ui.format import local_time

        return f"Snoozed until {local_time(m['snoozed_until'])}"
    return status.capitalize()
