"""The detail pane: safe rendering, the reasons, draft autosave, and Mark responded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from desktop_app.core.models import Category, Label
from desktop_app.ui.main_window import MainWindow
from tests.support.factories import mention, score, store
from tests.ui.conftest import fresh_status


def _db(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / "workspaces" / "acme.earshot")


def test_hostile_html_is_rendered_safely(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    sid = ws.reader().execute("SELECT id FROM sources").fetchone()[0]
    hostile = mention(sid, 9001, title="Acme hostile post", text=(
        '<p>Acme <script>alert(1)</script><img src="https://tracker.example/p.gif">'
        '<a href="javascript:alert(2)">click</a> <a href="https://ok.example/">fine</a></p>'))  # fmt: skip
    (mid,) = store(ws, [(hostile, score(99, Label.NEGATIVE, Category.COMPLAINT))])
    window.model.refresh()
    qtbot.waitUntil(lambda: window.model.row_of(mid) is not None, timeout=5000)
    window.view.select_id(mid)
    qtbot.waitUntil(lambda: window.detail.mention_id == mid, timeout=5000)
    html = window.detail.browser.toHtml()
    assert "alert(1)" not in html and "javascript:" not in html and "tracker.example" not in html
    assert "https://ok.example/" in html
    assert not window.detail.browser.loadResource(
        QTextDocument.ResourceType.StyleSheetResource, QUrl("https://x/y.css")
    )  # nothing to load; images get a blank pixel (tests/ui/test_no_remote_loads.py)
    assert "Why it ranks here" in window.detail.browser.toPlainText()


def test_draft_autosaves_and_mark_responded_records_the_reply(
    qtbot, window: MainWindow, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    window.view.select_row(0)
    mid = window.view.current_id()
    qtbot.waitUntil(lambda: window.detail.mention_id == mid, timeout=5000)
    window.actions_["reply"].trigger()
    assert window.detail.draft.hasFocus()

    def saved() -> str | None:
        with _db(filled_root) as conn:
            row = conn.execute("SELECT text FROM drafts WHERE mention_id = ?", (mid,)).fetchone()
        return row[0] if row else None

    # a suggested reply for the situation is there to start from, checked live, and not saved until edited
    suggestion = window.detail.draft.toPlainText()
    assert len(suggestion) > 40 and "[signature?]" in suggestion  # not set in this workspace: a clear marker
    assert "Suggested reply" in window.detail.draft_state.text()
    assert "characters" in window.detail.tone_label.text()
    qtbot.wait(1300)
    assert saved() is None
    window.detail.draft.selectAll()
    qtbot.keyClicks(window.detail.draft, "you should have read our policy!!! <b>x</b>")
    shown = window.detail.tone_label.text()
    assert "⚠" in shown and "you should have" in shown
    assert "say what happens next" in shown.lower()  # each finding says how to fix it, in view
    assert "<b>x</b>" not in shown  # the draft's own words are never markup
    window.detail.draft.selectAll()
    qtbot.keyClicks(window.detail.draft, "Sorry about that, we refunded you.")

    qtbot.waitUntil(lambda: saved() == "Sorry about that, we refunded you.", timeout=5000)
    window.detail.respond_button.click()
    qtbot.waitUntil(lambda: fresh_status(filled_root, mid)[0] == "responded", timeout=5000)
    with _db(filled_root) as conn:
        assert (
            conn.execute("SELECT text FROM replies WHERE mention_id = ?", (mid,))
            .fetchone()[0]
            .startswith("Sorry")
        )
    qtbot.waitUntil(lambda: window.model.row_of(mid) is None, timeout=5000)


def test_the_pane_says_which_search_found_it_and_how_fast_it_was_answered(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.triage import TriageService

    ws = window.workspace
    assert ws is not None
    sid = ws.reader().execute("SELECT id FROM sources").fetchone()[0]
    m = mention(sid, 9101, title="Acme hate search hit", text="<p>I hate Acme</p>", hours_ago=0)
    m.query = "I hate Acme"
    (mid,) = store(ws, [(m, score(88, Label.NEGATIVE, Category.COMPLAINT))])
    published = ws.reader().execute("SELECT published_at FROM mentions WHERE id = ?", (mid,)).fetchone()[0]
    window.model.refresh()
    qtbot.waitUntil(lambda: window.model.row_of(mid) is not None, timeout=5000)
    window.view.select_id(mid)
    qtbot.waitUntil(lambda: window.detail.mention_id == mid, timeout=5000)
    text = window.detail.browser.toPlainText()
    assert "Found by the search “I hate Acme”" in text
    assert "Answered" not in text
    TriageService(ws, clock=lambda: published + 2 * 3600 + 600).record_reply(mid, "Sorry, DM us").result()
    window.detail.reload()
    qtbot.waitUntil(lambda: "Answered 2 h 10 min after it was posted" in window.detail.browser.toPlainText(),
                    timeout=5000)  # fmt: skip
