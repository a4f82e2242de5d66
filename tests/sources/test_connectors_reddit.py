"""Reddit: app-only OAuth token, search sorted by new, paging with `after`, rate-limit headers."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.reddit import RedditConnector
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, Call, JsonRoute, answer
from tests.support.shared_data import shared_file

SECRETS = {"client_id": "app-id-1", "client_secret": "app-secret-1"}
TOKEN = {"access_token": "tok-abc", "token_type": "bearer", "expires_in": 86400, "scope": "*"}

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")


def listing(children: list[dict[str, Any]], after: str | None) -> dict[str, Any]:
    return {
        "kind": "Listing",
        "data": {"after": after, "before": None, "dist": len(children), "children": children},
    }


def capture() -> list[dict[str, Any]]:
    data = json.loads(shared_file("feeds", "reddit-json", "reddit_anthropic.json").read_bytes())
    children: list[dict[str, Any]] = data["data"]["children"]
    return sorted(children, key=lambda c: -c["data"]["created_utc"])  # as sort=new returns them


def post(n: int) -> dict[str, Any]:
    return {"kind": "t3", "data": {
        "id": f"p{n}", "name": f"t3_p{n}", "title": f"Acme post {n}", "selftext": "Acme broke again",
        "permalink": f"/r/acme/comments/p{n}/x/", "author": "amy", "created_utc": 1_763_000_000 + n,
        "score": n, "num_comments": 1, "subreddit": "acme", "url": f"https://www.reddit.com/r/acme/comments/p{n}/x/",
    }}  # fmt: skip


def setup(server: ApiServer, search: JsonRoute, token: JsonRoute | None = None) -> JsonRoute:
    token = token or answer(200, TOKEN)
    server.route("/api/v1/access_token", handler=token)
    server.route("/search", handler=search)
    return token


def fetch(
    server: ApiServer,
    http: HttpClient,
    cursor: str | None = None,
    secrets: dict[str, str] | None = None,
    connector: RedditConnector | None = None,
    **config: Any,
) -> FetchResult:
    cfg = {
        "query": "acme", "username": "acme_team", "api_base": server.url(""),
        "token_url": server.url("/api/v1/access_token"), **config,
    }  # fmt: skip
    return (connector or RedditConnector()).fetch(cfg, SourceState(cursor=cursor), http, secrets or SECRETS)


def test_captured_listing_with_an_app_only_token(api_server: ApiServer, client: HttpClient) -> None:
    children = capture()
    search = answer(200, listing(children, None))
    token = setup(api_server, search)
    result = fetch(api_server, client)
    assert [i.source_item_id for i in result.items] == [c["data"]["name"] for c in children]
    first, data = result.items[0], children[0]["data"]
    assert first.url == "https://www.reddit.com" + data["permalink"] and first.title == data["title"]
    assert first.author == data["author"] and first.reach == data["score"] and first.query == "acme"
    assert first.published is not None and first.published.timestamp() == data["created_utc"]
    (sign_in,) = token.calls
    assert sign_in.method == "POST" and sign_in.form() == {"grant_type": "client_credentials"}
    assert sign_in.headers["authorization"] == "Basic " + base64.b64encode(b"app-id-1:app-secret-1").decode()
    (call,) = search.calls
    assert call.headers["authorization"] == "bearer tok-abc"
    assert (
        call.headers["user-agent"].startswith("desktop:app.earshot:")
        and "(by /u/acme_team)" in call.headers["user-agent"]
    )
    assert call.query["sort"] == "new" and call.query["q"] == "acme" and call.query["limit"] == "100"
    assert "tok-abc" not in (result.cursor or "") and "app-secret-1" not in (result.cursor or "")


def test_pages_back_to_the_last_poll_and_then_only_new(api_server: ApiServer, client: HttpClient) -> None:
    posts = [post(n) for n in range(10, 0, -1)]  # newest first
    shown = {"from": 6}  # the first poll sees p6..p1

    def search_answer(call: Call) -> tuple[int, Any, dict[str, str]]:
        visible = [p for p in posts if int(p["data"]["id"][1:]) <= shown["from"]]
        start = (
            0
            if "after" not in call.query
            else next(i + 1 for i, p in enumerate(visible) if p["data"]["name"] == call.query["after"])
        )
        page = visible[start : start + 2]
        more = start + 2 < len(visible)
        return 200, listing(page, page[-1]["data"]["name"] if more else None), {}

    search = JsonRoute(search_answer)
    setup(api_server, search)
    connector = RedditConnector()
    first = fetch(api_server, client, connector=connector)
    assert [i.source_item_id for i in first.items] == ["t3_p6", "t3_p5"]  # first poll: one page only
    shown["from"] = 10
    second = fetch(api_server, client, cursor=first.cursor, connector=connector)
    assert [i.source_item_id for i in second.items] == ["t3_p10", "t3_p9", "t3_p8", "t3_p7"]
    assert [c.query.get("after") for c in search.calls[1:]] == [None, "t3_p9", "t3_p7"]
    third = fetch(api_server, client, cursor=second.cursor, connector=connector)
    assert third.items == [] and len(search.calls) == 5


def test_token_is_reused_in_memory(api_server: ApiServer, client: HttpClient) -> None:
    token = setup(api_server, answer(200, listing([post(1)], None)))
    connector = RedditConnector()
    fetch(api_server, client, connector=connector)
    fetch(api_server, client, connector=connector)
    assert len(token.calls) == 1


def test_rejected_credentials(api_server: ApiServer, client: HttpClient) -> None:
    setup(api_server, answer(200, listing([], None)), answer(401, {"message": "Unauthorized", "error": 401}))
    with pytest.raises(AuthError, match="key rejected") as caught:
        fetch(api_server, client)
    assert "app-secret-1" not in str(caught.value)


def test_a_revoked_token_is_a_rejected_key_and_is_forgotten(
    api_server: ApiServer, client: HttpClient
) -> None:
    token = setup(api_server, answer(403, {"message": "Forbidden", "error": 403}))
    connector = RedditConnector()
    with pytest.raises(AuthError, match="key rejected"):
        fetch(api_server, client, connector=connector)
    with pytest.raises(AuthError):
        fetch(api_server, client, connector=connector)
    assert len(token.calls) == 2


def test_missing_secret_is_an_auth_error(api_server: ApiServer, client: HttpClient) -> None:
    with pytest.raises(AuthError, match="Accounts & keys"):
        fetch(api_server, client, secrets={"client_id": "x"})


def test_rate_limited(api_server: ApiServer, client: HttpClient) -> None:
    setup(api_server, answer(429, {"message": "Too Many Requests"}, {"Retry-After": "42"}))
    with pytest.raises(RateLimited) as caught:
        fetch(api_server, client)
    assert caught.value.retry_after == 42


def test_rate_limit_headers_stop_paging_and_block_the_host(api_server: ApiServer, client: HttpClient) -> None:
    page = listing([post(2), post(1)], "t3_p1")
    search = answer(
        200, page, {"X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "120", "X-Ratelimit-Used": "100"}
    )
    setup(api_server, search)
    result = fetch(api_server, client, cursor='{"seen":["000000000000"]}')
    assert len(result.items) == 2 and len(search.calls) == 1
    assert client.pacer.blocked_for("127.0.0.1") > 100
    with pytest.raises(RateLimited):
        fetch(api_server, client, cursor=result.cursor)


@pytest.mark.parametrize("body", ['{"kind": "Listing"}', "{broken"])
def test_malformed_body(api_server: ApiServer, client: HttpClient, body: str) -> None:
    setup(api_server, answer(200, body))
    with pytest.raises(BadResponse):
        fetch(api_server, client)


def test_check_signs_in(api_server: ApiServer, client: HttpClient) -> None:
    setup(api_server, answer(200, listing([copy.deepcopy(post(1))], None)))
    cfg = {
        "query": "acme",
        "api_base": api_server.url(""),
        "token_url": api_server.url("/api/v1/access_token"),
    }
    assert "accepted" in RedditConnector().check(cfg, client, SECRETS)
