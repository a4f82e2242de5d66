"""Read queries. SQL does every sort, filter and search; callers get ids in order and rows by page."""

from __future__ import annotations

import json
import re
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class View(StrEnum):
    NEEDS_REPLY = "needs_reply"
    ALL = "all"
    NEGATIVE = "negative"
    QUESTIONS = "questions"
    PRAISE = "praise"
    SNOOZED = "snoozed"
    RESPONDED = "responded"
    ARCHIVED = "archived"
    NEW = "new"  # everything still open (CLI --status new)
    EVERYTHING = "everything"  # archived too (exports, CLI --status all)


VIEW_TITLES = {
    View.NEEDS_REPLY: "Needs reply",
    View.ALL: "All",
    View.NEGATIVE: "Negative",
    View.QUESTIONS: "Questions",
    View.PRAISE: "Praise & advocates",
    View.SNOOZED: "Snoozed",
    View.RESPONDED: "Responded",
    View.ARCHIVED: "Archived",
    View.NEW: "Open",
    View.EVERYTHING: "Everything",
}

_VIEW_SQL = {
    View.NEEDS_REPLY: ("m.needs_reply = 1", ()),
    View.ALL: ("m.status != 'archived'", ()),
    View.NEGATIVE: ("m.label = 'negative' AND m.status != 'archived'", ()),
    View.QUESTIONS: ("m.category = 'question' AND m.status = 'new'", ()),
    View.PRAISE: ("(m.category = 'praise' OR m.label = 'positive') AND m.status != 'archived'", ()),
    View.SNOOZED: ("m.status = 'snoozed'", ()),
    View.RESPONDED: ("m.status = 'responded'", ()),
    View.ARCHIVED: ("m.status = 'archived'", ()),
    View.NEW: ("m.status = 'new'", ()),
    View.EVERYTHING: ("1 = 1", ()),
}


class Sort(StrEnum):
    URGENCY = "urgency"
    NEWEST = "newest"
    OLDEST = "oldest"
    SENTIMENT = "sentiment"
    AUTHOR = "author"
    SOURCE = "source"


_SORT_SQL = {
    Sort.URGENCY: "m.urgency DESC, m.published_at DESC, m.id DESC",
    Sort.NEWEST: "m.published_at DESC, m.id DESC",
    Sort.OLDEST: "m.published_at ASC, m.id ASC",
    Sort.SENTIMENT: "m.sentiment ASC, m.urgency DESC, m.id DESC",
    Sort.AUTHOR: "m.author COLLATE NOCASE ASC, m.published_at DESC, m.id DESC",
    Sort.SOURCE: "m.source_id ASC, m.published_at DESC, m.id DESC",
}


@dataclass(frozen=True, slots=True)
class MentionQuery:
    view: View = View.NEEDS_REPLY
    search: str = ""
    sort: Sort = Sort.URGENCY
    source_id: int | None = None
    author_id: int | None = None
    story_key: str | None = None
    unread_only: bool = False
    since: int | None = None  # epoch seconds, published at or after
    until: int | None = None  # epoch seconds, published before
    label: str | None = None  # sentiment label: negative, neutral, positive
    category: str | None = None  # complaint, crisis, question, suggestion, praise, other
    author_ids: tuple[int, ...] | None = None  # any of these authors (a group of people)
    ids: tuple[int, ...] | None = None  # exactly these mentions (a theme, a share of voice, a spike)

    def with_(self, **changes: Any) -> MentionQuery:
        return replace(self, **changes)


_FTS_TOKEN = re.compile(r'(-?)"([^"]+)"|(\S+)')


