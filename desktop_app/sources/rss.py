"""RSS / Atom / JSON Feed sources: feedparser on the fetched bytes.

feedparser runs with sanitize_html and resolve_relative_uris off (about 1.8x faster on our captures): the
HTML it returns is untrusted and is only ever shown through core.html.sanitize_html (nh3). Relative links
in an item's HTML are resolved here, only for the items that have them.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from desktop_app.core.errors import NotAFeed
from desktop_app.core.models import FeedBody, FetchedItem, FetchResult
from desktop_app.sources import feedparser_speedups
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.cpu_turns import cpu_turn
from desktop_app.sources.feed_guard import check_entities, looks_like_html, looks_like_json, strip_bom
from desktop_app.sources.http import HttpClient
from desktop_app.sources.jsonfeed import parse_json_feed

feedparser_speedups.install()  # the same parse, ~20% less CPU (see the module)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
_RELATIVE_ATTR = re.compile(r"""(\b(?:href|src)\s*=\s*)(["'])(?![a-zA-Z][\w+.-]*:|//|#)([^"']*)\2""")
_HN_POINTS = re.compile(r"Points:\s*(\d+)")
_REDDIT_SUBMITTER = re.compile(r"submitted by.{0,40}?<a href=[\"'][^\"']*/u(?:ser)?/([\w-]+)", re.IGNORECASE)


def _time(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, TypeError, OSError):
                continue
    return None


def _content(entry: Mapping[str, Any]) -> tuple[str, str | None]:
    """The fullest HTML the entry has, and the base URI feedparser saw for it."""
    for part in sorted(entry.get("content") or [], key=lambda c: len(c.get("value") or ""), reverse=True):
        if part.get("value"):
            return str(part["value"]), part.get("base")
    detail = entry.get("summary_detail") or {}
    return str(entry.get("summary") or entry.get("description") or ""), detail.get("base")


def _resolve_links(markup: str, base: str | None) -> str:
    if not base or "=" not in markup:
        return markup
    return _RELATIVE_ATTR.sub(lambda m: f"{m[1]}{m[2]}{urljoin(base, m[3])}{m[2]}", markup)


def _reddit_submitter(summary: str) -> str | None:
    match = _REDDIT_SUBMITTER.search(summary)
    return f"/u/{match[1]}" if match else None


def _author(entry: Mapping[str, Any], feed: Mapping[str, Any], summary: str) -> tuple[str | None, str | None]:
    """Entry author, else the outlet (Google News `source`), else Reddit's "submitted by", else the feed's."""
    detail = entry.get("author_detail") or {}
    name = (detail.get("name") or entry.get("author") or "").strip()
    if name:
        return name, detail.get("href")
    source = entry.get("source") or {}
    if source.get("title"):
        return str(source["title"]).strip(), source.get("href")
    submitter = _reddit_submitter(summary) if "submitted by" in summary else None
    if submitter:
        return submitter, f"https://www.reddit.com/user/{submitter[3:]}"
    feed_detail = feed.get("author_detail") or {}
    feed_name = (feed_detail.get("name") or feed.get("author") or "").strip()
    return (feed_name or None), (feed_detail.get("href") if feed_name else None)


def _int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _reach(entry: Mapping[str, Any], summary: str) -> tuple[int | None, str | None]:
    """What the feed says about reach: Slash comments, YouTube views, hnrss points."""
    comments = _int(entry.get("slash_comments"))
    if comments is not None:
        return comments, "comments"
    views = _int((entry.get("media_statistics") or {}).get("views"))
    if views is not None:
        return views, "views"
    points = _HN_POINTS.search(summary) if "Points:" in summary else None
    if points:
        return int(points[1]), "points"
    return None, None


def _rating(entry: Mapping[str, Any]) -> float | None:
    """App Store review stars (im:rating)."""
    try:
        return float(entry["im_rating"]) if entry.get("im_rating") else None
    except (TypeError, ValueError):
        return None


def _item_id(entry: Mapping[str, Any]) -> str:
    value = entry.get("id") or entry.get("link")
    if value:
        return str(value)
    seed = f"{entry.get('title', '')}\n{entry.get('summary', '')}"
    return "sha1:" + hashlib.sha1(seed.encode("utf-8", "replace")).hexdigest()


def entry_to_item(
    entry: Mapping[str, Any], base_url: str | None = None, feed: Mapping[str, Any] | None = None
) -> FetchedItem:
    html, content_base = _content(entry)
    summary = str(entry.get("summary") or "")
    reach, reach_label = _reach(entry, summary)
    author, author_url = _author(entry, feed or {}, summary)
    link = entry.get("link")
    return FetchedItem(
        source_item_id=_item_id(entry),
        url=urljoin(base_url, str(link)) if link and base_url else (str(link) if link else None),
        title=str(entry.get("title") or ""),
        content_html=_resolve_links(html, content_base or base_url),
        author=author,
        author_url=author_url,
        published=_time(entry),
        reach=reach,
        reach_label=reach_label,
        rating=_rating(entry),
    )


def _feedparser(body: bytes, headers: dict[str, str], base_url: str | None) -> Any:
    if base_url:
        headers = {**headers, "content-location": base_url}
    # A stream, never bytes: feedparser.parse(bytes) opens the bytes as a local file name if one exists.
    return feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )


def parse_feed(
    body: bytes, headers: Mapping[str, str] | None = None, base_url: str | None = None
) -> list[FetchedItem]:
    """Items of an RSS, Atom or JSON Feed body. Raises NotAFeed for anything else."""
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    content_type = lowered.get("content-type", "").lower()
    body = strip_bom(body)
    if not body:
        raise NotAFeed("Not a feed: the address returned an empty page.")
    if looks_like_json(body):
        return parse_json_feed(body, base_url)
    if looks_like_html(body, content_type):
        raise NotAFeed("Not a feed: the address returned a web page (HTML, maybe a login or consent page).")
    check_entities(body)
    with cpu_turn():
        parsed = _feedparser(body, lowered, base_url)
        if parsed.entries:
            return [entry_to_item(e, base_url, parsed.feed) for e in parsed.entries]
    if parsed.get("version") or parsed.feed.get("title"):
        return []  # a feed with nothing in it yet
    raise NotAFeed("Not a feed: the address did not return RSS, Atom or JSON Feed (check the URL).")


class RssConnector:
    kind: str = "rss"
    label: str = "RSS / Atom feed"
    default_interval_minutes: int = 30
    fields: tuple[ConfigField, ...] = (
        ConfigField("url", "Feed address", "url", help="The RSS, Atom or JSON Feed URL"),
        ConfigField(
            "max_bytes", "Size limit (bytes)", "int", required=False, help="Largest response accepted"
        ),
    )

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        return parsed(self.fetch_unparsed(config, state, http, secrets))

    def fetch_unparsed(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        """The conditional GET alone: `feed` holds the body for the ingest step to parse (`parsed()`)."""
        max_bytes = int(config["max_bytes"]) if config.get("max_bytes") else None
        response = http.get(
            str(config["url"]),
            etag=state.etag,
            last_modified=state.last_modified,
            max_bytes=max_bytes,
            accept=FEED_ACCEPT,
        )
        if response.not_modified:
            return FetchResult(
                items=[],
                not_modified=True,
                etag=response.etag or state.etag,
                last_modified=response.last_modified or state.last_modified,
            )
        return FetchResult(
            items=[],
            feed=FeedBody(response.body, dict(response.headers), response.url),
            etag=response.etag,
            last_modified=response.last_modified,
        )


def parsed(result: FetchResult) -> FetchResult:
    """`result` with its unparsed feed body (if any) parsed into items."""
    if result.feed is None:
        return result
    feed = result.feed
    return replace(result, items=parse_feed(feed.body, feed.headers, feed.url), feed=None)
