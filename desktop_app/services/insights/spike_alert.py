"""After a poll: is there a new spike in negative mentions and complaints worth a notification?

One alert per spike day and workspace: the last day alerted is kept in the workspace's settings, so a restart
or the next poll does not repeat it. Runs in a worker (it reads, and records the alert through the writer).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services.insights import patterns
from desktop_app.services.insights.window import DAY
from desktop_app.storage.workspace import Workspace, write_settings

LAST_ALERT_KEY = "spikes.last_alert_day"


@dataclass(frozen=True, slots=True)
class SpikeAlert:
    workspace: str
    spike: patterns.Spike
    mention_ids: tuple[int, ...]  # the day's negative mentions, complaints and crises, most urgent first
    top_title: str  # the most urgent of them
    is_today: bool

    @property
    def text(self) -> str:
        when = "today" if self.is_today else "yesterday"
        return (
            f"Spike in complaints {when}: {self.spike.count} negative mentions and complaints, "
            f"{self.spike.ratio:g}× the usual."
        )


def check_for_spike(ws: Workspace, now: int, *, sigmas: float, offset: int = 0) -> SpikeAlert | None:
    """A negative spike today or yesterday that was not alerted yet (and mark it alerted), else None."""
    conn = ws.reader()
    spike = patterns.latest_negative_spike(conn, now, sigmas=sigmas, offset=offset)
    if spike is None:
        return None
    last = ws.setting(LAST_ALERT_KEY)
    if isinstance(last, int) and last >= spike.day:
        return None
    ids = patterns.concern_ids(conn, spike.day, spike.day + DAY)
    row = conn.execute("SELECT title, substr(text, 1, 120) FROM mentions WHERE id = ?", (ids[0],)).fetchone()
    title = " ".join(str(row[0] or row[1] or "").split()) if row else ""
    ws.writer.call(lambda c: write_settings(c, {LAST_ALERT_KEY: spike.day}))
    today = patterns.local_day_start(now, offset)
    return SpikeAlert(ws.name, spike, tuple(ids), title, spike.day >= today)
