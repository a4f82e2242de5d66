"""RSS / Atom / JSON Feed sources: feedparser on the fetched bytes."""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from desktop_app.core.errors import NotAFeed
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)


def _time(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _content(entry: Mapping[str, Any]) -> str:
    content = entry.get("content")
    if content:
        best = max(content, key=lambda c: len(c.get("value", "")))
        if best.get("value"):
            return str(best["value"])
    return str(entry.get("summary") or entry.get("description") or "")


def _author(entry: Mapping[str, Any]) -> str | None:
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or entry.get("author") or (entry.get("source") or {}).get("title")
    return (str(name).strip() or None) if name else None


def _reach(entry: Mapping[str, Any]) -> tuple[int | None, str | None]:
    comments = entry.get("slash_comments")
    if comments and str(comments).isdigit():
        return int(comments), "comments"
    views = (entry.get("media_statistics") or {}).get("views")
    if views and str(views).isdigit():
        return int(views), "views"
    return None, None


def _item_id(entry: Mapping[str, Any]) -> str:
    value = entry.get("id") or entry.get("link")
    if value:
        return str(value)
    digest = hashlib.sha1(f"{entry.get('title', '')}\n{entry.get('summary', '')}".encode()).hexdigest()
    return f"sha1:{digest}"


def _link(entry: Mapping[str, Any], base_url: str | None) -> str | None:
    link = entry.get("link")
    if not link:
        return None
    return urljoin(base_url, str(link)) if base_url else str(link)


def entry_to_item(entry: Mapping[str, Any], base_url: str | None = None) -> FetchedItem:
    reach, reach_label = _reach(entry)
    detail = entry.get("author_detail") or {}
    return FetchedItem(
        source_item_id=_item_id(entry),
        url=_link(entry, base_url),
        title=str(entry.get("title") or ""),
        content_html=_content(entry),
        author=_author(entry),
        author_url=detail.get("href"),
        published=_time(entry),
        reach=reach,
        reach_label=reach_label,
    )


def _looks_like_html(body: bytes, content_type: str) -> bool:
    head = body[:4096].lstrip().lower()
    return "html" in content_type or head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def _parse_json_feed(body: bytes) -> list[FetchedItem]:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise NotAFeed(f"Not a feed: the address returned malformed JSON ({exc}).") from exc
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise NotAFeed("Not a feed: the address returned JSON that is not a JSON Feed.")
    items: list[FetchedItem] = []
    for raw in data.get("items") or []:
        if not isinstance(raw, dict):
            continue
        authors = raw.get("authors") or ([raw["author"]] if isinstance(raw.get("author"), dict) else [])
        author = authors[0] if authors and isinstance(authors[0], dict) else {}
        published = raw.get("date_published") or raw.get("date_modified")
        items.append(
            FetchedItem(
                source_item_id=str(raw.get("id") or raw.get("url") or len(items)),
                url=raw.get("url") or raw.get("external_url"),
                title=str(raw.get("title") or ""),
                content_html=str(
                    raw.get("content_html") or raw.get("content_text") or raw.get("summary") or ""
                ),
                author=author.get("name"),
                author_url=author.get("url"),
                published=_iso(published),
            )
        )
    return items


def _iso(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_feed(
    body: bytes, headers: Mapping[str, str] | None = None, base_url: str | None = None
) -> list[FetchedItem]:
    """Items of an RSS, Atom or JSON Feed body. Raises NotAFeed for anything else."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    content_type = headers.get("content-type", "").lower()
    stripped = body.lstrip()
    if not stripped:
        raise NotAFeed("Not a feed: the address returned an empty page.")
    if "json" in content_type or stripped[:1] == b"{":
        return _parse_json_feed(stripped)
    # Display is sanitized later (core.html); feedparser's own sanitizing would only cost time here.
    parsed = feedparser.parse(
        stripped, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    if parsed.entries:
        return [entry_to_item(e, base_url) for e in parsed.entries]
    if parsed.get("version") and not parsed.get("bozo"):
        return []  # a valid feed with nothing in it yet
    if _looks_like_html(stripped, content_type):
        raise NotAFeed("Not a feed: the address returned a web page (perhaps a login or consent page).")
    reason = parsed.get("bozo_exception")
    detail = f" ({str(reason)[:120]})" if reason else ""
    raise NotAFeed(f"Not a feed: the address did not return RSS or Atom{detail}.")


class RssConnector:
    kind = "rss"
    label = "RSS / Atom feed"
    default_interval_minutes = 30
    fields: tuple[ConfigField, ...] = (
        ConfigField("url", "Feed address", "url", help="The RSS, Atom or JSON Feed URL"),
        ConfigField(
            "max_bytes", "Size limit (bytes)", "int", required=False, help="Largest response accepted"
        ),
    )

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        max_bytes = int(config["max_bytes"]) if config.get("max_bytes") else None
        response = http.get(
            str(config["url"]),
            etag=state.etag,
            last_modified=state.last_modified,
            max_bytes=max_bytes,
            accept=FEED_ACCEPT,
        )
        if response.not_modified:
            return FetchResult(items=[], not_modified=True)
        return FetchResult(
            items=parse_feed(response.body, response.headers, response.url),
            etag=response.etag,
            last_modified=response.last_modified,
        )
