"""Two pages of the reply setup dialog: the workspace's reply variables ({signature}, {support_channel} ...)
and the optional model (base URL, model name, key in the keyring, timeout, house rules)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.replies import (
    MAX_TIMEOUT,
    MIN_TIMEOUT,
    REPLY_FIELDS,
    ModelSettings,
    base_url_problem,
    is_local_address,
)

# Mnemonics that clash with neither each other nor the dialog's tabs (Templates, Reply settings, Model drafts).
FIELD_LABELS = {"signature": "S&ignature:", "agent_name": "&Your name:", "product": "&Product name:",
                "support_channel": "Support &channel:", "support_email": "Support &email:",
                "support_phone": "Support p&hone:", "location": "&Location:"}  # fmt: skip
KEY_STORED = "a key is stored in your keyring; type to replace it"
KEY_EMPTY = "stored only in your system keyring; leave empty for a local server"


class ReplySettingsPage(QWidget):
    """The values templates fill in. Blank ones show as [name?] in drafts, so nothing is posted half-done."""

    changed = Signal()

    def __init__(self, settings: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            "Templates fill these in wherever they say {signature}, {support_channel} and so on. "
            "A value left empty shows as a marker like [signature?] in the draft."
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for spec in REPLY_FIELDS:
            line = QLineEdit(str(settings.get(spec.key) or ""))
            line.setObjectName(f"reply_{spec.key}")
            line.setPlaceholderText(spec.hint)
            line.setToolTip(f"{{{spec.key}}} in templates")
            line.textChanged.connect(self.changed)
            self.fields[spec.key] = line
            form.addRow(FIELD_LABELS.get(spec.key, f"{spec.label}:"), line)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)

    def values(self) -> dict[str, str]:
        return {key: line.text().strip() for key, line in self.fields.items()}


class ModelSettingsPage(QWidget):
    """Off by default. The key goes to the keyring only; this page never shows a stored key."""

    changed = Signal()

    def __init__(self, settings: Mapping[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        current = ModelSettings.from_settings(settings)
        self.has_key = current.has_key
        self.forget_key = False
        intro = QLabel(
            "Optional. Any OpenAI-compatible chat endpoint works, including a local Ollama or llama.cpp server, "
            "so nothing leaves this computer. Before the first draft you see exactly what will be sent, and where. "
            "Earshot works fully without this."
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        self.enabled = QCheckBox("&Offer “Draft with model” in the reply box")
        self.enabled.setChecked(current.enabled)
        self.base_url = QLineEdit(current.base_url)
        self.base_url.setPlaceholderText("http://127.0.0.1:11434/v1 (Ollama) or https://api.openai.com/v1")
        self.url_note = QLabel("")
        self.url_note.setWordWrap(True)
        self.url_note.setObjectName("muted")
        self.model = QLineEdit(current.model)
        self.model.setPlaceholderText("e.g. llama3.2 or gpt-4o-mini")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_button = QPushButton("&Forget the stored key")
        self.forget_button.clicked.connect(self._forget)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.forget_button)
        self.timeout = QSpinBox()
        self.timeout.setRange(MIN_TIMEOUT, MAX_TIMEOUT)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(int(current.timeout))
        self.timeout.setToolTip("Give up waiting for a draft after this long")
        self.house_rules = QPlainTextEdit(current.house_rules)
        self.house_rules.setPlaceholderText(
            "Your own rules, sent with every request, e.g. “Sign as the Acme team.”"
        )
        self.house_rules.setMaximumHeight(80)
        self.house_rules.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("", self.enabled)
        form.addRow("&Base URL:", self.base_url)
        form.addRow("", self.url_note)
        form.addRow("Model &name:", self.model)
        key_label = QLabel("API &key:")
        key_label.setBuddy(self.key)
        form.addRow(key_label, key_row)
        form.addRow("Time&out:", self.timeout)
        form.addRow("&House rules:", self.house_rules)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        self.enabled.toggled.connect(self._sync)
        self.base_url.textChanged.connect(self._sync)
        for line in (self.base_url, self.model, self.key):
            line.textEdited.connect(self.changed)
        self.enabled.toggled.connect(self.changed)
        self.timeout.valueChanged.connect(self.changed)
        self.house_rules.textChanged.connect(self.changed)
        self._sync()

    def _forget(self) -> None:
        self.forget_key = True
        self.has_key = False
        self.key.clear()
        self._sync()
        self.changed.emit()

    def _sync(self) -> None:
        on = self.enabled.isChecked()
        for widget in (self.base_url, self.model, self.key, self.timeout, self.house_rules):
            widget.setEnabled(on)
        self.forget_button.setEnabled(on and self.has_key)
        self.key.setPlaceholderText(KEY_STORED if self.has_key else KEY_EMPTY)
        url = self.base_url.text().strip()
        problem = base_url_problem(url) if on and url else None
        if problem:
            self.url_note.setText(problem)
        elif url:
            self.url_note.setText(
                "On this computer: drafts stay here."
                if is_local_address(url)
                else "Outside this computer: the mention's text is sent to this server."
            )
        else:
            self.url_note.setText("")

    def problem(self) -> str | None:
        """Why these settings cannot be saved (only when the model is turned on)."""
        if not self.enabled.isChecked():
            return None
        problem = base_url_problem(self.base_url.text())
        if problem:
            return problem
        if not self.model.text().strip():
            return "Enter the model's name (for Ollama: `ollama list` shows them)."
        return None

    def new_key(self) -> str:
        return self.key.text().strip()

    def settings(self, has_key: bool) -> ModelSettings:
        return ModelSettings(
            enabled=self.enabled.isChecked(),
            base_url=self.base_url.text().strip(),
            model=self.model.text().strip(),
            timeout=float(self.timeout.value()),
            has_key=has_key,
            house_rules=self.house_rules.toPlainText().strip(),
        )
