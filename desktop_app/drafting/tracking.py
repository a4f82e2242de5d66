"""Response tracking: read-only SQL over a workspace connection (mentions, replies, sources).

"Calls for a reply" means what the inbox's Needs-reply view means when the mention was new: a complaint or
crisis, or anything negative. Questions count too: leaving a public question unanswered costs as much.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

SECOND_REPLY_DAYS = 14
_CALLS_FOR_REPLY = "(m.label = 'negative' OR m.category IN ('complaint', 'crisis', 'question'))"
_ANSWERED = "(m.responded_at IS NOT NULL OR EXISTS (SELECT 1 FROM replies r WHERE r.mention_id = m.id))"
# The first response, as the dashboard and the report count it: the first recorded reply, or the moment the
# mention was marked responded (answered elsewhere, or several at once), whichever came first.
_FIRST_RESPONSE = (
    "(SELECT CASE WHEN m.responded_at IS NULL THEN min(r.replied_at)"
    " WHEN min(r.replied_at) IS NULL THEN m.responded_at"
    " ELSE min(m.responded_at, min(r.replied_at)) END FROM replies r WHERE r.mention_id = m.id)"
)


@dataclass(frozen=True, slots=True)
class ResponseRate:
    key: str  # source name, or ISO week "2026-W47"
    mentions: int  # mentions that called for a reply
    answered: int

    @property
    def rate(self) -> float:
        return self.answered / self.mentions if self.mentions else 0.0


def time_to_first_response(conn: sqlite3.Connection, mention_id: int) -> int | None:
    """Seconds from publication to the first response; None while unanswered."""
    row = conn.execute(
        f"SELECT {_FIRST_RESPONSE} - m.published_at FROM mentions m WHERE m.id = ?", (mention_id,)
    ).fetchone()
    return None if row is None or row[0] is None else max(0, int(row[0]))


def response_times(conn: sqlite3.Connection, since: int | None = None) -> list[tuple[int, int]]:
    """(mention id, seconds to first response) for every answered mention published at or after `since`."""
    return [
        (int(r[0]), max(0, int(r[1])))
        for r in conn.execute(
            f"SELECT m.id, {_FIRST_RESPONSE} - m.published_at AS delay FROM mentions m"
            " WHERE m.published_at >= ? AND (m.responded_at IS NOT NULL"
            " OR EXISTS (SELECT 1 FROM replies r WHERE r.mention_id = m.id)) ORDER BY m.id",
            (since if since is not None else -(2**62),),
        )
    ]


def median_response_seconds(conn: sqlite3.Connection, since: int | None = None) -> float | None:
    times = sorted(t for _, t in response_times(conn, since))
    if not times:
        return None
    mid = len(times) // 2
    return float(times[mid]) if len(times) % 2 else (times[mid - 1] + times[mid]) / 2


def unanswered_complaint_clock(conn: sqlite3.Connection, now: int) -> int | None:
    """Age in seconds of the oldest complaint or crisis still new (no reply, not archived or snoozed)."""
    row = conn.execute(
        "SELECT min(published_at) FROM mentions WHERE status = 'new' AND category IN ('complaint', 'crisis')"
    ).fetchone()
    return None if row is None or row[0] is None else max(0, now - int(row[0]))


def response_rate_by_source(conn: sqlite3.Connection) -> list[ResponseRate]:
    rows = conn.execute(
        "SELECT coalesce(s.name, '(removed source)'), count(*),"
        f" sum({_ANSWERED})"
        f" FROM mentions m LEFT JOIN sources s ON s.id = m.source_id WHERE {_CALLS_FOR_REPLY}"
        " GROUP BY m.source_id ORDER BY 1 COLLATE NOCASE"
    ).fetchall()
    return [ResponseRate(str(r[0]), int(r[1]), int(r[2] or 0)) for r in rows]


def response_rate_by_week(conn: sqlite3.Connection) -> list[ResponseRate]:
    """Per ISO week of publication (UTC), oldest first. SQL groups by day; Python folds days into weeks."""
    weeks: dict[str, list[int]] = {}
    for day, total, answered in conn.execute(
        "SELECT date(m.published_at, 'unixepoch'), count(*),"
        f" sum({_ANSWERED})"
        f" FROM mentions m WHERE {_CALLS_FOR_REPLY} GROUP BY 1"
    ):
        year, week, _ = datetime.fromisoformat(day).replace(tzinfo=UTC).isocalendar()
        counts = weeks.setdefault(f"{year}-W{week:02d}", [0, 0])
        counts[0] += int(total)
        counts[1] += int(answered or 0)
    return [ResponseRate(k, v[0], v[1]) for k, v in sorted(weeks.items())]


def second_reply_warning(
    conn: sqlite3.Connection, mention_id: int, *, now: int | None = None, days: int = SECOND_REPLY_DAYS
) -> str | None:
    """A warning when this mention, or its author, already got a public reply here within `days` days."""
    now = int(datetime.now(UTC).timestamp()) if now is None else now
    row = conn.execute(
        "SELECT count(*), max(r.replied_at), m.author FROM mentions m"
        " JOIN mentions other ON other.id = m.id OR other.author_id = m.author_id"
        " JOIN replies r ON r.mention_id = other.id"
        " WHERE m.id = ? AND r.replied_at >= ?",
        (mention_id, now - days * 86_400),
    ).fetchone()
    if row is None or not row[0]:
        return None
    count, last, author = int(row[0]), int(row[1]), row[2] or "This author"
    ago = _ago(max(0, now - last))
    replies = "a public reply" if count == 1 else f"{count} public replies"
    return (
        f"{author} already got {replies} from you in the last {days} days (most recent {ago} ago). "
        "Answer once in public: continue in the private channel you offered rather than posting again."
    )


def _ago(seconds: int) -> str:
    if seconds < 3600:
        return f"{max(1, seconds // 60)} min"
    if seconds < 86_400:
        return f"{seconds // 3600} h"
    days = seconds // 86_400
    return f"{days} day{'s' if days != 1 else ''}"
