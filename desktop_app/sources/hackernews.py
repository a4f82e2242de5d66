"""Hacker News stories and comments through the Algolia HN Search API (search_by_date). Keyless.

Docs: https://hn.algolia.com/api. Limit: 10,000 requests an hour per IP; we make at most MAX_PAGES a poll.
The cursor is the newest created_at_i seen; the next poll asks only for newer hits.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from desktop_app.core.errors import BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import get_json, int_or_none, parse_time, server_url, text_of, with_query

DEFAULT_SERVER = "https://hn.algolia.com"
ITEM_URL = "https://news.ycombinator.com/item?id="
USER_URL = "https://news.ycombinator.com/user?id="
MAX_PAGES = 5
HITS_PER_PAGE = 100
FIRST_POLL_DAYS = 7
TAGS = {"stories and comments": "(story,comment)", "stories": "story", "comments": "comment"}


def search_url(server: str, query: str, tags: str, since: int, page: int, per_page: int) -> str:
    return with_query(
        f"{server}/api/v1/search_by_date",
        {
            "query": query,
            "tags": tags,
            "numericFilters": f"created_at_i>{since}",
            "hitsPerPage": per_page,
            "page": page,
        },
    )


def hit_to_item(hit: Mapping[str, Any], query: str | None = None) -> FetchedItem | None:
    object_id = text_of(hit.get("objectID"))
    if not object_id:
        return None
    raw_tags = hit.get("_tags")
    tags: list[Any] = raw_tags if isinstance(raw_tags, list) else []
    is_comment = "comment" in tags or bool(hit.get("comment_text"))
    author = text_of(hit.get("author")) or None
    if is_comment:
        title = "Re: " + (text_of(hit.get("story_title")) or "a Hacker News story")
        url = ITEM_URL + object_id
        html = text_of(hit.get("comment_text"))
    else:
        title = text_of(hit.get("title"))
        url = text_of(hit.get("url")) or ITEM_URL + object_id
        html = text_of(hit.get("story_text"))
    points = int_or_none(hit.get("points"))
    return FetchedItem(
        source_item_id=object_id,
        url=url,
        title=title,
        content_html=html,
        author=author,
        author_url=USER_URL + author if author else None,
        published=parse_time(hit.get("created_at_i") or hit.get("created_at")),
        reach=points,
        reach_label="points" if points is not None else None,
        query=query,
        extra={
            "discussion_url": ITEM_URL + text_of(hit.get("story_id") or object_id),
            "comments": int_or_none(hit.get("num_comments")),
        },
    )


def _hits(data: Any) -> tuple[list[dict[str, Any]], int]:
    if not isinstance(data, dict) or not isinstance(data.get("hits"), list):
        raise BadResponse(
            "Hacker News search returned data without a list of hits; the API may have changed."
        )
    pages = int_or_none(data.get("nbPages")) or 0
    return [h for h in data["hits"] if isinstance(h, dict)], pages


class HackerNewsConnector:
    kind: str = "hackernews"
    label: str = "Hacker News search"
    default_interval_minutes: int = 30
    fields: tuple[ConfigField, ...] = (
        ConfigField("query", "Search", help="Words to search stories and comments for"),
        ConfigField(
            "tags", "Search in", "choice", required=False, default="stories and comments", choices=tuple(TAGS)
        ),
        ConfigField("server", "Server", "url", required=False, default=DEFAULT_SERVER, advanced=True),
    )

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        query = str(config["query"]).strip()
        tags = TAGS.get(str(config.get("tags") or ""), TAGS["stories and comments"])
        server = server_url(config, DEFAULT_SERVER)
        cursor = int_or_none(state.cursor)
        since = cursor if cursor is not None else int(time.time()) - FIRST_POLL_DAYS * 86400
        items: list[FetchedItem] = []
        newest = cursor or 0
        for page in range(MAX_PAGES):
            url = search_url(server, query, tags, since, page, HITS_PER_PAGE)
            hits, pages = _hits(get_json(http, url, "Hacker News search results")[0])
            for hit in hits:
                item = hit_to_item(hit, query)
                if item is None:
                    continue
                created = int_or_none(hit.get("created_at_i")) or 0
                if cursor is not None and created and created <= cursor:
                    continue
                newest = max(newest, created)
                items.append(item)
            if not hits or page + 1 >= pages:
                break
        return FetchResult(items=items, cursor=str(newest) if newest else state.cursor)
