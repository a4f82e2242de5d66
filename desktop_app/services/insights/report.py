"""The audit report: every figure for one workspace and period, as a plain dataclass; written as HTML here,
as PDF by the UI/CLI layer (Qt), and as CSV/JSON of the mentions behind it.

Definitions: a mention *needs a response* when it is negative or a complaint, crisis or question and was not
archived; it *got* one when a reply was recorded or it was marked responded. Time to first response runs from
publication to the earlier of the first reply and the responded mark. All times are UTC.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.errors import UserError
from desktop_app.services.insights import patterns, people, themes
from desktop_app.services.insights.people import AuthorProfile, ConversionSummary, Kind, NetScore
from desktop_app.services.insights.window import DAY, day_label, day_start, window_sql
from desktop_app.services.mention_io import atomic_output, export_mentions, iso
from desktop_app.storage.queries import MentionQuery, Sort, View
from desktop_app.storage.workspace import Workspace

URGENT_LIMIT = 15
PEOPLE_PER_KIND = 8
IDS_PER_PERSON = 5
CONVERSIONS_SHOWN = 10
SPIKE_EXAMPLES = 3
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
ACTIONABLE_SQL = (
    "m.status != 'archived' AND (m.label = 'negative' OR m.category IN ('complaint', 'crisis', 'question'))"
)


@dataclass(frozen=True, slots=True)
class Responses:
    needing: int  # mentions that needed a response (see the module doc)
    responded: int
    median_seconds: float | None  # median time from publication to first response

    @property
    def rate(self) -> float | None:
        return self.responded / self.needing if self.needing else None


@dataclass(frozen=True, slots=True)
class UrgentItem:
    mention_id: int
    title: str
    author: str
    source: str
    urgency: int
    category: str
    reasons: tuple[str, ...]
    url: str | None
    published_at: int


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    mention_id: int
    title: str
    url: str | None
    fetched_at: str  # ISO 8601 UTC
    published_at: str
    content_hash: str


@dataclass(slots=True)
class Report:
    workspace: str
    title: str
    brand: str
    client_name: str
    logo_data_uri: str | None
    since: int
    until: int
    generated_at: int
    total: int
    negative: int
    neutral: int
    positive: int
    sources_count: int
    responses: Responses
    daily: list[patterns.DayVolume]
    spikes: list[patterns.Spike]
    spike_examples: dict[int, list[int]]  # spike day -> most urgent mention ids of that day
    themes: themes.ThemeResult
    share_of_voice: list[patterns.Voice]
    sources: list[patterns.SourceFigure]
    top_authors: list[patterns.AuthorFigure]
    authors_total: int
    people: dict[Kind, list[AuthorProfile]]  # the first PEOPLE_PER_KIND of each kind
    people_counts: dict[Kind, int]
    net: NetScore
    net_by_week: list[NetScore]
    conversions: ConversionSummary
    urgent: list[UrgentItem]
    unanswered_total: int
    sources_by_reach: list[patterns.SourceFigure] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    @property
    def negative_share(self) -> float:
        return self.negative / self.total if self.total else 0.0


def logo_data_uri(path: Path | None) -> str | None:
    """A logo file as a data: URI, so the report stays one self-contained file."""
    if path is None:
        return None
    path = Path(path).expanduser()
    mime = LOGO_TYPES.get(path.suffix.lower())
    if mime is None:
        raise UserError(f"The logo {path.name} must be a PNG, JPEG, GIF, WebP or SVG file.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read the logo {path}: {exc.strerror or exc}.") from exc
    if len(data) > LOGO_MAX_BYTES:
        raise UserError(f"The logo {path.name} is larger than 2 MB; use a smaller image.")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _totals(conn: sqlite3.Connection, since: int, until: int) -> tuple[int, int, int, int, int]:
    where, params = window_sql(since, until)
    row = conn.execute(
        "SELECT count(*), coalesce(sum(m.label = 'negative'), 0), coalesce(sum(m.label = 'neutral'), 0),"
        f" coalesce(sum(m.label = 'positive'), 0), count(DISTINCT m.source_id) FROM mentions m WHERE {where}",
        params,
    ).fetchone()
    return tuple(int(v) for v in row)  # type: ignore[return-value]


def responses(conn: sqlite3.Connection, since: int | None, until: int | None) -> Responses:
    where, params = window_sql(since, until)
    cur = conn.cursor()
    cur.row_factory = None
    rows = cur.execute(
        "SELECT m.published_at, m.responded_at, (SELECT min(r.replied_at) FROM replies r"
        f" WHERE r.mention_id = m.id) FROM mentions m WHERE {where} AND {ACTIONABLE_SQL}",
        params,
    ).fetchall()
    delays = []
    for published, marked, replied in rows:
        firsts = [t for t in (marked, replied) if t is not None]
        if firsts:
            delays.append(max(0, min(firsts) - published))
    return Responses(len(rows), len(delays), statistics.median(delays) if delays else None)


_AGE_REASON = re.compile(r"^posted \d+ (?:minute|hour|day)s? ago$")


def age_text(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(seconds / 3600)
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{round(seconds / 86400)} days"


def report_reasons(reasons: Iterable[str], published_at: int, now: int) -> tuple[str, ...]:
    """Urgency reasons as of the report: "posted 9 hours ago" was true when the mention was scored, so its
    age is told again from the report's generation time ("posted 3 days before this report")."""
    return tuple(
        f"posted {age_text(max(0, now - published_at))} before this report" if _AGE_REASON.match(r) else r
        for r in reasons
    )


