"""Bluesky: a session from handle + app password, searchPosts sorted by latest, paged with `cursor`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, NotAFeed, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.bluesky import BlueskyConnector
from desktop_app.sources.http import HttpClient
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, Call, JsonRoute, answer
from tests.support.shared_data import shared_file

SESSION_PATH = "/xrpc/com.atproto.server.createSession"
SEARCH_PATH = "/xrpc/app.bsky.feed.searchPosts"
SESSION = {
    "did": "did:plc:abc",
    "handle": "acme.bsky.social",
    "accessJwt": "jwt-access",
    "refreshJwt": "jwt-refresh",
}
SECRETS = {"app_password": "abcd-efgh-ijkl-mnop"}

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")


def post(n: int) -> dict[str, Any]:
    stamp = f"2026-11-20T10:{n:02d}:00.000Z"
    return {
        "uri": f"at://did:plc:amy/app.bsky.feed.post/rk{n}", "cid": f"cid{n}",
        "author": {"did": "did:plc:amy", "handle": "amy.bsky.social", "displayName": "Amy"},
        "record": {"$type": "app.bsky.feed.post", "text": f"Acme let me down #{n}", "createdAt": stamp, "langs": ["en"]},
        "replyCount": 0, "repostCount": 1, "likeCount": n, "quoteCount": 0, "indexedAt": stamp, "labels": [],
    }  # fmt: skip


def setup(server: ApiServer, search: JsonRoute, session: JsonRoute | None = None) -> JsonRoute:
    session = session or answer(200, SESSION)
    server.route(SESSION_PATH, handler=session)
    server.route(SEARCH_PATH, handler=search)
    return session


def fetch(
    server: ApiServer,
    http: HttpClient,
    cursor: str | None = None,
    connector: BlueskyConnector | None = None,
    secrets: dict[str, str] | None = None,
) -> FetchResult:
    cfg = {"query": "acme", "handle": "@acme.bsky.social", "api_base": server.url("")}
    return (connector or BlueskyConnector()).fetch(cfg, SourceState(cursor=cursor), http, secrets or SECRETS)


def test_captured_search(api_server: ApiServer, client: HttpClient) -> None:
    data = json.loads(shared_file("feeds", "bluesky-json", "bluesky_search.json").read_bytes())
    search = answer(200, data)
    session = setup(api_server, search)
    result = fetch(api_server, client)
    assert [i.source_item_id for i in result.items] == [p["uri"] for p in data["posts"]]
    item, raw = result.items[0], data["posts"][0]
    assert item.author == raw["author"]["handle"] and "Scaremarketing" in item.content_html
    assert (
        item.url == f"https://bsky.app/profile/{raw['author']['handle']}/post/{raw['uri'].rsplit('/', 1)[1]}"
    )
    assert item.published is not None and item.published.isoformat().startswith("2026-08-08T01:59:18")
    (sign_in,) = session.calls
    assert sign_in.method == "POST" and sign_in.json() == {
        "identifier": "acme.bsky.social",
        "password": SECRETS["app_password"],
    }
    (call,) = search.calls
    assert call.headers["authorization"] == "Bearer jwt-access"
    assert call.query == {"q": "acme", "sort": "latest", "limit": "100"}
    assert "jwt" not in (result.cursor or "") and SECRETS["app_password"] not in (result.cursor or "")


def test_cursor_pages_and_since(api_server: ApiServer, client: HttpClient) -> None:
    posts = [post(n) for n in range(9, 0, -1)]
    visible = {"n": 4}

    def search_answer(call: Call) -> tuple[int, Any, dict[str, str]]:
        shown = [p for p in posts if int(p["cid"][3:]) <= visible["n"]]
        start = int(call.query.get("cursor", "0"))
        page = shown[start : start + 2]
        more = start + 2 < len(shown)
        return 200, {"posts": page, "cursor": str(start + 2) if more else None}, {}

    search = JsonRoute(search_answer)
    session = setup(api_server, search)
    connector = BlueskyConnector()
    first = fetch(api_server, client, connector=connector)
    assert [i.source_item_id[-3:] for i in first.items] == ["rk4", "rk3"]  # first poll: one page
    visible["n"] = 9
    second = fetch(api_server, client, cursor=first.cursor, connector=connector)
    assert [i.source_item_id[-3:] for i in second.items] == ["rk9", "rk8", "rk7", "rk6", "rk5"]
    assert search.calls[1].query["since"] == "2026-11-20T10:04:00.000Z"
    assert [c.query.get("cursor") for c in search.calls[1:]] == [None, "2", "4"]
    third = fetch(api_server, client, cursor=second.cursor, connector=connector)
    assert third.items == [] and search.calls[-1].query["since"] == "2026-11-20T10:09:00.000Z"
    assert len(session.calls) == 1  # the session is reused


def test_wrong_app_password(api_server: ApiServer, client: HttpClient) -> None:
    setup(api_server, answer(200, {"posts": []}),
          answer(401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}))  # fmt: skip
    with pytest.raises(AuthError, match="key rejected") as caught:
        fetch(api_server, client)
    assert SECRETS["app_password"] not in str(caught.value)


def test_expired_session_is_dropped(api_server: ApiServer, client: HttpClient) -> None:
    session = setup(api_server, answer(400, {"error": "ExpiredToken", "message": "Token has expired"}))
    connector = BlueskyConnector()
    for _ in range(2):
        with pytest.raises(AuthError):
            fetch(api_server, client, connector=connector)
    assert len(session.calls) == 2


def test_no_app_password(api_server: ApiServer, client: HttpClient) -> None:
    with pytest.raises(AuthError, match="app password"):
        fetch(api_server, client, secrets={"other": "x"})


def test_rate_limited(api_server: ApiServer, client: HttpClient) -> None:
    setup(
        api_server,
        answer(429, {"error": "RateLimitExceeded"}, {"Retry-After": "30", "RateLimit-Remaining": "0"}),
    )
    with pytest.raises(RateLimited) as caught:
        fetch(api_server, client)
    assert caught.value.retry_after == 30


@pytest.mark.parametrize("body", ['{"cursor": "x"}', "<html>nope</html>"])
def test_malformed_body(api_server: ApiServer, client: HttpClient, body: str) -> None:
    setup(api_server, answer(200, body))
    with pytest.raises((BadResponse, NotAFeed)):
        fetch(api_server, client)