def fts_query(text: str) -> str:
    """User words to a safe FTS5 query.

    Every word must appear (prefix match, so results narrow while typing); "quoted phrases" stay whole;
    -word excludes. FTS syntax typed by the user is never interpreted.
    """
    wanted: list[str] = []
    unwanted: list[str] = []
    for neg, phrase, word in _FTS_TOKEN.findall(text):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                (unwanted if neg else wanted).append('"' + " ".join(words) + '"')
            continue
        target = unwanted if word.startswith("-") and len(word) > 1 else wanted
        target.extend(f'"{w}"*' for w in re.findall(r"\w+", word))
    if not wanted:
        return ""
    return " AND ".join(wanted) + "".join(f" NOT {u}" for u in unwanted)


def _where(query: MentionQuery) -> tuple[str, str, list[Any]]:
    """(join, where, params) for a query."""
    clauses = [_VIEW_SQL[query.view][0]]
    params: list[Any] = []
    join = ""
    match = fts_query(query.search) if query.search.strip() else ""
    if match:
        join = " JOIN mentions_fts ON mentions_fts.rowid = m.id"
        clauses.append("mentions_fts MATCH ?")
        params.append(match)
    for column, value in (
        ("m.source_id", query.source_id),
        ("m.author_id", query.author_id),
        ("m.story_key", query.story_key),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    for column, value in (("m.label", query.label), ("m.category", query.category)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    for column, values in (("m.author_id", query.author_ids), ("m.id", query.ids)):
        if values is not None:  # one JSON parameter, however many ids (no variable limit)
            clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
            params.append(json.dumps([int(v) for v in values]))
    if query.unread_only:
        clauses.append("m.is_read = 0")
    if query.since is not None:
        clauses.append("m.published_at >= ?")
        params.append(query.since)
    if query.until is not None:
        clauses.append("m.published_at < ?")
        params.append(query.until)
    return join, " AND ".join(clauses), params


ID_CHUNK = 2_000


def mention_ids(conn: sqlite3.Connection, query: MentionQuery, limit: int | None = None) -> array[int]:
    """The ids matching a query, in display order, as a compact array (8 bytes an id)."""
    join, where, params = _where(query)
    sql = f"SELECT m.id FROM mentions m{join} WHERE {where} ORDER BY {_SORT_SQL[query.sort]}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(sql, params)
    ids: array[int] = array("q")
    # Small chunks: a long C-level fetch keeps the GIL from the UI thread (the convoy effect); between
    # chunks Python hands it over, so the UI never waits longer than one chunk (~2-4 ms).
    while chunk := cur.fetchmany(ID_CHUNK):
        ids.extend(r[0] for r in chunk)
    return ids


def count_mentions(conn: sqlite3.Connection, query: MentionQuery) -> int:
    join, where, params = _where(query)
    return int(conn.execute(f"SELECT count(*) FROM mentions m{join} WHERE {where}", params).fetchone()[0])


ROW_COLUMNS = (
    "m.id, m.uid, m.url, m.title, substr(m.text, 1, 300) AS snippet, m.author, m.author_id, m.source_id,"
    " s.name AS source_name, s.kind AS source_kind, m.published_at, m.published_estimated, m.sentiment,"
    " m.label, m.complaint, m.category, m.urgency, m.reasons, m.status, m.snoozed_until, m.is_read,"
    " m.reach, m.reach_label, m.rating, m.story_key, m.query"
)


def mention_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, sqlite3.Row]:
    """Rows for a page of ids (what the table shows), keyed by id."""
    rows: dict[int, sqlite3.Row] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT {ROW_COLUMNS} FROM mentions m LEFT JOIN sources s ON s.id = m.source_id"
            f" WHERE m.id IN ({marks})",
            chunk,
        ):
            rows[row["id"]] = row
    return rows


def mention_detail(conn: sqlite3.Connection, mention_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT m.*, s.name AS source_name, s.kind AS source_kind, d.text AS draft"
        " FROM mentions m LEFT JOIN sources s ON s.id = m.source_id"
        " LEFT JOIN drafts d ON d.mention_id = m.id WHERE m.id = ?",
        (mention_id,),
    ).fetchone()
    if row is None:
        return None
    detail = dict(row)
    detail["reasons"] = json.loads(detail["reasons"] or "[]")
    return detail


