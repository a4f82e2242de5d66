"""Builders for test data that goes through the real write path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.core.models import BrandProfile, Category, FetchedItem, Label, NormalizedMention, Score
from desktop_app.core.normalize import normalize_item
from desktop_app.storage import mention_writes, source_writes
from desktop_app.storage.workspace import Workspace, create_workspace

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def make_workspace(root: Path, name: str = "acme", brand: str = "Acme", **kw: tuple[str, ...]) -> Workspace:
    return create_workspace(root, name, BrandProfile(brand, **kw))


def add_source(
    ws: Workspace, name: str = "Feed", url: str = "https://feed.example/rss", kind: str = "rss"
) -> int:
    return ws.writer.call(
        lambda conn: source_writes.add_source(
            conn, name=name, kind=kind, config={"url": url}, interval_minutes=30, now=int(NOW.timestamp())
        )
    )


def mention(
    source_id: int,
    n: int,
    *,
    title: str | None = None,
    text: str = "Acme is fine",
    author: str | None = "alice",
    hours_ago: float = 0,
    url: str | None = None,
) -> NormalizedMention:
    item = FetchedItem(
        source_item_id=f"item-{n}",
        url=url if url is not None else f"https://news.example/{n}",
        title=title if title is not None else f"Acme story {n}",
        content_html=text,
        author=author,
        published=NOW - timedelta(hours=hours_ago),
    )
    return normalize_item(item, source_id=source_id, source_kind="rss", fetched_at=NOW)


def score(urgency: int = 50, label: Label = Label.NEUTRAL, category: Category = Category.OTHER) -> Score:
    sentiment = {Label.NEGATIVE: -0.6, Label.NEUTRAL: 0.0, Label.POSITIVE: 0.6}[label]
    return Score(
        sentiment, label, 0.8 if category == Category.COMPLAINT else 0.1, category, urgency, ("test",)
    )


def store(ws: Workspace, pairs: list[tuple[NormalizedMention, Score]]) -> tuple[int, ...]:
    return ws.writer.call(lambda conn: mention_writes.store_mentions(conn, pairs)).added
