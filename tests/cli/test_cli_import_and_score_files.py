"""`score` on files that are not what they should be: one clear line, a non-zero exit, nothing written."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.cli.conftest import Cli, Result


def _score(cli: Cli, src: Path, out: Path, column: str = "text") -> Result:
    return cli("score", "--input", str(src), "--text-column", column, "--output", str(out))


def _one_clear_line(r: Result, *words: str) -> None:
    assert r.code != 0, r.out
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    for word in words:
        assert word in r.err, r.err


def test_unreadable_inputs(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("an older result\n")
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"id,text\n1,Acme\x00 broke\n")
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,text\n1,Acme is fine\n2,Acme, no quotes here\n")
    quote = tmp_path / "quote.csv"
    quote.write_text('id,text\n1,"Acme never closed\n')
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    _one_clear_line(_score(cli, tmp_path / "missing.csv", out), "Cannot read", "missing.csv")
    _one_clear_line(_score(cli, folder, out), "Cannot read")
    _one_clear_line(_score(cli, nul, out), "NUL bytes")
    _one_clear_line(_score(cli, ragged, out), "line 3 has 3 cells")
    _one_clear_line(_score(cli, quote, out), "not a readable CSV")
    _one_clear_line(_score(cli, empty, out), "no header row")
    assert out.read_text() == "an older result\n"  # nothing half-written over it
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.csv", "a-folder.csv", "nul.csv", "ragged.csv", "quote.csv", "empty.csv", "data"]
    )  # and no temporary file left beside it


def test_an_output_folder_that_does_not_exist(cli: Cli, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("text\nAcme is fine\n")
    _one_clear_line(_score(cli, src, tmp_path / "no" / "out.csv"), "does not exist")


def test_short_rows_are_scored_with_empty_cells(cli: Cli, tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,text,extra\n1,Acme lost my order\n2,Acme is great,x\n")
    r = _score(cli, src, out)
    assert r.code == 0, r.err
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(row["id"], row["extra"]) for row in rows] == [("1", ""), ("2", "x")]
    assert None not in rows[0] and "" not in rows[0]  # no stray unnamed column


def test_a_header_only_file_keeps_its_columns(cli: Cli, tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,text,lang\n")
    r = _score(cli, src, out)
    assert r.code == 0, r.err
    assert out.read_text().splitlines()[0] == "id,text,lang,sentiment,label,complaint,category,urgency"


def test_a_header_only_file_without_the_column_is_refused(cli: Cli, tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,body\n")
    r = _score(cli, src, out)
    assert r.code != 0 and "no column 'text'" in r.err and not out.exists()
