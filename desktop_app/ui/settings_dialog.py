"""Settings: poll interval, notifications, proxy, theme; the data folder, shown with "Open folder"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config import paths
from desktop_app.config.settings import OPTIONS, Settings

THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


class SettingsDialog(QDialog):
    def __init__(
        self, settings: Settings, root: Path, parent: QWidget | None = None, *, forced_by: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        self._root = root
        self._next_folder: Path | bool | None = False  # False: unchanged; None: back to the default
        form = QFormLayout()
        self.interval = QSpinBox()
        self.interval.setRange(1, 24 * 60)
        self.interval.setSuffix(" min")
        self.interval.setValue(settings.get("poll.default_interval_minutes"))
        self.interval.setToolTip(OPTIONS["poll.default_interval_minutes"].help)
        self.notify = QCheckBox("Notify me about urgent new mentions")
        self.notify.setChecked(settings.get("notify.enabled"))
        self.threshold = QSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setValue(settings.get("notify.urgency_threshold"))
        self.threshold.setToolTip(OPTIONS["notify.urgency_threshold"].help)
        self.notify.toggled.connect(self.threshold.setEnabled)
        self.threshold.setEnabled(self.notify.isChecked())
        self.spikes = QCheckBox("Alert me when complaints spike")
        self.spikes.setChecked(settings.get("notify.spikes"))
        self.spikes.setToolTip(OPTIONS["notify.spikes"].help)
        self.spike_threshold = QDoubleSpinBox()
        self.spike_threshold.setRange(1.5, 10.0)
        self.spike_threshold.setSingleStep(0.5)
        self.spike_threshold.setDecimals(1)
        self.spike_threshold.setSuffix(" × the usual spread")
        self.spike_threshold.setValue(settings.get("notify.spike_threshold"))
        self.spike_threshold.setToolTip(
            "A day is a spike when its negative mentions and complaints exceed the average of the 14 days\n"
            "before it by this many times their usual day-to-day spread. Lower: more alerts."
        )
        self.spikes.toggled.connect(self.spike_threshold.setEnabled)
        self.spike_threshold.setEnabled(self.spikes.isChecked())
        self.proxy = QLineEdit(settings.get("http.proxy"))
        self.proxy.setPlaceholderText("empty: use the system's proxy settings")
        self.theme = QComboBox()
        for value, label in THEMES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex([v for v, _ in THEMES].index(settings.get("ui.theme")))
        folder = QLineEdit(str(root))
        folder.setReadOnly(True)
        open_button = QPushButton("Open folder")
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(root))))
        self.change_folder = QPushButton("Change…")
        self.change_folder.clicked.connect(self._pick_folder)
        self.default_folder = QPushButton("Use the default")
        self.default_folder.clicked.connect(lambda: self.use_folder(None))
        self.default_folder.setVisible(paths.chosen_data_dir() is not None and forced_by is None)
        if forced_by is not None:
            self.change_folder.setEnabled(False)
            self.change_folder.setToolTip(f"Set by {forced_by} for this session")
        self.folder_note = QLabel(f"Set by {forced_by} for this session." if forced_by else "")
        self.folder_note.setWordWrap(True)
        self.folder_note.setObjectName("muted")
        self.folder_note.setVisible(forced_by is not None)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder, 1)
        folder_row.addWidget(open_button)
        folder_row.addWidget(self.change_folder)
        folder_row.addWidget(self.default_folder)
        form.addRow("Poll new sources every:", self.interval)
        form.addRow("", self.notify)
        form.addRow("Notify at urgency ≥", self.threshold)
        form.addRow("", self.spikes)
        form.addRow("Spike when above", self.spike_threshold)
        form.addRow("Proxy:", self.proxy)
        form.addRow("Theme:", self.theme)
        form.addRow("Data folder:", folder_row)
        form.addRow("", self.folder_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _pick_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Keep Earshot's workspaces in", str(self._root))
        if chosen:
            self.use_folder(Path(chosen))

    def use_folder(self, folder: Path | None) -> None:
        """Take effect from the next start (a workspace is open in the current one now)."""
        target = folder or paths.default_data_dir()
        if target.resolve() == self._root.resolve():
            self._next_folder = False
            self.folder_note.setText("That is the folder in use now.")
        else:
            self._next_folder = folder
            self.folder_note.setText(
                f"From the next start Earshot uses {target}. The workspaces here stay where they are: move the"
                " folder's contents there while Earshot is closed, or use File → Export workspace and Import."
            )
        self.folder_note.show()

    def accept(self) -> None:
        proxy = self.proxy.text().strip()
        if proxy and not proxy.lower().startswith(("http://", "https://", "socks5://")):
            QMessageBox.warning(self, "Proxy", "A proxy address starts with http://, https:// or socks5://.")
            return
        try:
            self._settings.set("poll.default_interval_minutes", self.interval.value())
            self._settings.set("notify.enabled", self.notify.isChecked())
            self._settings.set("notify.urgency_threshold", self.threshold.value())
            self._settings.set("notify.spikes", self.spikes.isChecked())
            self._settings.set("notify.spike_threshold", self.spike_threshold.value())
            self._settings.set("http.proxy", proxy)
            self._settings.set("ui.theme", self.theme.currentData())
            if self._next_folder is not False:
                paths.choose_data_dir(self._next_folder if isinstance(self._next_folder, Path) else None)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, "Settings", f"The settings could not be saved: {exc}")
            return
        super().accept()
