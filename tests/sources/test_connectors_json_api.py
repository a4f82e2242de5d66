"""The generic JSON API connector and its path syntax, on a captured Reddit listing served over loopback."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, NotAFeed, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import JsonApiConnector, parse_path, parse_time, select
from tests.sources.test_connectors_helpers import Api, fixed, isolated
from tests.support.http_server import LoopbackServer
from tests.support.shared_data import shared_file

PATH = "/r/acme/new.json"
REDDIT = {
    "items": "data.children[*].data",
    "id": "name",
    "title": "title",
    "text": "selftext",
    "link": "permalink",
    "author": "author",
    "published": "created_utc",
    "reach": "score",
}


def listing() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        shared_file("feeds", "reddit-json", "reddit_anthropic.json").read_bytes()
    )
    return data


def fetch(
    server: LoopbackServer,
    http: HttpClient,
    cursor: str | None = None,
    secrets: dict[str, str] | None = None,
    **config: Any,
) -> FetchResult:
    cfg = {"url": server.url(PATH), **REDDIT, **config}
    return JsonApiConnector().fetch(cfg, SourceState(cursor=cursor), http, secrets or {})


def test_paths() -> None:
    assert parse_path("data.children[*].data") == ["data", "children", None, "data"]
    assert parse_path("a[0].b[-1]") == ["a", 0, "b", -1]
    assert select({"a": [{"b": 1}, {"b": 2}, {"c": 3}]}, "a[*].b") == [1, 2]
    assert select({"a": [{"b": 1}, {"b": 2}]}, "a[1].b") == [2]
    assert select([1, 2], "") == [[1, 2]]
    with pytest.raises(ValueError):
        parse_path("a[x")


def test_times() -> None:
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert parse_time(1704164645) == parse_time("1704164645.0") == parse_time(1704164645000) == when
    assert parse_time("2024-01-02T03:04:05Z") == parse_time("2024-01-02T04:04:05+01:00") == when
    assert parse_time("yesterday") is None and parse_time(None) is None


def test_captured_listing_and_auth_header(http_server: LoopbackServer, http: HttpClient) -> None:
    data = listing()
    api = fixed(200, data)
    http_server.route(PATH, handler=api)
    result = fetch(http_server, http, secrets={"auth_value": "Bearer k1"}, auth_header="Authorization")
    posts = [c["data"] for c in data["data"]["children"]]
    assert [i.source_item_id for i in result.items] == [p["name"] for p in posts]
    item, post = result.items[0], posts[0]
    assert item.title == post["title"] and item.author == post["author"] and item.reach == post["score"]
    assert item.url == http_server.url(post["permalink"])  # a relative link resolved against the API URL
    assert item.published == datetime.fromtimestamp(post["created_utc"], UTC)
    assert api.calls[0][1]["authorization"] == "Bearer k1"


def test_next_page_token(http_server: LoopbackServer, http: HttpClient) -> None:
    data = listing()
    children = data["data"]["children"]

    def answer(query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if query.get("after") == "t3_next":
            return 200, {"data": {"children": children[5:], "after": None}}, {}
        return 200, {"data": {"children": children[:5], "after": "t3_next"}}, {}

    api = Api(answer)
    http_server.route(PATH, handler=api)
    result = fetch(http_server, http, next="data.after", next_param="after")
    assert [q.get("after") for q in api.queries] == [None, "t3_next"]
    assert len(result.items) == len(children)


def test_nothing_new(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(PATH, handler=fixed(200, listing()))
    first = fetch(http_server, http)
    again = fetch(http_server, http, cursor=first.cursor)
    assert first.items and again.items == [] and again.cursor == first.cursor


def test_auth_rejected(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(PATH, handler=fixed(401, {"message": "Unauthorized"}))
    with pytest.raises(AuthError):
        fetch(http_server, http, secrets={"auth_value": "bad"}, auth_header="X-Api-Key")
    http_server.route(PATH, handler=fixed(403, {"message": "Forbidden"}))
    with pytest.raises(AuthError):
        fetch(http_server, http, secrets={"auth_value": "bad"}, auth_header="X-Api-Key")


def test_rate_limited() -> None:
    with isolated("127.0.0.34") as (server, http):
        server.route(PATH, handler=fixed(429, {"message": "Too Many Requests"}, {"Retry-After": "30"}))
        with pytest.raises(RateLimited) as caught:
            fetch(server, http)
        assert caught.value.retry_after == 30


@pytest.mark.parametrize(
    ("body", "error"), [("{oops", BadResponse), ("<!DOCTYPE html><p>login", NotAFeed), ("", BadResponse)]
)
def test_malformed_body(http_server: LoopbackServer, http: HttpClient, body: str, error: type) -> None:
    http_server.route(PATH, handler=fixed(200, body))
    with pytest.raises(error):
        fetch(http_server, http)


def test_bad_items_path(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(PATH, handler=fixed(200, listing()))
    with pytest.raises(BadResponse, match="items path"):
        fetch(http_server, http, items="data.children[")
