"""Trustpilot Business API: reviews of a business unit, by API key or signed in with the API secret."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.trustpilot import TOKEN_PATH, TrustpilotConnector
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, Call, JsonRoute, answer

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")

UNIT = "46d6a890000064000500e0c3"
PUBLIC = f"/v1/business-units/{UNIT}/reviews"
PRIVATE = f"/v1/private/business-units/{UNIT}/reviews"
KEY, SECRET = "tp-key-1", "tp-secret-2"


def review(n: int) -> dict[str, Any]:
    # the documented shape of a review in /v1/business-units/{id}/reviews
    return {
        "id": f"5e{n:04d}", "stars": 1 + n % 5, "title": f"Never again {n}", "text": "Acme lost my parcel.",
        "language": "en", "createdAt": f"2026-11-1{n % 10}T12:00:00.000Z",
        "consumer": {"id": f"c{n}", "displayName": f"Kim {n}", "numberOfReviews": 3},
        "companyReply": None, "links": [{"href": f"https://api.trustpilot.com/v1/reviews/5e{n:04d}", "method": "GET", "rel": "reviews"}],
    }  # fmt: skip


def paged(shown: list[dict[str, Any]]) -> JsonRoute:
    def reply(call: Call) -> tuple[int, Any, dict[str, str]]:
        page, per = int(call.query["page"]), 2
        chunk = shown[(page - 1) * per : page * per]
        links = [
            {
                "href": f"https://api.trustpilot.com{PUBLIC}?page={page + 1}",
                "method": "GET",
                "rel": "next-page",
            }
        ]
        return 200, {"reviews": chunk, "links": links if page * per < len(shown) else []}, {}

    return JsonRoute(reply)


def fetch(server: ApiServer, http: HttpClient, cursor: str | None = None, secrets: dict[str, str] | None = None,
          connector: TrustpilotConnector | None = None) -> FetchResult:  # fmt: skip
    cfg = {"business_unit_id": UNIT, "api_base": server.url("")}
    return (connector or TrustpilotConnector()).fetch(
        cfg, SourceState(cursor=cursor), http, secrets or {"api_key": KEY}
    )


def test_public_reviews_by_key_with_pages_and_only_new(api_server: ApiServer, client: HttpClient) -> None:
    shown = [review(2), review(1)]
    route = paged(shown)
    api_server.route(PUBLIC, handler=route)
    first = fetch(api_server, client)
    assert [i.source_item_id for i in first.items] == ["trustpilot:5e0002", "trustpilot:5e0001"]
    item = first.items[0]
    assert item.rating == 3.0 and item.title == "Never again 2" and item.author == "Kim 2"
    assert route.calls[0].headers["apikey"] == KEY and route.calls[0].query["orderBy"] == "createdat.desc"
    shown[:0] = [review(6), review(5), review(4), review(3)]
    second = fetch(api_server, client, first.cursor)
    assert [i.source_item_id[-1] for i in second.items] == ["6", "5", "4", "3"]
    assert [c.query["page"] for c in route.calls[1:]] == ["1", "2", "3"]
    assert fetch(api_server, client, second.cursor).items == []


def test_signed_in_reads_the_private_feed(api_server: ApiServer, client: HttpClient) -> None:
    token = answer(200, {"access_token": "tp-token", "expires_in": "359999", "token_type": "Bearer"})
    api_server.route(TOKEN_PATH, handler=token)
    private = paged([review(1)])
    api_server.route(PRIVATE, handler=private)
    connector = TrustpilotConnector()
    result = fetch(api_server, client, secrets={"api_key": KEY, "api_secret": SECRET}, connector=connector)
    fetch(api_server, client, secrets={"api_key": KEY, "api_secret": SECRET}, connector=connector)
    assert len(result.items) == 1 and len(token.calls) == 1
    assert (
        token.calls[0].headers["authorization"]
        == "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
    )
    assert private.calls[0].headers["authorization"] == "Bearer tp-token"


def test_rejected(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(PUBLIC, handler=answer(401, {"fault": {"faultstring": "Invalid ApiKey"}}))
    with pytest.raises(AuthError, match="key rejected") as caught:
        fetch(api_server, client)
    assert KEY not in str(caught.value)
    api_server.route(TOKEN_PATH, handler=answer(401, {"fault": {"faultstring": "Invalid client"}}))
    with pytest.raises(AuthError):
        fetch(api_server, client, secrets={"api_key": KEY, "api_secret": "wrong"})


def test_rate_limited(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(
        PUBLIC,
        handler=answer(429, {"fault": {"faultstring": "Rate limit quota violation"}}, {"Retry-After": "300"}),
    )
    with pytest.raises(RateLimited) as caught:
        fetch(api_server, client)
    assert caught.value.retry_after == 300


def test_malformed(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(PUBLIC, handler=answer(200, {"links": []}))
    with pytest.raises(BadResponse):
        fetch(api_server, client)
