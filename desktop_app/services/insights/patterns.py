"""Patterns: volume and tone per day, spikes, share of voice against competitors, top sources and authors.

Themes live in themes.py. Aggregation is SQL wherever it is cheap; every function takes (conn, since, until).
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.services.insights.window import DAY, NEGATIVE_CATEGORIES, day_start, window_sql

SPIKE_BASELINE_DAYS = 14
SPIKE_MIN_COUNT = 3
SPIKE_SIGMAS = 3.0
SPIKE_MIN_BASELINE_DAYS = 3


@dataclass(frozen=True, slots=True)
class DayVolume:
    day: int  # epoch seconds of 00:00 UTC (00:00 local with an `offset`)
    total: int
    negative: int
    neutral: int
    positive: int
    concern: int = 0  # negative or a complaint / crisis: what a negative spike counts

    @property
    def negative_share(self) -> float:
        return self.negative / self.total if self.total else 0.0


CONCERN_SQL = f"(m.label = 'negative' OR m.category IN {NEGATIVE_CATEGORIES!r})"


def daily_volume(
    conn: sqlite3.Connection, since: int | None, until: int | None, *, offset: int = 0
) -> list[DayVolume]:
    """Mentions per day by sentiment label, every day of the window present (zeros included).

    Days are UTC days; with `offset` (seconds east of UTC, e.g. 3600 for UTC+1) they are that zone's days,
    and each `day` is the epoch second of its local midnight.
    """
    where, params = window_sql(since, until)
    rows = conn.execute(
        "SELECT (m.published_at + ?) / 86400 AS d, count(*), sum(m.label = 'negative'),"
        f" sum(m.label = 'neutral'), sum(m.label = 'positive'), sum({CONCERN_SQL})"
        f" FROM mentions m WHERE {where} GROUP BY d ORDER BY d",
        [offset, *params],
    ).fetchall()
    found = {
        int(r[0]) * DAY - offset: DayVolume(int(r[0]) * DAY - offset, r[1], r[2], r[3], r[4], r[5])
        for r in rows
    }
    if not found:
        return []
    first = local_day_start(since, offset) if since is not None else min(found)
    last = local_day_start(until - 1, offset) if until is not None else max(found)
    return [found.get(d, DayVolume(d, 0, 0, 0, 0)) for d in range(first, last + DAY, DAY)]


def local_day_start(epoch: int, offset: int = 0) -> int:
    """The start of the day holding `epoch`, in a zone `offset` seconds east of UTC."""
    return day_start(epoch + offset) - offset


@dataclass(frozen=True, slots=True)
class Spike:
    day: int
    count: int
    baseline_mean: float
    baseline_std: float
    threshold: float

    @property
    def ratio(self) -> float:
        """The day's volume over its baseline mean (a baseline under 1 a day counts as 1)."""
        return round(self.count / max(self.baseline_mean, 1.0), 1)


def detect_spikes(
    days: Sequence[int],
    counts: Sequence[int],
    *,
    baseline_days: int = SPIKE_BASELINE_DAYS,
    min_count: int = SPIKE_MIN_COUNT,
    sigmas: float = SPIKE_SIGMAS,
    min_baseline_days: int = SPIKE_MIN_BASELINE_DAYS,
) -> list[Spike]:
    """Days whose volume is far above the trailing baseline (the `baseline_days` before, the day excluded).

    A spike has at least `min_count` mentions and more than mean + sigmas * std of the baseline, where std is
    at least sqrt(max(mean, 1)) (the spread of a Poisson count), so a flat baseline does not make every small
    rise a spike. Days with fewer than `min_baseline_days` of history are never spikes.
    """
    spikes = []
    for i, count in enumerate(counts):
        base = counts[max(0, i - baseline_days) : i]
        if len(base) < min_baseline_days or count < min_count:
            continue
        m = sum(base) / len(base)
        std = math.sqrt(sum((c - m) ** 2 for c in base) / len(base))
        threshold = m + sigmas * max(std, math.sqrt(max(m, 1.0)))
        if count > threshold:
            spikes.append(Spike(days[i], count, round(m, 2), round(std, 2), round(threshold, 2)))
    return spikes


