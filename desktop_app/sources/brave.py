"""Brave Search API: web and news results for a query (the "I hate <brand>" pages, forums, anti-brand sites).

Docs: https://api-dashboard.search.brave.com/app/documentation (GET /res/v1/web/search and
/res/v1/news/search, key in the X-Subscription-Token header, `count` up to 20, `offset` pages 0-9,
`freshness` pd/pw/pm/py). Plans meter queries per second and per month; X-RateLimit-Remaining and
-Reset carry one value per window ("1, 1999") and a window at zero rests the host until it resets.
Web results have no stable id or date order, so the state remembers the URLs already seen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from desktop_app.core.errors import BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import escape_text, parse_time, text_of, with_query
from desktop_app.sources.keyed import (
    Seen,
    api_base,
    api_get,
    need_secret,
    read_state,
    respect_rate_headers,
    write_state,
)

API_BASE = "https://api.search.brave.com/res/v1"
PAGE_LIMIT = 20
MAX_PAGES = 2
KEY_NAME = "Brave Search API key"
FRESHNESS = ("pd", "pw", "pm", "py")
_TAG = re.compile(r"<[^>]{0,200}>")


def _strip_tags(text: str) -> str:
    """Brave marks matches with <strong>; keep the words only (the text is escaped again later)."""
    return _TAG.sub("", text) if "<" in text else text


def result_to_item(result: Mapping[str, Any], query: str, vertical: str) -> FetchedItem | None:
    url = text_of(result.get("url"))
    if not url.startswith(("http://", "https://")):
        return None
    raw_meta = result.get("meta_url")
    meta: Mapping[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}
    raw_profile = result.get("profile")
    profile: Mapping[str, Any] = raw_profile if isinstance(raw_profile, dict) else {}
    site = text_of(profile.get("name")) or text_of(meta.get("hostname")) or None
    return FetchedItem(
        source_item_id=url,
        url=url,
        title=_strip_tags(text_of(result.get("title"))),
        content_html=escape_text(_strip_tags(text_of(result.get("description")))),
        author=site,
        published=parse_time(result.get("page_age")),
        query=query,
        extra={"search": vertical, "age": text_of(result.get("age")) or None},
    )


class BraveConnector:
    kind: str = "brave"
    label: str = "Brave Search web + news (API key)"
    default_interval_minutes: int = 360  # the free plan has 2,000 queries a month
    required_secrets: tuple[str, ...] = ("api_key",)  # the source cannot work without them
    fields: tuple[ConfigField, ...] = (
        ConfigField("query", "Search", help='e.g. "acme sucks"'),
        ConfigField("search", "Search in", "choice", required=False, default="both", choices=("both", "web", "news")),
        ConfigField(
            "freshness", "Only pages from the last", "choice", required=False, default="pw", choices=FRESHNESS,
            help="pd: day, pw: week, pm: month, py: year",
        ),
        ConfigField("country", "Country", required=False, help="Two letters, e.g. us"),
        ConfigField(
            "api_key", "API key", "secret", required=False,
            help="From api-dashboard.search.brave.com; every poll spends 1-4 queries of your plan; kept in the keyring",
        ),
        ConfigField("api_base", "API address", "url", required=False, default=API_BASE, advanced=True),
    )  # fmt: skip

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        query = text_of(config.get("query"))
        if not query:
            raise BadResponse("A Brave Search source needs a search; edit the source to add one.")
        headers = {"X-Subscription-Token": need_secret(secrets, "api_key", KEY_NAME)}
        choice = text_of(config.get("search")) or "both"
        verticals = ("web", "news") if choice == "both" else (choice,)
        saved = read_state(state.cursor)
        seen = Seen(saved)
        items: list[FetchedItem] = []
        for vertical in verticals:
            if self._search(config, http, headers, vertical, query, seen, items):
                break  # the plan's window is used up: the host now rests
        return FetchResult(items=items, cursor=write_state({**saved, "seen": seen.dump()}))

    def _search(
        self,
        config: Mapping[str, Any],
        http: HttpClient,
        headers: Mapping[str, str],
        vertical: str,
        query: str,
        seen: Seen,
        items: list[FetchedItem],
    ) -> bool:
        """One vertical, page by page; True when the rate-limit headers say stop."""
        freshness = text_of(config.get("freshness")) or "pw"
        url = f"{api_base(config, API_BASE)}/{vertical}/search"
        for offset in range(1 if seen.first_poll else MAX_PAGES):
            params = {"q": query, "count": PAGE_LIMIT, "offset": offset or None, "freshness": freshness,
                      "country": text_of(config.get("country")) or None}  # fmt: skip
            data, response = api_get(http, with_query(url, params), "Brave results", KEY_NAME, headers)
            results = self._results(data, vertical)
            fresh = 0
            for result in results:
                item = result_to_item(result, query, vertical) if isinstance(result, dict) else None
                if item is not None and seen.add(item.source_item_id):
                    items.append(item)
                    fresh += 1
            if respect_rate_headers(http, response, "x-ratelimit-remaining", "x-ratelimit-reset"):
                return True
            more = isinstance(data.get("query"), dict) and data["query"].get("more_results_available")
            if not fresh or not more:
                break
        return False

    @staticmethod
    def _results(data: Any, vertical: str) -> list[Any]:
        holder = data.get("web") if vertical == "web" and isinstance(data, dict) else data
        results = holder.get("results") if isinstance(holder, dict) else None
        if isinstance(data, dict) and vertical == "web" and holder is None and data.get("type") == "search":
            return []  # no web results at all
        if not isinstance(results, list):
            raise BadResponse(f"Brave returned data without {vertical} results.")
        return results

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        headers = {"X-Subscription-Token": need_secret(secrets, "api_key", KEY_NAME)}
        url = with_query(
            f"{api_base(config, API_BASE)}/web/search",
            {"q": text_of(config.get("query")) or "brave", "count": 1},
        )
        api_get(http, url, "Brave results", KEY_NAME, headers)
        return "Brave accepted the key (the test used 1 query of your plan)."
