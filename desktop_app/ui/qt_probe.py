"""The self-test's Qt probe: start a QApplication on this platform plugin and import the GUI as the window
needs it (a frozen bundle may lack a Qt module or a desktop_app.ui module). Runs in a child process
(`earshot --self-test --qt-probe`), since a missing platform plugin aborts the whole process."""

from __future__ import annotations

import importlib
import sys

GUI_MODULES = ("desktop_app.ui.main_window", "desktop_app.app")


def probe() -> str:
    """'offscreen (Qt 6.x); GUI modules import (N desktop_app.ui modules, PySide6 widgets)'."""
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive while we ask
    found = f"{QApplication.platformName()} (Qt {qVersion()})"
    for name in GUI_MODULES:
        importlib.import_module(name)
    widget = QWidget()  # a widget can be made on this platform (what the window is built of)
    widget.deleteLater()
    del app
    ui = sorted(m for m in sys.modules if m.startswith("desktop_app.ui."))
    qt = sorted(m.removeprefix("PySide6.") for m in sys.modules if m.startswith("PySide6.Qt"))
    return f"{found}; GUI modules import ({len(ui)} desktop_app.ui modules; {', '.join(qt)})"
