"""The hate-searches picker from the Sources view: sites (a keyed one once a key is stored), edited phrases
saved per workspace, a preview, and the searches created."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog

from desktop_app.secrets.store import MemorySecretStore
from desktop_app.services import accounts
from desktop_app.services import sources as source_service
from desktop_app.services.search_sources import saved_kinds, saved_templates
from desktop_app.storage.queries import list_sources
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sources_dialog import SourcesDialog


def _picker_with_a_key(qtbot, window: MainWindow, kind: str, name: str, field: str, key: str):  # type: ignore[no-untyped-def]
    """A keyed source of `kind` with its key stored, then the Sources view's hate-searches picker, loaded."""
    ws = window.workspace
    assert ws is not None
    store = MemorySecretStore()
    source_id, _ = source_service.add_source(ws, kind=kind, config={"query": "acme"}, name=name)
    entry = accounts.set_key(ws, store, source_id, field, key)
    sources = SourcesDialog(ws, window.tasks, lambda _ids: None, window, make_store=lambda: store)
    qtbot.addWidget(sources)
    sources.add_hate_searches()
    dialog = sources.hate_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.offers_loaded, timeout=5000)
    return ws, sources, dialog, entry


def test_pick_sites_edit_phrases_preview_and_create(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws, sources, dialog, entry = _picker_with_a_key(
        qtbot, window, "brave", "Brave", "api_key", "brave-key-5678"
    )
    picker = dialog.picker
    assert picker.sites["brave"].isEnabled() and picker.sites["google_news"].isChecked()
    assert not picker.sites["reddit"].isEnabled() and "needs a key" in picker.sites["reddit"].text()
    assert "Need a key" in picker.notes.text() and "Reddit" in picker.notes.text()
    picker.include_brand.setChecked(False)
    picker.phrases.setPlainText("{brand} melted my phone\nrefund")
    picker.sites["brave"].setChecked(True)
    names = [picker.preview.item(i).text() for i in range(picker.preview.count())]
    assert len(names) == 4 and 'Google News: "Acme melted my phone"' in names
    assert 'Brave Search: "refund Acme" (every 6 h)' in names  # Brave's pace: the free plan's monthly queries
    assert "4 searches for Acme" in picker.summary.text()
    dialog.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: "Added 4 hate searches" in sources.message.text(), timeout=10_000)
    made = {r["name"]: json.loads(r["config"]) for r in list_sources(ws.reader()) if ": " in r["name"]}
    brave_made = [c for n, c in made.items() if n.startswith("Brave Search:")]
    assert len(brave_made) == 2 and all(c["api_key"] == entry for c in brave_made)  # the key is shared
    assert {c["query"] for n, c in made.items() if n.startswith("Google News:")} == {
        '"Acme melted my phone"',
        '"refund Acme"',
    }
    qtbot.waitUntil(
        lambda: saved_templates(ws) == ["{brand} melted my phone", "refund {brand}"], timeout=5000
    )
    assert saved_kinds(ws) == ["google_news", "brave"]

    sources.add_hate_searches()  # next time: the workspace's phrases and sites
    again = sources.hate_dialog
    assert again is not None and again is not dialog
    qtbot.waitUntil(lambda: again.offers_loaded, timeout=5000)
    assert again.picker.templates() == ["{brand} melted my phone", "refund {brand}"]
    assert again.picker.kinds() == ["google_news", "brave"]
    again.done(QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: "already there" in sources.message.text(), timeout=10_000)


def test_the_main_windows_suggested_searches_use_the_same_picker(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.dialogs import SuggestedSearchesDialog

    ws = window.workspace
    assert ws is not None
    window.actions_["suggested_sources"].trigger()
    dialog = window.findChild(SuggestedSearchesDialog)
    assert dialog is not None and dialog.ws is ws
    qtbot.waitUntil(lambda: dialog.offers_loaded, timeout=5000)
    assert set(dialog.picker.sites) >= {"google_news", "hackernews", "brave", "reddit", "youtube", "x_search"}
    dialog.picker.include_brand.setChecked(False)
    dialog.picker.phrases.setPlainText("boycott {brand}")
    dialog.accept()
    qtbot.waitUntil(
        lambda: any(r["name"] == 'Google News: "boycott Acme"' for r in list_sources(ws.reader())),
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: saved_templates(ws) == ["boycott {brand}"], timeout=5000)


def test_searches_on_x_are_confirmed_first(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws, sources, dialog, _entry = _picker_with_a_key(
        qtbot, window, "x_search", "X", "bearer_token", "x-bearer-4321"
    )
    dialog.picker.sites["x_search"].setChecked(True)
    assert "$0.005 a post" in dialog.picker.notes.text()
    asked: list[str] = []
    dialog.confirm_cost = lambda notice: asked.append(notice) or False  # type: ignore[method-assign]
    dialog.accept()
    assert asked and dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert [r["name"] for r in list_sources(ws.reader()) if r["kind"] == "x_search"] == ["X"]
    dialog.picker.sites["x_search"].setChecked(False)
    asked.clear()
    dialog.accept()  # Google News only: free, nothing to confirm
    assert not asked
    qtbot.waitUntil(lambda: "Added" in sources.message.text(), timeout=10_000)