def spikes(
    conn: sqlite3.Connection,
    since: int | None,
    until: int | None,
    *,
    concern_only: bool = False,
    sigmas: float = SPIKE_SIGMAS,
    offset: int = 0,
) -> list[Spike]:
    """Spike days in the window; the baseline may reach up to 14 days before `since`.

    `concern_only` counts only negative mentions, complaints and crises (a negative spike); `offset` makes
    the days those of a zone `offset` seconds east of UTC.
    """
    lookback = None if since is None else since - SPIKE_BASELINE_DAYS * DAY
    if lookback is not None:
        first = conn.execute("SELECT min(published_at) FROM mentions").fetchone()[0]
        if first is not None:
            lookback = max(lookback, local_day_start(int(first), offset))
    series = daily_volume(conn, lookback, until, offset=offset)
    counts = [d.concern if concern_only else d.total for d in series]
    found = detect_spikes([d.day for d in series], counts, sigmas=sigmas)
    return [s for s in found if since is None or s.day >= local_day_start(since, offset)]


# --- share of voice --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Voice:
    name: str
    is_brand: bool
    mentions: int
    negative: int
    positive: int
    mean_sentiment: float
    share: float  # of all brand + competitor namings, 0..1
    mention_ids: tuple[int, ...] = field(default=(), repr=False)  # the mentions behind `mentions`


def _phrase(term: str) -> str:
    words = re.findall(r"\w+", term)
    return '"' + " ".join(words) + '"' if words else ""


def _name_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    alternatives = [r"\W+".join(re.escape(w) for w in re.findall(r"\w+", t)) for t in terms]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _naming_count(
    conn: sqlite3.Connection, terms: Sequence[str], since: int | None, until: int | None
) -> tuple[int, int, int, float, tuple[int, ...]]:
    """The full-text index finds candidates fast; a whole-word check drops its stemmed near-misses."""
    match = " OR ".join(p for p in (_phrase(t) for t in terms) if p)
    pattern = _name_pattern(terms)
    if not match or pattern is None:
        return 0, 0, 0, 0.0, ()
    where, params = window_sql(since, until)
    cur = conn.cursor()
    cur.row_factory = None
    rows = cur.execute(
        "SELECT m.id, m.title, m.text, coalesce(m.author, ''), m.label, m.sentiment FROM mentions m"
        " JOIN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?) f ON f.rowid = m.id"
        f" WHERE {where}",
        [match, *params],
    )
    n = negative = positive = 0
    total = 0.0
    ids: list[int] = []
    for mid, title, text, author, label, sentiment in rows:
        if pattern.search(title) or pattern.search(text) or pattern.search(author):
            n += 1
            negative += label == "negative"
            positive += label == "positive"
            total += sentiment
            ids.append(int(mid))
    return n, negative, positive, total / n if n else 0.0, tuple(ids)


def share_of_voice(
    conn: sqlite3.Connection,
    since: int | None,
    until: int | None,
    *,
    brand: str,
    aliases: Sequence[str] = (),
    competitors: Sequence[str] = (),
) -> list[Voice]:
    """Mentions whose title, text or author name the brand (or an alias) and each competitor, with their tone.

    Names are matched as whole words, case-insensitively ("Zenith" does not match "Zenithal"). A mention naming two of them counts
    for both, and its sentiment is that of the whole mention, not of the part about each name.
    """
    named = [(brand, True, (brand, *aliases))] + [(c, False, (c,)) for c in competitors if c.strip()]
    counted = [(name, is_brand, _naming_count(conn, terms, since, until)) for name, is_brand, terms in named]
    total = sum(c[0] for _, _, c in counted)
    return [
        Voice(name, is_brand, n, neg, pos, round(avg, 4), round(n / total, 4) if total else 0.0, ids)
        for name, is_brand, (n, neg, pos, avg, ids) in counted
    ]


