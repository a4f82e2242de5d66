"""Import mentions from CSV/JSON files and export them; files are written atomically."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import math
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.errors import UserError
from desktop_app.core.models import Changes, FetchedItem
from desktop_app.core.normalize import digest
from desktop_app.scoring.scorer import Scorer
from desktop_app.services.ingest import Ingestor
from desktop_app.storage import mention_writes, source_writes
from desktop_app.storage.queries import MentionQuery, Sort, View, mention_ids
from desktop_app.storage.workspace import Workspace

EXPORT_FIELDS = (
    "id", "uid", "url", "title", "text", "author", "source", "source_kind", "published", "published_estimated",
    "sentiment", "label", "complaint", "category", "urgency", "status", "reasons", "reach", "reach_label",
    "rating", "query", "story", "responded_at",
)  # fmt: skip
_TEXT_KEYS = ("text", "content", "body", "message", "review", "comment", "tweet", "full_text")
_TITLE_KEYS = ("title", "headline", "subject")
_URL_KEYS = ("url", "link", "permalink")
_AUTHOR_KEYS = ("author", "user", "username", "screen_name", "name", "reviewer")
_TIME_KEYS = ("published", "date", "created_at", "time", "timestamp", "published_at")


def iso(epoch_seconds: int | None) -> str | None:
    if epoch_seconds is None:
        return None
    return datetime.fromtimestamp(epoch_seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def row_to_record(row: sqlite3.Row) -> dict[str, Any]:
    """One mention as the CLI's JSON and the exports show it."""
    keys = row.keys()
    return {
        "id": row["id"],
        "uid": row["uid"],
        "url": row["url"],
        "title": row["title"],
        "text": row["text"] if "text" in keys else row["snippet"],
        "author": row["author"],
        "source": row["source_name"],
        "source_kind": row["source_kind"],
        "published": iso(row["published_at"]),
        "published_estimated": bool(row["published_estimated"]),
        "sentiment": row["sentiment"],
        "label": row["label"],
        "complaint": row["complaint"],
        "category": row["category"],
        "urgency": row["urgency"],
        "status": row["status"],
        "reasons": json.loads(row["reasons"] or "[]"),
        "reach": row["reach"],
        "reach_label": row["reach_label"],
        "rating": row["rating"],
        "query": row["query"],
        "story": row["story_key"],
        "responded_at": iso(row["responded_at"]) if "responded_at" in keys else None,
    }


FULL_ROW_SQL = (
    "SELECT m.*, s.name AS source_name, s.kind AS source_kind FROM mentions m"
    " LEFT JOIN sources s ON s.id = m.source_id WHERE m.id IN ({marks})"
)


