"""The first-run screen: create a workspace, or open the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.icons import app_icon


class WelcomePage(QWidget):
    create_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        column = QVBoxLayout()
        column.setSpacing(14)
        title = QLabel("Welcome to Earshot")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(
            "Earshot listens to what people say about your brand online, puts the mentions that need "
            "a human reply at the top, tells you why, and helps you write the reply.\n"
            "Everything stays on this computer."
        )
        subtitle.setWordWrap(True)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setObjectName("muted")
        subtitle.setFixedWidth(580)
        subtitle.setMinimumHeight(subtitle.heightForWidth(580) + 4)
        self.create_button = QPushButton("Create a workspace…")
        self.create_button.setObjectName("primaryButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_requested)
        self.demo_button = QPushButton("Open the demo workspace")
        self.demo_button.clicked.connect(self.demo_requested)
        for button in (self.create_button, self.demo_button):
            button.setMinimumSize(220, 40)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(320)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        hint = QLabel("A workspace is one brand or one client. You can add more later from the File menu.")
        hint.setObjectName("muted")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(80, 80))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(logo)
        column.addWidget(title)
        column.addWidget(subtitle, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(10)
        column.addLayout(buttons)
        column.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.status)
        column.addSpacing(10)
        column.addWidget(hint)
        outer.addLayout(column)
        outer.addStretch(3)

    def set_busy(self, text: str | None) -> None:
        """Show progress while a workspace is being made; None when done."""
        busy = text is not None
        self.progress.setVisible(busy)
        self.create_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)
        self.status.setText(text or "")

    def show_error(self, text: str) -> None:
        self.set_busy(None)
        self.status.setText(text)
