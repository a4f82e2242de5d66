"""The audit report from the demo workspace: figures, summary, charts, evidence, escaping, files."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest

from desktop_app.core.errors import UserError
from desktop_app.services.demo import create_demo_workspace
from desktop_app.services.insights.report import build_report, write_report
from desktop_app.services.insights.report_html import PRINT_WIDTH, render_html

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    ws = create_demo_workspace(tmp_path_factory.mktemp("demo"))
    mid = (
        ws.reader()
        .execute("SELECT id FROM mentions WHERE needs_reply = 1 ORDER BY urgency DESC")
        .fetchone()[0]
    )
    ws.writer.call(
        lambda c: c.execute(
            "UPDATE mentions SET title = ?, author = ?, url = 'javascript:alert(1)', urgency = 100 WHERE id = ?",
            (HOSTILE, "<img src=x onerror=alert(1)>", mid),
        )
    )
    yield ws, mid
    ws.close()


def test_report_figures_from_the_demo(demo) -> None:  # type: ignore[no-untyped-def]
    ws, mid = demo
    report = build_report(ws, None, None, client_name="Northwind")
    assert report.total == ws.reader().execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert report.negative + report.neutral + report.positive == report.total
    assert sum(d.total for d in report.daily) == report.total
    assert 0 < report.responses.responded < report.responses.needing
    assert report.responses.median_seconds is not None and report.responses.median_seconds > 0
    assert len(report.themes.themes) >= 3 and report.net.score is not None
    assert [v.name for v in report.share_of_voice] == [
        "Northwind Coffee Roasters",
        "Bluebird Coffee",
        "Harbor Beans",
    ]
    assert report.urgent[0].mention_id == mid
    cited = {e.mention_id for e in report.evidence}
    assert mid in cited and all(t.example_ids[0] in cited for t in report.themes.themes)
    assert all(len(e.content_hash) >= 16 and e.fetched_at.endswith("Z") for e in report.evidence)
    assert len(report.summary) >= 5 and "mentions of Northwind Coffee Roasters" in report.summary[0]


def test_html_is_self_contained_and_escapes_hostile_text(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', encoding="utf-8")
    report = build_report(ws, None, None, client_name="Client <b>& Co</b>", logo_path=logo)
    html = render_html(report)
    assert "<svg" in html and "Executive summary" in html and report.summary[1] in html.replace("&#x27;", "'")
    assert all(e.content_hash in html for e in report.evidence)
    assert "<script" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "Client &lt;b&gt;&amp; Co&lt;/b&gt;" in html
    assert 'href="javascript:' not in html
    assert 'src="data:image/svg+xml;base64,' in html  # the logo is embedded
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "").split("<body")[0]
    as_images = render_html(report, charts_as_images=True)
    assert "<svg" not in as_images.split("<body")[1] and as_images.count("data:image/svg+xml;base64,") >= 4


def test_write_report_html_csv_json(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    out = tmp_path / "report.html"
    report = write_report(ws, None, None, "html", out, client_name="Northwind")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*part"))
    count = write_report(ws, None, None, "json", tmp_path / "m.json")
    assert count == len(json.loads((tmp_path / "m.json").read_text(encoding="utf-8")))
    assert not isinstance(report, int) and count == report.total
    assert write_report(ws, None, None, "csv", tmp_path / "m.csv") == count
    with pytest.raises(UserError):
        write_report(ws, None, None, "pdf", tmp_path / "r.pdf")
    with pytest.raises(UserError):
        build_report(ws, 100, 50)


def test_every_evidence_link_has_its_appendix_entry(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    report = build_report(ws, None, None)
    assert report.conversions.authors, "the demo has replied authors: the replies table cites mentions"
    for printed in (False, True):
        html = render_html(report, charts_as_images=printed)
        links = set(re.findall(r'href="#m(\d+)"', html))
        anchors = set(re.findall(r'<a id="m(\d+)"', html))
        assert len(links) > 50 and links <= anchors, sorted(links - anchors)


def test_print_layout_is_white_with_a_cover_headings_kept_with_content_and_compact_evidence(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    report = build_report(ws, None, None, client_name="Northwind")
    html = render_html(report, charts_as_images=True)
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "#f4f6f8" not in style and "@media" not in style  # Qt's printer reads no @media rule
    body = html.split("<body", 1)[1]
    assert body.startswith(' bgcolor="#ffffff">') and 'class="page"' not in body
    assert body.index("Northwind") < body.index("Executive summary")  # the cover comes first
    assert body.count('style="page-break-before: always; ') == 2  # after the cover, and the appendix
    # Qt has no keep-with-next: every heading is a table header, which Qt moves with the row under it
    headings = re.findall(r"(.{0,60})<h[23][ >]", body)
    assert len(headings) >= 15 and all(
        h.endswith(("<thead><tr><td>", 'bgcolor="#ffffff">')) for h in headings
    )
    assert f'width="{PRINT_WIDTH}"' in body  # charts drawn at the page's width: labels keep their size
    appendix = body.split('id="evidence"', 1)[1]
    assert appendix.count('class="ev"') == len(report.evidence)
    assert appendix.count("<thead>") == len(report.evidence)  # each block kept on one page
    assert "<th>" not in appendix and "<th " not in appendix  # no table of narrow columns
    screen = render_html(report)
    assert "page-break-before" not in screen.split("<body", 1)[1] and 'class="page"' in screen
    assert "<thead><tr><td>" not in screen


def test_top_sources_are_ranked_by_reach_with_their_counts_shown(demo) -> None:  # type: ignore[no-untyped-def]
    ws, _ = demo
    report = build_report(ws, None, None)
    reach = [s.reach for s in report.sources_by_reach]
    assert reach == sorted(reach, reverse=True) and reach[0] > 0
    assert [s.name for s in report.sources_by_reach] != [
        s.name for s in report.sources
    ]  # not the count order
    html = render_html(report)
    table = html.split("Top sources by reach", 1)[1].split("</table>", 1)[0]
    first = report.sources_by_reach[0]
    row = table.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert escape(first.name) in row and f">{first.reach:,}<" in row and f">{first.mentions}<" in row
    assert any(
        s.startswith(f"The widest reach came from {first.name}: {first.reach:,} ") for s in report.summary
    )


def test_urgency_reasons_tell_the_age_from_the_report_not_from_scoring(tmp_path: Path) -> None:
    from desktop_app.core.models import Category, Label
    from desktop_app.services.insights.report import urgent_unanswered
    from tests.support.factories import NOW, add_source, make_workspace, mention, score, store

    with make_workspace(tmp_path) as ws:
        feed = add_source(ws)
        store(
            ws,
            [
                (
                    mention(feed, 1, text="Acme lost my order", hours_ago=72),
                    score(90, Label.NEGATIVE, Category.COMPLAINT),
                )
            ],
        )
        stale = json.dumps(["safety issue", "posted 9 hours ago", "1-star review"])
        ws.writer.call(lambda c: c.execute("UPDATE mentions SET reasons = ?", (stale,)))
        now = int(NOW.timestamp())
        urgent, total = urgent_unanswered(ws.reader(), None, None, now=now)
        assert total == 1
        assert urgent[0].reasons == ("safety issue", "posted 3 days before this report", "1-star review")
        soon, _ = urgent_unanswered(ws.reader(), None, None, now=now - 70 * 3600)
        assert soon[0].reasons[1] == "posted 2 hours before this report"
        report = build_report(ws, None, None)
        assert "posted 9 hours ago" not in render_html(report, charts_as_images=True)
        assert any(r.endswith("before this report") for r in report.urgent[0].reasons)
