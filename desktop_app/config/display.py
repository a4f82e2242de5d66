"""Can Qt open a window here? Asked before the QApplication is made, because when it cannot, Qt aborts the
process with a message about platform plugins that tells a user nothing about what to do.

The two cases met on Linux: no display at all (a server, an SSH session), and an X11 desktop without
libxcb-cursor0, which Qt 6.5+ needs for its xcb plugin and minimal Debian/Ubuntu installs lack.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

XCB_CURSOR = "libxcb-cursor.so.0"

NO_DISPLAY = (
    "Earshot has no display to open its window on (DISPLAY and WAYLAND_DISPLAY are unset). Start it from a "
    "desktop session; on a machine without one, `xvfb-run python main.py` shows it on a virtual screen, and "
    "`QT_QPA_PLATFORM=offscreen python main.py --screenshot shot.png` saves a picture of it."
)
NO_XCB_CURSOR = (
    "Earshot's window needs the system library libxcb-cursor0 (Qt uses it on X11), and it is not installed. "
    "Install it, then start Earshot again: on Debian/Ubuntu `sudo apt install libxcb-cursor0`, on Fedora "
    "`sudo dnf install xcb-util-cursor`. (On a Wayland desktop, `QT_QPA_PLATFORM=wayland` avoids it.)"
)


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def display_problem(
    env: Mapping[str, str] | None = None,
    *,
    platform: str = sys.platform,
    frozen: bool = bool(getattr(sys, "frozen", False)),
    loads: Callable[[str], bool] = _loads,
) -> str | None:
    """What stops Qt from opening a window, in words that say what to do; None when nothing known does.
    A platform chosen with QT_QPA_PLATFORM (offscreen, wayland, ...) is the user's call, and a frozen build
    carries its own copy of the library, so neither is second-guessed."""
    env = os.environ if env is None else env
    if not platform.startswith("linux") or frozen:
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None
    if env.get("WAYLAND_DISPLAY") and not chosen:
        return None  # Qt picks its Wayland plugin on a Wayland desktop
    if not env.get("DISPLAY"):
        return NO_DISPLAY
    if not loads(XCB_CURSOR):
        return NO_XCB_CURSOR
    return None
