"""The audit report as one self-contained HTML file: inline CSS, inline SVG charts, no script, no network.

Every piece of text that comes from a mention, an author, a source or the user is escaped; links are kept
only when they are http(s). Layout is plain blocks and tables so Qt's QTextDocument can print it to PDF:
pass charts_as_images=True there for the print layout. QTextDocument draws SVG images but not inline <svg>,
reads no @media rule and has no keep-with-next, so the print layout has its own white style sheet, a cover
page, charts drawn at the page's width (labels stay readable), fixed column widths, and every heading in a
table header: Qt moves a header to the next page with the first row under it (see _keep).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from html import escape

from desktop_app import APP_NAME, __version__
from desktop_app.services.insights import charts
from desktop_app.services.insights.charts import Bar
from desktop_app.services.insights.people import (
    ADVOCATE_MIN_POSITIVE,
    CHRONIC_MIN_COMPLAINTS,
    CHRONIC_MIN_DAYS,
    CHRONIC_MIN_SOURCES,
    CHRONIC_ONE_SOURCE_COMPLAINTS,
    DETRACTOR_BELOW,
    KIND_TITLES,
    PROMOTER_ABOVE,
    Kind,
)
from desktop_app.services.insights.report import (
    IDS_PER_PERSON,
    EvidenceItem,
    Report,
    duration_text,
    percent,
    shown_conversions,
)
from desktop_app.services.insights.window import day_label

CSS = """
body { font-family: Helvetica, Arial, sans-serif; color: #2b3440; margin: 0; background: #f4f6f8; }
.page { max-width: 1000px; margin: 0 auto; background: #fff; padding: 32px 40px 48px; }
.cover { border-bottom: 4px solid #2d6cb5; padding-bottom: 24px; margin-bottom: 28px; }
.cover img.logo { height: 72px; width: auto; max-width: 260px; margin-bottom: 12px; }
.cover h1 { font-size: 30px; margin: 6px 0 4px; }
.cover .sub { font-size: 18px; color: #4a5563; margin: 0 0 14px; }
.cover .meta { font-size: 13px; color: #5d6775; }
h2 { font-size: 21px; border-bottom: 1px solid #d6dbe1; padding-bottom: 6px; margin: 34px 0 12px; }
h3 { font-size: 16px; margin: 22px 0 8px; }
p, li { font-size: 14px; line-height: 1.5; }
ul.summary li { margin-bottom: 6px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 12.5px; }
th { text-align: left; background: #eef1f5; padding: 6px 8px; border-bottom: 1px solid #cfd6de; }
td { padding: 5px 8px; border-bottom: 1px solid #e6e9ed; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
table.tiles td { border: 1px solid #dde2e8; padding: 10px 12px; width: 16%; }
.tile-value { font-size: 22px; font-weight: bold; color: #1f2a36; }
.tile-label { font-size: 11.5px; color: #5d6775; }
.note { font-size: 12px; color: #5d6775; }
.legend { font-size: 12px; }
svg.chart { width: 100%; height: auto; display: block; margin: 6px 0 4px; }
.hash { font-family: "Courier New", monospace; font-size: 11px; word-break: break-all; }
.url { word-break: break-all; }
.reasons { color: #5d6775; }
.by { color: #5d6775; font-size: 11.5px; }
.ev { font-size: 12.5px; line-height: 1.4; margin: 0 0 10px; }
.ev-meta { color: #5d6775; font-size: 11.5px; }
a { color: #2d6cb5; text-decoration: none; }
@media print {
  body { background: #fff; } .page { padding: 0; max-width: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .cover { break-after: page; page-break-after: always; }
  #evidence { break-before: page; page-break-before: always; }
  .ev, tr, svg.chart { break-inside: avoid; page-break-inside: avoid; }
}
"""

# Qt's printer reads no @media rule: the print layout's own sheet, on white, with no page card.
PRINT_CSS = """
body { font-family: Helvetica, Arial, sans-serif; color: #2b3440; background: #ffffff; }
h1 { font-size: 32px; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p, li { font-size: 13px; }
ul.summary li { margin-bottom: 5px; }
table { font-size: 11.5px; margin: 4px 0 12px; }
th { background: #eef1f5; text-align: left; }
td.num, th.num { text-align: right; }
table.tiles td { border: 1px solid #dde2e8; }
.tile-value { font-size: 19px; font-weight: bold; color: #1f2a36; }
.tile-label { font-size: 10.5px; color: #5d6775; }
.note { font-size: 11px; color: #5d6775; }
.legend { font-size: 11px; }
.cover-sub { font-size: 20px; color: #4a5563; }
.cover-meta { font-size: 14px; color: #5d6775; }
.hash { font-family: "Courier New", monospace; font-size: 10px; }
.reasons { color: #5d6775; }
.by { color: #5d6775; font-size: 10.5px; }
.ev { font-size: 11.5px; margin: 0; }
.ev-meta { color: #5d6775; font-size: 10px; }
.ev-hash { margin: 0 0 7px; }
.url { font-size: 10.5px; }
a { color: #2d6cb5; text-decoration: none; }
"""

PRINT_WIDTH = 690  # px: what fits between the PDF's margins (A4 less 12 mm a side, at 96 dpi)
SCREEN_WIDTH = 960
TABLE_ATTRS = 'width="100%" cellspacing="0" cellpadding="4"'  # Qt reads these, not the CSS box model


def e(value: object) -> str:
    return escape(str(value), quote=True)


def safe_link(url: str | None, text: str | None = None) -> str:
    """A link only for http(s) URLs; anything else is shown as escaped text."""
    shown = e(text if text is not None else (url or ""))
    if url and url.strip().lower().startswith(("http://", "https://")):
        return f'<a href="{e(url.strip())}" rel="noopener noreferrer">{shown}</a>'
    return shown


def ref(mention_id: int) -> str:
    return f'<a href="#m{mention_id}">#{mention_id}</a>'


def refs(ids: Iterable[int]) -> str:
    return ", ".join(ref(i) for i in ids)


def utc(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[int] = (),
    dates: Sequence[int] = (),
    widths: Sequence[int] = (),
    *,
    title: str | None = None,
    heading: str | None = None,
    printed: bool = False,
) -> str:
    """Headers are plain text (escaped here); cells are HTML the caller has already escaped. `widths` are
    per-column percentages (they should add up to 100): fixed widths keep names from breaking mid-word.

    A `title` is an <h3> before the table (`heading`: the heading's HTML, for a section that opens with a
    table); in print it is the first row of the table's header instead: Qt moves a header that no row fits
    under to the next page and repeats it on every page the table runs to, so the title is never left alone
    at the foot of a page."""

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ' class="date"' if i in dates else ""

    def width(i: int) -> str:
        return f' width="{widths[i]}%"' if i < len(widths) else ""

    head = "<tr>" + "".join(f"<th{cls(i)}{width(i)}>{e(h)}</th>" for i, h in enumerate(headers)) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(r)) + "</tr>" for r in rows)
    before = ""
    if title is not None:
        heading = f"<h3>{e(title)}</h3>"
    if heading is not None and printed:
        caption = f'<th colspan="{len(headers)}" bgcolor="#ffffff">{heading}</th>'
        head = f"<tr>{caption}</tr>{head}"
    elif heading is not None:
        before = heading
    return f"{before}<table {TABLE_ATTRS}><thead>{head}</thead><tbody>{body}</tbody></table>"


def _h2(anchor: str, text: str) -> str:
    return f'<h2 id="{anchor}"><a name="{anchor}"></a>{e(text)}</h2>'


def _keep(head: str, body: str, printed: bool, *, new_page: bool = False, gap: int = 0) -> str:
    """`head` and the start of `body` on one page, in print. Qt has no keep-with-next, but it moves a
    table's header rows to the next page when the first row under them starts there, so `head` becomes the
    header of a one-column table whose only row is `body`; `gap`: space above it (px). On screen, just head
    then body."""
    if not printed:
        return head + body
    brk = "page-break-before: always; " if new_page else ""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" style="{brk}margin-top: {gap}px">'
        f"<thead><tr><td>{head}</td></tr></thead><tbody><tr><td>{body}</td></tr></tbody></table>"
    )


def _section(anchor: str, text: str, first: str, printed: bool, *, new_page: bool = False) -> str:
    """A section's heading and the first thing under it (a chart, a paragraph), kept together in print."""
    return _keep(_h2(anchor, text), first, printed, new_page=new_page, gap=0 if new_page else 18)


def _chart(svg: str, as_image: bool) -> str:
    if not as_image:
        return svg
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    width = float(svg.split('width="', 1)[1].split('"', 1)[0])
    height = float(svg.split('height="', 1)[1].split('"', 1)[0])
    scale = min(1.0, PRINT_WIDTH / width)  # charts for print are drawn at PRINT_WIDTH: the scale stays 1
    size = f'width="{round(width * scale)}" height="{round(height * scale)}"'
    return f'<img src="data:image/svg+xml;base64,{data}" {size} alt="chart"/><br/>'


def _chart_width(printed: bool) -> int:
    return PRINT_WIDTH if printed else SCREEN_WIDTH


def _bars(bars: Sequence[Bar], title: str, printed: bool) -> str:
    label_width = 230 if printed else 330
    return _chart(
        charts.bar_chart(bars, title, width=_chart_width(printed), label_width=label_width), printed
    )


def _swatch(colour: str, label: str) -> str:
    return f'<span style="color:{colour}">&#9632;</span>&nbsp;{e(label)}&nbsp;&nbsp;&nbsp; '


def _period(r: Report) -> str:
    return f"{day_label(r.since)} to {day_label(r.until - 1)}"


def _cover(r: Report, printed: bool) -> str:
    if printed:
        return _print_cover(r)
    logo = (
        f'<img class="logo" src="{e(r.logo_data_uri)}" height="72" alt="logo"/><br/>'
        if r.logo_data_uri
        else ""
    )
    return (
        f'<div class="cover">{logo}<h1>{e(r.client_name)}</h1>'
        f'<p class="sub">Brand listening audit: {e(r.brand)}</p>'
        f'<p class="meta">Period: {e(_period(r))} (UTC)<br/>'
        f"Generated: {e(utc(r.generated_at))} by {e(APP_NAME)} {e(__version__)}<br/>"
        f"Workspace: {e(r.workspace)}</p></div>"
    )


def _print_cover(r: Report) -> str:
    """A page of its own: logo, client, what and when; the first section starts the next page."""
    logo = f'<p><img src="{e(r.logo_data_uri)}" height="90" alt="logo"/></p>' if r.logo_data_uri else ""
    spacer = '<p style="font-size: 160px; margin: 0">&nbsp;</p>'  # Qt drops a top margin at a page's top
    return (
        f"{spacer}{logo}<h1>{e(r.client_name)}</h1>"
        f'<p class="cover-sub">Brand listening audit: {e(r.brand)}</p>'
        f'<hr width="100%"/>'
        f'<p class="cover-meta">Period: {e(_period(r))} (UTC)<br/>'
        f"{r.total:,} mentions from {r.sources_count} source{'s' if r.sources_count != 1 else ''}<br/>"
        f"Generated {e(utc(r.generated_at))} by {e(APP_NAME)} {e(__version__)}</p>"
    )


def _tiles(r: Report) -> str:
    resp = r.responses
    tiles = [
        (f"{r.total:,}", "mentions"),
        (percent(r.negative, r.total), "negative"),
        (percent(resp.responded, resp.needing) if resp.needing else "n/a", "response rate"),
        (
            duration_text(resp.median_seconds) if resp.median_seconds is not None else "n/a",
            "median first response",
        ),
        (f"{r.net.score:+.0f}" if r.net.score is not None else "n/a", "net score"),
        (str(len(r.spikes)), "spike days"),
    ]
    cells = "".join(
        f'<td width="16%"><div class="tile-value">{e(v)}</div><div class="tile-label">{e(k)}</div></td>'
        for v, k in tiles
    )
    return f'<table class="tiles" width="100%" cellspacing="0" cellpadding="8"><tr>{cells}</tr></table>'


def _summary(r: Report, printed: bool) -> str:
    items = "".join(f"<li>{e(s)}</li>" for s in r.summary)
    return (
        _section("summary", "Executive summary", _tiles(r), printed, new_page=True)
        + f'<ul class="summary">{items}</ul>'
    )


def _volume(r: Report, printed: bool) -> str:
    chart = charts.day_bars(r.daily, [s.day for s in r.spikes], width=_chart_width(printed))
    legend = (
        '<p class="legend">'
        + _swatch(charts.NEGATIVE, "negative")
        + _swatch(charts.NEUTRAL, "neutral")
        + _swatch(charts.POSITIVE, "positive")
        + _swatch(charts.SPIKE, "spike day")
        + "</p>"
    )
    out = _section("volume", "Volume and tone per day", _chart(chart, printed) + legend, printed)
    if r.spikes:
        rows = [
            (
                e(day_label(s.day)),
                e(s.count),
                e(f"{s.baseline_mean:g}"),
                e(f"{s.ratio:g}×"),
                refs(r.spike_examples.get(s.day, [])),
            )
            for s in r.spikes
        ]
        out += _table(
            ("Day", "Mentions", "Usual (14-day mean)", "Ratio", "Most urgent that day"),
            rows,
            (1, 2, 3),
            widths=(18, 14, 22, 12, 34),
            title="Spikes",
            printed=printed,
        )
    else:
        out += '<p class="note">No spike: no day rose above its 14-day baseline by more than 3 standard deviations.</p>'
    return out


def _themes(r: Report, printed: bool) -> str:
    t = r.themes
    if not t.themes:
        return _section("themes", "Themes", '<p class="note">Too few mentions to find themes.</p>', printed)
    bars = [
        Bar(
            th.label,
            ((th.negative, charts.NEGATIVE), (th.mentions - th.negative, charts.OTHER)),
            f"{th.mentions}",
        )
        for th in t.themes
    ]
    rows = [
        (
            e(th.label),
            e(th.mentions),
            e(percent(th.negative, th.mentions)),
            e(", ".join(th.phrases) or "—"),
            refs(th.example_ids),
        )
        for th in t.themes
    ]
    sample = f"{t.sampled:,} of {t.total:,} mentions" if t.sampled < t.total else f"all {t.total:,} mentions"
    legend = (
        '<p class="legend">' + _swatch(charts.NEGATIVE, "negative") + _swatch(charts.OTHER, "other") + "</p>"
    )
    return (
        _section("themes", "Themes", _bars(bars, "Themes by mentions", printed) + legend, printed)
        + _table(
            ("Theme", "Mentions", "Negative", "Common phrases", "Examples"),
            rows,
            (1, 2),
            widths=(20, 11, 11, 36, 22),
        )
        + f'<p class="note">Found from {e(sample)} by {e(t.method)}.</p>'
    )


def _voice(r: Report, printed: bool) -> str:
    if len(r.share_of_voice) < 2:
        note = (
            '<p class="note">No competitors are set for this workspace; '
            "add them in the workspace settings to compare.</p>"
        )
        return _section("voice", "Share of voice", note, printed)
    bars = [
        Bar(
            v.name,
            ((v.mentions, charts.BRAND if v.is_brand else charts.OTHER),),
            f"{v.mentions} ({v.share * 100:.0f}%)",
        )
        for v in r.share_of_voice
    ]
    rows = [
        (
            e(v.name) + (" (brand)" if v.is_brand else ""),
            e(v.mentions),
            e(f"{v.share * 100:.1f}%"),
            e(percent(v.negative, v.mentions)),
            e(percent(v.positive, v.mentions)),
            e(f"{v.mean_sentiment:+.2f}"),
        )
        for v in r.share_of_voice
    ]
    return (
        _section("voice", "Share of voice", _bars(bars, "Share of voice", printed), printed)
        + _table(
            ("Name", "Mentions naming it", "Share", "Negative", "Positive", "Mean sentiment"),
            rows,
            (1, 2, 3, 4, 5),
            widths=(32, 16, 12, 12, 12, 16),
        )
        + '<p class="note">Counts mentions whose title, text or author names each (whole-phrase match); a '
        "mention naming two counts for both, with the sentiment of the whole mention.</p>"
    )


def _sources(r: Report, printed: bool) -> str:
    """The chart ranks sources by mentions; the table by reach (where the most people saw the brand named),
    with the mention counts kept beside it."""
    if not r.sources:
        return ""
    bars = [
        Bar(s.name, ((s.negative, charts.NEGATIVE), (s.mentions - s.negative, charts.OTHER)), f"{s.mentions}")
        for s in r.sources
    ]
    rows = [
        (
            e(s.name),
            e(s.kind),
            e(f"{s.reach:,}"),
            e(s.mentions),
            e(percent(s.negative, s.mentions)),
            e(f"{s.mean_sentiment:+.2f}"),
        )
        for s in (r.sources_by_reach or r.sources)
    ]
    return _section("sources", "Top sources", _bars(bars, "Mentions per source", printed), printed) + _table(
        ("Source", "Kind", "Reach", "Mentions", "Negative", "Mean sentiment"),
        rows,
        (2, 3, 4, 5),
        widths=(40, 12, 12, 12, 11, 13),
        title="Top sources by reach (upvotes, likes, boosts... summed over their mentions)",
        printed=printed,
    )


def _people(r: Report, printed: bool) -> str:
    net_rows = [
        (
            e(f"{day_label(n.start)} to {day_label(n.end - 1)}"),
            e(n.promoters),
            e(n.passives),
            e(n.detractors),
            e(f"{n.score:+.0f}" if n.score is not None else "n/a"),
        )
        for n in r.net_by_week
    ]
    counts = ", ".join(f"{r.people_counts.get(k, 0)} {KIND_TITLES[k].lower()}" for k in Kind)
    out = _section(
        "people", "People", f"<p>{r.authors_total:,} authors wrote in this period: {e(counts)}.</p>", printed
    ) + _table(
        ("Week", "Promoters", "Passives", "Detractors", "Net score"),
        net_rows,
        (1, 2, 3, 4),
        widths=(36, 16, 16, 16, 16),
        title="Net score by week",
        printed=printed,
    )
    for kind in Kind:
        members = r.people.get(kind, [])
        if not members:
            continue
        rows = []
        for p in members:
            ev = next(x for x in p.evidence if x.kind == kind)
            rows.append(
                (
                    e(p.name),
                    e(p.mentions),
                    e(f"{p.mean_sentiment:+.2f}"),
                    f'<span class="reasons">{e("; ".join(ev.reasons))}</span>',
                    refs(ev.mention_ids[:IDS_PER_PERSON]),
                )
            )
        shown = (
            f" (first {len(members)} of {r.people_counts[kind]})"
            if r.people_counts[kind] > len(members)
            else ""
        )
        out += _table(
            ("Author", "Mentions", "Mean sentiment", "Why", "Evidence"),
            rows,
            (1, 2),
            widths=(22, 12, 12, 32, 22),
            title=KIND_TITLES[kind] + shown,
            printed=printed,
        )
    if r.top_authors:
        rows = [
            (
                e(a.name),
                e(a.mentions),
                e(percent(a.negative, a.mentions)),
                e(f"{a.mean_sentiment:+.2f}"),
                e(f"{a.reach:,}"),
            )
            for a in r.top_authors
        ]
        out += _table(
            ("Author", "Mentions", "Negative", "Mean sentiment", "Reach"),
            rows,
            (1, 2, 3, 4),
            widths=(36, 16, 16, 16, 16),
            title="Loudest authors (by reach)",
            printed=printed,
        )
    return out


def _conversions(r: Report, printed: bool) -> str:
    c = r.conversions
    out = _section(
        "replies",
        "Replies and their effect",
        f"<p>{c.replied_authors} authors got a first reply in this period; {c.compared} of them wrote again "
        f"afterwards. Of the {c.were_negative} who were negative before the reply, {c.turned} turned neutral or "
        f"positive ({c.turned_positive} positive).</p>",
        printed,
    )
    shown = shown_conversions(r)
    if shown:

        def fmt(v: float | None) -> str:
            return f"{v:+.2f}" if v is not None else "—"

        rows = [
            (
                e(x.name),
                e(day_label(x.first_reply_at)),
                e(fmt(x.before_mean)) + " (" + refs(x.before_ids[-IDS_PER_PERSON:]) + ")",
                e(fmt(x.after_mean)) + " (" + refs(x.after_ids[:IDS_PER_PERSON]) + ")",
                e(x.complaints_after),
                e(x.outcome),
            )
            for x in shown
        ]
        out += _table(
            ("Author", "First reply", "Mean before", "Mean after", "Complaints after", "Outcome"),
            rows,
            (4,),
            (1,),
            widths=(21, 13, 19, 19, 14, 14),
        )
    return out


def _urgent(r: Report, printed: bool) -> str:
    if not r.urgent:
        return _section("urgent", "Unanswered complaints", "<p>Nothing is waiting for a reply.</p>", printed)
    rows = [
        (
            ref(u.mention_id)
            + " "
            + safe_link(u.url, u.title)
            + f'<br/><span class="by">{e(u.author)} · {e(u.source)} · {e(day_label(u.published_at))}</span>',
            e(u.urgency),
            f'<span class="reasons">{e("; ".join(u.reasons))}</span>',
        )
        for u in r.urgent
    ]
    more = (
        f" (the {len(r.urgent)} most urgent of {r.unanswered_total:,})"
        if r.unanswered_total > len(r.urgent)
        else ""
    )
    return _table(
        ("Mention (author · source · published)", "Urgency", "Reasons"),
        rows,
        (1,),
        widths=(50, 10, 40),
        heading=_h2("urgent", f"Most urgent unanswered complaints{more}"),
        printed=printed,
    )


def _evidence_block(x: EvidenceItem, printed: bool) -> str:
    """Title; URL; published and fetched; content hash: the hash line is kept with the rest in print."""
    about = (
        f'<p class="ev"><a id="m{x.mention_id}" name="m{x.mention_id}"></a><b>#{x.mention_id}</b> {e(x.title)}'
        f'<br/><span class="url">{safe_link(x.url) if x.url else "(no URL)"}</span>'
        f'<br/><span class="ev-meta">Published {e(x.published_at.replace("T", " "))} · '
        f"Fetched {e(x.fetched_at.replace('T', ' '))} · Content hash"
    )
    digest = f'<span class="hash">{e(x.content_hash or "—")}</span>'
    if not printed:
        return f"{about} {digest}</span></p>"
    return _keep(f"{about}</span></p>", f'<p class="ev-hash">{digest}</p>', printed)


def _appendix(r: Report, printed: bool) -> str:
    """One compact block per cited mention, each kept on one page in print; the appendix starts a page."""
    note = (
        '<p class="note">Every mention cited above: where it was found, when Earshot fetched it, and the hash '
        "of its content as fetched (to show it has not been altered since).</p>"
    )
    blocks = "".join(_evidence_block(x, printed) for x in r.evidence)
    return _section("evidence", "Evidence appendix", note, printed, new_page=True) + blocks


def _method(printed: bool) -> str:
    notes = [
        "Sentiment is scored per mention from -1 to 1; labels are negative, neutral or positive.",
        f"Net score: each author's mean sentiment in the period above {PROMOTER_ABOVE:g} makes a promoter, "
        f"below {DETRACTOR_BELOW:g} a detractor, otherwise passive; (promoters - detractors) / authors × 100.",
        f"Advocates: at least {ADVOCATE_MIN_POSITIVE} positive mentions making most of theirs, or defending the "
        "brand in a thread with negative posts. Detractors: most of at least 2 mentions negative. Chronic "
        f"complainers: {CHRONIC_MIN_COMPLAINTS}+ complaints over {CHRONIC_MIN_DAYS}+ days on "
        f"{CHRONIC_MIN_SOURCES}+ sources ({CHRONIC_ONE_SOURCE_COMPLAINTS}+ on a single source) with no change "
        'after a reply. Ex-employees: they say they worked for the brand ("former Acme barista", "I worked '
        'there for two years"); working somewhere else does not count.',
        "Response rate: complaints, crises, questions and negative mentions that were not archived and got a "
        "reply or were marked responded. Time to first response runs from publication.",
        "Spikes: a day with at least 3 mentions and more than its 14-day mean plus 3 standard deviations.",
    ]
    items = "".join(f'<li class="note">{e(n)}</li>' for n in notes)
    return _section("method", "Method", f"<ul>{items}</ul>", printed)


def render_html(report: Report, *, charts_as_images: bool = False) -> str:
    """The whole report as one HTML document (UTF-8 text). charts_as_images=True gives the print layout
    for Qt's printer (see the module doc)."""
    r, printed = report, charts_as_images
    body = "".join(
        (
            _cover(r, printed),
            _summary(r, printed),
            _volume(r, printed),
            _themes(r, printed),
            _voice(r, printed),
            _sources(r, printed),
            _people(r, printed),
            _conversions(r, printed),
            _urgent(r, printed),
            _method(printed),
            _appendix(r, printed),
        )
    )
    title = f"{r.client_name}: brand listening audit {_period(r)}"
    head = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\"/>"
        f"<title>{e(title)}</title><style>{PRINT_CSS if printed else CSS}</style></head>"
    )
    if printed:
        return f'{head}<body bgcolor="#ffffff">{body}</body></html>\n'
    return f'{head}<body><div class="page">{body}</div></body></html>\n'
