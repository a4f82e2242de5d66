"""New mentions arrive while the user works: the selection and the place in the list are kept."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.ui.main_window import MainWindow
from tests.support.feeds import rss_feed
from tests.ui.conftest import fill


def test_background_writes_keep_the_selection(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.view.select_row(3)
    chosen = window.view.current_id()
    before = window.model.rowCount()
    ws = window.workspace
    assert ws is not None
    writer = threading.Thread(target=lambda: fill(ws, 20, start=500))  # lands above and below the selection
    writer.start()
    writer.join()
    qtbot.waitUntil(lambda: window.model.rowCount() > before and not window.model.loading, timeout=5000)
    assert window.view.current_id() == chosen
    assert window.detail.mention_id in (None, chosen)


@pytest.fixture
def feed_server() -> Iterator[str]:
    body = rss_feed(12, brand="Acme", prefix="live")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


def test_background_poll_adds_rows_while_the_user_works(
    qtbot, window: MainWindow, feed_server: str, filled_root: Path
) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("desktop_app.scoring.scorer")
    pytest.importorskip("desktop_app.sources.registry")
    ws = window.workspace
    assert ws is not None
    window.context.services.add_source(ws, "rss", {"url": feed_server}, "Local feed")
    window.select_view(__import__("desktop_app.storage.queries", fromlist=["View"]).View.ALL)
    qtbot.waitUntil(lambda: not window.model.loading, timeout=5000)
    before = window.model.rowCount()
    window.view.select_row(2)
    chosen = window.view.current_id()
    window.actions_["poll_now"].trigger()
    qtbot.waitUntil(
        lambda: window.status.poll_bar.isVisible() or "Poll done" in window.status.currentMessage(),
        timeout=5000,
    )
    window.view.setFocus()
    qtbot.keyClick(window.view, "j")  # the user keeps working during the poll
    chosen = window.view.current_id()
    qtbot.waitUntil(lambda: "Poll done" in window.status.currentMessage(), timeout=20_000)
    qtbot.waitUntil(lambda: window.model.rowCount() > before and not window.model.loading, timeout=5000)
    assert window.view.current_id() == chosen


def test_urgent_new_mentions_notify_above_the_threshold_only(
    qtbot, window: MainWindow, feed_server: str
) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    ws.writer.call(
        lambda conn: conn.execute("UPDATE sources SET enabled = 0")
    )  # the fixture's unreachable one
    window.context.services.add_source(ws, "rss", {"url": feed_server}, "Local feed")
    told: list[list[dict]] = []
    window.tray.notify_urgent = lambda urgent: told.append(urgent) or "told"  # type: ignore[method-assign]
    settings = window.context.settings

    def poll():  # type: ignore[no-untyped-def]
        ws.writer.call(lambda conn: conn.execute("UPDATE sources SET next_poll_at = NULL, etag = NULL"))
        with qtbot.waitSignal(window.poller.finished, timeout=20_000) as done:
            window.actions_["poll_now"].trigger()
        return done.args[0]

    settings.set("notify.urgency_threshold", 101)  # nothing can reach it
    result = poll()
    assert result.added == 12 and told == []
    settings.set("notify.urgency_threshold", 0)
    ws.writer.call(
        lambda conn: conn.execute("DELETE FROM mentions WHERE source_id = (SELECT max(id) FROM sources)")
    )
    result = poll()
    assert result.added == 12 and len(told) == 1 and len(told[0]) == 12
    urgencies = [int(m["urgency"]) for m in told[0]]
    assert urgencies == sorted(urgencies, reverse=True)  # the most urgent first, as the notification shows it
    settings.set("notify.enabled", False)
    ws.writer.call(
        lambda conn: conn.execute("DELETE FROM mentions WHERE source_id = (SELECT max(id) FROM sources)")
    )
    assert poll().added == 12 and len(told) == 1  # notifications off: nothing more