# --- sources and authors ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceFigure:
    source_id: int | None
    name: str
    kind: str
    mentions: int
    negative: int
    mean_sentiment: float
    reach: int


SOURCE_ORDER = {
    "mentions": "count(*) DESC, coalesce(sum(m.reach), 0) DESC, m.source_id",
    "reach": "coalesce(sum(m.reach), 0) DESC, count(*) DESC, m.source_id",
}


def top_sources(
    conn: sqlite3.Connection, since: int | None, until: int | None, limit: int = 10, *, by: str = "mentions"
) -> list[SourceFigure]:
    """The window's sources by number of mentions, or (by="reach") by the reach summed over their mentions
    (upvotes, likes, boosts ...): where the most people saw them, not where they were most often found."""
    order = SOURCE_ORDER[by]
    where, params = window_sql(since, until)
    rows = conn.execute(
        "SELECT m.source_id, coalesce(s.name, '(deleted source)'), coalesce(s.kind, ''), count(*),"
        " sum(m.label = 'negative'), avg(m.sentiment), coalesce(sum(m.reach), 0)"
        f" FROM mentions m LEFT JOIN sources s ON s.id = m.source_id WHERE {where}"
        f" GROUP BY m.source_id ORDER BY {order} LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [SourceFigure(r[0], r[1], r[2], r[3], r[4], round(r[5], 4), r[6]) for r in rows]


@dataclass(frozen=True, slots=True)
class AuthorFigure:
    author_id: int
    name: str
    mentions: int
    negative: int
    mean_sentiment: float
    reach: int  # summed over their mentions (upvotes, likes, boosts ...)
    max_reach: int


def top_authors(
    conn: sqlite3.Connection, since: int | None, until: int | None, limit: int = 10
) -> list[AuthorFigure]:
    """Authors by summed reach, then by number of mentions."""
    where, params = window_sql(since, until)
    rows = conn.execute(
        "SELECT a.id, a.name, t.n, t.neg, t.s, t.reach, t.max_reach FROM ("
        " SELECT m.author_id AS aid, count(*) AS n, sum(m.label = 'negative') AS neg, avg(m.sentiment) AS s,"
        " coalesce(sum(m.reach), 0) AS reach, coalesce(max(m.reach), 0) AS max_reach FROM mentions m"
        f" WHERE m.author_id IS NOT NULL AND {where} GROUP BY m.author_id"
        " ORDER BY reach DESC, n DESC, aid LIMIT ?) t JOIN authors a ON a.id = t.aid"
        " ORDER BY t.reach DESC, t.n DESC, a.id",
        [*params, limit],
    ).fetchall()
    return [AuthorFigure(r[0], r[1], r[2], r[3], round(r[4], 4), r[5], r[6]) for r in rows]


def latest_negative_spike(
    conn: sqlite3.Connection, now: int, *, sigmas: float = SPIKE_SIGMAS, offset: int = 0
) -> Spike | None:
    """A spike in negative mentions, complaints and crises today or yesterday (local days), the latest first.

    Today counts only up to `now`, so a spike found early in the day is a real one; yesterday is included so
    that a spike late in the evening is still reported by the first poll after midnight.
    """
    since = local_day_start(now, offset) - DAY
    found = spikes(conn, since, now + 1, concern_only=True, sigmas=sigmas, offset=offset)
    return found[-1] if found else None


def concern_ids(conn: sqlite3.Connection, since: int, until: int) -> list[int]:
    """The negative mentions, complaints and crises published in [since, until), the most urgent first."""
    where, params = window_sql(since, until)
    rows = conn.execute(
        f"SELECT m.id FROM mentions m WHERE {where} AND {CONCERN_SQL} ORDER BY m.urgency DESC, m.id DESC",
        params,
    ).fetchall()
    return [int(r[0]) for r in rows]
