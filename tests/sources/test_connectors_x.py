"""X API v2 recent search: bearer token, since_id, next_token pages, a monthly meter of posts read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.registry import CONNECTORS
from desktop_app.sources.x_search import XSearchConnector, cost_notice, usage_meter
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, Call, JsonRoute, answer

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")

TOKEN = "AAAA-bearer-x"
SEARCH = "/tweets/search/recent"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def posts(ids: list[int]) -> list[dict[str, Any]]:
    return [{"id": str(i), "text": f"@acme still no refund {i}", "author_id": "u1", "created_at": "2026-11-20T10:00:00.000Z",
             "lang": "en", "public_metrics": {"retweet_count": 1, "reply_count": 0, "like_count": 4, "quote_count": 0}}
            for i in ids]  # fmt: skip


def page(ids: list[int], next_token: str | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"result_count": len(ids)}
    if ids:
        meta |= {"newest_id": str(max(ids)), "oldest_id": str(min(ids))}
    if next_token:
        meta["next_token"] = next_token
    body: dict[str, Any] = {"meta": meta}
    if ids:
        body |= {"data": posts(ids), "includes": {"users": [
            {"id": "u1", "name": "Pat", "username": "pat", "public_metrics": {"followers_count": 812}}]}}  # fmt: skip
    return body


def fetch(
    server: ApiServer, http: HttpClient, cursor: str | None = None, now: datetime = NOW, **config: Any
) -> FetchResult:
    cfg = {"query": "acme -is:retweet", "api_base": server.url(""), **config}
    return XSearchConnector(clock=lambda: now).fetch(
        cfg, SourceState(cursor=cursor), http, {"bearer_token": TOKEN}
    )


def test_search_then_since_id_pages_and_meter(api_server: ApiServer, client: HttpClient) -> None:
    def reply(call: Call) -> tuple[int, Any, dict[str, str]]:
        if "since_id" not in call.query:
            return 200, page([1000000000000000002, 1000000000000000001], "ignored"), {}
        if call.query["since_id"] == "1000000000000000005":
            return 200, page([]), {}
        if "next_token" not in call.query:
            return 200, page([1000000000000000005, 1000000000000000004], "t2"), {}
        return 200, page([1000000000000000003]), {}

    route = JsonRoute(reply)
    api_server.route(SEARCH, handler=route)
    first = fetch(api_server, client)
    assert [i.source_item_id for i in first.items] == ["1000000000000000002", "1000000000000000001"]
    item = first.items[0]
    assert (
        item.author == "@pat"
        and item.url == "https://x.com/pat/status/1000000000000000002"
        and item.reach == 5
    )
    assert item.extra["followers"] == 812
    call = route.calls[0]
    assert call.headers["authorization"] == f"Bearer {TOKEN}" and call.query["max_results"] == "100"
    assert call.query["expansions"] == "author_id" and len(route.calls) == 1
    second = fetch(api_server, client, first.cursor)
    assert [i.source_item_id[-1] for i in second.items] == ["5", "4", "3"]
    assert (
        route.calls[1].query["since_id"] == "1000000000000000002"
        and route.calls[2].query["next_token"] == "t2"
    )
    assert usage_meter(second.cursor, now=NOW).used == 5 and TOKEN not in (second.cursor or "")
    third = fetch(api_server, client, second.cursor)
    assert route.calls[3].query["since_id"] == "1000000000000000005" and third.items == []


def test_nothing_new(api_server: ApiServer, client: HttpClient) -> None:
    route = JsonRoute(lambda c: (200, page([] if "since_id" in c.query else [7, 6]), {}))
    api_server.route(SEARCH, handler=route)
    first = fetch(api_server, client)
    again = fetch(api_server, client, first.cursor)
    assert again.items == [] and route.calls[1].query["since_id"] == "7"
    assert usage_meter(again.cursor, now=NOW).used == 2


def test_monthly_budget_limits_reads_and_stops(api_server: ApiServer, client: HttpClient) -> None:
    route = JsonRoute(lambda c: (200, page(list(range(100, 100 + int(c.query["max_results"])))), {}))
    api_server.route(SEARCH, handler=route)
    first = fetch(api_server, client, monthly_posts=25)
    assert route.calls[0].query["max_results"] == "25" and len(first.items) == 25
    with pytest.raises(RateLimited, match="quota used up, resumes at the 1st of next month") as caught:
        fetch(api_server, client, first.cursor, monthly_posts=25)
    assert len(route.calls) == 1
    assert caught.value.retry_after == (datetime(2026, 12, 1, tzinfo=UTC) - NOW).total_seconds()
    next_month = datetime(2026, 12, 1, 0, 5, tzinfo=UTC)
    fetch(api_server, client, first.cursor, now=next_month, monthly_posts=25)
    assert len(route.calls) == 2


def test_rate_limit_headers(api_server: ApiServer, client: HttpClient) -> None:
    reset = str(int(datetime.now(UTC).timestamp()) + 900)
    headers = {"x-rate-limit-limit": "60", "x-rate-limit-remaining": "0", "x-rate-limit-reset": reset}
    route = answer(200, page([9, 8], "more"), headers)
    api_server.route(SEARCH, handler=route)
    got = fetch(api_server, client, '{"since_id":"1"}')
    assert len(got.items) == 2 and len(route.calls) == 1 and client.pacer.blocked_for("127.0.0.1") > 800


def test_unauthorized_and_429(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(
        SEARCH,
        handler=answer(
            401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}
        ),
    )
    with pytest.raises(AuthError, match="key rejected") as caught:
        fetch(api_server, client)
    assert TOKEN not in str(caught.value)
    api_server.route(
        SEARCH, handler=answer(429, {"title": "Too Many Requests", "status": 429}, {"Retry-After": "15"})
    )
    with pytest.raises(RateLimited) as limited:
        fetch(api_server, client)
    assert limited.value.retry_after == 15


def test_malformed(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(SEARCH, handler=answer(200, {"data": []}))
    with pytest.raises(BadResponse):
        fetch(api_server, client)


def test_cost_is_shown_before_enabling(api_server: ApiServer, client: HttpClient) -> None:
    token_help = next(f.help for f in CONNECTORS["x_search"].fields if f.name == "bearer_token")
    assert "$0.005 a post" in token_help and cost_notice({"cost_per_read": "0.01"}).count("$0.01 a post") == 1
    usage = answer(200, {"data": {"project_usage": "1200", "project_cap": "15000", "cap_reset_day": 5}})
    api_server.route("/usage/tweets", handler=usage)
    said = XSearchConnector().check({"api_base": api_server.url("")}, client, {"bearer_token": TOKEN})
    assert "no post was read" in said and "1200 of 15000" in said
