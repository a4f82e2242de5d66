"""JSON Feed 1 and 1.1 (https://jsonfeed.org/version/1.1) bodies to FetchedItems."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from desktop_app.core.errors import NotAFeed
from desktop_app.core.models import FetchedItem


def parse_json_feed(body: bytes, base_url: str | None = None) -> list[FetchedItem]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotAFeed("Not a feed: the address returned broken JSON.") from exc
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise NotAFeed(
            "Not a feed: the address returned JSON data, not a JSON Feed "
            "(an API answer needs its own kind of source)."
        )
    base = str(data.get("home_page_url") or base_url or "") or None
    feed_author = _author(data)
    raw_items = data.get("items")
    items = raw_items if isinstance(raw_items, list) else []
    return [_item(raw, base, feed_author) for raw in items if isinstance(raw, dict)]


def _author(obj: dict[str, Any]) -> dict[str, Any]:
    """Version 1.1 has `authors` (a list); version 1 has `author` (an object)."""
    authors = obj.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return authors[0]
    author = obj.get("author")
    return author if isinstance(author, dict) else {}


def _item(raw: dict[str, Any], base: str | None, feed_author: dict[str, Any]) -> FetchedItem:
    author = _author(raw) or feed_author
    url = _text(raw.get("url")) or _text(raw.get("external_url"))
    content = _text(raw.get("content_html")) or _escape(_text(raw.get("content_text")))
    return FetchedItem(
        source_item_id=_text(raw.get("id")) or url or _digest(raw),
        url=urljoin(base, url) if url and base else url,
        title=_text(raw.get("title")),
        content_html=content or _escape(_text(raw.get("summary"))),
        author=_text(author.get("name")) or None,
        author_url=_text(author.get("url")) or None,
        published=parse_iso(raw.get("date_published") or raw.get("date_modified")),
        extra={"tags": [str(t) for t in raw.get("tags") or [] if isinstance(t, str)]}
        if raw.get("tags")
        else {},
    )


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _digest(raw: dict[str, Any]) -> str:
    seed = f"{raw.get('title', '')}\n{raw.get('content_html') or raw.get('content_text') or ''}"
    return "sha1:" + hashlib.sha1(seed.encode("utf-8", "replace")).hexdigest()


def parse_iso(value: Any) -> datetime | None:
    """RFC 3339 date to an aware UTC datetime; a date without zone is taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
