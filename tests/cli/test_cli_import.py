"""`import` end to end: every row of every file is kept, re-importing adds nothing, bad files leave nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.cli.conftest import Cli


def _counts(cli: Cli) -> tuple[int, list[str]]:
    db = sqlite3.connect(cli.data_dir / "workspaces" / "acme.earshot")
    try:
        mentions = db.execute("SELECT count(*) FROM mentions").fetchone()[0]
        sources = [r[0] for r in db.execute("SELECT name FROM sources ORDER BY id")]
    finally:
        db.close()
    return mentions, sources


def _one_clear_line(r: object, *words: str) -> None:
    code, err = r.code, r.err  # type: ignore[attr-defined]
    assert code != 0, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err


def test_files_without_urls_never_collide(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("text,author\nAcme lost my order,amy\nAcme is fine,bob\n")
    b.write_text("text,author\nAcme one,cy\nAcme two,di\nAcme three,ed\n")
    assert "Imported 2 mention(s) from a.csv; 0 already present." in cli("import", "acme", str(a)).out
    assert "Imported 3 mention(s) from b.csv; 0 already present." in cli("import", "acme", str(b)).out
    assert _counts(cli)[0] == 5
    again = cli("import", "acme", str(a))
    assert again.code == 0 and "Imported 0 mention(s) from a.csv; 2 already present." in again.out
    assert _counts(cli)[0] == 5


def test_files_numbering_their_rows_alike_keep_every_row(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    a, b = tmp_path / "a.json", tmp_path / "b.csv"
    a.write_text(json.dumps([{"id": 1, "text": "Acme rocks"}, {"id": 2, "text": "Acme is slow"}]))
    b.write_text("id,text\n1,Acme refunded me\n2,Acme forgot my latte\n")
    assert cli("import", "acme", str(a)).code == 0
    assert "Imported 2 mention(s)" in cli("import", "acme", str(b)).out
    texts = sorted(m["text"] for m in cli("inbox", "acme", "--json", "--status", "all").json())
    assert texts == ["Acme forgot my latte", "Acme is slow", "Acme refunded me", "Acme rocks"]


def test_the_same_rows_under_another_name_add_nothing_and_no_empty_source(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    a, copy = tmp_path / "a.csv", tmp_path / "copy.csv"
    a.write_text("text,url\nAcme lost my order,https://x.example/1\nAcme is fine,\n")
    copy.write_bytes(a.read_bytes())
    cli("import", "acme", str(a))
    r = cli("import", "acme", str(copy))
    assert r.code == 0 and "Imported 0 mention(s) from copy.csv; 2 already present." in r.out
    assert _counts(cli) == (2, ["Import: a.csv"])


def test_a_row_twice_in_one_file_is_stored_once_and_counted(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    f = tmp_path / "f.csv"
    f.write_text("text,author\nAcme again,amy\nAcme again,amy\nAcme again,bob\n")
    assert "Imported 2 mention(s) from f.csv; 1 already present." in cli("import", "acme", str(f)).out


def test_odd_numbers_are_no_reach_not_a_traceback(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    f = tmp_path / "n.csv"
    f.write_text(
        "text,likes,rating\nAcme nan,nan,nan\nAcme big,1e400,inf\nAcme huge,1e300,-inf\nAcme ok,12,4.5\n"
        "Acme minus,-3,2\n"
    )
    r = cli("import", "acme", str(f))
    assert r.code == 0 and "Imported 5 mention(s)" in r.out, r.err
    got = {m["text"]: m for m in cli("inbox", "acme", "--json", "--status", "all").json()}
    assert got["Acme ok"]["reach"] == 12
    assert [got[t]["reach"] for t in ("Acme nan", "Acme big", "Acme huge", "Acme minus")] == [None] * 4
    export = tmp_path / "out.json"
    assert cli("export", "acme", "--format", "json", "--output", str(export)).code == 0
    ratings = {m["text"]: m["rating"] for m in json.loads(export.read_text())}
    assert ratings == {"Acme nan": None, "Acme big": None, "Acme huge": None, "Acme ok": 4.5, "Acme minus": 2}


def test_bad_csv_files_are_one_clear_line_and_leave_nothing(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    cases = {
        "ragged.csv": ("id,text\n1,Acme good\n2,Acme, unquoted comma\n", "line 3 has 3 cells"),
        "quote.csv": ('id,text\n1,"Acme never closed\n', "not a readable CSV"),
        "twice.csv": ("text,text\nAcme a,Acme b\n", "'text' twice"),
        "header.csv": ("text,author\n", "no rows with a text"),
        "empty.csv": ("", "no header row"),
        "notext.csv": ("id,score\n1,2\n", "no rows with a text"),
        "list.json": ('{"a": 1}', "JSON list of objects"),
        "doc.xml": ("<a/>", "use a .csv or .json"),
    }
    for name, (content, words) in cases.items():
        path = tmp_path / name
        path.write_text(content)
        _one_clear_line(cli("import", "acme", str(path)), words)
    (tmp_path / "folder.csv").mkdir()
    _one_clear_line(cli("import", "acme", str(tmp_path / "folder.csv")), "Cannot read")
    _one_clear_line(cli("import", "acme", str(tmp_path / "missing.json")), "Cannot read")
    assert _counts(cli) == (0, [])


def test_short_rows_are_padded_not_refused(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    f = tmp_path / "short.csv"
    f.write_text("text,author,likes\nAcme short row\nAcme full row,amy,3\n")
    r = cli("import", "acme", str(f))
    assert r.code == 0 and "Imported 2 mention(s)" in r.out, r.err
    got = {
        m["text"]: (m["author"], m["reach"]) for m in cli("inbox", "acme", "--json", "--status", "all").json()
    }
    assert got == {"Acme short row": (None, None), "Acme full row": ("amy", 3)}


def test_spreadsheet_encodings_and_binaries(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    utf16 = tmp_path / "excel.csv"
    utf16.write_bytes("text,author\nAcme caf\u00e9 was closed,z\u00f6e\n".encode("utf-16"))  # with its BOM
    r = cli("import", "acme", str(utf16))
    assert r.code == 0 and "Imported 1 mention(s)" in r.out, r.err
    got = cli("inbox", "acme", "--json", "--status", "all").json()
    assert [(m["text"], m["author"]) for m in got] == [("Acme caf\u00e9 was closed", "z\u00f6e")]
    workbook = tmp_path / "book.csv"
    workbook.write_bytes(b"PK\x03\x04" + bytes(200))
    _one_clear_line(cli("import", "acme", str(workbook)), "spreadsheet workbook")
    binary = tmp_path / "blob.csv"
    binary.write_bytes(b"text\nAcme\x00\x01\x02")
    _one_clear_line(cli("import", "acme", str(binary)), "NUL bytes")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    _one_clear_line(cli("import", "acme", str(deep)), "deep.json")
    assert _counts(cli)[0] == 1
