"""Google News search as RSS: one query, a language and a country. Keyless.

The feed has no "since" parameter, so the cursor remembers the ids of recent items and a poll returns only
items it has not returned before (an article Google indexes late still counts as new).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from desktop_app.core.models import FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import only_new, server_url
from desktop_app.sources.rss import FEED_ACCEPT, parse_feed

DEFAULT_SERVER = "https://news.google.com"


def search_url(query: str, language: str = "en-US", country: str = "US", server: str = DEFAULT_SERVER) -> str:
    """https://news.google.com/rss/search?q=...&hl=en-US&gl=US&ceid=US:en"""
    language = language.strip() or "en-US"
    country = (country.strip() or "US").upper()
    lang = language.split("-")[0].split("_")[0].lower()
    params = urlencode({"q": query.strip(), "hl": language, "gl": country, "ceid": f"{country}:{lang}"})
    return f"{server.rstrip('/')}/rss/search?{params}"


def fetch_feed(url: str, state: SourceState, http: HttpClient, query: str | None = None) -> FetchResult:
    """Conditional GET of a feed, parse, and keep only items the cursor has not seen."""
    response = http.get(url, etag=state.etag, last_modified=state.last_modified, accept=FEED_ACCEPT)
    if response.not_modified:
        return FetchResult(
            items=[],
            cursor=state.cursor,
            not_modified=True,
            etag=response.etag or state.etag,
            last_modified=response.last_modified or state.last_modified,
        )
    items = parse_feed(response.body, response.headers, response.url)
    if query:
        items = [replace(item, query=query) for item in items]
    fresh, cursor = only_new(items, state.cursor)
    return FetchResult(items=fresh, cursor=cursor, etag=response.etag, last_modified=response.last_modified)


class GoogleNewsConnector:
    kind: str = "google_news"
    label: str = "Google News search"
    default_interval_minutes: int = 60
    fields: tuple[ConfigField, ...] = (
        ConfigField("query", "Search", help='What to search for; quote phrases, e.g. "Acme sucks"'),
        ConfigField("language", "Language", required=False, default="en-US", help="e.g. en-US, en-GB, fr"),
        ConfigField("country", "Country", required=False, default="US", help="Two letters, e.g. US, GB"),
        ConfigField("server", "Server", "url", required=False, default=DEFAULT_SERVER, advanced=True),
    )

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        query = str(config["query"]).strip()
        url = search_url(
            query,
            str(config.get("language") or "en-US"),
            str(config.get("country") or "US"),
            server_url(config, DEFAULT_SERVER),
        )
        return fetch_feed(url, state, http, query)
