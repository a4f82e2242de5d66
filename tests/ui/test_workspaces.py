"""First run: the welcome screen, the create-a-workspace wizard, the demo workspace; reopening the last one."""

from __future__ import annotations

from pathlib import Path

from desktop_app.config.settings import Settings
from desktop_app.storage.queries import list_sources
from desktop_app.storage.workspace import list_workspaces
from desktop_app.ui.workspace_wizard import WorkspaceWizard, suggested_searches
from tests.ui.conftest import make_window


def test_suggested_searches_are_google_news_feeds() -> None:
    searches = suggested_searches("Bluebird Coffee")
    urls = [url for _, url in searches]
    assert len(searches) == 5
    assert urls[1] == (
        "https://news.google.com/rss/search?q=%22I+hate+Bluebird+Coffee%22&hl=en-US&gl=US&ceid=US:en"
    )
    assert (
        any("sucks" in u for u in urls)
        and any("scam" in u for u in urls)
        and any("refund" in u for u in urls)
    )


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
    wizard.sources_page.checks[3][0].setChecked(False)  # not "scam"
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        wizard.accept()
    assert list_workspaces(root) == ["Bluebird Coffee"]
    assert window.pages.currentWidget() is window.splitter
    assert window.workspace is not None and window.workspace.profile().aliases == (
        "Bluebird",
        "@bluebirdcoffee",
    )
    qtbot.waitUntil(lambda: len(list_sources(window.workspace.reader())) == 4, timeout=5000)
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
