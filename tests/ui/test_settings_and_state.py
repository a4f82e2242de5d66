"""Settings change what they say (poll default, notifications, proxy, theme); the window keeps its shape."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.config.settings import Settings
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.theme import apply_theme, is_dark_palette
from tests.ui.conftest import make_window


def _open_settings(window: MainWindow) -> SettingsDialog:
    window.open_settings()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    return dialog


def test_the_dialog_saves_every_field_and_applies_the_theme(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        dialog = _open_settings(window)
        dialog.interval.setValue(45)
        dialog.threshold.setValue(70)
        dialog.proxy.setText("http://proxy.example:3128")
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.accept()
        saved = Settings(filled_root / "settings.json")  # what the next start reads
        assert saved.get("poll.default_interval_minutes") == 45
        assert saved.get("notify.urgency_threshold") == 70
        assert saved.get("http.proxy") == "http://proxy.example:3128"
        assert saved.get("ui.theme") == "dark"
        assert is_dark_palette(app.palette())
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80

        dialog = _open_settings(window)
        assert dialog.interval.value() == 45 and dialog.theme.currentData() == "dark"
        dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
        dialog.accept()
        assert not is_dark_palette(app.palette())
    finally:
        apply_theme(app, "system")


def test_a_bad_proxy_is_refused_and_nothing_is_saved(
    qtbot, window: MainWindow, filled_root: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    dialog = _open_settings(window)
    dialog.interval.setValue(50)
    dialog.proxy.setText("proxy.example:3128")
    dialog.accept()
    assert warned and "http://" in warned[0]
    assert dialog.isVisible()
    assert Settings(filled_root / "settings.json").get("poll.default_interval_minutes") != 50


def _window_as_started(qtbot, root: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """Like the app's start: the saved shape only (make_window resizes the window for the other tests)."""
    from PySide6.QtCore import QSettings

    from desktop_app.app import build_services
    from desktop_app.ui.context import AppContext

    settings = Settings(root / "settings.json")
    context = AppContext(root, settings, build_services(root, settings), auto_poll=False, auto_rescore=False)
    window = MainWindow(context, QSettings(str(root / "window-state.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def test_geometry_splitter_and_columns_survive_a_restart(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, filled_root)
    with qtbot.waitSignal(first.workspace_ready, timeout=10_000):
        first.start("acme")
    screen = first.screen().availableGeometry()  # restoreGeometry keeps a window on its screen
    width, height = min(1111, screen.width() - 40), min(777, screen.height() - 60)
    first.resize(width, height)
    first.splitter.setSizes([180, width - 500, 320])
    sizes = first.splitter.sizes()
    header = first.view.horizontalHeader()
    header.resizeSection(3, 150)
    first.close()  # saves on close, like quitting the app

    second = _window_as_started(qtbot, filled_root)
    assert (second.width(), second.height()) == (width, height)
    with qtbot.waitSignal(second.workspace_ready, timeout=10_000):
        second.start("acme")  # as the app does: the last workspace reopens
    qtbot.wait(50)
    assert second.splitter.sizes() == sizes
    assert second.view.horizontalHeader().sectionSize(3) == 150
    second.close()


def test_a_window_left_open_makes_the_days_backup(qtbot, window: MainWindow, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.storage.backups import list_backups

    qtbot.waitUntil(lambda: len(list_backups(filled_root, "acme")) == 1, timeout=5000)  # made at open
    for backup in list_backups(filled_root, "acme"):
        backup.unlink()  # as if the day turned while the window stayed open
    window._backup_timer.setInterval(50)
    qtbot.waitUntil(lambda: len(list_backups(filled_root, "acme")) == 1, timeout=5000)


def test_the_data_folder_can_be_changed_for_the_next_start(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.config import paths

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    dialog = _open_settings(window)
    assert dialog.change_folder.isEnabled() and not dialog.default_folder.isVisible()
    dialog.use_folder(window.context.root)
    assert "in use now" in dialog.folder_note.text()
    other = tmp_path / "client-files"
    dialog.use_folder(other)
    assert str(other) in dialog.folder_note.text() and "next start" in dialog.folder_note.text()
    assert paths.chosen_data_dir() is None  # nothing happens before OK
    dialog.accept()
    assert paths.chosen_data_dir() == other and paths.data_dir() == other

    dialog = _open_settings(window)
    assert dialog.default_folder.isVisible()
    dialog.default_folder.click()
    dialog.accept()
    assert paths.chosen_data_dir() is None


def test_a_folder_given_on_the_command_line_cannot_be_changed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    window.context = dataclasses.replace(window.context, data_dir_forced="--data-dir")
    dialog = _open_settings(window)
    assert not dialog.change_folder.isEnabled()
    assert "Set by --data-dir" in dialog.folder_note.text()


def test_the_default_interval_reaches_the_wizard_and_the_add_form(qtbot, root: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.storage.queries import list_sources
    from desktop_app.ui.source_form import SourceFormDialog
    from desktop_app.ui.workspace_wizard import WorkspaceWizard

    window = make_window(qtbot, root)
    window.context.settings.set("poll.default_interval_minutes", 45)
    window.start(None)
    window.welcome.create_button.click()
    wizard = window.findChild(WorkspaceWizard)
    assert wizard is not None
    qtbot.keyClicks(wizard.brand_page.brand, "Bluebird")
    wizard.next()
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        wizard.accept()
    ws = window.workspace
    assert ws is not None
    qtbot.waitUntil(lambda: len(list_sources(ws.reader())) > 0, timeout=10_000)
    assert {r["interval_minutes"] for r in list_sources(ws.reader())} == {45}

    window.add_feed()
    form = window.findChild(SourceFormDialog)
    assert form is not None
    form.set_kind("rss")
    assert form.interval.value() == 45
    form.set_kind("brave")
    assert form.interval.value() == 360  # a metered API keeps its own, slower pace


def test_the_days_backup_waits_for_the_first_poll(qtbot, filled_root: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Copying a big workspace beside a poll made both crawl: with polling on, the backup comes after."""
    from PySide6.QtCore import QSettings

    from desktop_app.app import build_services
    from desktop_app.storage import source_writes
    from desktop_app.storage.backups import list_backups
    from desktop_app.storage.workspace import open_workspace
    from desktop_app.ui.context import AppContext
    from tests.support.feeds import rss_feed
    from tests.support.http_server import make_server

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = make_server("127.0.0.93")
    server.route(
        "/slow.xml", rss_feed(5, prefix="slow"), delay=1.5, headers={"Content-Type": "application/rss+xml"}
    )
    ws = open_workspace(filled_root, "acme")
    url = server.url("/slow.xml")
    ws.writer.call(
        lambda c: source_writes.add_source(
            c, name="slow", kind="rss", config={"url": url}, interval_minutes=30, now=0
        )
    )
    ws.close()
    for made_at_close in list_backups(filled_root, "acme"):
        made_at_close.unlink()
    settings = Settings(filled_root / "settings.json")
    context = AppContext(
        filled_root, settings, build_services(filled_root, settings), auto_poll=True, auto_rescore=False
    )
    window = MainWindow(context, QSettings(str(filled_root / "window-state.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        window.show()
        window.start("acme")
        qtbot.waitUntil(lambda: window.poller.running, timeout=10_000)
        window.backup_if_due()  # the half-hourly check, meanwhile
        qtbot.wait(300)
        assert window.poller.running and not list_backups(filled_root, "acme")
        qtbot.waitUntil(lambda: bool(list_backups(filled_root, "acme")), timeout=15_000)
        assert not window.poller.running
    finally:
        window.close()
        server.stop()


def test_the_window_is_gone_before_the_closing_backup(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Closing refreshes the day's backup (seconds on a big file): the window must not sit there, deaf."""
    seen: list[bool] = []
    real_close = window.workspaces.close_now

    def close_now():  # type: ignore[no-untyped-def]
        seen.append(window.isVisible())
        return real_close()

    monkeypatch.setattr(window.workspaces, "close_now", close_now)
    assert window.isVisible()
    window.close()
    assert seen == [False]
