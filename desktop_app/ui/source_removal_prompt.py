"""Removing a source whose key no other source uses: offer to remove the key from the keyring too (checked by
default). The question is found in a worker (which keys only these sources use) and asked without blocking."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.services.source_removal import SourceKey, keys_only_theirs
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.tasks import TaskRunner


class RemoveWithKeysDialog(QDialog):
    """'Remove X?' and 'Also remove its key from the keyring'; `chosen(remove_keys)` on Remove."""

    chosen = Signal(bool)

    def __init__(self, text: str, keys: list[SourceKey], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove source")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        what = keys[0].words() if len(keys) == 1 else f"their {len(keys)} keys"
        self.also = QCheckBox(f"Also remove {what} from the keyring (no other source uses it)")
        self.also.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.remove_button = buttons.addButton("Remove", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.also)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def accept(self) -> None:
        self.chosen.emit(self.also.isChecked())
        super().accept()


class RemovalOffer:
    """Finds the keys only these sources use (in a worker); with some, asks about them in `dialog`, else
    calls `without_keys()` (e.g. the plain confirmation, or removing at once)."""

    def __init__(
        self,
        parent: QWidget,
        tasks: TaskRunner,
        ws: Workspace,
        source_ids: list[int],
        text: str,
        remove: Callable[[bool], None],
        without_keys: Callable[[], None],
    ) -> None:
        self.parent, self.text = parent, text
        self._remove, self._without_keys = remove, without_keys
        self.dialog: RemoveWithKeysDialog | None = None
        tasks.run(lambda: keys_only_theirs(ws, source_ids), self._ask)

    def _ask(self, keys: list[SourceKey]) -> None:
        if not keys:
            self._without_keys()
            return
        dialog = RemoveWithKeysDialog(self.text, keys, self.parent)
        dialog.chosen.connect(self._remove)
        self.dialog = dialog
        dialog.open()
