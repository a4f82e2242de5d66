"""Mastodon: an instance's hashtag timeline and/or status search.

Docs: https://docs.joinmastodon.org/methods/timelines/#tag and /methods/search/#v2. Limit: 300 requests
per 5 minutes per account or IP; we make at most MAX_PAGES per part a poll, and read X-RateLimit-Remaining /
X-RateLimit-Reset (an ISO 8601 time): at zero the poll stops paging and the host rests until the reset. Search needs a token on most
instances (the optional secret `access_token`, sent as Bearer). The cursor is the largest status id seen;
the tag timeline gets it as since_id, search as min_id; Link rel="next" pages walk back to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from desktop_app.core.errors import BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import (
    escape_text,
    get_json,
    int_or_none,
    parse_time,
    server_url,
    text_of,
    with_query,
)
from desktop_app.sources.keyed import respect_rate_headers

DEFAULT_SERVER = "https://mastodon.social"
PAGE_LIMIT = 40  # the API's maximum
MAX_PAGES = 4
_LINK = re.compile(r"<([^>]*)>\s*;([^,]*)")


def id_key(status_id: str) -> tuple[int, str]:
    """Status ids are numbers in strings; compare by length, then text (works for any size)."""
    text = status_id.strip()
    return len(text.lstrip("0")) if text.isdigit() else 0, text.lstrip("0") if text.isdigit() else text


def newer(a: str, b: str | None) -> bool:
    return b is None or id_key(a) > id_key(b)


def next_link(link_header: str | None) -> str | None:
    """The rel="next" target of a Link header."""
    for target, params in _LINK.findall(link_header or ""):
        if re.search(r'rel\s*=\s*"?next"?', params):
            return target.strip()
    return None


def status_to_item(status: Mapping[str, Any], query: str | None) -> FetchedItem | None:
    reblog = status.get("reblog")
    shown: Mapping[str, Any] = reblog if isinstance(reblog, dict) else status
    status_id = text_of(status.get("id"))
    if not status_id:
        return None
    raw_account = shown.get("account")
    account: Mapping[str, Any] = raw_account if isinstance(raw_account, dict) else {}
    spoiler = text_of(shown.get("spoiler_text"))
    content = text_of(shown.get("content"))
    if spoiler:
        content = f"<p>CW: {escape_text(spoiler)}</p>{content}"
    likes = int_or_none(shown.get("favourites_count")) or 0
    boosts = int_or_none(shown.get("reblogs_count")) or 0
    return FetchedItem(
        source_item_id=status_id,
        url=text_of(shown.get("url")) or text_of(shown.get("uri")) or None,
        title=spoiler,
        content_html=content,
        author=text_of(account.get("acct")) or None,
        author_url=text_of(account.get("url")) or None,
        published=parse_time(shown.get("created_at")),
        reach=likes + boosts,
        reach_label="likes + boosts",
        query=query,
        extra={"followers": int_or_none(account.get("followers_count")), "language": shown.get("language")},
    )


class MastodonConnector:
    kind: str = "mastodon"
    label: str = "Mastodon hashtag / search"
    default_interval_minutes: int = 15
    fields: tuple[ConfigField, ...] = (
        ConfigField("server", "Instance", "url", required=False, default=DEFAULT_SERVER),
        ConfigField("hashtag", "Hashtag", required=False, help="Without the #, e.g. acme"),
        ConfigField("query", "Search", required=False, help="Status search; most instances need a token"),
        ConfigField("access_token", "Access token", "secret", required=False, help="Kept in the keyring"),
    )

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        server = server_url(config, DEFAULT_SERVER)
        hashtag = text_of(config.get("hashtag")).lstrip("#")
        query = text_of(config.get("query"))
        if not hashtag and not query:
            raise BadResponse("A Mastodon source needs a hashtag or a search; edit the source to add one.")
        token = secrets.get("access_token")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        cursor = text_of(state.cursor) or None
        found: dict[str, FetchedItem] = {}
        if hashtag:
            url = with_query(
                f"{server}/api/v1/timelines/tag/{quote(hashtag, safe='')}",
                {"limit": PAGE_LIMIT, "since_id": cursor},
            )
            self._walk(http, url, server, headers, cursor, f"#{hashtag}", found, list_key=None)
        if query:
            url = with_query(
                f"{server}/api/v2/search",
                {"q": query, "type": "statuses", "limit": PAGE_LIMIT, "min_id": cursor, "resolve": "false"},
            )
            self._walk(http, url, server, headers, cursor, query, found, list_key="statuses")
        newest = cursor
        for status_id in found:
            if newer(status_id, newest):
                newest = status_id
        items = sorted(found.values(), key=lambda i: id_key(i.source_item_id), reverse=True)
        return FetchResult(items=items, cursor=newest)

    def _walk(
        self,
        http: HttpClient,
        url: str,
        server: str,
        headers: dict[str, str],
        cursor: str | None,
        query: str,
        found: dict[str, FetchedItem],
        list_key: str | None,
    ) -> None:
        """Follow rel="next" (older) pages until the cursor is reached, on the instance's own origin only."""
        origin = urlsplit(server)[:2]
        first_url, offset = url, 0
        for _ in range(MAX_PAGES if cursor else 1):
            data, response = get_json(http, url, "Mastodon statuses", headers, token_sent=bool(headers))
            statuses = data.get(list_key) if list_key and isinstance(data, dict) else data
            if not isinstance(statuses, list):
                raise BadResponse(
                    "Mastodon returned data without a list of statuses; is this a Mastodon server?"
                )
            reached = False
            for status in statuses:
                if not isinstance(status, dict):
                    continue
                item = status_to_item(status, query)
                if item is None:
                    continue
                if not newer(item.source_item_id, cursor):
                    reached = True
                    continue
                found.setdefault(item.source_item_id, item)
            following = next_link(response.headers.get("link"))
            if following is None and list_key and len(statuses) >= PAGE_LIMIT:
                offset += len(statuses)  # search pages by offset, not by Link
                following = with_query(first_url, {"offset": offset})
            limited = respect_rate_headers(http, response, "x-ratelimit-remaining", "x-ratelimit-reset")
            if reached or not statuses or not following or limited:
                return  # limited: the instance's window is spent; the host rests until its reset
            url = urljoin(response.url, following)
            if urlsplit(url)[:2] != origin:
                return  # never send the token to another site