def urgent_unanswered(
    conn: sqlite3.Connection,
    since: int | None,
    until: int | None,
    limit: int = URGENT_LIMIT,
    *,
    now: int | None = None,
) -> tuple[list[UrgentItem], int]:
    """The most urgent open complaints and negative mentions (the inbox's "Needs reply"), and how many in all.
    `now`: the report's generation time, which the reasons' "posted ... ago" is told from (default: now)."""
    now = int(time.time()) if now is None else now
    where, params = window_sql(since, until)
    total = conn.execute(f"SELECT count(*) FROM mentions m WHERE m.needs_reply = 1 AND {where}", params)
    rows = conn.execute(
        "SELECT m.id, m.title, substr(m.text, 1, 160), m.author, s.name, m.urgency, m.category, m.reasons,"
        " m.url, m.published_at FROM mentions m LEFT JOIN sources s ON s.id = m.source_id"
        f" WHERE m.needs_reply = 1 AND {where} ORDER BY m.urgency DESC, m.published_at DESC, m.id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    items = [
        UrgentItem(
            mention_id=r[0],
            title=r[1] or _first_words(r[2]),
            author=r[3] or "(unknown)",
            source=r[4] or "(deleted source)",
            urgency=r[5],
            category=r[6],
            reasons=report_reasons(json.loads(r[7] or "[]"), r[9], now),
            url=r[8],
            published_at=r[9],
        )
        for r in rows
    ]
    return items, int(total.fetchone()[0])


