"""Writes of mentions and authors. Each function runs inside the writer's transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from desktop_app.core.models import Changes, NormalizedMention, Score

INSERT_MENTION = """
INSERT OR IGNORE INTO mentions (
    uid, source_id, source_item_id, url, canonical_url, title, text, html, author_id, author,
    published_at, published_estimated, fetched_at, story_key, query, reach, reach_label, rating,
    content_hash, sentiment, label, complaint, category, urgency, reasons, status
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
"""

UPSERT_AUTHOR = """
INSERT INTO authors (key, name, url, first_seen, last_seen, mention_count) VALUES (?, ?, ?, ?, ?, 0)
ON CONFLICT(key) DO UPDATE SET
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen),
    url = coalesce(authors.url, excluded.url)
RETURNING id
"""


def epoch(value: datetime) -> int:
    return int(value.timestamp())


def author_key(name: str) -> str:
    return " ".join(name.casefold().lstrip("@").split())


def _author_id(conn: sqlite3.Connection, mention: NormalizedMention, cache: dict[str, int]) -> int | None:
    if not mention.author:
        return None
    key = author_key(mention.author)
    if not key:
        return None
    if key not in cache:
        seen = epoch(mention.published_at)
        row = conn.execute(UPSERT_AUTHOR, (key, mention.author, mention.author_url, seen, seen)).fetchone()
        cache[key] = int(row[0])
    return cache[key]


def store_mentions(
    conn: sqlite3.Connection,
    scored: Sequence[tuple[NormalizedMention, Score]],
    *,
    status: str = "new",
    dropped: int = 0,
) -> Changes:
    """Insert scored mentions; anything seen before (same URL or same source item) is skipped."""
    added: list[int] = []
    authors: dict[str, int] = {}
    author_counts: dict[int, int] = {}
    for mention, score in scored:
        author_id = _author_id(conn, mention, authors)
        row = conn.execute(INSERT_MENTION, _mention_params(mention, score, author_id, status)).fetchone()
        if row is None:
            continue
        added.append(int(row[0]))
        if author_id is not None:
            author_counts[author_id] = author_counts.get(author_id, 0) + 1
    conn.executemany(
        "UPDATE authors SET mention_count = mention_count + ? WHERE id = ?",
        [(n, a) for a, n in author_counts.items()],
    )
    return Changes(added=tuple(added), duplicates=len(scored) - len(added), dropped=dropped)


def _mention_params(m: NormalizedMention, s: Score, author_id: int | None, status: str) -> tuple[object, ...]:
    return (
        m.uid, m.source_id, m.source_item_id, m.url, m.canonical_url, m.title, m.text, m.html, author_id,
        m.author, epoch(m.published_at), int(m.published_estimated), epoch(m.fetched_at), m.story_key,
        m.query, m.reach, m.reach_label, m.rating, m.content_hash, round(s.sentiment, 4), s.label.value,
        round(s.complaint, 4), s.category.value, int(s.urgency), json.dumps(list(s.reasons)), status,
    )  # fmt: skip


def update_scores(
    conn: sqlite3.Connection, scores: Sequence[tuple[int, Score]], *, bulk: bool = False
) -> Changes:
    """Re-scoring: new figures for existing mentions (`bulk`: one batch of a whole-workspace re-score)."""
    conn.executemany(
        "UPDATE mentions SET sentiment = ?, label = ?, complaint = ?, category = ?, urgency = ?, reasons = ?"
        " WHERE id = ?",
        [
            (
                round(s.sentiment, 4),
                s.label.value,
                round(s.complaint, 4),
                s.category.value,
                int(s.urgency),
                json.dumps(list(s.reasons)),
                mid,
            )
            for mid, s in scores
        ],
    )
    return Changes(updated=tuple(mid for mid, _ in scores), bulk=bulk)
