"""Earshot's entry point: `python main.py` starts the app; `python main.py COMMAND ...` runs the CLI."""

from __future__ import annotations

import sys

CLI_COMMANDS = {"init", "workspaces", "source", "poll", "inbox", "import", "export", "score", "demo"}


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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if _wants_cli(args):
        from desktop_app.cli import main as cli_main

        return cli_main(args)
    from desktop_app.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
