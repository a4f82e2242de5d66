"""The CLI contract, end to end, for the commands that need no network."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.cli.conftest import Cli


def test_init_and_errors(cli: Cli) -> None:
    r = cli("init", "acme", "--brand", "Acme", "--alias", "Acme Corp", "--exclude", "acme trail")
    assert r.code == 0, r.err
    assert "Created workspace 'acme'" in r.out
    again = cli("init", "acme", "--brand", "Acme")
    assert again.code != 0 and "already exists" in again.err and "Traceback" not in again.err
    missing = cli("inbox", "nope")
    assert missing.code != 0 and "No workspace named 'nope'" in missing.err
    assert len(missing.err.strip().splitlines()) == 1


def test_source_add_rejects_bad_urls_and_kinds(cli: Cli) -> None:
    cli("init", "acme", "--brand", "Acme")
    bad = cli("source", "add", "acme", "--kind", "rss", "--url", "ftp://example.com/feed")
    assert bad.code != 0 and "Traceback" not in bad.err
    unknown = cli("source", "add", "acme", "--kind", "carrier-pigeon", "--url", "https://x.example/")
    assert unknown.code != 0 and "rss" in unknown.err
    ok = cli(
        "source", "add", "acme", "--kind", "rss", "--url", "https://x.example/feed.xml", "--interval", "15"
    )
    assert ok.code == 0, ok.err
    listed = cli("source", "list", "acme", "--json").json()
    assert [(s["kind"], s["url"], s["interval_minutes"], s["health"]) for s in listed] == [
        ("rss", "https://x.example/feed.xml", 15, "never polled")
    ]


def test_inbox_empty_json(cli: Cli) -> None:
    cli("init", "acme", "--brand", "Acme")
    r = cli("inbox", "acme", "--json")
    assert r.code == 0 and r.json() == []


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_import_export_round_trip(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    src = tmp_path / "in.csv"
    _write_csv(
        src,
        [
            {"text": "Acme billed me twice and nobody answers. I want a refund!", "author": "bob",
             "url": "https://x.example/1", "date": "2026-11-01T10:00:00Z"},
            {"text": "Love the new Acme blend", "author": "carol", "url": "https://x.example/2", "date": ""},
            {"text": "", "author": "nobody", "url": "", "date": ""},
        ],
    )  # fmt: skip
    r = cli("import", "acme", str(src))
    assert r.code == 0, r.err
    assert "Imported 2 mention(s)" in r.out
    assert "Imported 0 mention(s)" in cli("import", "acme", str(src)).out  # idempotent
    inbox = cli("inbox", "acme", "--json", "--status", "all").json()
    assert len(inbox) == 2
    first = inbox[0]
    for key in ("id", "url", "title", "text", "author", "source", "published", "sentiment", "label",
                "complaint", "urgency", "status", "reasons"):  # fmt: skip
        assert key in first
    assert first["author"] == "bob" and first["category"] == "complaint"  # most urgent first
    assert first["published"] == "2026-11-01T10:00:00Z"

    out_json, out_csv = tmp_path / "out.json", tmp_path / "out.csv"
    assert cli("export", "acme", "--format", "json", "--output", str(out_json)).code == 0
    assert cli("export", "acme", "--format", "csv", "--output", str(out_csv)).code == 0
    exported = json.loads(out_json.read_text())
    assert sorted(e["url"] for e in exported) == ["https://x.example/1", "https://x.example/2"]
    with out_csv.open(newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 2

    cli("init", "copy", "--brand", "Acme")
    assert "Imported 2 mention(s)" in cli("import", "copy", str(out_json)).out


def test_import_errors_leave_nothing_behind(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = cli("import", "acme", str(bad))
    assert r.code != 0 and "not valid JSON" in r.err
    r = cli("import", "acme", str(tmp_path / "missing.csv"))
    assert r.code != 0 and "Cannot read" in r.err
    assert cli("source", "list", "acme", "--json").json() == []
    r = cli("export", "acme", "--format", "csv", "--output", str(tmp_path / "no" / "dir" / "x.csv"))
    assert r.code != 0 and "does not exist" in r.err


def test_score_command_adds_columns(cli: Cli, tmp_path: Path) -> None:
    src, out = tmp_path / "tweets.csv", tmp_path / "scored.csv"
    _write_csv(
        src,
        [
            {"id": "1", "text": "@acme my flight was delayed 3 hours and no one at the desk"},
            {"id": "2", "text": "Thanks @acme, the crew was wonderful!"},
        ],
    )
    r = cli("score", "--input", str(src), "--text-column", "text", "--output", str(out))
    assert r.code == 0, r.err
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [row["id"] for row in rows] == ["1", "2"]
    for row in rows:
        assert -1 <= float(row["sentiment"]) <= 1
        assert 0 <= float(row["complaint"]) <= 1
        assert 0 <= int(row["urgency"]) <= 100
        assert row["label"] in ("negative", "neutral", "positive")
        assert row["category"]
    assert float(rows[0]["complaint"]) > float(rows[1]["complaint"])
    assert rows[1]["label"] == "positive"
    wrong = cli("score", "--input", str(src), "--text-column", "body", "--output", str(out))
    assert wrong.code != 0 and "no column 'body'" in wrong.err


def test_score_with_the_brand_weighs_what_is_said_about_it(cli: Cli, tmp_path: Path) -> None:
    src, plain, branded = tmp_path / "posts.csv", tmp_path / "plain.csv", tmp_path / "branded.csv"
    _write_csv(src, [{"id": "1", "text": "I hate Mondays but @acme coffee saves me"}])
    base = ("score", "--input", str(src), "--text-column", "text")
    assert cli(*base, "--output", str(plain)).code == 0
    r = cli(*base, "--output", str(branded), "--brand", "Acme", "--brand", "@acme")
    assert r.code == 0, r.err

    def first(path: Path) -> dict[str, str]:
        with path.open(newline="", encoding="utf-8") as fh:
            return next(csv.DictReader(fh))

    targeted, whole = first(branded), first(plain)
    assert targeted["label"] == "positive" and targeted["category"] == "praise"
    assert float(targeted["sentiment"]) > float(whole["sentiment"])  # Monday's hate is not about the brand


def test_source_kinds_lists_fields(cli: Cli) -> None:
    r = cli("source", "kinds", "--json")
    assert r.code == 0, r.err
    kinds = {k["kind"]: k for k in r.json()}
    rss = {f["name"]: f for f in kinds["rss"]["fields"]}
    assert rss["url"]["kind"] == "url" and rss["url"]["required"]
    assert rss["keep_all"]["kind"] == "bool" and not rss["keep_all"]["required"]
    cli("init", "acme", "--brand", "Acme")
    ok = cli(
        "source", "add", "acme", "--kind", "rss", "--url", "https://x.example/r", "--field", "keep_all=yes"
    )
    assert ok.code == 0, ok.err
    bad = cli(
        "source", "add", "acme", "--kind", "rss", "--url", "https://x.example/s", "--field", "colour=red"
    )
    assert bad.code != 0 and "Unknown field" in bad.err
