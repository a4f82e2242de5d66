"""Bluesky post search, signed in with a handle and an app password.

Docs: https://docs.bsky.app/docs/api/com-atproto-server-create-session and
https://docs.bsky.app/docs/api/app-bsky-feed-search-posts. createSession is limited (30 per 5 minutes,
300 a day per account), so the session's access token is kept in memory and reused until it expires.
searchPosts: sort=latest, limit up to 100, paged with `cursor`; `since` (the newest post seen) makes a poll
ask only for what is new. RateLimit-Remaining/-Reset (epoch seconds) are obeyed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.core.errors import AuthError, BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import escape_text, int_or_none, parse_time, text_of, with_query
from desktop_app.sources.keyed import (
    Seen,
    TokenCache,
    api_base,
    api_get,
    api_post,
    need_secret,
    read_state,
    respect_rate_headers,
    write_state,
)

API_BASE = "https://bsky.social"
PAGE_LIMIT = 100
MAX_PAGES = 3
SESSION_SECONDS = 90 * 60  # access tokens live about two hours
KEY_NAME = "Bluesky handle and app password"


def post_to_item(post: Mapping[str, Any], query: str) -> FetchedItem | None:
    uri = text_of(post.get("uri"))
    if not uri:
        return None
    raw_author = post.get("author")
    author: Mapping[str, Any] = raw_author if isinstance(raw_author, dict) else {}
    raw_record = post.get("record")
    record: Mapping[str, Any] = raw_record if isinstance(raw_record, dict) else {}
    handle = text_of(author.get("handle"))
    rkey = uri.rsplit("/", 1)[-1]
    likes = int_or_none(post.get("likeCount")) or 0
    reposts = int_or_none(post.get("repostCount")) or 0
    return FetchedItem(
        source_item_id=uri,
        url=f"https://bsky.app/profile/{handle or text_of(author.get('did'))}/post/{rkey}",
        title="",
        content_html=escape_text(text_of(record.get("text"))),
        author=handle or None,
        author_url=f"https://bsky.app/profile/{handle}" if handle else None,
        published=parse_time(record.get("createdAt")) or parse_time(post.get("indexedAt")),
        reach=likes + reposts,
        reach_label="likes + reposts",
        query=query,
        extra={
            "replies": int_or_none(post.get("replyCount")),
            "language": (record.get("langs") or [None])[0],
        },
    )


class BlueskyConnector:
    kind: str = "bluesky"
    label: str = "Bluesky search (app password)"
    default_interval_minutes: int = 15
    required_secrets: tuple[str, ...] = ("app_password",)  # the source cannot work without them
    fields: tuple[ConfigField, ...] = (
        ConfigField("query", "Search", help="Words or a phrase, e.g. acme"),
        ConfigField("handle", "Your handle", help="e.g. yourname.bsky.social"),
        ConfigField(
            "app_password", "App password", "secret", required=False,
            help="Settings → Privacy and security → App passwords (not your account password); kept in the keyring",
        ),
        ConfigField("language", "Language", required=False, help="Only posts in this language, e.g. en"),
        ConfigField("api_base", "Server address", "url", required=False, default=API_BASE, advanced=True),
    )  # fmt: skip

    def __init__(self) -> None:
        self._sessions = TokenCache()

    def _session(
        self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]
    ) -> tuple[str, str]:
        handle = text_of(config.get("handle")).lstrip("@")
        password = need_secret(secrets, "app_password", "Bluesky app password")
        if not handle:
            raise AuthError("A Bluesky source needs your handle to sign in; edit the source to add it.")
        base = api_base(config, API_BASE)
        key = TokenCache.key(base, handle, password)
        token = self._sessions.get(key)
        if token:
            return token, key
        data = api_post(
            http, f"{base}/xrpc/com.atproto.server.createSession", "a Bluesky session", KEY_NAME,
            payload={"identifier": handle, "password": password},
        )  # fmt: skip
        token = text_of(data.get("accessJwt")) if isinstance(data, dict) else ""
        if not token:
            raise AuthError(f"Bluesky did not open a session: key rejected; check the {KEY_NAME}.")
        self._sessions.put(key, token, SESSION_SECONDS)
        return token, key

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        query = text_of(config.get("query"))
        if not query:
            raise BadResponse("A Bluesky source needs a search; edit the source to add one.")
        token, key = self._session(config, http, secrets)
        saved = read_state(state.cursor)
        seen = Seen(saved)
        since = text_of(saved.get("since")) or None
        params = {
            "q": query,
            "sort": "latest",
            "limit": PAGE_LIMIT,
            "since": since,
            "lang": text_of(config.get("language")) or None,
        }
        url = f"{api_base(config, API_BASE)}/xrpc/app.bsky.feed.searchPosts"
        headers = {"Authorization": f"Bearer {token}"}
        items: list[FetchedItem] = []
        page_cursor: str | None = None
        newest = since
        try:
            for _ in range(1 if seen.first_poll else MAX_PAGES):
                data, response = api_get(
                    http,
                    with_query(url, {**params, "cursor": page_cursor}),
                    "Bluesky posts",
                    KEY_NAME,
                    headers,
                )
                posts = data.get("posts") if isinstance(data, dict) else None
                if not isinstance(posts, list):
                    raise BadResponse("Bluesky returned data without a list of posts.")
                reached = False
                for post in posts:
                    item = post_to_item(post, query) if isinstance(post, dict) else None
                    if item is None:
                        continue
                    stamp = text_of(post.get("indexedAt"))
                    if stamp and (newest is None or stamp > newest):
                        newest = stamp
                    if seen.add(item.source_item_id):
                        items.append(item)
                    else:
                        reached = True
                page_cursor = text_of(data.get("cursor")) or None
                limited = respect_rate_headers(
                    http, response, "ratelimit-remaining", "ratelimit-reset", reset_is_epoch=True
                )
                if reached or not posts or not page_cursor or limited:
                    break
        except AuthError:
            self._sessions.drop(key)  # an expired or revoked session: sign in again next time
            raise
        return FetchResult(items=items, cursor=write_state({**saved, "since": newest, "seen": seen.dump()}))

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        self._session(config, http, secrets)
        return "Bluesky accepted the handle and app password."
