"""Brave Search: web and news results with the subscription token, per-window rate-limit headers."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, RateLimited
from desktop_app.core.models import BrandProfile, FetchResult
from desktop_app.services.search_sources import plan_searches
from desktop_app.sources.base import SourceState
from desktop_app.sources.brave import BraveConnector
from desktop_app.sources.http import HttpClient
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, JsonRoute, answer

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")

KEY = "BSA-token-42"


def result(n: int, kind: str = "web") -> dict[str, Any]:
    return {
        "title": f"Why I hate <strong>Acme</strong> {n}", "url": f"https://forum.example/{kind}/{n}",
        "description": f"<strong>Acme</strong> refund never came {n}", "age": "2 days ago",
        "page_age": "2026-11-18T10:00:00", "profile": {"name": "Forum Example"},
        "meta_url": {"scheme": "https", "hostname": "forum.example"},
    }  # fmt: skip


def web(results: list[dict[str, Any]], more: bool = False) -> dict[str, Any]:
    return {"type": "search", "query": {"original": "acme", "more_results_available": more},
            "web": {"type": "search", "results": results}}  # fmt: skip


def news(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "news", "query": {"original": "acme"}, "results": results}


def fetch(server: ApiServer, http: HttpClient, cursor: str | None = None, **config: Any) -> FetchResult:
    cfg = {"query": '"acme sucks"', "api_base": server.url(""), **config}
    return BraveConnector().fetch(cfg, SourceState(cursor=cursor), http, {"api_key": KEY})


def test_web_and_news(api_server: ApiServer, client: HttpClient) -> None:
    web_route, news_route = answer(200, web([result(1), result(2)])), answer(200, news([result(1, "news")]))
    api_server.route("/web/search", handler=web_route)
    api_server.route("/news/search", handler=news_route)
    got = fetch(api_server, client)
    assert [i.url for i in got.items] == [
        "https://forum.example/web/1",
        "https://forum.example/web/2",
        "https://forum.example/news/1",
    ]
    item = got.items[0]
    assert (
        item.title == "Why I hate Acme 1"
        and "<strong>" not in item.content_html
        and item.query == '"acme sucks"'
    )
    assert item.author == "Forum Example" and item.extra["search"] == "web"
    call = web_route.calls[0]
    assert call.headers["x-subscription-token"] == KEY and call.query["q"] == '"acme sucks"'
    assert call.query["freshness"] == "pw" and call.query["count"] == "20"


def test_pages_with_offset_then_only_new(api_server: ApiServer, client: HttpClient) -> None:
    pages = {"0": web([result(3), result(2)], more=True), "1": web([result(1)], more=False)}
    route = JsonRoute(lambda c: (200, pages[c.query.get("offset", "0")], {}))
    api_server.route("/web/search", handler=route)
    first = fetch(api_server, client, search="web", cursor=None)
    assert len(first.items) == 2 and len(route.calls) == 1  # first poll: one page
    again = fetch(api_server, client, search="web", cursor=first.cursor)
    assert again.items == [] and len(route.calls) == 2  # a page with nothing new ends the poll
    later = fetch(api_server, client, search="web", cursor='{"seen":["000000000000"]}')
    assert len(later.items) == 3 and [c.query.get("offset") for c in route.calls[2:]] == [None, "1"]


def test_monthly_window_used_up(api_server: ApiServer, client: HttpClient) -> None:
    headers = {
        "X-RateLimit-Limit": "1, 2000",
        "X-RateLimit-Remaining": "1, 0",
        "X-RateLimit-Reset": "1, 86400",
    }
    web_route, news_route = answer(200, web([result(1)], more=True), headers), answer(200, news([]))
    api_server.route("/web/search", handler=web_route)
    api_server.route("/news/search", handler=news_route)
    got = fetch(api_server, client, cursor='{"seen":["000000000000"]}')
    assert len(got.items) == 1 and len(web_route.calls) == 1 and news_route.calls == []
    assert client.pacer.blocked_for("127.0.0.1") > 80_000
    with pytest.raises(RateLimited):
        fetch(api_server, client)


def test_bad_token_and_429(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(
        "/web/search",
        handler=answer(
            401, {"type": "ErrorResponse", "error": {"code": "SUBSCRIPTION_TOKEN_INVALID", "status": 401}}
        ),
    )
    with pytest.raises(AuthError, match="key rejected"):
        fetch(api_server, client, search="web")
    api_server.route(
        "/web/search",
        handler=answer(
            429, {"type": "ErrorResponse", "error": {"code": "RATE_LIMITED"}}, {"Retry-After": "2"}
        ),
    )
    with pytest.raises(RateLimited) as caught:
        fetch(api_server, client, search="web")
    assert caught.value.retry_after == 2


def test_malformed(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route("/news/search", handler=answer(200, {"type": "news"}))
    with pytest.raises(BadResponse):
        fetch(api_server, client, search="news")


def test_usable_from_hate_searches() -> None:
    planned = plan_searches(BrandProfile("Acme"), kinds=("brave",), include_brand=False)
    assert planned and all(p.kind == "brave" and p.config["query"].startswith('"') for p in planned)
    assert {p.interval_minutes for p in planned} == {432}  # 9 searches x 2 queries x 100 polls: 1,800 a month
