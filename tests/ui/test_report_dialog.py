"""File → Export report… on the demo workspace, and the workspace file commands (export, import, archive)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.report_dialog import ReportDialog
from tests.ui.conftest import make_window


@pytest.fixture
def demo_window(qtbot, root: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    from desktop_app.config.paths import resources_dir

    assert (resources_dir() / "demo" / "demo_workspace.json").is_file(), "the demo content ships with the app"
    from desktop_app.services.demo import create_demo_workspace

    create_demo_workspace(root).close()
    window = make_window(qtbot, root)
    with qtbot.waitSignal(window.workspace_ready, timeout=20_000):
        window.start("demo")
    return window


def open_report_dialog(qtbot, window: MainWindow) -> ReportDialog:  # type: ignore[no-untyped-def]
    window.actions_["export_report"].trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_report_dialog_writes_html_for_the_demo(qtbot, demo_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_report_dialog(qtbot, demo_window)
    assert dialog.since.date().daysTo(dialog.until.date()) == 29  # the last 30 days
    dialog.client.setText("Northwind Coffee Co.")
    output = tmp_path / "report.html"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as signal:
        dialog.export_to(output)
    assert signal.args[0] == output
    text = output.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html") and "Northwind Coffee Co." in text
    assert "Report saved" in demo_window.statusBar().currentMessage()
    assert demo_window.open_notice.button.isVisible() and demo_window.open_notice.path == output


def test_report_dialog_exports_json_and_shows_errors_inline(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_report_dialog(qtbot, demo_window)
    dialog.logo.setText(str(tmp_path / "missing.png"))
    dialog.export_to(tmp_path / "x.html")
    assert "not found" in dialog.error.text()
    dialog.logo.clear()
    dialog.format.setCurrentText("JSON")
    output = tmp_path / "mentions.json"
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_to(output)
    assert isinstance(json.loads(output.read_text(encoding="utf-8")), list | dict)


def test_workspace_export_import_and_archive(
    qtbot, window: MainWindow, filled_root: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    files = window.files
    output = tmp_path / "acme.zip"
    with qtbot.waitSignal(files.exported, timeout=20_000):
        files.export_to(output)
    assert output.is_file()
    with qtbot.waitSignal(window.workspace_ready, timeout=20_000):
        files.import_from(output)
    assert window.workspace is not None and window.workspace.name != "acme"
    imported = window.workspace.name
    assert sorted(window.workspaces.names()) == sorted(["acme", imported])
    with qtbot.waitSignal(window.workspace_ready, timeout=20_000):
        files.archive_now()  # closes it, archives it, opens the one left
    assert window.workspace is not None and window.workspace.name == "acme"
    assert window.workspaces.names() == ["acme"]
    assert (filled_root / "archive" / f"{imported}.earshot").is_file()

    window.actions_["unarchive_workspace"].trigger()  # File → Restore archived workspace…
    qtbot.waitUntil(
        lambda: getattr(files, "prompt", None) is not None and files.prompt.isVisible(), timeout=5000
    )
    assert files.prompt.comboBoxItems() == [imported]
    with qtbot.waitSignal(window.workspace_ready, timeout=20_000):
        files.prompt.setTextValue(imported)
        files.prompt.accept()
    assert window.workspace is not None and window.workspace.name == imported
    assert sorted(window.workspaces.names()) == sorted(["acme", imported])
    assert not (filled_root / "archive" / f"{imported}.earshot").exists()
    files.unarchive()  # nothing left in the archive: said plainly
    qtbot.waitUntil(lambda: "No workspace is archived" in window.status.currentMessage(), timeout=5000)
