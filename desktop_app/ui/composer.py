"""The composer's tools above the reply box: the template picker and "Draft with model"; the second-reply
warning; and the read that feeds them (done in a worker, beside the detail pane's own read)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSizePolicy, QWidget

from desktop_app.drafting.templates import SITUATION_TITLES, SITUATIONS, Template, templates_for
from desktop_app.services.replies import ComposerContext, composer_context
from desktop_app.ui.detail_data import DetailData, load_detail


def load_for_pane(conn: sqlite3.Connection, mention_id: int) -> tuple[DetailData, ComposerContext] | None:
    data = load_detail(conn, mention_id)
    if data is None:
        return None
    return data, composer_context(conn, data.mention)


def picker_entries(
    library: Sequence[Template], situation: str, source_kind: str | None
) -> list[tuple[str, Template] | None]:
    """(label, template) rows for the picker: this situation's templates that fit the channel first, then a
    separator (None), then every other template grouped by situation."""
    first = templates_for(library, situation, source_kind)
    chosen = {t.id for t in first}
    rest = sorted(
        (t for t in library if t.id not in chosen),
        key=lambda t: SITUATIONS.index(t.situation) if t.situation in SITUATIONS else len(SITUATIONS),
    )
    rows: list[tuple[str, Template] | None] = [(t.name, t) for t in first]
    if rest:
        if rows:
            rows.append(None)
        rows.extend((f"{SITUATION_TITLES.get(t.situation, t.situation)}: {t.name}", t) for t in rest)
    return rows


class ComposerBar(QWidget):
    template_chosen = Signal(object)  # Template
    model_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._templates: dict[str, Template] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        label = QLabel("&Template:")
        self.picker = QComboBox()
        self.picker.setObjectName("templatePicker")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(18)
        self.picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.picker.setToolTip("Start from another template; the reply box is replaced (Ctrl+Z in it undoes)")
        self.picker.activated.connect(self._activated)
        label.setBuddy(self.picker)
        self.model_button = QPushButton("&Draft with model")
        self.model_button.clicked.connect(self.model_requested)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop waiting for the model")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.hide()
        layout.addWidget(label)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.model_button)
        layout.addWidget(self.cancel_button)
        self.set_model_state(False, False)

    def set_library(
        self, library: Sequence[Template], situation: str, source_kind: str | None, selected: str | None
    ) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        self._templates = {}
        for row in picker_entries(library, situation, source_kind):
            if row is None:
                self.picker.insertSeparator(self.picker.count())
                continue
            label, template = row
            self._templates[template.id] = template
            self.picker.addItem(label, template.id)
        index = self.picker.findData(selected) if selected else -1
        self.picker.setCurrentIndex(index)
        self.picker.setPlaceholderText("Choose a template…")
        self.picker.blockSignals(False)

    def template_names(self) -> list[str]:
        return [self.picker.itemText(i) for i in range(self.picker.count()) if self.picker.itemData(i)]

    def choose(self, template_id: str) -> None:
        """Pick a template as the user would (keyboard or tests)."""
        index = self.picker.findData(template_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)
            self._activated(index)

    def _activated(self, index: int) -> None:
        template = self._templates.get(self.picker.itemData(index))
        if template is not None:
            self.template_chosen.emit(template)

    def set_model_state(self, configured: bool, busy: bool) -> None:
        self.model_button.setVisible(not busy)
        self.cancel_button.setVisible(busy)
        self.model_button.setEnabled(configured and not busy)
        self.model_button.setToolTip(
            "Ask the model set up in Reply settings for a draft; it goes through the same tone check"
            if configured
            else "Off: turn on model drafts in Mention → Reply settings (optional; templates work without it)"
        )


def confirm_second_reply(parent: QWidget, warning: str, proceed: Callable[[], None]) -> QMessageBox:
    """'Answer once': say what was already posted, and let the user go on or stop (Cancel is the default)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Already answered in public")
    box.setText("This may be a second public reply.")
    box.setInformativeText(warning)
    go = box.addButton("Reply anyway", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def finished(_result: int) -> None:
        if box.clickedButton() is go:
            proceed()

    box.finished.connect(finished)
    box.open()
    return box
