"""The Hacker News (Algolia search_by_date) connector against a loopback server serving captured answers."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, NotAFeed, RateLimited
from desktop_app.sources.base import SourceState
from desktop_app.sources.hackernews import HackerNewsConnector
from desktop_app.sources.http import HttpClient
from tests.sources.test_connectors_helpers import Api, fixed, isolated
from tests.support.http_server import LoopbackServer
from tests.support.shared_data import shared_file

PATH = "/api/v1/search_by_date"


def capture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shared_file("feeds", "hn-algolia-json", name).read_bytes())
    return data


def fetch(server: LoopbackServer, http: HttpClient, cursor: str | None = None, **config: Any):  # type: ignore[no-untyped-def]
    cfg = {"query": "anthropic", "server": server.url(""), **config}
    return HackerNewsConnector().fetch(cfg, SourceState(cursor=cursor), http, {})


def newer_than(data: dict[str, Any]) -> Api:
    """Answers like Algolia: only hits newer than numericFilters=created_at_i>N."""

    def answer(query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        since = int(query["numericFilters"].split(">")[1])
        hits = [h for h in data["hits"] if h["created_at_i"] > since]
        return 200, {**data, "hits": hits, "nbHits": len(hits), "nbPages": 1 if hits else 0}, {}

    return Api(answer)


def test_captured_page(http_server: LoopbackServer, http: HttpClient) -> None:
    data = capture("hackernews.json")
    api = newer_than(data)
    http_server.route(PATH, handler=api)
    result = fetch(http_server, http, cursor="0")
    assert len(result.items) == len(data["hits"]) == 6
    assert result.cursor == str(max(h["created_at_i"] for h in data["hits"]))
    first = result.items[0]
    hit = data["hits"][0]
    assert first.source_item_id == hit["objectID"] and first.title == hit["title"]
    assert first.url == hit["url"] and first.reach == hit["points"] and first.reach_label == "points"
    assert (
        first.author == hit["author"]
        and first.author_url == f"https://news.ycombinator.com/user?id={hit['author']}"
    )
    assert first.content_html == hit["story_text"] and first.query == "anthropic"
    assert first.published is not None and int(first.published.timestamp()) == hit["created_at_i"]
    ask = next(i for i, h in zip(result.items, data["hits"], strict=True) if not h.get("url"))
    assert ask.url == f"https://news.ycombinator.com/item?id={ask.source_item_id}"
    (query,) = api.queries
    assert query["query"] == "anthropic" and query["tags"] == "(story,comment)"
    assert query["numericFilters"] == "created_at_i>0" and query["hitsPerPage"] == "100"


def test_pages_are_followed_and_comments_mapped(http_server: LoopbackServer, http: HttpClient) -> None:
    stories = capture("hn_algolia.json")["hits"]
    comment = {  # the shape the API documents for a comment hit
        "_tags": ["comment", "author_pg", "story_46124267"],
        "author": "pg",
        "comment_text": "Bun under <i>Anthropic</i>? I hate this.",
        "created_at": "2025-12-02T18:30:00Z",
        "created_at_i": 1764700200,
        "objectID": "46124999",
        "parent_id": 46124267,
        "points": None,
        "story_id": 46124267,
        "story_title": "Anthropic acquires Bun",
        "story_url": "https://bun.com/blog/bun-joins-anthropic",
    }

    def answer(query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        page = int(query["page"])
        hits = [stories, [comment], []][page]
        return 200, {"hits": hits, "page": page, "nbPages": 2, "hitsPerPage": 3}, {}

    api = Api(answer)
    http_server.route(PATH, handler=api)
    result = fetch(http_server, http, cursor="1700000000", tags="stories and comments")
    assert [q["page"] for q in api.queries] == ["0", "1"]  # nbPages=2: no third request
    assert len(result.items) == 4
    item = result.items[-1]
    assert (
        item.title == "Re: Anthropic acquires Bun"
        and item.url == "https://news.ycombinator.com/item?id=46124999"
    )
    assert item.content_html.startswith("Bun under") and item.reach is None and item.author == "pg"
    assert item.extra["discussion_url"] == "https://news.ycombinator.com/item?id=46124267"
    assert result.cursor == str(max(h["created_at_i"] for h in [*stories, comment]))


def test_nothing_new_sends_the_cursor(http_server: LoopbackServer, http: HttpClient) -> None:
    data = capture("hn_algolia.json")
    api = newer_than(data)
    http_server.route(PATH, handler=api)
    first = fetch(http_server, http, cursor="0")
    assert len(first.items) == 3 and first.cursor
    again = fetch(http_server, http, cursor=first.cursor, tags="comments")
    assert again.items == [] and again.cursor == first.cursor
    assert api.queries[-1]["numericFilters"] == f"created_at_i>{first.cursor}"
    assert api.queries[-1]["tags"] == "comment"


def test_first_poll_looks_back_a_week(http_server: LoopbackServer, http: HttpClient) -> None:
    api = fixed(200, {"hits": [], "nbPages": 0})
    http_server.route(PATH, handler=api)
    assert fetch(http_server, http).items == []
    since = int(api.queries[0]["numericFilters"].split(">")[1])
    assert abs(time.time() - 7 * 86400 - since) < 60


def test_auth_rejected(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(PATH, handler=fixed(401, {"message": "Invalid Application-ID or API key"}))
    with pytest.raises(AuthError):
        fetch(http_server, http)


def test_rate_limited() -> None:
    with isolated("127.0.0.31") as (server, http):
        server.route(PATH, handler=fixed(429, {"message": "Too many requests"}, {"Retry-After": "120"}))
        with pytest.raises(RateLimited) as caught:
            fetch(server, http)
        assert caught.value.retry_after == 120


@pytest.mark.parametrize(
    ("body", "error"),
    [("{broken", BadResponse), ('{"message": "ok"}', BadResponse), ("<!doctype html><p>hi", NotAFeed)],
)
def test_malformed_body(http_server: LoopbackServer, http: HttpClient, body: str, error: type) -> None:
    http_server.route(PATH, handler=fixed(200, body))
    with pytest.raises(error, match=r"Hacker News|JSON|web page"):
        fetch(http_server, http)
