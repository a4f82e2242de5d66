"""Composition root of the desktop app: builds the services, hands them to the window. No logic here."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from desktop_app import APP_NAME, __version__
from desktop_app.config.display import display_problem
from desktop_app.config.paths import data_dir, data_dir_forced
from desktop_app.config.settings import Settings, settings_for
from desktop_app.services.triage import TriageService
from desktop_app.storage.workspace import Workspace, create_workspace, list_workspaces, open_workspace

log = logging.getLogger(__name__)


def build_services(root: Path, settings: Settings | None = None) -> Any:
    from desktop_app.ui.context import AppServices

    def make_poller(ws: Workspace) -> Any:
        from desktop_app.services.factory import build_poller, secret_store

        return build_poller(ws, secrets=secret_store(), parallel_scoring=True)

    def create_demo(name: str) -> Workspace:
        from desktop_app.services.demo import create_demo_workspace

        return create_demo_workspace(root, name)

    def add_source(ws: Workspace, kind: str, config: dict[str, Any], name: str | None) -> tuple[int, str]:
        from desktop_app.services.poll_defaults import interval_for
        from desktop_app.services.sources import add_source as add

        default = settings.get("poll.default_interval_minutes") if settings is not None else None
        interval = interval_for(kind, default)
        return add(
            ws, kind=kind, config=config, name=name or None, interval_minutes=interval, rename_if_taken=True
        )

    def remove_source(ws: Workspace, source_id: int, remove_keys: bool = True) -> str:
        from desktop_app.services.factory import secret_store
        from desktop_app.services.source_removal import remove_with_keys

        return remove_with_keys(ws, secret_store, [source_id], remove_keys=remove_keys).sentence()

    fetchers: list[Any] = []
    fetchers_lock = threading.Lock()

    def fetch_image(url: str) -> bytes:
        from desktop_app.config.settings import settings_for
        from desktop_app.services.factory import build_http
        from desktop_app.services.remote_images import ImageFetcher

        with fetchers_lock:  # one client, built the first time the user loads images
            if not fetchers:
                fetchers.append(ImageFetcher(build_http(settings or settings_for(root))))
        return bytes(fetchers[0].fetch(url))

    return AppServices(
        list_workspaces=lambda: list_workspaces(root),
        open_workspace=lambda name: open_workspace(root, name),
        create_workspace=lambda name, profile, title: create_workspace(root, name, profile, title),
        create_demo=create_demo,
        make_triage=TriageService,
        make_poller=make_poller,
        add_source=add_source,
        remove_source=remove_source,
        fetch_image=fetch_image,
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="earshot", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", help="folder that holds the workspaces")
    parser.add_argument("--screenshot", metavar="PATH", help="open the demo, save a PNG of the window, exit")
    parser.add_argument("--theme", choices=["system", "light", "dark"], help="colour theme for this run")
    parser.add_argument("--workspace", help="open this workspace")
    parser.add_argument("--no-poll", action="store_true", help="do not poll sources automatically")
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="quit once the first screen is painted; print how long it took",
    )
    args, _unknown = parser.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    problem = display_problem()
    if problem is not None:  # Qt would abort with words about platform plugins
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.screenshot import take_screenshot
    from desktop_app.ui.theme import apply_theme

    scratch = None
    if args.screenshot and not args.data_dir:  # the demo in a folder of its own, removed afterwards
        scratch = args.data_dir = tempfile.mkdtemp(prefix="earshot-shot-")
    root = data_dir(args.data_dir)
    root.mkdir(parents=True, exist_ok=True)
    from desktop_app.secrets.encrypted import SESSION

    SESSION.configure(root)  # the encrypted key file, when the user chose it, lives in this data folder
    settings = settings_for(root)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "earshot"])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("app.earshot.Earshot")  # Wayland matches the window to the .desktop file and icon
    app.setApplicationVersion(__version__)
    apply_theme(app, args.theme or settings.get("ui.theme"))
    context = AppContext(
        root,
        settings,
        build_services(root, settings),
        auto_poll=not (args.no_poll or args.screenshot or args.startup_probe),
        auto_rescore=not (args.screenshot or args.startup_probe),
        data_dir_forced=data_dir_forced(args.data_dir),
    )
    qsettings = QSettings(str(root / "window-state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context, qsettings)
    if args.screenshot:
        code = take_screenshot(app, window, Path(args.screenshot), args.workspace)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        return code
    window.show()
    opening = args.workspace or settings.get("ui.last_workspace") or None
    window.start(opening)
    if args.startup_probe:
        from desktop_app.ui.startup_probe import quit_after_first_paint

        names = window.workspaces.names()
        quit_after_first_paint(app, window, started, expect_inbox=opening in names or len(names) == 1)
    return int(app.exec())
