"""The README's screenshots, from the demo workspace: inbox (light, dark), dashboard, welcome (light, dark).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/take_screenshots.py [docs/screenshots]

Run under a real X server (Xvfb), not the offscreen platform, so fonts and the style are what users see.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def inbox(out: Path) -> None:
    for theme in ("light", "dark"):
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out / f"main-{theme}.png"), "--theme", theme],
            check=True,
        )  # fmt: skip


def window_shots(out: Path) -> None:
    """Welcome pages and the dashboard, painted by the real windows in this process."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import build_services
    from desktop_app.config.settings import Settings
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])

    def settle(done: object = None, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (callable(done) and done()):
            app.processEvents()
            time.sleep(0.02)

    with tempfile.TemporaryDirectory(prefix="earshot-shots-") as tmp:
        root = Path(tmp)
        settings = Settings(root / "settings.json")
        context = AppContext(
            root, settings, build_services(root, settings), auto_poll=False, auto_rescore=False
        )
        window = MainWindow(context, QSettings(str(root / "w.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 900)
        window.show()
        window.start(None)
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            settle(timeout=0.5)
            window.grab().save(str(out / f"welcome-{theme}.png"))
        apply_theme(app, "light")
        window.workspaces.open_demo()
        settle(lambda: window.workspace is not None and window.model.rowCount() > 0)
        window.open_dashboard()
        dashboard = window.dashboard
        assert dashboard is not None
        dashboard.resize(1400, 1000)
        settle(lambda: dashboard.data is not None and not dashboard.loading)
        settle(timeout=1.0)
        dashboard.grab().save(str(out / "dashboard.png"))
        window.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    inbox(out)
    window_shots(out)
    print(f"Screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
