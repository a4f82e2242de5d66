"""Menus and the toolbar, built from the action table."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from desktop_app.ui.actions import MENUS, Actions

TOOLBAR_ORDER = ("undo", None, "reply", "respond", "archive", "snooze", "open_original", None, "poll_now")
SEPARATE_AFTER = {"quit": False, "settings": True, "select_all": False, "clear": True, "open_demo": True, "unarchive_workspace": True,
                  "toggle_read": True, "cancel_poll": True, "refresh": False}  # fmt: skip


def build_menus(window: QMainWindow, actions: Actions, snooze_menu: QMenu) -> None:
    bar = window.menuBar()
    for title in MENUS:
        menu = bar.addMenu(f"&{title}")
        for spec in actions.specs_for(title):
            if spec.name == "quit":
                menu.addSeparator()
            if spec.name == "snooze":
                snooze_menu.setTitle("&Snooze")
                menu.addMenu(snooze_menu)
                continue
            menu.addAction(actions[spec.name])
            if SEPARATE_AFTER.get(spec.name):
                menu.addSeparator()


def build_toolbar(window: QMainWindow, actions: Actions) -> QLineEdit:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(18, 18))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in TOOLBAR_ORDER:
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    search = QLineEdit()
    search.setObjectName("search")
    search.setPlaceholderText("Search mentions   /")
    search.setClearButtonEnabled(True)
    search.setToolTip('Words narrow the list; "a phrase" stays whole; -word excludes. Esc clears.')
    toolbar.addWidget(search)
    window.addToolBar(toolbar)
    return search
