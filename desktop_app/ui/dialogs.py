"""Small dialogs: keyboard shortcuts, about, add a feed, add suggested searches."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.core.html import is_safe_link
from desktop_app.core.models import BrandProfile
from desktop_app.secrets.store import SecretStore
from desktop_app.services.search_sources import (
    PlannedSearch,
    SiteOffer,
    save_templates,
    saved_kinds,
    saved_templates,
    site_offers,
)
from desktop_app.services.sources import cost_notice_for
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.actions import shortcut_rows
from desktop_app.ui.search_picker import SearchPicker
from desktop_app.ui.tasks import TaskRunner


def _buttons(dialog: QDialog, ok: bool = True) -> QDialogButtonBox:
    flags = QDialogButtonBox.StandardButton.Close
    if ok:
        flags = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    box = QDialogButtonBox(flags)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows()
        table = QTableWidget(len(rows), 2)  # a fixed, short list
        table.setHorizontalHeaderLabels(["Keys", "Action"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setShowGrid(False)
        for i, (keys, text) in enumerate(rows):
            key_item = QTableWidgetItem(keys)
            font = key_item.font()
            font.setBold(True)
            key_item.setFont(font)
            table.setItem(i, 0, key_item)
            table.setItem(i, 1, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        self.table = table
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(_buttons(self, ok=False))
        self.resize(460, 560)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Earshot",
        f"<h3>Earshot {__version__}</h3><p>Hear what people say about your brand, and answer the most "
        "urgent first.</p><p>Local-first: your workspaces stay on this computer.</p>",
    )


class AddFeedDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a feed")
        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://example.com/feed.xml")
        self.name = QLineEdit()
        self.name.setPlaceholderText("optional: a name for the sidebar")
        form.addRow("Feed URL:", self.url)
        form.addRow("Name:", self.name)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #d93025;")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("RSS or Atom feeds, including Google News and Reddit search feeds."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        self.setMinimumWidth(520)

    def accept(self) -> None:
        if not is_safe_link(self.url.text().strip()):
            self.error.setText("Enter a web address that starts with http:// or https://")
            return
        super().accept()


class SuggestedSearchesDialog(QDialog):
    """Hate searches for the brand: the sites to search (keyed ones once the workspace holds a key), the
    phrases (as this workspace last saved them), a preview; ones the workspace already has are skipped when
    added. The workspace and task runner default to the parent's (the main window's)."""

    def __init__(
        self,
        profile: BrandProfile,
        parent: QWidget | None = None,
        ws: Workspace | None = None,
        tasks: TaskRunner | None = None,
        make_store: Callable[[], SecretStore | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add hate searches")
        self.ws = ws if ws is not None else getattr(parent, "workspace", None)
        self.tasks = tasks if tasks is not None else getattr(parent, "tasks", None)
        self._gone = False
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                f"Searches for complaints about <b>{escape(profile.brand)}</b>:",
                textFormat=Qt.TextFormat.RichText,
            )
        )
        self.picker = SearchPicker(self)
        self.picker.set_profile(profile)
        if self.ws is not None:
            self.picker.set_templates(saved_templates(self.ws))
            self.picker.set_kinds(saved_kinds(self.ws))
        layout.addWidget(self.picker, 1)
        layout.addWidget(_buttons(self))
        self.resize(640, 640)
        self.offers_loaded = False
        if self.ws is not None and self.tasks is not None:
            ws, store = self.ws, make_store or _default_store
            self.tasks.run(lambda: (site_offers(ws, store()), saved_kinds(ws)), self._show_offers)

    def _show_offers(self, loaded: tuple[list[SiteOffer], list[str]]) -> None:
        if self._gone:
            return
        offers, kinds = loaded
        self.picker.set_offers(offers)
        self.picker.set_kinds(kinds)
        self.offers_loaded = True

    def accept(self) -> None:
        paid = [cost_notice_for(kind) for kind in self.picker.kinds() if cost_notice_for(kind)]
        if paid and not self.confirm_cost(paid[0]):
            return  # back to the picker: untick the paid site, or cancel
        super().accept()

    def confirm_cost(self, notice: str) -> bool:
        """Asked before searches on a paid API are created (tests replace it: no native box offscreen)."""
        answer = QMessageBox.question(
            self,
            "These searches cost money",
            f"{notice}\n\nEvery search on that site reads (and pays for) posts. Create them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self.ws is not None and self.tasks is not None:
            ws, lines, kinds = self.ws, self.picker.templates(), self.picker.kinds()
            self.tasks.run(lambda: save_templates(ws, lines, kinds))  # for this workspace's next time
        self._gone = True
        super().done(result)

    def chosen(self) -> list[PlannedSearch]:
        return self.picker.chosen()


def _default_store() -> SecretStore | None:
    from desktop_app.services.factory import secret_store

    return secret_store()
