"""A failure after the fetch (scoring, storing) is that source's failure: it shows on its health, the other
sources are stored, and the poll's report is whole."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.services.poller import Poller
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.storage import source_writes
from desktop_app.storage.queries import get_source
from tests.support.factories import make_workspace
from tests.support.feeds import rss_feed
from tests.support.http_server import make_server


class ScorerThatFailsOn:
    """The real scorer, except for batches holding a word: a scoring bug met by one source's items."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.real = default_scorer()

    def score_many(self, items: Sequence[tuple[str, ScoreContext]]):  # type: ignore[no-untyped-def]
        if any(self.word in text for text, _ in items):
            raise ValueError("the scorer met something it cannot handle")
        return self.real.score_many(items)


def test_a_source_whose_items_cannot_be_stored_fails_alone(tmp_path: Path) -> None:
    server = make_server("127.0.0.91")
    try:
        server.route("/good.xml", rss_feed(5, prefix="good"), headers={"Content-Type": "application/rss+xml"})
        poisoned = rss_feed(5, prefix="bad").replace(b"I want a refund", b"I want a refund, poison")
        server.route("/bad.xml", poisoned, headers={"Content-Type": "application/rss+xml"})
        with make_workspace(tmp_path) as ws:
            ids = ws.writer.call(lambda c: [
                source_writes.add_source(c, name=n, kind="rss", config={"url": server.url(f"/{n}.xml")},
                                         interval_minutes=30, now=0)
                for n in ("good", "bad")
            ])  # fmt: skip
            poller = Poller(ws, HttpClient(pacer=HostPacer(0.0)), scorer=ScorerThatFailsOn("poison"))
            report = poller.poll_due()
            by_name = {o.name: o for o in report.outcomes}
            assert set(by_name) == {"good", "bad"}
            assert by_name["good"].added == 5 and by_name["good"].error is None
            assert by_name["bad"].added == 0 and "could not be stored" in (by_name["bad"].error or "")
            assert len(report.added_ids) == 5
            bad = get_source(ws.reader(), source_id=ids[1])
            assert bad["consecutive_failures"] == 1 and "could not be stored" in bad["last_error"]
            assert bad["next_poll_at"] > 0  # retried later, like any failure
            poller.close()
    finally:
        server.stop()
