"""What `python main.py`, the installed `earshot` / `earshot-cli` commands and the frozen app all run:
`--self-test` (with its Qt probe), a CLI command, or the GUI.

The targets are imported by name, at the moment they are chosen, so that `earshot --self-test` or a CLI
command never loads Qt or the window, and the GUI never loads the CLI. (This launcher is a composition root,
like app.py: it reaches the selftest, the CLI and the GUI; tests/unit/test_import_rules.py has no layer for
it yet, see the report of the session that made it.)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

CLI_COMMANDS = {
    "init", "workspaces", "source", "poll", "inbox", "import", "export", "score", "demo", "report",
    "workspace-export", "workspace-import", "archive", "rescore", "restore",
}  # fmt: skip
SELF_TEST = "--self-test"


def _entry(module: str, name: str = "main") -> Callable[..., Any]:
    target: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return target


def wants_cli(argv: list[str]) -> bool:
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


def qt_platform_probe() -> str:
    """For --self-test: Qt's platform plugin, a QApplication and the GUI modules (desktop_app.ui.qt_probe)."""
    return str(_entry("desktop_app.ui.qt_probe", "probe")())


def self_test(args: list[str]) -> int:
    rest = [a for a in args if a != SELF_TEST]
    return int(_entry("desktop_app.selftest")(rest, qt_probe=qt_platform_probe))


def main(argv: list[str] | None = None) -> int:
    """Every flag main.py takes: --self-test, a CLI command (or -h/--version), else the GUI."""
    args = sys.argv[1:] if argv is None else list(argv)
    if SELF_TEST in args:
        return self_test(args)
    if wants_cli(args):
        return int(_entry("desktop_app.cli")(args))
    return int(_entry("desktop_app.app")(args))


def cli_main(argv: list[str] | None = None) -> int:
    """`earshot-cli`: the headless commands, and --self-test."""
    args = sys.argv[1:] if argv is None else list(argv)
    if SELF_TEST in args:
        return self_test(args)
    return int(_entry("desktop_app.cli")(args))
