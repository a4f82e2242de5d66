"""Fixtures for the UI tests: a fresh data folder, a workspace filled through the real write path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_app.app import build_services
from desktop_app.config.settings import Settings
from desktop_app.core.models import Category, Label
from desktop_app.storage.workspace import Workspace
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.support.factories import add_source, make_workspace, mention, score, store

TEXTS = (
    ("Acme charged me twice and support ignores me", 90, Label.NEGATIVE, Category.COMPLAINT),
    ("Is Acme open on Sunday?", 45, Label.NEUTRAL, Category.QUESTION),
    ("Acme refund still missing after a month", 80, Label.NEGATIVE, Category.COMPLAINT),
    ("Love the new Acme flat white", 10, Label.POSITIVE, Category.PRAISE),
    ("Acme app logs me out every day", 60, Label.NEGATIVE, Category.COMPLAINT),
    ("Acme opens a shop downtown", 20, Label.NEUTRAL, Category.OTHER),
)


def fill(ws: Workspace, n: int = 30, start: int = 0) -> tuple[int, ...]:
    source_id = ws.reader().execute("SELECT id FROM sources LIMIT 1").fetchone()
    sid = int(source_id[0]) if source_id else add_source(ws)
    pairs = []
    for i in range(start, start + n):
        text, urgency, label, category = TEXTS[i % len(TEXTS)]
        m = mention(sid, i, title=f"{text} #{i}", text=f"<p>{text}, post number {i}.</p>", author=f"user{i % 7}",
                    hours_ago=i)  # fmt: skip
        pairs.append((m, score(urgency - (i % 5), label, category)))
    return store(ws, pairs)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def filled_root(root: Path) -> Path:
    with make_workspace(root) as ws:
        fill(ws)
    return root


def make_window(qtbot, root: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = Settings(root / "settings.json")
    context = AppContext(root, settings, build_services(root, settings), auto_poll=False, auto_rescore=False)
    window = MainWindow(context, QSettings(str(root / "window-state.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window


@pytest.fixture
def window(qtbot, filled_root: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, filled_root)
    with qtbot.waitSignal(win.workspace_ready, timeout=10_000):
        win.start("acme")
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and not win.model.loading, timeout=10_000)
    yield win


def fresh_status(root: Path, mention_id: int, workspace: str = "acme") -> tuple[str, int]:
    """Read a mention's status and read mark with a brand-new connection."""
    import sqlite3

    conn = sqlite3.connect(root / "workspaces" / f"{workspace}.earshot")
    try:
        row = conn.execute("SELECT status, is_read FROM mentions WHERE id = ?", (mention_id,)).fetchone()
    finally:
        conn.close()
    return str(row[0]), int(row[1])
