"""Offline: when no site can be reached polling rests (no errors piling up on every source) and resumes by
itself when the network is back; without a reachability backend a route check that sends nothing decides."""

from __future__ import annotations

import socket

from desktop_app.services.poller import SourceOutcome
from desktop_app.services.reachability import has_network_route, looks_offline
from desktop_app.ui.main_window import MainWindow


def _closed_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])  # nothing listens there once closed: connection refused


def _failures(window: MainWindow) -> list[int]:
    assert window.workspace is not None
    return [int(r[0]) for r in window.workspace.reader().execute(
        "SELECT consecutive_failures FROM sources WHERE enabled = 1 ORDER BY id")]  # fmt: skip


def test_reading_a_poll() -> None:
    def out(kind: str | None) -> SourceOutcome:
        return SourceOutcome(1, "s", error="x" if kind else None, error_kind=kind)

    assert looks_offline([out("transient"), out("timeout"), out("cancelled")])
    assert not looks_offline([out("transient")])  # one source down is that site's problem
    assert not looks_offline([out("transient"), out("auth")])  # a site answered: the network is there
    assert not looks_offline([out("transient"), out(None)])
    assert isinstance(has_network_route(), bool)


def test_polling_rests_when_no_site_answers_and_resumes_with_the_network(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    assert ws is not None
    ws.writer.call(
        lambda conn: conn.execute("UPDATE sources SET enabled = 0")
    )  # the fixture's (unreachable) one
    for n, host in enumerate(("127.0.0.81", "127.0.0.82")):
        url = f"http://{host}:{_closed_port(host)}/feed.xml"
        window.context.services.add_source(ws, "rss", {"url": url}, f"Down {n}")
    route = [True]
    poller = window.poller
    poller._network = None  # as on a machine without a reachability backend
    poller._route_check = lambda: route[0]

    window.actions_["poll_now"].trigger()
    qtbot.waitUntil(lambda: "No site could be reached" in window.status.currentMessage(), timeout=20_000)
    assert _failures(window) == [1, 1]
    assert poller.resting_until > 0

    poller._tick()  # a minute later: still resting, nothing is polled, no error is added
    qtbot.wait(300)
    assert not poller.running and _failures(window) == [1, 1]

    route[0] = False  # Wi-Fi off
    with qtbot.waitSignal(poller.online_changed, timeout=2000) as went:
        poller._tick()
    assert went.args == [False] and not poller.online
    poller.poll_now()  # refused in plain words, no poll, no error
    assert not poller.running and _failures(window) == [1, 1]

    route[0] = True  # back: online again, the rest is over, a poll follows by itself
    with qtbot.waitSignal(poller.online_changed, timeout=2000) as back:
        poller._tick()
    assert back.args == [True] and poller.online and poller.resting_until == 0.0
    with qtbot.waitSignal(poller.finished, timeout=20_000):
        pass  # the poll of what is due follows the reconnect (2 s later); the failed two wait their backoff
    assert _failures(window) == [1, 1]
