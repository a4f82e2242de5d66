"""What the sidebar shows, read in a worker: view counts, saved searches, sources with health."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from desktop_app.core.models import Source
from desktop_app.storage.queries import View, list_sources, saved_searches, view_counts

SIDEBAR_VIEWS = (
    View.NEEDS_REPLY,
    View.ALL,
    View.NEGATIVE,
    View.QUESTIONS,
    View.PRAISE,
    View.SNOOZED,
    View.RESPONDED,
    View.ARCHIVED,
)
HEALTH_COLOURS = {
    "ok": "#188038",
    "failing": "#d93025",
    "key rejected": "#a142f4",  # not the failing red: the fix is different (Accounts & keys)
    "rate-limited": "#e37400",
    "never polled": "#80868b",
    "demo": "#1a73e8",
    "disabled": "#9aa0a6",
}


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: int
    name: str
    kind: str
    health: str
    unread: int
    last_error: str | None


PROBLEM_HEALTH = ("failing", "key rejected", "rate-limited")


def health_summary(sources: list[SourceInfo]) -> str:
    """'2 failing · 1 key rejected', or '' when every source is fine."""
    counts = {h: sum(1 for s in sources if s.health == h) for h in PROBLEM_HEALTH}
    return " · ".join(f"{n} {h}" for h, n in counts.items() if n)


@dataclass(slots=True)
class SidebarData:
    counts: dict[View, int] = field(default_factory=dict)
    saved: list[tuple[str, str]] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)


def source_health(row: sqlite3.Row) -> str:
    config = json.loads(row["config"] or "{}")
    if config.get("demo"):
        return "demo"
    source = Source(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        config=config,
        enabled=bool(row["enabled"]),
        last_success_at=row["last_success_at"],
        last_error_kind=row["last_error_kind"],
        consecutive_failures=row["consecutive_failures"],
    )
    return source.health


def load_sidebar(conn: sqlite3.Connection) -> SidebarData:
    data = SidebarData(counts=view_counts(conn, SIDEBAR_VIEWS))
    data.saved = [(r["name"], r["query"]) for r in saved_searches(conn)]
    data.sources = [
        SourceInfo(r["id"], r["name"], r["kind"], source_health(r), int(r["unread"] or 0), r["last_error"])
        for r in list_sources(conn)
    ]
    return data
