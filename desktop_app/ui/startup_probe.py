"""`--startup-probe`: start as usual, and quit as soon as the first useful screen is painted.

"Useful" is the welcome page for a new user, or the inbox with its first rows when a workspace opens.
The time since the process started is printed; benchmarks/bundle.sh times the whole run from outside.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.ui.main_window import MainWindow

POLL_MS = 5
GIVE_UP_S = 60.0


def process_age_s() -> float | None:
    """Seconds since this process started (Linux: /proc), so interpreter start-up is counted too."""
    try:
        import os

        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
        return up - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _painted(window: MainWindow, expect_inbox: bool) -> str | None:
    if not window.isVisible():
        return None
    if window.pages.currentWidget() is window.welcome and not expect_inbox:
        return "welcome page"
    if window.workspace is not None and not window.model.loading and window.model.rowCount() > 0:
        return f"inbox of {window.workspace.name!r} with {window.model.rowCount():,} rows"
    if window.workspace is not None and not window.model.loading and window.empty_label.isVisible():
        return f"empty inbox of {window.workspace.name!r}"
    return None


def quit_after_first_paint(app: QApplication, window: MainWindow, started: float, expect_inbox: bool) -> None:
    """`expect_inbox`: a workspace is being opened (the last one, or the only one), so wait for its rows."""
    timer = QTimer(window)

    def check() -> None:
        what = _painted(window, expect_inbox)
        too_long = time.perf_counter() - started > GIVE_UP_S
        if what is None and not too_long:
            return
        timer.stop()
        window.grab()  # paint now, as the screen would
        since_main = (time.perf_counter() - started) * 1000
        age = process_age_s()
        total = f"; {age * 1000:.0f} ms since the process started" if age is not None else ""
        shown = what or "nothing useful (gave up)"
        print(f"first paint: {shown} after {since_main:.0f} ms in main(){total}", flush=True)
        app.exit(0 if what else 1)

    timer.timeout.connect(check)
    timer.start(POLL_MS)
    sys.stdout.flush()
