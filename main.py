"""Earshot's entry point: `python main.py` starts the app; `python main.py COMMAND ...` runs the CLI."""

from __future__ import annotations

import sys

CLI_COMMANDS = {
    "init", "workspaces", "source", "poll", "inbox", "import", "export", "score", "demo", "report",
    "workspace-export", "workspace-import", "archive", "rescore", "restore",
}  # fmt: skip


def _wants_cli(argv: list[str]) -> bool:
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
            continue
        if arg == "--data-dir":
            skip_next = True
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return True
            continue
        return arg in CLI_COMMANDS
    return False


def _qt_platform_probe() -> str:
    """For --self-test: start Qt's platform plugin, name it, and import the GUI modules (a bundle may lack some).

    PySide6 is imported here, lazily, because only desktop_app/ui may import it (desktop_app.selftest cannot)."""
    import importlib.util

    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # keep it alive while we ask
    found = f"{QGuiApplication.platformName()} (Qt {qVersion()})"
    if importlib.util.find_spec("desktop_app.app") is None:
        return f"{found}; desktop_app.app not present, GUI imports not checked"
    importlib.import_module("desktop_app.app")
    return f"{found}; GUI modules import"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--self-test" in args:
        from desktop_app.selftest import main as selftest_main

        return selftest_main([a for a in args if a != "--self-test"], qt_probe=_qt_platform_probe)
    if _wants_cli(args):
        from desktop_app.cli import main as cli_main

        return cli_main(args)
    from desktop_app.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # scoring worker processes in a frozen (PyInstaller) build
    sys.exit(main())
