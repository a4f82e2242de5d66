"""First run: the welcome screen, the create-a-workspace wizard, the demo workspace; reopening the last one."""

from __future__ import annotations

from pathlib import Path

from desktop_app.config.settings import Settings
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES
from desktop_app.storage.queries import list_sources
from desktop_app.storage.workspace import list_workspaces
from desktop_app.ui.workspace_wizard import WorkspaceWizard
from tests.ui.conftest import make_window


def test_wizard_creates_a_workspace_with_sources(qtbot, root: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, root)
    window.start(None)
    assert window.pages.currentWidget() is window.welcome
    window.welcome.create_button.click()
    wizard = window.findChild(WorkspaceWizard)
    assert wizard is not None and wizard.isVisible()
    qtbot.keyClicks(wizard.brand_page.brand, "Bluebird Coffee")
    wizard.brand_page.aliases.setText("Bluebird, @bluebirdcoffee")
    wizard.next()
    picker = wizard.sources_page.picker
    assert "20 searches for Bluebird Coffee, Bluebird," in picker.summary.text()  # handles are left out
    picker.sites["hackernews"].setChecked(True)
    assert "40 searches" in picker.summary.text()
    picker.sites["hackernews"].setChecked(False)
    picker.phrases.setPlainText("\n".join(t for t in DEFAULT_TEMPLATES if "scam" not in t) + "\n\n")
    assert "18 searches" in picker.summary.text()
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        wizard.accept()
    assert list_workspaces(root) == ["Bluebird Coffee"]
    assert window.pages.currentWidget() is window.splitter
    assert window.workspace is not None and window.workspace.profile().aliases == (
        "Bluebird",
        "@bluebirdcoffee",
    )
    qtbot.waitUntil(lambda: len(list_sources(window.workspace.reader())) == 18, timeout=10_000)
    sources = list_sources(window.workspace.reader())
    assert {row["kind"] for row in sources} == {"google_news"}
    names = {row["name"] for row in sources}
    assert 'Google News: "I hate Bluebird Coffee"' in names and 'Google News: "Bluebird sucks"' in names
    assert 'Google News: "Bluebird Coffee"' in names and not any("scam" in n for n in names)
    qtbot.waitUntil(lambda: window.empty_label.isVisible(), timeout=5000)
    assert "No mentions need a reply" in window.empty_label.text()
    assert Settings(root / "settings.json").get("ui.last_workspace") == "Bluebird Coffee"


def test_the_last_workspace_reopens(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.core.models import BrandProfile
    from desktop_app.storage.workspace import create_workspace

    create_workspace(filled_root, "other", BrandProfile("Other")).close()
    window = make_window(qtbot, filled_root)
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        window.start("acme")
    assert window.workspace is not None and window.workspace.name == "acme"
    assert window.sidebar.workspaces.currentText() == "acme"
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        window.sidebar.workspace_selected.emit("other")
    assert window.workspace.name == "other"


def test_demo_workspace_opens_and_shows_rows(qtbot, root: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.config.paths import resources_dir

    assert (resources_dir() / "demo" / "demo_workspace.json").is_file(), "the demo content ships with the app"
    window = make_window(qtbot, root)
    window.start(None)
    with qtbot.waitSignal(window.workspace_ready, timeout=60_000):
        window.welcome.demo_button.click()
        assert window.welcome.progress.isVisible()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and not window.model.loading, timeout=10_000)
    assert "demo" in list_workspaces(root)