def iter_records(conn: sqlite3.Connection, query: MentionQuery, limit: int | None = None) -> Iterator[dict]:
    ids = mention_ids(conn, query, limit)
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        rows = {
            r["id"]: r
            for r in conn.execute(FULL_ROW_SQL.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
        }
        for mid in chunk:
            if mid in rows:
                yield row_to_record(rows[mid])


@contextlib.contextmanager
def atomic_output(path: Path, mode: str = "w") -> Iterator[io.TextIOWrapper]:
    """Write to a temporary file beside `path` and rename it into place only when complete."""
    path = path.expanduser()
    if not path.parent.is_dir():
        raise UserError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as fh:
            yield fh  # type: ignore[misc]
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def export_mentions(workspace: Workspace, fmt: str, output: Path, query: MentionQuery | None = None) -> int:
    records = iter_records(workspace.reader(), query or MentionQuery(view=View.EVERYTHING, sort=Sort.NEWEST))
    count = 0
    with atomic_output(output) as fh:
        if fmt == "json":
            fh.write("[\n")
            for count, record in enumerate(records, start=1):
                fh.write(("" if count == 1 else ",\n") + json.dumps(record, ensure_ascii=False))
            fh.write("\n]\n")
        elif fmt == "csv":
            writer = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            for record in records:
                record["reasons"] = "; ".join(record["reasons"])
                writer.writerow(record)
                count += 1
        else:
            raise UserError(f"Unknown export format {fmt!r}: use csv or json.")
    return count


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def decode_text(raw: bytes, name: str) -> str:
    """A text file's content: UTF-8 (with or without BOM) or UTF-16 with its BOM, as spreadsheets save it;
    a workbook or any other binary file is refused in plain words."""
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError(f"{name} is a spreadsheet workbook, not a text file: save it as CSV first.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UserError(f"{name} says it is UTF-16 but is not readable as such ({exc.reason}).") from exc
    text = raw.decode("utf-8-sig", errors="replace")
    if "\x00" in text:
        raise UserError(f"{name} is not a text file (it holds NUL bytes): save it as CSV (UTF-8) or JSON.")
    return text


def read_csv_file(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The header and rows of a CSV (or, by its suffix, TSV) file, refused in one plain line if unreadable."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    return read_csv_table(decode_text(read_bytes(path), path.name), path.name, delimiter)


def read_records(path: Path) -> list[dict[str, Any]]:
    """Rows of a CSV (with a header) or JSON (a list of objects) file."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv", ".tsv", ".txt"):
        raise UserError(f"Cannot import {path.name}: use a .csv or .json file.")
    text = decode_text(read_bytes(path), path.name)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise UserError(f"{path.name} is not valid JSON ({exc}).") from exc
        except RecursionError:
            raise UserError(f"{path.name} nests too deeply to be a list of mentions.") from None
        if isinstance(data, dict) and isinstance(data.get("mentions"), list):
            data = data["mentions"]
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise UserError(f"{path.name} must hold a JSON list of objects, one per mention.")
        return data
    return read_csv_table(text, path.name, delimiter="\t" if suffix == ".tsv" else ",")[1]


def read_csv_table(text: str, name: str, delimiter: str = ",") -> tuple[list[str], list[dict[str, Any]]]:
    """The header and rows of a CSV file; a malformed file is refused in one plain line, never half-read.

    A row shorter than the header is padded with empty cells (some tools drop trailing empty cells); a row
    longer than the header, an unclosed quote or a column named twice means the file is not what it seems.
    """
    csv.field_size_limit(10 * 1024 * 1024)
    if "\x00" in text:
        raise UserError(f"{name} is not a readable CSV file: it holds NUL bytes (a binary or UTF-16 file?).")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise UserError(f"{name} has no header row; the first line must name the columns.")
        _check_header(header, name)
        rows = [_row_dict(header, cells, name, reader.line_num) for cells in reader if cells]
    except csv.Error as exc:
        raise UserError(f"{name} is not a readable CSV file (line {reader.line_num}: {exc}).") from exc
    return header, rows


def read_csv_text(text: str, name: str, delimiter: str = ",") -> list[dict[str, Any]]:
    return read_csv_table(text, name, delimiter)[1]


def _check_header(header: list[str], name: str) -> None:
    seen: set[str] = set()
    for column in header:
        if column.strip() and column in seen:
            raise UserError(f"{name} names the column {column!r} twice in its header.")
        seen.add(column)


def _row_dict(header: list[str], cells: list[str], name: str, line: int) -> dict[str, Any]:
    if len(cells) > len(header):
        raise UserError(
            f"{name} is not a readable CSV file: line {line} has {len(cells)} cells but the header names "
            f"{len(header)} columns (a value with a comma in it needs quotes)."
        )
    return dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def _parse_time(value: str) -> datetime | None:
    if not value:
        return None
    try:
        if value.replace(".", "", 1).isdigit():
            return datetime.fromtimestamp(float(value), UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def record_to_item(record: dict[str, Any], index: int = 0) -> FetchedItem | None:
    """One imported row as a fetched item; None when it has neither text nor title.

    Its id is the file's own id (if any) together with the row's content: two files numbering their rows
    1, 2, 3 never collide, and importing the same rows again (under any file name) finds them stored.
    Rows with a URL are told apart by that URL, as polled items are. (`index` is no longer used.)
    """
    text = _first(record, _TEXT_KEYS)
    title = _first(record, _TITLE_KEYS)
    if not text and not title:
        return None
    url = _first(record, _URL_KEYS) or None
    author = _first(record, _AUTHOR_KEYS)
    published = _first(record, _TIME_KEYS)
    own_id = _first(record, ("uid", "id", "guid"))
    item_id = "row:" + digest(own_id, title, text, author, published, size=12)
    return FetchedItem(
        source_item_id=item_id,
        url=url,
        title=title,
        content_html=text,
        author=author or None,
        published=_parse_time(published),
        reach=_count(_first(record, ("reach", "likes", "upvotes", "score"))),
        rating=_finite(_first(record, ("rating", "stars"))),
        query=_first(record, ("query",)) or None,
    )


_MAX_COUNT = 10**15  # more likes than people ever lived: a typo or a spreadsheet error, not a figure


def _finite(value: str) -> float | None:
    """A number as a float; None for text, nan, inf and overflow (1e400)."""
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _count(value: str) -> int | None:
    number = _finite(value)
    if number is None or not 0 <= number < _MAX_COUNT:
        return None
    return int(number)


def import_mentions(workspace: Workspace, path: Path, scorer: Scorer | None = None) -> Changes:
    """Import every row with text as a mention of a disabled 'Import: file' source; re-importing adds nothing.

    The source and its mentions are written in one transaction, and only when there is something new to
    store: a file whose rows are all known, or a write that fails, leaves no empty source behind.
    `duplicates` counts the rows already stored (before this import, or twice in the file).
    """
    records = read_records(path)
    items = [item for r in records if (item := record_to_item(r)) is not None]
    if not items:
        raise UserError(f"{path.name} has no rows with a text or title column to import.")
    name = f"Import: {path.name}"
    ingestor = Ingestor(workspace.profile(), scorer)
    prepared = ingestor.prepare(
        items,
        source_id=0,  # the real id once the source exists, inside the write below
        source_kind="import",
        fetched_at=datetime.now(UTC),
        reader=workspace.reader(),
        match_brand=False,
    )
    known = len(items) - len(prepared.scored)  # stored already, or twice in this file
    if not prepared.scored:
        return Changes(duplicates=known)

    def write(conn: sqlite3.Connection) -> Changes:
        source_id = _import_source(conn, name, path.name)
        scored = [(dataclasses.replace(m, source_id=source_id), s) for m, s in prepared.scored]
        changes = mention_writes.store_mentions(conn, scored)
        if (
            not changes.added
            and not conn.execute(
                "SELECT 1 FROM mentions WHERE source_id = ? LIMIT 1", (source_id,)
            ).fetchone()
        ):
            conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))  # raced: stored meanwhile
        return dataclasses.replace(changes, duplicates=changes.duplicates + known)

    return workspace.writer.call(write)


def _import_source(conn: sqlite3.Connection, name: str, file_name: str) -> int:
    row = conn.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return int(row[0])
    return source_writes.add_source(
        conn, name=name, kind="import", config={"file": file_name}, interval_minutes=1440,
        now=int(time.time()), enabled=False,
    )  # fmt: skip
