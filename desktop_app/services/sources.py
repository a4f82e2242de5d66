"""Source management: add (validated), list with health, remove, OPML in and out."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop_app.core.errors import UserError
from desktop_app.core.models import Source
from desktop_app.services.mention_io import atomic_output, iso
from desktop_app.sources.base import COMMON_FIELDS, ConfigField, validate_config
from desktop_app.sources.keyed import METERS_SETTING, usage_text
from desktop_app.sources.opml import OpmlFeed, parse_opml, write_opml
from desktop_app.sources.registry import CONNECTORS, get_connector
from desktop_app.storage import source_writes
from desktop_app.storage.queries import due_sources, get_source, list_sources
from desktop_app.storage.workspace import Workspace


def describe_kinds() -> list[dict[str, Any]]:
    """Every kind with its fields; `required_secrets`: the secret fields it cannot poll without (give them
    with --secret); `cost_notice`: what reading costs ("" when free)."""
    return [
        {
            "kind": c.kind,
            "label": c.label,
            "default_interval_minutes": c.default_interval_minutes,
            "fields": [field_spec(f) for f in (*c.fields, *COMMON_FIELDS)],
            "required_secrets": list(getattr(c, "required_secrets", ())),
            "cost_notice": cost_notice_for(c.kind),
        }
        for c in CONNECTORS.values()
    ]


def cost_notice_for(kind: str, config: dict[str, Any] | None = None) -> str:
    """What polling a source of this kind costs in money, in words ("" for the free ones). Shown before a
    source is created: the add form asks to confirm it; `source add` should print it on stderr."""
    connector = CONNECTORS.get(kind)
    notice = getattr(connector, "cost_notice", None)
    return str(notice(config)) if callable(notice) else ""


def usage_words(ws: Workspace) -> dict[int, tuple[str, str]]:
    """Each metered source's meter in words, long and short (YouTube's units today, X's posts this month),
    counted on the key it uses (sources sharing a key share its meter)."""
    meters = ws.setting(METERS_SETTING) or {}
    words: dict[int, tuple[str, str]] = {}
    for row in list_sources(ws.reader()):
        connector = CONNECTORS.get(row["kind"])
        secret = getattr(connector, "meter_secret", "")
        if not secret:
            continue
        config = json.loads(row["config"] or "{}")
        shared = meters.get(str(config.get(secret) or "")) if isinstance(meters, dict) else None
        cost = _number(config.get("cost_per_read"))
        text = usage_text(row["cursor"], cost, shared=shared)
        if text:
            words[int(row["id"])] = (text, usage_text(row["cursor"], cost, shared=shared, short=True))
    return words


def _number(value: Any) -> float:
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 0.0


# The per-source request settings the Sources dialog's Edit dialog changes (see sources.request_profile).
REQUEST_FIELDS = ("user_agent_preset", "user_agent", "proxy", "proxy_url")


def field_spec(spec: ConfigField) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(spec).items()}


def request_field_specs() -> list[dict[str, Any]]:
    return [field_spec(f) for f in COMMON_FIELDS if f.name in REQUEST_FIELDS]


def source_config(ws: Workspace, source_id: int) -> dict[str, Any]:
    row = get_source(ws.reader(), source_id=source_id)
    if row is None:
        raise UserError(f"Source {source_id} is no longer in workspace {ws.name!r}.")
    config: dict[str, Any] = json.loads(row["config"] or "{}")
    return config


def update_config(ws: Workspace, source_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Change some of a source's config fields (None or "" clears one), checked like a new source's;
    returns the stored config. Raises UserError (nothing stored) when the result is not valid."""

    def write(conn: sqlite3.Connection) -> dict[str, Any]:
        row = get_source(conn, source_id=source_id)
        if row is None:
            raise UserError(f"Source {source_id} is no longer in workspace {ws.name!r}.")
        old: dict[str, Any] = json.loads(row["config"] or "{}")
        merged = {k: v for k, v in {**old, **changes}.items() if v not in (None, "")}
        clean = validate_config(get_connector(row["kind"]), merged)
        known = {f.name for f in (*get_connector(row["kind"]).fields, *COMMON_FIELDS)}
        clean.update({k: v for k, v in old.items() if k not in known})  # e.g. the demo marker
        source_writes.update_source(conn, source_id, config=clean)
        return clean

    return ws.writer.call(write)


def default_name(kind: str, config: dict[str, Any]) -> str:
    url = str(config.get("url") or "")
    if url:
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        return (parts.hostname or url) + (path if len(path) <= 40 else path[:39] + "…")
    return f"{get_connector(kind).label}"


