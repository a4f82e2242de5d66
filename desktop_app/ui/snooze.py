"""Snooze choices (pure times) and the menu and date picker that offer them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QMenu, QVBoxLayout, QWidget


def snooze_choices(now: datetime) -> list[tuple[str, datetime]]:
    """(label, local time) pairs: 1 hour, 3 hours, tomorrow 9:00, next week (Monday 9:00)."""
    now = now.astimezone()
    tomorrow = (now + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    days_to_monday = 7 - now.weekday()
    next_week = (now + timedelta(days=days_to_monday)).replace(hour=9, minute=0, second=0, microsecond=0)
    return [
        ("1 hour", now + timedelta(hours=1)),
        ("3 hours", now + timedelta(hours=3)),
        ("Tomorrow 9:00", tomorrow),
        ("Next week (Mon 9:00)", next_week),
    ]


def build_snooze_menu(parent: QWidget, snooze: Callable[[int], None]) -> QMenu:
    """A menu whose choices call `snooze(epoch)`; times are computed when the menu opens."""
    menu = QMenu("Snooze", parent)

    def fill() -> None:
        menu.clear()
        for label, when in snooze_choices(datetime.now()):
            action = menu.addAction(f"{label}  —  {when.strftime('%a %H:%M')}")
            action.triggered.connect(lambda _=False, w=when: snooze(int(w.timestamp())))
        menu.addSeparator()
        pick = menu.addAction("Pick date && time…")
        pick.triggered.connect(lambda: _pick(parent, snooze))

    menu.aboutToShow.connect(fill)
    fill()
    return menu


def _pick(parent: QWidget, snooze: Callable[[int], None]) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Snooze until")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Bring the mention back at:"))
    editor = QDateTimeEdit(QDateTime.currentDateTime().addSecs(24 * 3600))
    editor.setCalendarPopup(True)
    editor.setMinimumDateTime(QDateTime.currentDateTime())
    editor.setDisplayFormat("ddd d MMM yyyy  HH:mm")
    layout.addWidget(editor)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.accepted.connect(lambda: snooze(int(editor.dateTime().toSecsSinceEpoch())))
    dialog.open()
