"""Plain data passed between the layers. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    NEW = "new"
    RESPONDED = "responded"
    ARCHIVED = "archived"
    SNOOZED = "snoozed"


class Label(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class Category(StrEnum):
    CRISIS = "crisis"
    COMPLAINT = "complaint"
    QUESTION = "question"
    SUGGESTION = "suggestion"
    PRAISE = "praise"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class BrandProfile:
    """What a workspace listens for."""

    brand: str
    aliases: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    def terms(self) -> tuple[str, ...]:
        return (self.brand, *self.aliases)


@dataclass(slots=True)
class FetchedItem:
    """One item as a connector returns it, before normalizing. Text may be HTML."""

    source_item_id: str
    url: str | None
    title: str
    content_html: str
    author: str | None = None
    author_url: str | None = None
    published: datetime | None = None
    reach: int | None = None  # upvotes, likes, followers: whatever the source gives
    reach_label: str | None = None  # "upvotes", "likes" ...
    query: str | None = None  # the search that found it
    rating: float | None = None  # review stars, where the source has them
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FetchResult:
    items: list[FetchedItem]
    cursor: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    feed: FeedBody | None = None  # fetched but not yet parsed: the ingest step parses it (maybe elsewhere)


@dataclass(frozen=True, slots=True)
class FeedBody:
    """A feed's bytes as fetched, parsed later: in a worker process during a poll, off the UI's GIL."""

    body: bytes
    headers: dict[str, str]
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Score:
    sentiment: float  # -1..1
    label: Label
    complaint: float  # 0..1
    category: Category
    urgency: int  # 0..100
    reasons: tuple[str, ...] = ()


@dataclass(slots=True)
class NormalizedMention:
    """A fetched item cleaned up and ready to score and store."""

    uid: str
    source_id: int
    source_item_id: str
    url: str | None
    canonical_url: str | None
    title: str
    text: str
    html: str
    author: str | None
    author_url: str | None
    published_at: datetime
    published_estimated: bool
    fetched_at: datetime
    story_key: str
    content_hash: str
    reach: int | None = None
    reach_label: str | None = None
    query: str | None = None
    rating: float | None = None


@dataclass(slots=True)
class Source:
    id: int
    name: str
    kind: str
    config: dict[str, Any]
    enabled: bool = True
    interval_minutes: int = 30
    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_kind: str | None = None
    consecutive_failures: int = 0
    next_poll_at: datetime | None = None
    items_fetched: int = 0
    items_dropped: int = 0

    @property
    def url(self) -> str:
        return str(self.config.get("url", ""))

    @property
    def health(self) -> str:
        """ok / failing / key rejected / rate-limited / never polled / disabled."""
        if not self.enabled:
            return "disabled"
        if self.consecutive_failures == 0:
            return "ok" if self.last_success_at else "never polled"
        if self.last_error_kind == "auth":
            return "key rejected"
        if self.last_error_kind == "rate_limited":
            return "rate-limited"
        return "failing"


@dataclass(frozen=True, slots=True)
class Changes:
    """What a write did, so every screen can react. Ids are mention ids unless named otherwise."""

    added: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    sources_updated: tuple[int, ...] = ()
    dropped: int = 0  # items that did not mention the brand
    duplicates: int = 0
    bulk: bool = False  # a background re-score's batch: screens may catch up at their own pace

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.sources_updated)