def _unique_name(conn: sqlite3.Connection, name: str) -> str:
    candidate, n = name, 2
    while get_source(conn, name=candidate) is not None:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def add_source(
    ws: Workspace,
    *,
    kind: str,
    config: dict[str, Any],
    name: str | None = None,
    interval_minutes: int | None = None,
    rename_if_taken: bool = False,
) -> tuple[int, str]:
    connector = get_connector(kind)
    clean = validate_config(connector, config)
    interval = connector.default_interval_minutes if interval_minutes is None else interval_minutes
    if interval < 1:
        raise UserError("--interval must be at least 1 minute.")
    now = int(time.time())

    def write(conn: sqlite3.Connection) -> tuple[int, str]:
        final = " ".join((name or "").split())
        if not final or rename_if_taken:
            final = _unique_name(conn, final or default_name(kind, clean))
        sid = source_writes.add_source(
            conn, name=final, kind=kind, config=clean, interval_minutes=interval, now=now
        )
        return sid, final

    return ws.writer.call(write)


def row_to_source(row: sqlite3.Row) -> Source:
    def dt(value: int | None) -> Any:
        from datetime import UTC, datetime

        return datetime.fromtimestamp(value, UTC) if value else None

    return Source(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        config=json.loads(row["config"] or "{}"),
        enabled=bool(row["enabled"]),
        interval_minutes=row["interval_minutes"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        cursor=row["cursor"],
        last_success_at=dt(row["last_success_at"]),
        last_error=row["last_error"],
        last_error_kind=row["last_error_kind"],
        consecutive_failures=row["consecutive_failures"],
        next_poll_at=dt(row["next_poll_at"]),
        items_fetched=row["items_fetched"],
        items_dropped=row["items_dropped"],
    )


def source_records(ws: Workspace) -> list[dict[str, Any]]:
    records = []
    usage = usage_words(ws)
    for row in list_sources(ws.reader()):
        source = row_to_source(row)
        records.append(
            {
                "id": source.id,
                "name": source.name,
                "kind": source.kind,
                "url": source.url or None,
                "enabled": source.enabled,
                "interval_minutes": source.interval_minutes,
                "health": source.health,
                "last_success": iso(row["last_success_at"]),
                "last_attempt": iso(row["last_attempt_at"]),
                "last_error": source.last_error,
                "last_error_kind": source.last_error_kind,
                "consecutive_failures": source.consecutive_failures,
                "next_poll": iso(row["next_poll_at"]),
                "items_fetched": source.items_fetched,
                "items_dropped": source.items_dropped,
                "unread": row["unread"],
                # the quota/usage meter of YouTube and X sources: a sentence, and a short form
                "usage": usage.get(source.id, ("", ""))[0],
                "usage_short": usage.get(source.id, ("", ""))[1],
            }
        )
    return records


def find_source(ws: Workspace, ref: str) -> sqlite3.Row:
    conn = ws.reader()
    row = get_source(conn, source_id=int(ref)) if ref.isdigit() else None
    row = row or get_source(conn, name=ref)
    if row is None:
        raise UserError(f"No source {ref!r} in workspace {ws.name!r}; see: source list {ws.name}")
    return row


def remove_source(ws: Workspace, ref: str) -> str:
    row = find_source(ws, ref)
    ws.writer.call(lambda conn: source_writes.delete_source(conn, row["id"]))
    return str(row["name"])


def enabled_source_ids(ws: Workspace) -> list[int]:
    return [r["id"] for r in ws.reader().execute("SELECT id FROM sources WHERE enabled = 1")]


def count_due(ws: Workspace, now: float | None = None) -> int:
    stamp = int(now if now is not None else time.time())
    return len(due_sources(ws.reader(), stamp))


def seconds_until_next_poll(ws: Workspace, now: float | None = None) -> float:
    row = ws.reader().execute("SELECT min(next_poll_at) FROM sources WHERE enabled = 1").fetchone()
    if row is None or row[0] is None:
        return 300.0
    return max(5.0, float(row[0]) - (now if now is not None else time.time()))


def import_opml(ws: Workspace, path: Path) -> tuple[int, int]:
    try:
        feeds = parse_opml(path.read_bytes())
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    existing = {json.loads(r["config"]).get("url") for r in list_sources(ws.reader()) if r["kind"] == "rss"}
    added = skipped = 0
    for feed in feeds:
        if feed.url in existing:
            skipped += 1
            continue
        try:
            add_source(ws, kind="rss", config={"url": feed.url}, name=feed.title, rename_if_taken=True)
        except UserError:
            skipped += 1
            continue
        existing.add(feed.url)
        added += 1
    return added, skipped


def export_opml(ws: Workspace, path: Path) -> int:
    feeds = [
        OpmlFeed(title=r["name"], url=json.loads(r["config"])["url"])
        for r in list_sources(ws.reader())
        if r["kind"] == "rss" and json.loads(r["config"]).get("url")
    ]
    data = write_opml(feeds, title=f"Earshot feeds: {ws.name}")
    with atomic_output(path, "w") as fh:
        fh.write(data.decode("utf-8"))
    return len(feeds)