def _first_words(text: str, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _spike_examples(conn: sqlite3.Connection, found: list[patterns.Spike]) -> dict[int, list[int]]:
    examples = {}
    for s in found:
        rows = conn.execute(
            "SELECT id FROM mentions WHERE published_at >= ? AND published_at < ?"
            " ORDER BY urgency DESC, coalesce(reach, 0) DESC, id LIMIT ?",
            (s.day, s.day + DAY, SPIKE_EXAMPLES),
        ).fetchall()
        examples[s.day] = [int(r[0]) for r in rows]
    return examples


def evidence(conn: sqlite3.Connection, ids: Iterable[int]) -> list[EvidenceItem]:
    """URL, fetch time and content hash of each cited mention, by id."""
    wanted = sorted(set(ids))
    items: list[EvidenceItem] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = conn.execute(
            "SELECT id, title, substr(text, 1, 160), url, fetched_at, published_at, content_hash FROM mentions"
            f" WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id",
            chunk,
        ).fetchall()
        items.extend(
            EvidenceItem(r[0], r[1] or _first_words(r[2]), r[3], iso(r[4]) or "", iso(r[5]) or "", r[6] or "")
            for r in rows
        )
    return items


def shown_conversions(report: Report) -> list[people.Conversion]:
    """The authors the report's replies table shows: those who wrote both before and after the reply. The
    table and the evidence appendix both use this one list, so every link in the table has its entry."""
    compared = [c for c in report.conversions.authors if c.before_ids and c.after_ids]
    return compared[:CONVERSIONS_SHOWN]


def cited_ids(report: Report) -> set[int]:
    """Every mention the report points at."""
    ids: set[int] = {u.mention_id for u in report.urgent}
    for t in report.themes.themes:
        ids.update(t.example_ids)
    for day_ids in report.spike_examples.values():
        ids.update(day_ids)
    for members in report.people.values():
        for p in members:
            for e in p.evidence:
                ids.update(e.mention_ids[:IDS_PER_PERSON])
    for c in shown_conversions(report):
        ids.update(c.before_ids[-IDS_PER_PERSON:])
        ids.update(c.after_ids[:IDS_PER_PERSON])
    return ids


def _bounds(conn: sqlite3.Connection, since: int | None, until: int | None) -> tuple[int, int]:
    now = int(time.time())
    if until is None:
        until = now
    if since is None:
        first = conn.execute("SELECT min(published_at) FROM mentions").fetchone()[0]
        since = day_start(int(first)) if first is not None else until - 30 * DAY
    if since >= until:
        raise UserError("The report period is empty: its start must come before its end.")
    return int(since), int(until)


def build_report(
    ws: Workspace,
    since: int | None,
    until: int | None,
    *,
    client_name: str | None = None,
    logo_path: Path | None = None,
) -> Report:
    """Every figure of the audit report for mentions published in [since, until) (None: from the first
    mention / up to now). Reads through the calling thread's read connection; run it off the UI thread."""
    conn = ws.reader()
    generated_at = int(time.time())
    since, until = _bounds(conn, since, until)
    profile = ws.profile()
    title = str(ws.setting("title") or profile.brand)
    total, negative, neutral, positive, sources_count = _totals(conn, since, until)
    everyone = people.classify_authors(conn, since, until, brand_terms=profile.terms())
    kinds = people.by_kind(everyone)
    found_spikes = patterns.spikes(conn, since, until)
    urgent, unanswered = urgent_unanswered(conn, since, until, now=generated_at)
    report = Report(
        workspace=ws.name,
        title=title,
        brand=profile.brand,
        client_name=client_name or title,
        logo_data_uri=logo_data_uri(logo_path),
        since=since,
        until=until,
        generated_at=generated_at,
        total=total,
        negative=negative,
        neutral=neutral,
        positive=positive,
        sources_count=sources_count,
        responses=responses(conn, since, until),
        daily=patterns.daily_volume(conn, since, until),
        spikes=found_spikes,
        spike_examples=_spike_examples(conn, found_spikes),
        themes=themes.themes(
            conn,
            since,
            until,
            names=(profile.brand, *profile.competitors),
            exclude_terms=(*profile.aliases, *profile.excluded),
        ),
        share_of_voice=patterns.share_of_voice(
            conn, since, until, brand=profile.brand, aliases=profile.aliases, competitors=profile.competitors
        ),
        sources=patterns.top_sources(conn, since, until),
        sources_by_reach=patterns.top_sources(conn, since, until, by="reach"),
        top_authors=patterns.top_authors(conn, since, until),
        authors_total=len(everyone),
        people={k: v[:PEOPLE_PER_KIND] for k, v in kinds.items()},
        people_counts={k: len(v) for k, v in kinds.items()},
        net=people.net_score(conn, since, until),
        net_by_week=people.net_scores(conn, since, until, period_days=7),
        conversions=people.conversions(conn, since, until),
        urgent=urgent,
        unanswered_total=unanswered,
    )
    report.evidence = evidence(conn, cited_ids(report))
    report.summary = summary_sentences(report)
    return report


def duration_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} days {hours} h" if hours else f"{days} days"


def percent(part: float, whole: float) -> str:
    return f"{part / whole * 100:.0f}%" if whole else "0%"


