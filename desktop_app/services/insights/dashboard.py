"""The figures of the in-app dashboard for one period, each with the inbox query that shows its mentions.

Plain data for the UI to draw: every bar, segment, tile and table row carries a `Drill` (a MentionQuery over
View.EVERYTHING, so archived mentions count as they do in the figures) and the number it shows. Days are local
days of a zone `offset` seconds east of UTC. Build it in a worker: it reads through `ws.reader()`.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from desktop_app.services.insights import patterns, people, themes
from desktop_app.services.insights.people import KIND_TITLES, Kind
from desktop_app.services.insights.report import ACTIONABLE_SQL, Responses
from desktop_app.services.insights.window import DAY, window_sql
from desktop_app.storage.queries import MentionQuery, View
from desktop_app.storage.workspace import Workspace

LABELS = ("negative", "neutral", "positive")
CATEGORIES = ("crisis", "complaint", "question", "suggestion", "praise", "other")
CATEGORY_TITLES = {
    "crisis": "Crisis",
    "complaint": "Complaints",
    "question": "Questions",
    "suggestion": "Suggestions",
    "praise": "Praise",
    "other": "Other",
}
KIND_ORDER = (Kind.ADVOCATE, Kind.DETRACTOR, Kind.CHRONIC_COMPLAINER, Kind.EX_EMPLOYEE)
TOP_SOURCES = 8
TOP_THEMES = 8
RESPONSE_BUCKETS: tuple[tuple[int | None, str, str], ...] = (
    (3600, "resp_hour", "Within an hour"),
    (4 * 3600, "resp_hours", "In 1–4 hours"),
    (DAY, "resp_day", "In 4–24 hours"),
    (3 * DAY, "resp_days", "In 1–3 days"),
    (None, "resp_late", "After 3 days"),
)
CONVERSION_GROUPS = (
    ("positive", "Turned positive"),
    ("neutral", "Turned neutral"),
    ("negative", "Still negative"),
    ("silent", "Silent since"),
)
MAX_PEOPLE = 300  # the table filters them by kind


@dataclass(frozen=True, slots=True)
class Drill:
    """What a click shows: the inbox filtered by `query`, described by `title`."""

    query: MentionQuery
    title: str


@dataclass(frozen=True, slots=True)
class Segment:
    key: str  # a sentiment label or a category: the UI picks the colour from it
    value: int
    drill: Drill


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    drill: Drill  # the whole bar
    value_text: str = ""
    tip: str = ""
    marked: bool = False  # a spike day

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


@dataclass(frozen=True, slots=True)
class Tile:
    title: str
    value: str
    note: str
    drill: Drill | None


@dataclass(frozen=True, slots=True)
class PersonRow:
    author_id: int
    name: str
    kinds: tuple[str, ...]
    mentions: int
    negative: int
    reach: int
    reasons: tuple[str, ...]
    drill: Drill


@dataclass(frozen=True, slots=True)
class Dashboard:
    since: int
    until: int
    offset: int
    total: int
    tiles: tuple[Tile, ...]
    days: tuple[Bar, ...]  # one per local day, stacked by sentiment
    spike_days: tuple[int, ...]  # days with a negative spike
    categories: tuple[Bar, ...]
    sources: tuple[Bar, ...]
    themes: tuple[Bar, ...]
    themes_note: str
    people_kinds: tuple[Bar, ...]  # advocates, detractors, chronic complainers, ex-employees
    loudness: tuple[Bar, ...]  # promoters / passives / detractors by what each author wrote
    responses: tuple[Bar, ...]  # time to first response, in buckets, and those still awaiting one
    conversions: tuple[Bar, ...]  # unhappy authors after their first reply: turned positive, neutral ...
    voices: tuple[Bar, ...]  # share of voice: the brand and each competitor
    people: tuple[PersonRow, ...]
    complete: bool = True  # False: themes and people are still being worked out (an early, partial result)


def day_text(day: int, offset: int) -> str:
    """'17 Nov' for a local midnight."""
    return datetime.fromtimestamp(day + offset, UTC).strftime("%d %b").lstrip("0")


def _base(since: int, until: int, **filters: object) -> MentionQuery:
    return MentionQuery(view=View.EVERYTHING, since=since, until=until).with_(**filters)


def _day_bars(
    conn: sqlite3.Connection, since: int, until: int, offset: int, spike_days: set[int]
) -> tuple[Bar, ...]:
    bars = []
    for d in patterns.daily_volume(conn, since, until, offset=offset):
        start, end = max(d.day, since), min(d.day + DAY, until)
        when = day_text(d.day, offset)
        segments = tuple(
            Segment(
                label,
                value,
                Drill(_base(start, end, label=label), f"{label.capitalize()} mentions on {when}"),
            )
            for label, value in (("negative", d.negative), ("neutral", d.neutral), ("positive", d.positive))
        )
        tip = (
            f"{when}: {d.total} mentions ({d.negative} negative, {d.neutral} neutral, {d.positive} positive)"
        )
        if d.day in spike_days:
            tip += f"\nSpike: {d.concern} negative mentions and complaints, far above the usual"
        bars.append(
            Bar(
                when,
                segments,
                Drill(_base(start, end), f"Mentions on {when}"),
                str(d.total),
                tip,
                d.day in spike_days,
            )
        )
    return tuple(bars)


def _categories(conn: sqlite3.Connection, since: int, until: int) -> tuple[Bar, ...]:
    where, params = window_sql(since, until)
    counts = dict(
        conn.execute(f"SELECT m.category, count(*) FROM mentions m WHERE {where} GROUP BY 1", params)
    )
    bars = []
    for category in CATEGORIES:
        n = int(counts.get(category, 0))
        drill = Drill(_base(since, until, category=category), CATEGORY_TITLES[category])
        bars.append(Bar(CATEGORY_TITLES[category], (Segment(category, n, drill),), drill, f"{n:,}"))
    return tuple(bars)


def _sources(conn: sqlite3.Connection, since: int, until: int) -> tuple[Bar, ...]:
    bars = []
    for s in patterns.top_sources(conn, since, until, limit=TOP_SOURCES):
        if s.source_id is None:
            continue  # a deleted source's mentions cannot be filtered by source
        where, params = window_sql(since, until)
        by_label = dict(
            conn.execute(
                f"SELECT m.label, count(*) FROM mentions m WHERE m.source_id = ? AND {where} GROUP BY 1",
                [s.source_id, *params],
            )
        )
        segments = tuple(
            Segment(
                label,
                int(by_label.get(label, 0)),
                Drill(
                    _base(since, until, source_id=s.source_id, label=label),
                    f"{label.capitalize()} on {s.name}",
                ),
            )
            for label in LABELS
        )
        tip = f"{s.name} ({s.kind}): {s.mentions:,} mentions, {s.negative:,} negative"
        bars.append(
            Bar(
                s.name,
                segments,
                Drill(_base(since, until, source_id=s.source_id), s.name),
                f"{s.mentions:,}",
                tip,
            )
        )
    return tuple(bars)


def _label_segments(
    conn: sqlite3.Connection, ids: Sequence[int], title: str, since: int, until: int
) -> tuple[Segment, ...]:
    query = _base(since, until, ids=tuple(ids))
    counts = dict(
        conn.execute("SELECT label, count(*) FROM mentions WHERE id IN (SELECT value FROM json_each(?)) GROUP BY 1",
                     [_json_ids(ids)])
    )  # fmt: skip
    return tuple(
        Segment(
            label,
            int(counts.get(label, 0)),
            Drill(query.with_(label=label), f"{label.capitalize()}: {title}"),
        )
        for label in LABELS
    )


def _json_ids(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def _themes(conn: sqlite3.Connection, ws: Workspace, since: int, until: int) -> tuple[tuple[Bar, ...], str]:
    profile = ws.profile()
    found = themes.themes(
        conn,
        since,
        until,
        names=(profile.brand, *profile.competitors),
        exclude_terms=(*profile.aliases, *profile.excluded),
        limit=TOP_THEMES,
    )
    bars = []
    for t in found.themes:
        title = f'Theme "{t.label}"'
        segments = _label_segments(conn, t.mention_ids, title, since, until)
        tip = f"{t.mentions} mentions, {t.negative} negative" + (
            f"\nPhrases: {', '.join(t.phrases)}" if t.phrases else ""
        )
        bars.append(
            Bar(
                t.label,
                segments,
                Drill(_base(since, until, ids=t.mention_ids), title),
                f"{t.mentions:,}",
                tip,
            )
        )
    note = ""
    if found.sampled < found.total:
        note = f"From an even sample of {found.sampled:,} of {found.total:,} mentions."
    return tuple(bars), note


def _voices(conn: sqlite3.Connection, ws: Workspace, since: int, until: int) -> tuple[Bar, ...]:
    profile = ws.profile()
    if not profile.competitors:
        return ()
    found = patterns.share_of_voice(
        conn, since, until, brand=profile.brand, aliases=profile.aliases, competitors=profile.competitors
    )
    bars = []
    for v in found:
        title = f"Mentions naming {v.name}"
        segments = _label_segments(conn, v.mention_ids, title, since, until)
        tip = f"{v.name}: {v.mentions:,} mentions ({v.share * 100:.0f}% of the conversation), {v.negative} negative"
        bars.append(
            Bar(
                v.name,
                segments,
                Drill(_base(since, until, ids=v.mention_ids), title),
                f"{v.share * 100:.0f}%",
                tip,
            )
        )
    return tuple(bars)


def _people(
    conn: sqlite3.Connection, ws: Workspace, since: int, until: int
) -> tuple[tuple[Bar, ...], tuple[PersonRow, ...]]:
    profiles = people.classify_authors(conn, since, until, brand_terms=ws.profile().terms())
    groups = people.by_kind(profiles)
    kinds = []
    for kind in KIND_ORDER:
        members = groups[kind]
        ids = tuple(p.author_id for p in members)
        mentions = sum(p.mentions for p in members)
        title = f"{KIND_TITLES[kind]} ({len(members)})"
        drill = Drill(_base(since, until, author_ids=ids), f"Mentions by {KIND_TITLES[kind].lower()}")
        tip = f"{len(members)} {KIND_TITLES[kind].lower()}, {mentions:,} mentions between them"
        kinds.append(Bar(title, (Segment(kind.value, len(members), drill),), drill, f"{len(members):,}", tip))
    classified = [p for p in profiles if p.kinds]
    classified.sort(key=lambda p: (-len(p.kinds), -p.mentions, -p.reach, p.name.casefold()))
    rows = tuple(
        PersonRow(
            p.author_id,
            p.name,
            tuple(KIND_TITLES[k].rstrip("s") for k in p.kinds),
            p.mentions,
            p.negative,
            p.reach,
            tuple(r for e in p.evidence for r in e.reasons),
            Drill(_base(since, until, author_id=p.author_id), f"Mentions by {p.name}"),
        )
        for p in classified[:MAX_PEOPLE]
    )
    return tuple(kinds), rows


def _loudness(conn: sqlite3.Connection, since: int, until: int) -> tuple[Bar, ...]:
    """Authors as promoters, passives and detractors by their mean sentiment (the net score's split)."""
    where, params = window_sql(since, until)
    rows = conn.execute(
        f"SELECT m.author_id, avg(m.sentiment) FROM mentions m WHERE m.author_id IS NOT NULL AND {where}"
        " GROUP BY m.author_id",
        params,
    ).fetchall()
    groups: dict[str, list[int]] = {"positive": [], "neutral": [], "negative": []}
    for aid, mean in rows:
        key = (
            "positive"
            if mean > people.PROMOTER_ABOVE
            else "negative"
            if mean < people.DETRACTOR_BELOW
            else "neutral"
        )
        groups[key].append(int(aid))
    bars = []
    for key, title in (("positive", "Promoters"), ("neutral", "Passives"), ("negative", "Detractors")):
        ids = tuple(groups[key])
        drill = Drill(_base(since, until, author_ids=ids), f"Mentions by {title.lower()}")
        bars.append(
            Bar(title, (Segment(key, len(ids), drill),), drill, f"{len(ids):,}", f"{len(ids)} authors")
        )
    return tuple(bars)


def _conversions(conn: sqlite3.Connection, since: int, until: int) -> tuple[Bar, ...]:
    """Authors who were negative before their first reply (in the period): how they wrote after it."""
    found = people.conversions(conn, since, until)
    groups: dict[str, list[people.Conversion]] = {key: [] for key, _title in CONVERSION_GROUPS}
    for c in found.authors:
        if not c.was_negative:
            continue
        if c.after_mean is None:
            groups["silent"].append(c)
        elif c.after_mean > people.PROMOTER_ABOVE:
            groups["positive"].append(c)
        elif c.after_mean >= people.DETRACTOR_BELOW:
            groups["neutral"].append(c)
        else:
            groups["negative"].append(c)
    bars = []
    for key, title in CONVERSION_GROUPS:
        members = groups[key]
        ids = tuple(i for c in members for i in (*c.before_ids, *c.after_ids))
        drill = Drill(
            MentionQuery(view=View.EVERYTHING, ids=ids), f"Unhappy authors who got a reply: {title.lower()}"
        )
        tip = f"{len(members)} author(s); their mentions before and after the first reply"
        bars.append(Bar(title, (Segment(key if key != "silent" else "awaiting", len(members), drill),), drill,
                        f"{len(members):,}", tip))  # fmt: skip
    return tuple(bars)


def _duration(seconds: float) -> str:
    hours = seconds / 3600
    if hours < 1:
        return f"{max(1, round(seconds / 60))} min"
    if hours < 48:
        return f"{hours:.1f} h".replace(".0 h", " h")
    return f"{hours / 24:.1f} days".replace(".0 days", " days")


def _response_times(
    conn: sqlite3.Connection, since: int, until: int
) -> tuple[Responses, tuple[Bar, ...], tuple[int, ...]]:
    """The report's response figures (same definitions), the time-to-first-response buckets, and the ids
    still awaiting a response."""
    where, params = window_sql(since, until)
    cur = conn.cursor()
    cur.row_factory = None
    rows = cur.execute(
        "SELECT m.id, m.published_at, m.responded_at, (SELECT min(r.replied_at) FROM replies r"
        f" WHERE r.mention_id = m.id) FROM mentions m WHERE {where} AND {ACTIONABLE_SQL}",
        params,
    ).fetchall()
    buckets: list[list[int]] = [[] for _ in RESPONSE_BUCKETS]
    awaiting: list[int] = []
    delays: list[int] = []
    for mid, published, marked, replied in rows:
        firsts = [t for t in (marked, replied) if t is not None]
        if not firsts:
            awaiting.append(int(mid))
            continue
        delay = max(0, min(firsts) - published)
        delays.append(delay)
        slot = next(
            i for i, (limit, _key, _title) in enumerate(RESPONSE_BUCKETS) if limit is None or delay < limit
        )
        buckets[slot].append(int(mid))
    resp = Responses(len(rows), len(delays), statistics.median(delays) if delays else None)
    bars = []
    for (_limit, key, title), ids in (*zip(RESPONSE_BUCKETS, buckets, strict=True),
                                      ((None, "awaiting", "Awaiting a response"), awaiting)):  # fmt: skip
        drill = Drill(
            _base(since, until, ids=tuple(ids)), f"Responded {title.lower()}" if key != "awaiting" else title
        )
        bars.append(Bar(title, (Segment(key, len(ids), drill),), drill, f"{len(ids):,}"))
    return resp, tuple(bars), tuple(awaiting)


def _tiles(
    conn: sqlite3.Connection,
    since: int,
    until: int,
    loud: tuple[Bar, ...],
    resp: Responses,
    awaiting: tuple[int, ...],
) -> tuple[int, tuple[Tile, ...]]:
    where, params = window_sql(since, until)
    total, negative, needs = conn.execute(
        f"SELECT count(*), coalesce(sum(m.label = 'negative'), 0), coalesce(sum(m.needs_reply), 0)"
        f" FROM mentions m WHERE {where}",
        params,
    ).fetchone()
    promoters, _passives, detractors = (b.segments[0].value for b in loud)
    authors = sum(b.segments[0].value for b in loud)
    net = f"{(promoters - detractors) / authors * 100:+.0f}" if authors else "–"
    share = f"{negative / total * 100:.0f}%" if total else "–"
    rate = f"{resp.rate * 100:.0f}%" if resp.rate is not None else "–"
    median = _duration(resp.median_seconds) if resp.median_seconds is not None else "no response yet"
    tiles = (
        Tile("Mentions", f"{total:,}", "in this period", Drill(_base(since, until), "All mentions")),
        Tile("Negative", share, f"{negative:,} negative mentions",
             Drill(_base(since, until, label="negative"), "Negative mentions")),
        Tile("Needs reply", f"{needs:,}", "open complaints and negative mentions",
             Drill(_base(since, until, view=View.NEEDS_REPLY), "Needs reply")),
        Tile("Response rate", rate, f"{resp.responded:,} of {resp.needing:,} answered; median time {median}",
             Drill(_base(since, until, ids=awaiting), "Awaiting a response")),
        Tile("Net score", net, f"{promoters} promoters, {detractors} detractors of {authors} authors", None),
    )  # fmt: skip
    return int(total), tiles


class Cancelled(Exception):
    """A newer request (or closing the window) made this build unwanted."""


def build_dashboard(
    ws: Workspace,
    since: int,
    until: int,
    *,
    offset: int = 0,
    sigmas: float = patterns.SPIKE_SIGMAS,
    cancelled: Callable[[], bool] = lambda: False,
    partial: Callable[[Dashboard], object] | None = None,
) -> Dashboard:
    """Every figure for mentions published in [since, until). `cancelled` is asked between the steps (the
    slowest, people and themes, take a few seconds on 100k mentions); when it says yes, Cancelled is raised.
    `partial`, if given, first receives everything but themes and people (complete=False), to show early."""
    conn = ws.reader()

    def step() -> None:
        if cancelled():
            raise Cancelled

    found = patterns.spikes(conn, since, until, concern_only=True, sigmas=sigmas, offset=offset)
    spike_days = {s.day for s in found}
    days = _day_bars(conn, since, until, offset, spike_days)
    step()
    loud = _loudness(conn, since, until)
    resp, response_bars, awaiting = _response_times(conn, since, until)
    total, tiles = _tiles(conn, since, until, loud, resp, awaiting)
    step()
    categories, sources, voices = (
        _categories(conn, since, until),
        _sources(conn, since, until),
        _voices(conn, ws, since, until),
    )
    conversion_bars = _conversions(conn, since, until)
    early = Dashboard(
        since=since,
        until=until,
        offset=offset,
        total=total,
        tiles=tiles,
        days=days,
        spike_days=tuple(sorted(spike_days)),
        categories=categories,
        sources=sources,
        themes=(),
        themes_note="",
        people_kinds=(),
        loudness=loud,
        responses=response_bars,
        conversions=conversion_bars,
        voices=voices,
        people=(),
        complete=False,
    )
    if partial is not None:
        partial(early)
    step()
    theme_bars, themes_note = _themes(conn, ws, since, until)
    step()
    kinds, rows = _people(conn, ws, since, until)
    return replace(
        early, themes=theme_bars, themes_note=themes_note, people_kinds=kinds, people=rows, complete=True
    )
