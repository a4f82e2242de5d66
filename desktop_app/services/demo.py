"""The built-in demo workspace: a fictional café chain with a few hundred mentions, offline, no keys.

Times in the demo file are relative ("hours_ago"), so the demo always looks current. Everything goes through
the real pipeline (brand matching, scoring, storage), so the demo shows what Earshot really does.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from desktop_app.config.paths import resources_dir
from desktop_app.core.errors import UserError
from desktop_app.core.models import BrandProfile, Changes, FetchedItem, Status
from desktop_app.services.ingest import Ingestor, Prepared
from desktop_app.services.rescore import mark_scored
from desktop_app.storage import mention_writes, saved_search_writes, source_writes, triage_writes
from desktop_app.storage.workspace import Workspace, create_workspace, write_settings

DEMO_FILE = "demo/demo_workspace.json"
# What the café's owner would check every morning (sidebar → Saved searches).
DEMO_SAVED_SEARCHES = (("Refunds", "refund"), ("Allergies", "allergy"), ("Cold drinks", '"cold" -iced'))


def load_demo(path: Path | None = None) -> dict[str, Any]:
    path = path or resources_dir() / DEMO_FILE
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(
            f"The demo data at {path} is missing or unreadable ({exc}); reinstall Earshot."
        ) from exc
    return data


def create_demo_workspace(root: Path, name: str = "demo", *, now: datetime | None = None) -> Workspace:
    data = load_demo()
    meta = data["workspace"]
    profile = BrandProfile(
        brand=meta["brand"],
        aliases=tuple(meta.get("aliases", ())),
        competitors=tuple(meta.get("competitors", ())),
        excluded=tuple(meta.get("excluded", ())),
    )
    ws = create_workspace(root, name, profile, title=meta.get("title"))
    try:
        populate(ws, data, now or datetime.now(UTC))
    except BaseException:
        ws.close()
        ws.path.unlink(missing_ok=True)
        raise
    return ws


def populate(ws: Workspace, data: dict[str, Any], now: datetime) -> None:
    stamp = int(now.timestamp())
    source_ids = ws.writer.call(lambda conn: _add_sources(conn, data["sources"], stamp))
    ingestor = Ingestor(ws.profile())
    by_source: dict[str, list[tuple[FetchedItem, dict[str, Any]]]] = {}
    for entry in data["mentions"]:
        by_source.setdefault(entry["source"], []).append((_item(entry, now), entry))
    for key, pairs in by_source.items():
        prepared = ingestor.prepare(
            [item for item, _ in pairs],
            source_id=source_ids[key],
            source_kind=_kind(data, key),
            fetched_at=now,
        )
        ws.writer.call(partial(_store, prepared=prepared))
    ws.writer.call(lambda conn: _apply_statuses(conn, data["mentions"], source_ids, now))
    mark_scored(ws)


def _store(conn: sqlite3.Connection, prepared: Prepared) -> Changes:
    return mention_writes.store_mentions(conn, prepared.scored, dropped=prepared.dropped)


def _kind(data: dict[str, Any], key: str) -> str:
    return next(str(s["kind"]) for s in data["sources"] if s["key"] == key)


def _add_sources(conn: sqlite3.Connection, sources: list[dict[str, Any]], now: int) -> dict[str, int]:
    ids = {}
    for s in sources:
        config = {"url": s.get("url", ""), "demo": True}
        ids[s["key"]] = source_writes.add_source(
            conn, name=s["name"], kind=s["kind"], config=config, interval_minutes=60, now=now, enabled=False
        )
        conn.execute(
            "UPDATE sources SET last_success_at = ?, last_attempt_at = ? WHERE id = ?",
            (now, now, ids[s["key"]]),
        )
    write_settings(
        conn,
        {
            "demo": True,
            # what replies are signed with and where they send people (Settings -> Replies, later)
            "signature": "— Sam at Northwind Coffee",
            "agent_name": "Sam",
            "support_email": "care@northwindcoffee.example",
            "product": "Northwind app",
        },
    )
    for name, query in DEMO_SAVED_SEARCHES:
        saved_search_writes.save_search(conn, name, query)
    return ids


def _item(entry: dict[str, Any], now: datetime) -> FetchedItem:
    return FetchedItem(
        source_item_id=str(entry["id"]),
        url=entry.get("url"),
        title=entry.get("title") or "",
        content_html=entry.get("html") or "",
        author=entry.get("author"),
        author_url=entry.get("author_url"),
        published=now - timedelta(hours=float(entry.get("hours_ago", 0))),
        reach=entry.get("reach"),
        reach_label=entry.get("reach_label"),
        query=entry.get("query"),
        rating=entry.get("rating"),
    )


def _apply_statuses(
    conn: sqlite3.Connection, entries: list[dict[str, Any]], source_ids: dict[str, int], now: datetime
) -> Changes:
    stamp = int(now.timestamp())
    for entry in entries:
        status = entry.get("status") or "new"
        if status == "new":
            continue
        row = conn.execute(
            "SELECT id FROM mentions WHERE source_id = ? AND source_item_id = ?",
            (source_ids[entry["source"]], str(entry["id"])),
        ).fetchone()
        if row is None:
            continue
        mid = int(row[0])
        if status == "responded":
            hours = float(entry.get("responded_hours_ago") or 0)
            at = stamp - int(hours * 3600)
            triage_writes.record_reply(conn, mid, entry.get("reply") or "(replied)", now=at)
        elif status == "snoozed":
            triage_writes.set_status(conn, [mid], Status.SNOOZED, now=stamp, snoozed_until=stamp + 2 * 86400)
        elif status == "archived":
            triage_writes.set_status(conn, [mid], Status.ARCHIVED, now=stamp)
    return Changes()
