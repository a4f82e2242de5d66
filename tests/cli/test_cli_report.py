"""The audit report and portable workspaces from the command line, on the demo workspace."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from tests.cli.conftest import Cli


def test_report_formats_and_portable_round_trip(cli: Cli, tmp_path: Path) -> None:
    assert cli("demo").code == 0
    html = tmp_path / "report.html"
    r = cli("report", "demo", "--format", "html", "--output", str(html), "--client", "Northwind Coffee")
    assert r.code == 0, r.err
    page = html.read_text(encoding="utf-8")
    assert "Northwind Coffee" in page and "<svg" in page and "<script" not in page.lower()
    pdf = tmp_path / "report.pdf"
    r = cli("report", "demo", "--format", "pdf", "--output", str(pdf))
    assert r.code == 0, r.err
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert 8 <= pages <= 25, pages  # the evidence appendix is compact (it once ran to 35 of 45 pages)
    rows = tmp_path / "rows.json"
    assert cli("report", "demo", "--format", "json", "--output", str(rows), "--from", "2020-01-01").code == 0
    assert len(json.loads(rows.read_text())) > 250
    bad = cli("report", "demo", "--format", "html", "--output", str(html), "--from", "yesterday")
    assert bad.code != 0 and "YYYY-MM-DD" in bad.err

    packed = tmp_path / "demo.earshot-pack"
    assert cli("workspace-export", "demo", "--output", str(packed)).code == 0, "export failed"
    r = cli("workspace-import", str(packed), "--name", "copy")
    assert r.code == 0, r.err
    original = sqlite3.connect(cli.data_dir / "workspaces" / "demo.earshot")
    copy = sqlite3.connect(cli.data_dir / "workspaces" / "copy.earshot")
    for table in ("mentions", "authors", "sources", "replies", "events"):
        query = f"SELECT count(*) FROM {table}"
        assert original.execute(query).fetchone() == copy.execute(query).fetchone(), table
    assert cli("archive", "copy").code == 0
    assert cli("workspaces").out.split() == ["demo"]