def summary_sentences(r: Report) -> list[str]:
    """The executive summary in plain sentences (plain text: the renderer escapes it)."""
    out = [
        f"From {day_label(r.since)} to {day_label(r.until - 1)}, {r.total:,} mentions of {r.brand} came in "
        f"from {r.sources_count} source{'s' if r.sources_count != 1 else ''}; "
        f"{percent(r.negative, r.total)} were negative ({r.negative:,}) and {percent(r.positive, r.total)} positive."
    ]
    resp = r.responses
    if resp.needing == 0:
        out.append("No complaint, negative mention or question needed a response in this period.")
    elif resp.responded == 0:
        out.append(
            f"None of the {resp.needing:,} complaints, negative mentions and questions got a response."
        )
    else:
        median = f"; the median time to first response was {duration_text(resp.median_seconds or 0)}"
        out.append(
            f"{resp.responded:,} of {resp.needing:,} complaints, negative mentions and questions got a response "
            f"({percent(resp.responded, resp.needing)}){median}."
        )
    top = r.themes.themes[:3]
    if top:
        named = [
            f'"{t.label}" ({t.mentions} mentions, {percent(t.negative, t.mentions)} negative)' for t in top
        ]
        joined = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        out.append(f"The most discussed themes were {joined}.")
    if r.spikes:
        biggest = max(r.spikes, key=lambda s: s.ratio)
        more = f" ({len(r.spikes)} spike days in all)" if len(r.spikes) > 1 else ""
        out.append(
            f"Volume spiked on {day_label(biggest.day)}: {biggest.count} mentions, {biggest.ratio:g}× the "
            f"usual daily volume{more}."
        )
    else:
        out.append("There was no unusual spike in daily volume.")
    if r.net.score is not None:
        out.append(
            f"Net score {r.net.score:+.0f}: {r.net.promoters} promoters and {r.net.detractors} detractors among "
            f"{r.net.authors} authors (by the mean sentiment of what each wrote)."
        )
    rivals = [v for v in r.share_of_voice if not v.is_brand]
    brand_voice = next((v for v in r.share_of_voice if v.is_brand), None)
    if rivals and brand_voice and any(v.mentions for v in r.share_of_voice):
        out.append(
            f"{r.brand} had {brand_voice.share * 100:.0f}% of the conversation against "
            + ", ".join(f"{v.name} ({v.share * 100:.0f}%)" for v in rivals)
            + "."
        )
    widest = r.sources_by_reach[0] if r.sources_by_reach else None
    if widest is not None and widest.reach > 0:
        out.append(
            f"The widest reach came from {widest.name}: {widest.reach:,} upvotes, likes and boosts on "
            f"{widest.mentions:,} mention{'s' if widest.mentions != 1 else ''}."
        )
    conv = r.conversions
    if conv.were_negative:
        out.append(
            f"Of {conv.were_negative} unhappy authors who got a reply and wrote again, {conv.turned} turned "
            "neutral or positive."
        )
    if r.unanswered_total:
        first = r.urgent[0]
        out.append(
            f"{r.unanswered_total:,} complaints and negative mentions still await a reply; the most urgent is "
            f'"{first.title}" by {first.author} (urgency {first.urgency}).'
        )
    return out


def write_report(
    ws: Workspace,
    since: int | None,
    until: int | None,
    fmt: str,
    output: Path,
    **kw: Any,
) -> Report | int:
    """Write the report: "html" (atomic, self-contained) returns the Report; "csv"/"json" export the mentions
    behind it and return their count. PDF is made by the UI/CLI layer from render_html() with Qt."""
    fmt = fmt.lower()
    if fmt == "html":
        from desktop_app.services.insights.report_html import render_html

        report = build_report(ws, since, until, **kw)
        html_text = render_html(report)
        with atomic_output(Path(output)) as fh:
            fh.write(html_text)
        return report
    if fmt in ("csv", "json"):
        since, until = _bounds(ws.reader(), since, until)
        query = MentionQuery(view=View.EVERYTHING, sort=Sort.NEWEST, since=since, until=until)
        return export_mentions(ws, fmt, Path(output), query)
    if fmt == "pdf":
        raise UserError("PDF reports are made by the Earshot app or CLI (they need Qt): use render_html().")
    raise UserError(f"Unknown report format {fmt!r}: use html, pdf, csv or json.")
