"""Reply templates and settings of a workspace, in one dialog: the template library (grouped by situation;
add, edit, duplicate, delete, restore defaults, with a live preview), the reply variables, and the optional
model. Saved in one write through the workspace's writer; the model key goes to the keyring only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import UserError
from desktop_app.drafting.channels import CHANNEL_LIMITS, GENERIC, channel_for, count_chars, limit_for
from desktop_app.drafting.render import KNOWN_VARIABLES, render, variables_for
from desktop_app.drafting.templates import (
    OTHER,
    SITUATION_TITLES,
    SITUATIONS,
    Template,
    add_template,
    default_library,
    delete_template,
    duplicate_template,
    edit_template,
    find,
    load_library,
    new_id,
)
from desktop_app.services.replies import (
    model_key_entry,
    reply_settings_update,
    reply_values,
    save_reply_setup,
)
from desktop_app.storage.workspace import Workspace, read_settings
from desktop_app.ui.model_drafting import SecretFactory, default_secret_store
from desktop_app.ui.reply_settings import ModelSettingsPage, ReplySettingsPage
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

ID_ROLE = Qt.ItemDataRole.UserRole
SAMPLE_MENTION: dict[str, Any] = {
    "id": 0,
    "author": "Sam Rivera",
    "source_kind": "rss",
    "title": "",
    "text": "Waited 40 minutes for my order and nobody said a word.",
    "category": "complaint",
    "label": "negative",
}
CHANNEL_NAMES = {"x": "X (Twitter)", "googleplay": "Google Play", "appstore": "App Store", "hackernews": "Hacker News",
                 "google": "Google reviews"}  # fmt: skip


def channel_title(name: str) -> str:
    return CHANNEL_NAMES.get(name, name.capitalize())


def channel_choices() -> list[tuple[str, str]]:
    """(label, channels joined by commas) for the channel box; "" is any channel."""
    rows: list[tuple[str, str]] = [("Any channel", "")]
    for name, limit in CHANNEL_LIMITS.items():
        if name != GENERIC:
            rows.append((f"{channel_title(name)} ({limit:,} characters)", name))
    return rows


class TemplatesPage(QWidget):
    """The library being edited (`templates`), grouped by situation; edits apply to the list as you type."""

    changed = Signal()

    def __init__(
        self,
        library: list[Template],
        mention: Mapping[str, Any] | None,
        variables: Callable[[Mapping[str, Any]], dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.templates = list(library)
        self._mention = dict(mention) if mention else SAMPLE_MENTION
        self._variables = variables
        self._current: str | None = None
        self._loading = False
        self._build()
        self._fill_tree()

    # --- layout --------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setObjectName("templateTree")
        self.tree.currentItemChanged.connect(lambda item, _prev: self._select(item))
        self.add_button = QPushButton("&Add")
        self.duplicate_button = QPushButton("D&uplicate")
        self.delete_button = QPushButton("&Delete…")
        self.restore_button = QPushButton("Restore de&faults…")
        self.add_button.clicked.connect(self.add)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        self.restore_button.clicked.connect(self.restore_defaults)
        row = QHBoxLayout()
        for button in (self.add_button, self.duplicate_button, self.delete_button):
            row.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.restore_button)

        self.name = QLineEdit()
        self.situation = QComboBox()
        for key in SITUATIONS:
            self.situation.addItem(SITUATION_TITLES[key], key)
        self.channel = QComboBox()
        for label, channels in channel_choices():
            self.channel.addItem(label, channels)
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(110)
        self.insert_button = QToolButton()
        self.insert_button.setText("Insert &variable")
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.insert_button)
        for name in KNOWN_VARIABLES:
            action = menu.addAction(f"{{{name}}}")
            action.triggered.connect(lambda _=False, n=name: self._insert(n))
        self.insert_button.setMenu(menu)
        hint = QLabel("Variables: " + "  ".join(f"{{{n}}}" for n in KNOWN_VARIABLES))
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint_row = QHBoxLayout()
        hint_row.addWidget(hint, 1)
        hint_row.addWidget(self.insert_button, 0, Qt.AlignmentFlag.AlignTop)
        self.preview = QLabel("")
        self.preview.setObjectName("templatePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setMinimumHeight(60)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview_note = QLabel("")
        self.preview_note.setObjectName("muted")
        self.preview_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Situation:", self.situation)
        form.addRow("&Channel:", self.channel)
        form.addRow("Te&xt:", self.body)
        form.addRow("", hint_row)
        against = "the selected mention" if self._mention is not SAMPLE_MENTION else "a sample complaint"
        form.addRow(f"Preview ({against}):", self.preview)
        form.addRow("", self.preview_note)
        self.editor = QWidget()
        self.editor.setLayout(form)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.name.textEdited.connect(lambda text: self._edit(name=text.strip() or "Untitled"))
        self.situation.activated.connect(
            lambda _i: self._edit(situation=self.situation.currentData(), regroup=True)
        )
        self.channel.activated.connect(
            lambda _i: self._edit(channels=tuple(c for c in self.channel.currentData().split(",") if c))
        )
        self.body.textChanged.connect(lambda: self._edit(text=self.body.toPlainText()))

    # --- the list ------------------------------------------------------------------------------------------------

    def _fill_tree(self, select: str | None = None) -> None:
        select = select or self._current
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for situation in SITUATIONS:
            members = [t for t in self.templates if t.situation == situation]
            if not members:
                continue
            group = QTreeWidgetItem(self.tree, [f"{SITUATION_TITLES[situation]}  ({len(members)})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setExpanded(True)
            for t in members:
                item = QTreeWidgetItem(group, [t.name])
                item.setData(0, ID_ROLE, t.id)
                item.setToolTip(0, t.text)
                if t.id == select or (chosen is None and select is None):
                    chosen = item
        self.tree.blockSignals(False)
        top = self.tree.topLevelItem(0)
        if chosen is None and top is not None:
            chosen = top.child(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._select(chosen)

    def _select(self, item: QTreeWidgetItem | None) -> None:
        template_id = item.data(0, ID_ROLE) if item is not None else None
        template = find(self.templates, template_id) if template_id else None
        self._current = template.id if template else None
        self.editor.setEnabled(template is not None)
        self.duplicate_button.setEnabled(template is not None)
        self.delete_button.setEnabled(template is not None)
        self._loading = True
        self.name.setText(template.name if template else "")
        self.situation.setCurrentIndex(
            max(0, self.situation.findData(template.situation if template else OTHER))
        )
        channels = ",".join(template.channels) if template else ""
        index = self.channel.findData(channels)
        if index < 0:  # a set of channels, e.g. the short-post templates
            self.channel.addItem(", ".join(channel_title(c) for c in channels.split(",")), channels)
            index = self.channel.count() - 1
        self.channel.setCurrentIndex(index)
        self.body.setPlainText(template.text if template else "")
        self._loading = False
        self.update_preview()

    def current(self) -> Template | None:
        return find(self.templates, self._current) if self._current else None

    def select_id(self, template_id: str) -> None:
        self._fill_tree(template_id)

    # --- edits ---------------------------------------------------------------------------------------------------

    def _edit(self, *, regroup: bool = False, **changes: Any) -> None:
        if self._loading or self._current is None:
            return
        self.templates = edit_template(self.templates, self._current, **changes)
        if regroup:
            self._fill_tree(self._current)
        elif "name" in changes:
            item = self.tree.currentItem()
            if item is not None:
                item.setText(0, changes["name"])
        self.update_preview()
        self.changed.emit()

    def _insert(self, name: str) -> None:
        self.body.insertPlainText(f"{{{name}}}")
        self.body.setFocus()

    def add(self) -> None:
        current = self.current()
        situation = current.situation if current else SITUATIONS[0]
        template = Template(new_id(), "New template", situation, "Hi {author}, … {signature}")
        self.templates = add_template(self.templates, template)
        self._fill_tree(template.id)
        self.changed.emit()
        self.name.setFocus()
        self.name.selectAll()

    def duplicate(self) -> None:
        if self._current is None:
            return
        before = {t.id for t in self.templates}
        self.templates = duplicate_template(self.templates, self._current)
        copy = next(t for t in self.templates if t.id not in before)
        self._fill_tree(copy.id)
        self.changed.emit()

    def delete(self) -> None:
        template = self.current()
        if template is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete template",
            f"Delete the template “{template.name}”? It is removed when you save.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.templates = delete_template(self.templates, template.id)
        self._current = None
        self._fill_tree()
        self.changed.emit()

    def restore_defaults(self) -> None:
        answer = QMessageBox.question(
            self,
            "Restore the default templates",
            "Replace this workspace's templates with the ones Earshot ships? Your own templates and edits are "
            "lost when you save.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.templates = default_library()
        self._current = None
        self._fill_tree()
        self.changed.emit()

    # --- preview -------------------------------------------------------------------------------------------------

    def update_preview(self) -> None:
        template = self.current()
        if template is None:
            self.preview.setText("")
            self.preview_note.setText("")
            return
        rendered = render(template.text, self._variables(self._mention))
        self.preview.setText(rendered.text)
        # a channel-specific template is counted against the strictest of its channels
        kind = (
            min(template.channels, key=limit_for) if template.channels else self._mention.get("source_kind")
        )
        count, limit = count_chars(rendered.text, channel_for(kind)), limit_for(kind)
        parts = [f"{count:,} / {limit:,} characters" + ("  ⚠ too long" if count > limit else "")]
        if rendered.missing:
            names = ", ".join(rendered.missing)
            parts.append(f"Not set: {names} — fill them in on the Reply settings tab")
        self.preview_note.setText("  ·  ".join(parts))


class ReplySetupDialog(QDialog):
    """Templates | Reply settings | Model drafts. Save writes everything at once."""

    saved = Signal()
    TEMPLATES, SETTINGS, MODEL = range(3)

    def __init__(
        self,
        ws: Workspace,
        tasks: TaskRunner,
        mention: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
        make_store: SecretFactory = default_secret_store,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.tasks = tasks
        self.make_store = make_store
        self._mention = mention
        self._settings: dict[str, Any] = {}
        self.dirty = False
        self.setWindowTitle(f"Replies — {ws.name}")
        self.tabs = QTabWidget()
        self.loading = QLabel("Loading…")
        self.tabs.addTab(self.loading, "&Templates")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 640)
        self.templates_page: TemplatesPage | None = None
        self.reply_page: ReplySettingsPage | None = None
        self.model_page: ModelSettingsPage | None = None
        self._wanted_tab = self.TEMPLATES
        tasks.run(lambda: _read(ws), self._loaded)

    def show_tab(self, index: int) -> None:
        self._wanted_tab = index
        if self.model_page is not None:
            self.tabs.setCurrentIndex(index)

    @property
    def ready(self) -> bool:
        return self.model_page is not None

    def _loaded(self, loaded: tuple[dict[str, Any], list[Template]]) -> None:
        settings, library = loaded
        self._settings = settings
        self.reply_page = ReplySettingsPage(settings)
        self.model_page = ModelSettingsPage(settings)
        self.templates_page = TemplatesPage(library, self._mention, self._variables)
        self.reply_page.changed.connect(self.templates_page.update_preview)
        for page in (self.templates_page, self.reply_page, self.model_page):
            page.changed.connect(self._mark_dirty)
        self.tabs.removeTab(0)
        self.loading.deleteLater()
        self.tabs.addTab(self.templates_page, "&Templates")
        self.tabs.addTab(self.reply_page, "&Reply settings")
        self.tabs.addTab(self.model_page, "&Model drafts")
        self.tabs.setCurrentIndex(self._wanted_tab)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def _mark_dirty(self) -> None:
        self.dirty = True

    def reject(self) -> None:
        """Cancel, Esc or the close button: ask before unsaved changes are dropped."""
        if self.dirty and self.buttons.isEnabled():
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "Discard your changes to the templates and reply settings?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _variables(self, mention: Mapping[str, Any]) -> dict[str, str]:
        values = reply_values(self.reply_page.values() if self.reply_page else self._settings)
        return variables_for(mention, str(self._settings.get("brand") or self.ws.name), values)

    def save(self) -> None:
        if self.templates_page is None or self.reply_page is None or self.model_page is None:
            return
        problem = self.model_page.problem()
        if problem:
            self.tabs.setCurrentWidget(self.model_page)
            QMessageBox.warning(self, "Model drafts", problem)
            return
        key, forget = self.model_page.new_key(), self.model_page.forget_key
        has_key = bool(key) or (self.model_page.has_key and not forget)
        values = {
            **reply_settings_update(self.reply_page.values()),
            **self.model_page.settings(has_key).to_settings(),
        }
        library = list(self.templates_page.templates)
        ws, make_store = self.ws, self.make_store
        self.buttons.setEnabled(False)
        self.tasks.run(
            lambda: _store(ws, values, library, key, forget, make_store), self._saved, self._failed
        )

    def _saved(self, _result: object) -> None:
        self.dirty = False
        self.saved.emit()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        QMessageBox.warning(self, "Not saved", friendly_error(exc))


def _read(ws: Workspace) -> tuple[dict[str, Any], list[Template]]:
    conn = ws.reader()
    return read_settings(conn), load_library(conn)


def _store(
    ws: Workspace,
    values: dict[str, Any],
    library: list[Template],
    key: str,
    forget: bool,
    make_store: SecretFactory,
) -> None:
    """Runs in a worker: the key to the keyring first (refused without one), then one write."""
    if key or forget:
        store = make_store()
        if store is None:
            if key:
                from desktop_app.secrets.backend import choose_keyring

                raise UserError(f"The API key was not saved: {choose_keyring().message}")
        elif key:
            store.set(model_key_entry(ws.name), key)
        else:
            store.delete(model_key_entry(ws.name))
    save_reply_setup(ws, values, library).result()
