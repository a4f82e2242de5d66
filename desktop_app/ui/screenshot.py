"""`--screenshot PATH`: open the demo workspace, select the top mention, paint at 1400x900, save a PNG."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from desktop_app.ui.main_window import MainWindow

SIZE = (1400, 900)
TIMEOUT_S = 90.0


def _wait(app: QApplication, done: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(done) and done():
            return True
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return False


def take_screenshot(app: QApplication, window: MainWindow, path: Path, workspace: str | None = None) -> int:
    window.resize(*SIZE)
    window.show()
    errors: list[str] = []
    window.workspaces.failed.connect(errors.append)
    if workspace:
        window.workspaces.open(workspace)
    else:
        window.workspaces.open_demo()
    if not _wait(app, lambda: window.workspace is not None or errors, TIMEOUT_S):
        print("earshot: the demo workspace did not open in time", file=sys.stderr)
        return 1
    if errors:
        print(f"earshot: {errors[0]}", file=sys.stderr)
        return 1
    _wait(app, lambda: not window.model.loading and window.model.rowCount() > 0, 20)
    if window.model.rowCount():
        window.view.select_row(0)
        _wait(app, lambda: window.detail.mention_id is not None, 10)
    window.resize(*SIZE)
    _wait(app, lambda: False, 0.8)  # let the sidebar counts and the layout settle
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(path), "PNG")
    window.close()
    if not ok:
        print(f"earshot: could not write {path}", file=sys.stderr)
        return 1
    print(f"Saved {path}")
    return 0
