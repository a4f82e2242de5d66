"""The Mastodon connector (hashtag timeline and search) against a loopback server serving captured answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.mastodon import MastodonConnector, id_key, next_link
from tests.sources.test_connectors_helpers import Api, fixed, isolated
from tests.support.http_server import LoopbackServer
from tests.support.shared_data import shared_file

TAG = "/api/v1/timelines/tag/acme"
SEARCH = "/api/v2/search"


def capture(name: str) -> Any:
    return json.loads(shared_file("feeds", "mastodon-json", name).read_bytes())


def fetch(
    server: LoopbackServer,
    http: HttpClient,
    cursor: str | None = None,
    secrets: dict[str, str] | None = None,
    **config: Any,
) -> FetchResult:
    cfg = {"server": server.url(""), **config}
    return MastodonConnector().fetch(cfg, SourceState(cursor=cursor), http, secrets or {})


def test_captured_tag_timeline(http_server: LoopbackServer, http: HttpClient) -> None:
    statuses = capture("mastodon_tag.json")
    api = fixed(200, statuses)
    http_server.route(TAG, handler=api)
    result = fetch(http_server, http, hashtag="#acme")
    assert [i.source_item_id for i in result.items] == [s["id"] for s in statuses]
    assert result.cursor == max((s["id"] for s in statuses), key=id_key)
    item, status = result.items[0], statuses[0]
    assert item.url == status["url"] and item.content_html == status["content"]
    assert item.author == status["account"]["acct"] and item.author_url == status["account"]["url"]
    assert item.reach == status["favourites_count"] + status["reblogs_count"] and item.query == "#acme"
    assert item.published is not None and item.published.isoformat().startswith("2026-08-08T02:00:09")
    assert api.queries == [{"limit": "40"}]  # first poll: one page, no since_id


def test_link_pages_walk_back_to_the_cursor(http_server: LoopbackServer, http: HttpClient) -> None:
    statuses = capture("tag_timeline.json")  # 20 statuses, newest first
    cursor = statuses[15]["id"]

    def answer(query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if "max_id" not in query:  # page 1 (what since_id leaves when more than a page is new)
            link = f'<{http_server.url(TAG)}?max_id={statuses[9]["id"]}>; rel="next", <{http_server.url(TAG)}?min_id={statuses[0]["id"]}>; rel="prev"'
            return 200, statuses[:10], {"Link": link}
        return 200, statuses[10:], {}  # Mastodon's next link drops since_id: older statuses come back too

    api = Api(answer)
    http_server.route(TAG, handler=api)
    result = fetch(http_server, http, cursor=cursor, hashtag="acme")
    assert api.queries[0] == {"limit": "40", "since_id": cursor}
    assert api.queries[1] == {"max_id": statuses[9]["id"]}
    assert {i.source_item_id for i in result.items} == {s["id"] for s in statuses[:15]}
    assert result.cursor == max((s["id"] for s in statuses), key=id_key)


def test_nothing_new_sends_since_id(http_server: LoopbackServer, http: HttpClient) -> None:
    statuses = capture("mastodon_tag.json")

    def answer(query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        since = query.get("since_id")
        return 200, [s for s in statuses if since is None or id_key(s["id"]) > id_key(since)], {}

    api = Api(answer)
    http_server.route(TAG, handler=api)
    first = fetch(http_server, http, hashtag="acme")
    again = fetch(http_server, http, cursor=first.cursor, hashtag="acme")
    assert len(first.items) == 3 and again.items == [] and again.cursor == first.cursor
    assert api.queries[-1]["since_id"] == first.cursor


def test_search_with_token(http_server: LoopbackServer, http: HttpClient) -> None:
    data = capture("search.json")
    api = fixed(200, data)
    http_server.route(SEARCH, handler=api)
    result = fetch(http_server, http, cursor="100", secrets={"access_token": "tok-1"}, query="acme sucks")
    assert [i.source_item_id for i in result.items] == [s["id"] for s in data["statuses"]]
    assert result.items[0].title == "Cat rules" and "CW: Cat rules" in result.items[0].content_html
    assert result.items[0].author is None and result.items[0].query == "acme sucks"
    ((query, headers),) = api.calls
    assert query["q"] == "acme sucks" and query["type"] == "statuses" and query["min_id"] == "100"
    assert headers["authorization"] == "Bearer tok-1"


def test_next_link_to_another_site_is_not_followed(http_server: LoopbackServer, http: HttpClient) -> None:
    statuses = capture("mastodon_tag.json")
    api = fixed(
        200, statuses, {"Link": '<http://127.0.0.9:1/api/v1/timelines/tag/acme?max_id=1>; rel="next"'}
    )
    http_server.route(TAG, handler=api)
    result = fetch(http_server, http, cursor="1", secrets={"access_token": "t"}, hashtag="acme")
    assert len(result.items) == 3 and len(api.calls) == 1
    assert (
        next_link('<https://a/x?max_id=5>; rel="next", <https://a/x?min_id=9>; rel="prev"')
        == "https://a/x?max_id=5"
    )


def test_auth_rejected(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(SEARCH, handler=fixed(401, {"error": "The access token is invalid"}))
    with pytest.raises(AuthError):
        fetch(http_server, http, secrets={"access_token": "bad"}, query="acme")
    http_server.route(TAG, handler=fixed(403, {"error": "This action is outside the authorized scopes"}))
    with pytest.raises(AuthError):
        fetch(http_server, http, secrets={"access_token": "bad"}, hashtag="acme")


def test_rate_limited() -> None:
    with isolated("127.0.0.32") as (server, http):
        server.route(TAG, handler=fixed(429, {"error": "Too many requests"}, {"Retry-After": "90"}))
        with pytest.raises(RateLimited) as caught:
            fetch(server, http, hashtag="acme")
        assert caught.value.retry_after == 90


def test_rate_limit_headers_stop_paging_and_rest_the_host() -> None:
    statuses = capture("tag_timeline.json")
    reset = (datetime.now(UTC) + timedelta(minutes=4)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with isolated("127.0.0.33") as (server, http):

        def answer(query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
            link = f'<{server.url(TAG)}?max_id={statuses[9]["id"]}>; rel="next"'
            spent = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
            return 200, statuses[:10], {"Link": link, **spent}

        api = Api(answer)
        server.route(TAG, handler=api)
        result = fetch(server, http, cursor=statuses[15]["id"], hashtag="acme")
        assert len(api.calls) == 1 and len(result.items) == 10  # no second page in a spent window
        with pytest.raises(RateLimited) as caught:
            fetch(server, http, cursor=result.cursor, hashtag="acme")
        assert 200 <= (caught.value.retry_after or 0) <= 240 and len(api.calls) == 1


@pytest.mark.parametrize("body", ['{"error": "Record not found"}', "[{broken"])
def test_malformed_body(http_server: LoopbackServer, http: HttpClient, body: str) -> None:
    http_server.route(TAG, handler=fixed(200, body))
    with pytest.raises(BadResponse, match=r"Mastodon|JSON"):
        fetch(http_server, http, hashtag="acme")


def test_needs_a_hashtag_or_search(http_server: LoopbackServer, http: HttpClient) -> None:
    with pytest.raises(BadResponse, match="hashtag or a search"):
        fetch(http_server, http)
