"""Earshot's entry point: `python main.py` starts the app; `python main.py COMMAND ...` runs the CLI;
`python main.py --self-test` checks the install. The choice is desktop_app.launch's (the installed `earshot`
command and the frozen app run the same function)."""

from __future__ import annotations

import sys

from desktop_app.launch import main

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # scoring worker processes in a frozen (PyInstaller) build
    sys.exit(main())
