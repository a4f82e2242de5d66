"""Reddit search through the official API, with an app-only OAuth token.

Docs: https://github.com/reddit-archive/reddit/wiki/OAuth2 (application-only, grant_type=client_credentials)
and https://www.reddit.com/dev/api#GET_search. The app's id and secret are sent as HTTP Basic auth to
/api/v1/access_token; the token (valid about a day) is kept in memory only. Reddit asks for a descriptive
User-Agent ("<platform>:<app id>:<version> (by /u/<username>)") and allows 100 requests a minute per
client id; its X-Ratelimit-Remaining/-Reset headers are obeyed. Search is sorted by new and paged with
`after`; the cursor keeps the ids already seen, so a poll walks back only to where the last one stopped.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Any

from desktop_app import __version__
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

API_BASE = "https://oauth.reddit.com"
TOKEN_URL = "https://www.reddit.com/api/v1/access_token"
PAGE_LIMIT = 100  # the API's maximum
MAX_PAGES = 3
WEB = "https://www.reddit.com"
KEY_NAME = "Reddit app id and secret"


def user_agent(username: str) -> str:
    by = f" (by /u/{username.lstrip('/').removeprefix('u/')})" if username else ""
    return f"desktop:app.earshot:{__version__}{by}"


def post_to_item(data: Mapping[str, Any], query: str) -> FetchedItem | None:
    name = text_of(data.get("name")) or (f"t3_{text_of(data.get('id'))}" if data.get("id") else "")
    if not name:
        return None
    permalink = text_of(data.get("permalink"))
    author = text_of(data.get("author"))
    text = text_of(data.get("selftext"))
    return FetchedItem(
        source_item_id=name,
        url=f"{WEB}{permalink}" if permalink.startswith("/") else (text_of(data.get("url")) or None),
        title=text_of(data.get("title")),
        content_html=escape_text(text),
        author=author if author and author != "[deleted]" else None,
        author_url=f"{WEB}/user/{author}" if author and author != "[deleted]" else None,
        published=parse_time(data.get("created_utc")),
        reach=int_or_none(data.get("score")),
        reach_label="upvotes",
        query=query,
        extra={
            "subreddit": text_of(data.get("subreddit")),
            "comments": int_or_none(data.get("num_comments")),
        },
    )


class RedditConnector:
    kind: str = "reddit"
    label: str = "Reddit search (API key)"
    default_interval_minutes: int = 15
    required_secrets: tuple[str, ...] = ("client_id", "client_secret")  # the source cannot work without them
    fields: tuple[ConfigField, ...] = (
        ConfigField("query", "Search", help='What to search for, e.g. "acme" OR acmecorp'),
        ConfigField("subreddit", "Subreddit", required=False, help="Only this subreddit (without r/)"),
        ConfigField(
            "username", "Your Reddit username", required=False,
            help="Goes into the User-Agent, as Reddit's API rules ask",
        ),
        ConfigField(
            "client_id", "App id", "secret", required=False,
            help="From reddit.com/prefs/apps: create a 'script' app; kept in the keyring",
        ),
        ConfigField("client_secret", "App secret", "secret", required=False, help="Kept in the keyring"),
        ConfigField("api_base", "API address", "url", required=False, default=API_BASE, advanced=True),
        ConfigField("token_url", "Token address", "url", required=False, default=TOKEN_URL, advanced=True),
    )  # fmt: skip

    def __init__(self) -> None:
        self._tokens = TokenCache()

    def _token(
        self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]
    ) -> tuple[str, str]:
        client_id = need_secret(secrets, "client_id", "Reddit app id")
        client_secret = need_secret(secrets, "client_secret", "Reddit app secret")
        token_url = str(config.get("token_url") or TOKEN_URL)
        key = hashlib.sha256(f"{token_url}\n{client_id}\n{client_secret}".encode()).hexdigest()
        token = self._tokens.get(key)
        if token:
            return token, key
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        data = api_post(
            http, token_url, "a Reddit token", KEY_NAME,
            form={"grant_type": "client_credentials"},
            headers={"Authorization": f"Basic {basic}", "User-Agent": self._agent(config)},
        )  # fmt: skip
        token = text_of(data.get("access_token")) if isinstance(data, dict) else ""
        if not token:
            raise AuthError(f"Reddit did not issue a token: key rejected; check the {KEY_NAME}.")
        self._tokens.put(key, token, float(int_or_none(data.get("expires_in")) or 3600))
        return token, key

    @staticmethod
    def _agent(config: Mapping[str, Any]) -> str:
        return user_agent(text_of(config.get("username")))

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        query = text_of(config.get("query"))
        if not query:
            raise BadResponse("A Reddit source needs a search; edit the source to add one.")
        token, key = self._token(config, http, secrets)
        headers = {"Authorization": f"bearer {token}", "User-Agent": self._agent(config)}
        base = api_base(config, API_BASE)
        subreddit = text_of(config.get("subreddit")).removeprefix("r/").strip("/")
        path = f"{base}/r/{subreddit}/search" if subreddit else f"{base}/search"
        params = {"q": query, "sort": "new", "limit": PAGE_LIMIT, "type": "link", "raw_json": 1}
        if subreddit:
            params["restrict_sr"] = "on"
        saved = read_state(state.cursor)
        seen = Seen(saved)
        items: list[FetchedItem] = []
        after: str | None = None
        try:
            for _ in range(1 if seen.first_poll else MAX_PAGES):
                data, response = api_get(
                    http, with_query(path, {**params, "after": after}), "Reddit search", KEY_NAME, headers
                )
                listing = data.get("data") if isinstance(data, dict) else None
                children = listing.get("children") if isinstance(listing, dict) else None
                if not isinstance(listing, dict) or not isinstance(children, list):
                    raise BadResponse("Reddit returned data without a listing of posts.")
                reached = False
                for child in children:
                    post = child.get("data") if isinstance(child, dict) else None
                    item = post_to_item(post, query) if isinstance(post, dict) else None
                    if item is None:
                        continue
                    if seen.add(item.source_item_id):
                        items.append(item)
                    else:
                        reached = True
                after = text_of(listing.get("after")) or None
                limited = respect_rate_headers(http, response, "x-ratelimit-remaining", "x-ratelimit-reset")
                if reached or not after or limited:
                    break
        except AuthError:
            self._tokens.drop(key)  # a token the server no longer takes: ask for a new one next time
            raise
        return FetchResult(items=items, cursor=write_state({**saved, "seen": seen.dump()}))

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        """Sign in and run the search for one post."""
        token, _key = self._token(config, http, secrets)
        headers = {"Authorization": f"bearer {token}", "User-Agent": self._agent(config)}
        url = with_query(
            f"{api_base(config, API_BASE)}/search",
            {"q": text_of(config.get("query")) or "reddit", "limit": 1, "sort": "new"},
        )
        api_get(http, url, "Reddit search", KEY_NAME, headers)
        return "Reddit accepted the app id and secret."
