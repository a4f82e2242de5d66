"""Re-scoring from the app: on opening a workspace scored by other rules, and from View → Re-score."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from desktop_app.app import build_services
from desktop_app.config.settings import Settings
from desktop_app.core.models import Score
from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.services.rescore import FINGERPRINT_KEY, scoring_fingerprint
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.rescore import RescoreController
from tests.ui.conftest import make_window


def scores(root: Path) -> dict[str, tuple[int, str]]:
    conn = sqlite3.connect(root / "workspaces" / "acme.earshot")
    try:
        rows = conn.execute("SELECT title, urgency, category FROM mentions").fetchall()
        fingerprint = conn.execute("SELECT value FROM settings WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
    finally:
        conn.close()
    out = {str(t): (int(u), str(c)) for t, u, c in rows}
    out["__fingerprint__"] = (0, str(fingerprint[0]) if fingerprint else "")
    return out


def test_opening_a_workspace_scored_by_other_rules_rescores_it(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    before = scores(filled_root)
    assert before["__fingerprint__"] == (0, "")
    settings = Settings(filled_root / "settings.json")
    context = AppContext(
        filled_root, settings, build_services(filled_root), auto_poll=False
    )  # auto_rescore on
    window = MainWindow(context, QSettings(str(filled_root / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.rescorer.finished, timeout=30_000) as finished:
        window.start("acme")
    assert finished.args == [30, False]
    qtbot.waitUntil(lambda: "Re-scored 30 mentions" in window.status.currentMessage(), timeout=5000)
    assert not window.status.job_bar.isVisible()
    after = scores(filled_root)
    assert after["__fingerprint__"][1].strip('"') == scoring_fingerprint()
    # the fixture's made-up figures are replaced by what the scorer says about each text
    praise = next(v for k, v in after.items() if k.startswith("Love the new Acme flat white"))
    complaint = next(v for k, v in after.items() if k.startswith("Acme charged me twice"))
    assert praise[1] == "praise" and complaint[1] == "complaint"
    assert after != before
    # opened again with the same rules: nothing to do
    window.close()
    window2 = MainWindow(context, QSettings(str(filled_root / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window2)
    with qtbot.waitSignal(window2.workspace_ready, timeout=10_000):
        window2.start("acme")
    qtbot.wait(500)
    assert not window2.rescorer.running and not window2.status.job_label.isVisible()


class SlowScorer:
    """The real scorer, but each batch takes a while, so a test can see progress and stop it."""

    def __init__(self) -> None:
        self.inner = default_scorer()
        self.batches = 0
        self.closed = False

    def score_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
        self.batches += 1
        time.sleep(0.15)
        return self.inner.score_many(batch)

    def close(self) -> None:
        self.closed = True


def test_rescore_from_the_menu_shows_progress_and_stops(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    slow = SlowScorer()
    window.rescorer.batch = 2  # 15 batches of 2
    window.rescorer._make_scorer = lambda _ws: slow
    window.actions_["rescore"].trigger()
    qtbot.waitUntil(lambda: window.status.job_bar.value() >= 4, timeout=10_000)
    assert window.status.job_label.isVisible() and "%" in window.status.job_label.text()
    window.actions_["rescore"].trigger()  # a second start while running is refused in words
    assert "already running" in window.status.currentMessage()
    with qtbot.waitSignal(window.rescorer.finished, timeout=10_000) as finished:
        window.status.job_cancel.click()
    done, cancelled = finished.args
    assert cancelled and 4 <= done < 30
    assert slow.closed and not window.status.job_bar.isVisible()
    assert "Re-scoring stopped after" in window.status.currentMessage()
    assert window.workspace is not None and window.workspace.setting(FINGERPRINT_KEY) is None


def test_a_workspace_closing_mid_rescore_is_a_cancel_not_an_error(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.storage.workspace import open_workspace
    from desktop_app.ui.tasks import Dispatcher

    gate = threading.Event()

    class Gated(SlowScorer):
        def score_many(self, batch: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
            gate.wait(5)
            return super().score_many(batch)

    dispatcher = Dispatcher()
    controller = RescoreController(dispatcher, lambda _ws: Gated())
    errors: list[Any] = []
    controller.failed.connect(errors.append)
    ws = open_workspace(filled_root, "acme")
    with qtbot.waitSignal(controller.finished, timeout=10_000) as finished:
        controller.start(ws)
        controller.cancel()
        ws.close()
        gate.set()
    assert finished.args[1] is True and errors == []


def test_make_window_keeps_rescoring_off_in_tests(qtbot, filled_root: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, filled_root)
    with qtbot.waitSignal(window.workspace_ready, timeout=10_000):
        window.start("acme")
    qtbot.wait(300)
    assert not window.rescorer.running


def test_a_rescores_batches_refresh_the_screens_lazily_and_the_users_own_action_at_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    """Reloading the inbox and the sidebar after every re-score batch took about half the CPU the scoring
    needed; they catch up every BULK_REFRESH_MS, and the user's own triage during a re-score is not delayed."""
    from desktop_app.storage.mention_writes import update_scores
    from desktop_app.ui.main_window import BULK_REFRESH_MS

    ws = window.workspace
    assert ws is not None
    ids = [int(r[0]) for r in ws.reader().execute("SELECT id FROM mentions ORDER BY id LIMIT 2")]
    sidebar_loads: list[object] = []
    window.sidebar.set_data = lambda data: sidebar_loads.append(data)  # type: ignore[method-assign]
    stored = default_scorer().score("Acme charged me twice and nobody answers", ScoreContext())
    changes = ws.writer.call(lambda c: update_scores(c, [(ids[0], stored)], bulk=True))
    assert changes.bulk and changes.updated == (ids[0],)
    qtbot.wait(1500)  # past the usual refresh and sidebar delays
    assert window.model._refresh_timer.isActive()
    assert window.model._refresh_timer.remainingTime() > BULK_REFRESH_MS - 2000
    assert window._bulk_timer.isActive() and not sidebar_loads

    ws.writer.call(lambda c: update_scores(c, [(ids[1], stored)]))  # as the user's own action writes
    qtbot.waitUntil(lambda: bool(sidebar_loads), timeout=3000)
    assert window.model._refresh_timer.remainingTime() < 1000 or not window.model._refresh_timer.isActive()


def test_a_merged_batch_is_bulk_only_when_every_part_is() -> None:
    from desktop_app.core.models import Changes
    from desktop_app.storage.writer import merge_changes

    assert merge_changes([Changes(updated=(1,), bulk=True), Changes(updated=(2,), bulk=True)]).bulk
    assert not merge_changes([Changes(updated=(1,), bulk=True), Changes(updated=(2,))]).bulk
    assert not merge_changes([]).bulk