def author_history(conn: sqlite3.Connection, author_id: int, limit: int = 50) -> list[sqlite3.Row]:
    return conn.execute(
        f"SELECT {ROW_COLUMNS} FROM mentions m LEFT JOIN sources s ON s.id = m.source_id"
        " WHERE m.author_id = ? ORDER BY m.published_at DESC LIMIT ?",
        (author_id, limit),
    ).fetchall()


def author_summary(conn: sqlite3.Connection, author_id: int) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT a.*, (SELECT count(*) FROM mentions WHERE author_id = a.id AND label = 'negative') AS negative,"
        " (SELECT count(*) FROM mentions WHERE author_id = a.id AND label = 'positive') AS positive,"
        " (SELECT count(*) FROM mentions WHERE author_id = a.id AND category IN ('complaint', 'crisis'))"
        " AS complaints FROM authors a WHERE a.id = ?",
        (author_id,),
    ).fetchone()


def story_siblings(conn: sqlite3.Connection, mention_id: int, limit: int = 20) -> list[sqlite3.Row]:
    return conn.execute(
        f"SELECT {ROW_COLUMNS} FROM mentions m LEFT JOIN sources s ON s.id = m.source_id"
        " WHERE m.story_key = (SELECT story_key FROM mentions WHERE id = ?) AND m.id != ?"
        " ORDER BY m.published_at ASC LIMIT ?",
        (mention_id, mention_id, limit),
    ).fetchall()


# The generated column `needs_reply` (schema.py), spelled out so a count can read it off the counts index.
NEEDS_REPLY_EXPR = "status = 'new' AND (label = 'negative' OR category IN ('complaint', 'crisis'))"
_COUNT_GROUPS = (
    f"SELECT status, label, category, ({NEEDS_REPLY_EXPR}) AS needs_reply, count(*) AS n"
    " FROM mentions GROUP BY status, label, category"
)


def view_counts(conn: sqlite3.Connection, views: Iterable[View] = tuple(View)) -> dict[View, int]:
    """Every view's count from one scan of the counts index: each view's own condition, summed over the
    (status, label, category) groups, so a count always means what its view shows."""
    wanted = list(views)
    if not wanted:
        return {}
    sums = ", ".join(f"coalesce(sum(CASE WHEN {_VIEW_SQL[v][0]} THEN m.n END), 0)" for v in wanted)
    row = conn.execute(f"SELECT {sums} FROM ({_COUNT_GROUPS}) AS m").fetchone()
    return {v: int(row[i]) for i, v in enumerate(wanted)}


def list_sources(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT s.*, coalesce(u.n, 0) AS unread FROM sources s LEFT JOIN (SELECT source_id, count(*) AS n"
        " FROM mentions WHERE status = 'new' AND is_read = 0 GROUP BY source_id) AS u ON u.source_id = s.id"
        " ORDER BY s.name COLLATE NOCASE"
    ).fetchall()


def get_source(conn: sqlite3.Connection, source_id: int | None = None, name: str | None = None) -> Any:
    if source_id is not None:
        return conn.execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
    return conn.execute("SELECT * FROM sources WHERE name = ?", (name,)).fetchone()


def due_sources(conn: sqlite3.Connection, now: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT * FROM sources WHERE enabled = 1 AND (next_poll_at IS NULL OR next_poll_at <= ?)"
        " ORDER BY next_poll_at",
        (now,),
    ).fetchall()


def oldest_unanswered_complaint(conn: sqlite3.Connection) -> int | None:
    row = conn.execute(
        "SELECT min(published_at) FROM mentions WHERE status = 'new' AND category IN ('complaint', 'crisis')"
    ).fetchone()
    return row[0] if row and row[0] is not None else None


def saved_searches(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE").fetchall()
