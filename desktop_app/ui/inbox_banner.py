"""A slim banner above the inbox: what the dashboard filtered it to, or a spike in complaints.

It holds one message and up to two buttons; it is hidden until it has something to say.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget


class Banner(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.buttons: list[QPushButton] = []
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.dismiss)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 5, 4, 5)
        self._layout.addWidget(self.label, 1)
        self._layout.addWidget(self.close_button)
        self._on_dismiss: Callable[[], None] | None = None
        self.hide()

    def show_message(
        self,
        text: str,
        actions: tuple[tuple[str, Callable[[], None]], ...] = (),
        on_dismiss: Callable[[], None] | None = None,
    ) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for title, handler in actions:
            button = QPushButton(title)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, h=handler: h())
            self._layout.insertWidget(self._layout.count() - 1, button)
            self.buttons.append(button)
        self.label.setText(text)
        self._on_dismiss = on_dismiss
        self.show()

    def button(self, title: str) -> QPushButton:
        return next(b for b in self.buttons if b.text() == title)

    def dismiss(self) -> None:
        self.hide()
        handler, self._on_dismiss = self._on_dismiss, None
        if handler is not None:
            handler()


def inbox_column(inbox: QWidget) -> tuple[QWidget, Banner, Banner]:
    """The inbox with its banners above it: (column, spike banner, filter banner)."""
    spike, filtered = Banner("spikeBanner"), Banner("filterBanner")
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in (spike, filtered, inbox):
        layout.addWidget(widget)
    layout.setStretch(2, 1)
    return column, spike, filtered
