"""Add a source: a form generated from the chosen kind's typed fields (see services.sources.describe_kinds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import UserError
from desktop_app.secrets.store import SecretStore, entry_name
from desktop_app.services.poll_defaults import interval_for
from desktop_app.services.sources import (
    add_source,
    cost_notice_for,
    default_name,
    describe_kinds,
    remove_source,
    request_field_specs,
)
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.workspace_manager import friendly_error

SecretFactory = Callable[[], SecretStore | None]
KEYRING_NOTE = "stored in your system keyring"
# A text field used only when another field has a value: disabled (and not sent) otherwise.
DEPENDS_ON = {"user_agent": ("user_agent_preset", "custom"), "proxy_url": ("proxy", "custom")}


def default_secret_store() -> SecretStore | None:
    from desktop_app.services.factory import secret_store

    return secret_store()


def keyring_message() -> str:
    from desktop_app.secrets.backend import choose_keyring

    return choose_keyring().message


def field_widget(spec: dict[str, Any]) -> QWidget:
    """One input for one typed field."""
    kind, default = spec["kind"], spec.get("default")
    if kind == "int":
        box = QSpinBox()
        box.setRange(0, 2_000_000_000)
        box.setSpecialValueText("default")
        box.setValue(int(default) if default is not None else 0)
        return box
    if kind == "bool":
        check = QCheckBox(spec["label"])
        check.setChecked(bool(default))
        return check
    if kind == "choice":
        combo = QComboBox()
        choices = [str(c) for c in spec.get("choices") or ()]
        labels = [str(t) for t in spec.get("choice_labels") or ()] or choices
        for label, choice in zip(labels, choices, strict=True):
            combo.addItem(label, choice)
        if default is not None:
            combo.setCurrentIndex(max(0, combo.findData(str(default))))
        return combo
    line = QLineEdit()
    if kind == "secret":
        line.setEchoMode(QLineEdit.EchoMode.Password)
        line.setPlaceholderText(KEYRING_NOTE)
    elif default is not None:
        line.setText(str(default))
    elif kind == "url":
        line.setPlaceholderText("https://…")
    return line


def widget_value(spec: dict[str, Any], widget: QWidget) -> Any:
    """The value to send, or None for "not given" (validation then applies the default)."""
    if isinstance(widget, QSpinBox):
        return widget.value() or None
    if isinstance(widget, QCheckBox):
        return widget.isChecked() or None
    if isinstance(widget, QComboBox):
        return widget.currentData() or widget.currentText() or None
    if isinstance(widget, QLineEdit):
        return (widget.text().strip() or None) if widget.isEnabled() else None
    return None


def set_widget_value(widget: QWidget, value: Any) -> None:
    """Show a stored value (None: leave the widget at its default)."""
    if value is None:
        return
    if isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(str(value))
        widget.setCurrentIndex(index if index >= 0 else max(0, widget.findText(str(value))))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))


def wire_dependents(widgets: dict[str, QWidget]) -> None:
    """Enable the custom User-Agent / proxy address only when their choice is Custom."""
    for name, (owner, wanted) in DEPENDS_ON.items():
        field, combo = widgets.get(name), widgets.get(owner)
        if field is None or not isinstance(combo, QComboBox):
            continue

        def update(
            _i: int = 0, field: QWidget = field, combo: QComboBox = combo, wanted: str = wanted
        ) -> None:
            field.setEnabled(combo.currentData() == wanted)

        combo.currentIndexChanged.connect(update)
        update()


class AdvancedSection(QWidget):
    """A collapsed "Advanced" part of a form: a toggle, and a form shown only while it is open."""

    def __init__(self, title: str = "Advanced", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setText(title)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.box = QWidget()
        self.form = QFormLayout(self.box)
        self.form.setContentsMargins(16, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.box)
        self.toggle.toggled.connect(self.set_open)
        self.set_open(False)

    def set_open(self, open_: bool) -> None:
        if self.toggle.isChecked() != open_:
            self.toggle.setChecked(open_)  # comes back here through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.box.setVisible(open_)

    def is_open(self) -> bool:
        return self.toggle.isChecked()


class RequestSettingsSection(AdvancedSection):
    """A source's User-Agent preset and proxy, for its Edit dialog: `load` the stored config, then
    `changes()` is what the user changed (None: back to the default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Advanced: identity and proxy", parent)
        self.widgets: dict[str, QWidget] = {}
        for field in request_field_specs():
            widget = field_widget(field)
            self.widgets[field["name"]] = widget
            add_field_row(self.form, field, widget)
        wire_dependents(self.widgets)
        self.loaded: dict[str, Any] | None = None
        self.setEnabled(False)  # until the stored values are in

    def load(self, config: dict[str, Any]) -> None:
        for name, widget in self.widgets.items():
            set_widget_value(widget, config.get(name))
        self.loaded = self.values()
        self.setEnabled(True)
        if any(config.get(name) for name in self.widgets):
            self.set_open(True)  # a source with its own settings shows them

    def values(self) -> dict[str, Any]:
        return {name: widget_value({}, widget) for name, widget in self.widgets.items()}

    def changes(self) -> dict[str, Any]:
        if self.loaded is None:
            return {}
        now = self.values()
        return {name: value for name, value in now.items() if value != self.loaded.get(name)}


def add_field_row(form: QFormLayout, field: dict[str, Any], widget: QWidget) -> None:
    if field["help"]:
        widget.setToolTip(field["help"])
    label = "" if field["kind"] == "bool" else f"{field['label']}{' *' if field['required'] else ''}:"
    form.addRow(label, widget)


def save_source(
    ws: Workspace,
    kind: str,
    config: dict[str, Any],
    secrets: dict[str, str],
    name: str,
    interval: int | None,
    make_store: SecretFactory,
) -> tuple[int, str]:
    """Runs in a worker: keyring first (refused without one), then the source, then the secret values."""
    store = None
    if secrets:
        store = make_store()
        if store is None:
            raise UserError(f"The key was not saved: {keyring_message()}")
    final = " ".join(name.split()) or default_name(kind, config)
    entries = {field: entry_name(ws.name, final, field) for field in secrets}
    source_id, final = add_source(
        ws, kind=kind, config={**config, **entries}, name=final, interval_minutes=interval
    )
    try:
        for field, value in secrets.items():
            assert store is not None
            store.set(entries[field], value)
    except Exception:
        remove_source(ws, str(source_id))  # no source that points at a key that was never stored
        raise
    return source_id, final


class SourceFormDialog(QDialog):
    added = Signal(int, str)  # source id, name

    def __init__(
        self,
        ws: Workspace,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        make_store: SecretFactory = default_secret_store,
        default_interval: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.tasks = tasks
        self._default_interval = default_interval  # Settings → "Poll new sources every"
        self._make_store = make_store
        self.kinds = describe_kinds()
        self.setWindowTitle("Add a source")
        self.kind = QComboBox()
        for spec in self.kinds:
            self.kind.addItem(spec["label"], spec["kind"])
        self.name = QLineEdit()
        self.name.setPlaceholderText("optional: a name for the sidebar")
        self.interval = QSpinBox()
        self.interval.setRange(1, 7 * 24 * 60)
        self.interval.setSuffix(" min")
        top = QFormLayout()
        top.addRow("Kind:", self.kind)
        top.addRow("Name:", self.name)
        top.addRow("Check every:", self.interval)
        self.fields_box = QWidget()
        self.fields_form = QFormLayout(self.fields_box)
        self.fields_form.setContentsMargins(0, 0, 0, 0)
        self.advanced = AdvancedSection()
        self.widgets: dict[str, QWidget] = {}
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d93025;")
        self.cost = QLabel("")  # what a paid API charges per read, shown before the source exists
        self.cost.setWordWrap(True)
        self.cost.setObjectName("cost_notice")
        self.cost.setStyleSheet("color: #b06000; font-weight: 600;")
        self.cost.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.cost)
        layout.addWidget(self.fields_box)
        layout.addWidget(self.advanced)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._build_fields())
        self._build_fields()
        self.setMinimumWidth(560)

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def current_spec(self) -> dict[str, Any]:
        return self.kinds[max(0, self.kind.currentIndex())]

    def _build_fields(self) -> None:
        for form in (self.fields_form, self.advanced.form):
            while form.rowCount():
                form.removeRow(0)
        self.widgets = {}
        spec = self.current_spec()
        self.interval.setValue(interval_for(str(spec["kind"]), self._default_interval))
        for field in spec["fields"]:
            widget = field_widget(field)
            self.widgets[field["name"]] = widget
            form = self.advanced.form if field.get("advanced") else self.fields_form
            add_field_row(form, field, widget)
            if field["kind"] == "secret":
                note = QLabel(f"🔒 {KEYRING_NOTE}")
                note.setObjectName("muted")
                form.addRow("", note)
        wire_dependents(self.widgets)
        self.error.setText("")
        notice = str(spec.get("cost_notice") or "")
        self.cost.setText(f"💲 {notice}" if notice else "")
        self.cost.setVisible(bool(notice))
        cost_field = self.widgets.get("cost_per_read")
        if isinstance(cost_field, QLineEdit):
            cost_field.textChanged.connect(lambda _t: self._update_cost())

    def _update_cost(self) -> None:
        notice = cost_notice_for(str(self.kind.currentData()), self.values()[0])
        self.cost.setText(f"💲 {notice}" if notice else "")

    def confirm_cost(self, notice: str) -> bool:
        """Asked before a paid source with its key is created (tests replace it: no native box offscreen)."""
        answer = QMessageBox.question(
            self,
            "This source costs money",
            f"{notice}\n\nCreate it and let Earshot read (and pay for) posts?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """(config, secret values by field); empty fields are left out."""
        config: dict[str, Any] = {}
        secrets: dict[str, str] = {}
        for field in self.current_spec()["fields"]:
            value = widget_value(field, self.widgets[field["name"]])
            if value is None:
                continue
            if field["kind"] == "secret":
                secrets[field["name"]] = str(value)
            else:
                config[field["name"]] = value
        return config, secrets

    def accept(self) -> None:
        ws, kind, make_store = self.ws, str(self.kind.currentData()), self._make_store
        config, secrets = self.values()
        name, interval = self.name.text(), self.interval.value()
        notice = cost_notice_for(kind, config)
        if notice and secrets and not self.confirm_cost(notice):  # with its key it starts reading at once
            self.error.setText("Not added: nothing was read or paid for.")
            return
        self.error.setText("")
        self.buttons.setEnabled(False)
        self.tasks.run(
            lambda: save_source(ws, kind, config, secrets, name, interval, make_store),
            self._saved,
            self._failed,
        )

    def _saved(self, result: tuple[int, str]) -> None:
        self.buttons.setEnabled(True)
        self.added.emit(*result)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(friendly_error(exc))
