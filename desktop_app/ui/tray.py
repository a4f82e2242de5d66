"""The tray icon and its notifications for urgent new mentions (when the platform has a tray)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from desktop_app.ui.format import plural


class Tray:
    def __init__(self, window: QWidget, icon: QIcon) -> None:
        self._window = window
        self.icon: QSystemTrayIcon | None = None
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        tray = QSystemTrayIcon(icon, window)
        tray.setToolTip("Earshot")
        menu = QMenu(window)
        menu.addAction("Show Earshot", self.show_window)
        tray.setContextMenu(menu)
        tray.activated.connect(lambda _reason: self.show_window())
        tray.messageClicked.connect(self.show_window)
        tray.show()
        self.icon = tray

    def show_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def notify_urgent(self, urgent: list[dict[str, Any]]) -> str | None:
        """Show a notification; returns its text (shown in the status bar when there is no tray)."""
        if not urgent:
            return None
        top = urgent[0]
        title = f"{plural(len(urgent), 'urgent mention')} for you"
        body = f"{top['urgency']} · {(top.get('title') or top.get('snippet') or '')[:120]}"
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Warning, 10_000)
        return f"{title}: {body}"

    def notify_spike(self, text: str, top_title: str) -> bool:
        """A desktop notification for a spike in complaints; False when the platform cannot show one."""
        if self.icon is None or not QSystemTrayIcon.supportsMessages():
            return False
        body = f"{text}\nMost urgent: {top_title[:120]}" if top_title else text
        self.icon.showMessage("Spike in complaints", body, QSystemTrayIcon.MessageIcon.Warning, 15_000)
        return True
