"""Google Places (New) reviews and Yelp Fusion reviews: review sources with a key."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.google_places import FIELD_MASK, GooglePlacesConnector
from desktop_app.sources.http import HttpClient
from desktop_app.sources.yelp import YelpConnector
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, Call, JsonRoute, answer
from tests.support.shared_data import shared_file

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")

PLACE = "ChIJN1t_tDeuEmsRUsoyG83frY4"
KEY = "maps-key-777"


def place_review(n: int, stars: int = 1) -> dict[str, Any]:
    # the documented shape of a Review in Places API (New)
    return {
        "name": f"places/{PLACE}/reviews/R{n}", "relativePublishTimeDescription": "a week ago", "rating": stars,
        "text": {"text": f"Acme service was awful {n}", "languageCode": "en"},
        "originalText": {"text": f"Acme service was awful {n}", "languageCode": "en"},
        "authorAttribution": {"displayName": f"Reviewer {n}", "uri": f"https://www.google.com/maps/contrib/{n}",
                              "photoUri": "https://lh3.googleusercontent.com/a/x"},
        "publishTime": f"2026-11-1{n}T09:00:00.000Z", "googleMapsUri": f"https://www.google.com/maps/reviews/R{n}",
    }  # fmt: skip


def place(reviews: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": PLACE, "displayName": {"text": "Acme Store", "languageCode": "en"}, "rating": 3.9,
            "userRatingCount": 120, "googleMapsUri": "https://maps.google.com/?cid=1", "reviews": reviews}  # fmt: skip


def places_fetch(server: ApiServer, http: HttpClient, cursor: str | None = None) -> FetchResult:
    cfg = {"place_id": PLACE, "api_base": server.url("")}
    return GooglePlacesConnector().fetch(cfg, SourceState(cursor=cursor), http, {"api_key": KEY})


def test_places_reviews_then_only_new(api_server: ApiServer, client: HttpClient) -> None:
    shown = {"reviews": [place_review(2), place_review(1, 5)]}
    route = JsonRoute(lambda _c: (200, place(shown["reviews"]), {}))
    api_server.route(f"/places/{PLACE}", handler=route)
    first = places_fetch(api_server, client)
    assert [i.source_item_id for i in first.items] == [
        f"places/{PLACE}/reviews/R2",
        f"places/{PLACE}/reviews/R1",
    ]
    item = first.items[1]
    assert item.rating == 5.0 and item.author == "Reviewer 1" and item.title == "Google review of Acme Store"
    assert item.published is not None and item.published.isoformat() == "2026-11-11T09:00:00+00:00"
    call = route.calls[0]
    assert call.headers["x-goog-api-key"] == KEY and call.headers["x-goog-fieldmask"] == FIELD_MASK
    assert "key" not in call.query and KEY not in (first.cursor or "")
    shown["reviews"] = [place_review(3), place_review(2), place_review(1, 5)]
    second = places_fetch(api_server, client, first.cursor)
    assert [i.source_item_id for i in second.items] == [f"places/{PLACE}/reviews/R3"]
    third = places_fetch(api_server, client, second.cursor)
    assert third.items == []


def test_places_bad_key(api_server: ApiServer, client: HttpClient) -> None:
    body = {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                      "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                                   "domain": "googleapis.com"}]}}  # fmt: skip
    api_server.route(f"/places/{PLACE}", handler=answer(400, body))
    with pytest.raises(AuthError, match="key rejected"):
        places_fetch(api_server, client)
    api_server.route(
        f"/places/{PLACE}", handler=answer(403, {"error": {"code": 403, "status": "PERMISSION_DENIED"}})
    )
    with pytest.raises(AuthError):
        places_fetch(api_server, client)


def test_places_rate_limited(api_server: ApiServer, client: HttpClient) -> None:
    body = {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED"}}
    api_server.route(f"/places/{PLACE}", handler=answer(429, body, {"Retry-After": "60"}))
    with pytest.raises(RateLimited) as caught:
        places_fetch(api_server, client)
    assert caught.value.retry_after == 60


def test_places_malformed(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(f"/places/{PLACE}", handler=answer(200, {"reviews": "none"}))
    with pytest.raises(BadResponse):
        places_fetch(api_server, client)


# ---- Yelp ------------------------------------------------------------------------------------------------

BUSINESS = "yelp-san-francisco"
YELP_KEY = "yelp-key-555"


def yelp_review(n: int) -> dict[str, Any]:
    # the documented shape of /v3/businesses/{id}/reviews
    return {
        "id": f"rev{n}", "url": f"https://www.yelp.com/biz/{BUSINESS}?hrid=rev{n}", "text": f"Acme was rude {n}...",
        "rating": 2, "time_created": f"2026-11-1{n} 08:30:00",
        "user": {"id": f"u{n}", "profile_url": f"https://www.yelp.com/user_details?userid=u{n}", "image_url": None,
                 "name": f"Sam {n}."},
    }  # fmt: skip


def yelp_fetch(server: ApiServer, http: HttpClient, cursor: str | None = None) -> FetchResult:
    cfg = {"business_id": BUSINESS, "api_base": server.url("")}
    return YelpConnector().fetch(cfg, SourceState(cursor=cursor), http, {"api_key": YELP_KEY})


def test_yelp_pages_by_offset_and_only_new(api_server: ApiServer, client: HttpClient) -> None:
    shown = {"reviews": [yelp_review(3), yelp_review(2)]}

    def reviews(call: Call) -> tuple[int, Any, dict[str, str]]:
        offset = int(call.query.get("offset", "0"))
        page = shown["reviews"][offset : offset + 2]
        return 200, {"reviews": page, "total": len(shown["reviews"]), "possible_languages": ["en"]}, {}

    route = JsonRoute(reviews)
    api_server.route(f"/businesses/{BUSINESS}/reviews", handler=route)
    first = yelp_fetch(api_server, client)
    assert [i.source_item_id for i in first.items] == ["yelp:rev3", "yelp:rev2"]
    item = first.items[0]
    assert item.rating == 2.0 and item.author == "Sam 3." and item.url and item.url.endswith("hrid=rev3")
    assert item.published is not None and item.published.isoformat() == "2026-11-13T16:30:00+00:00"  # PST
    assert route.calls[0].headers["authorization"] == f"Bearer {YELP_KEY}"
    assert route.calls[0].query["sort_by"] == "newest"
    shown["reviews"] = [yelp_review(n) for n in (7, 6, 5, 4, 3, 2)]
    second = yelp_fetch(api_server, client, first.cursor)
    assert [i.source_item_id for i in second.items] == ["yelp:rev7", "yelp:rev6", "yelp:rev5", "yelp:rev4"]
    assert [c.query.get("offset") for c in route.calls[1:]] == [None, "2", "4"]
    assert yelp_fetch(api_server, client, second.cursor).items == []


def test_yelp_daily_limit_headers(api_server: ApiServer, client: HttpClient) -> None:
    headers = {
        "RateLimit-DailyLimit": "500",
        "RateLimit-Remaining": "0",
        "RateLimit-ResetTime": "2099-01-01T00:00:00+00:00",
    }
    route = answer(200, {"reviews": [yelp_review(2)], "total": 9}, headers)
    api_server.route(f"/businesses/{BUSINESS}/reviews", handler=route)
    result = yelp_fetch(api_server, client, '{"seen":["000000000000"]}')
    assert len(result.items) == 1 and len(route.calls) == 1
    with pytest.raises(RateLimited):
        yelp_fetch(api_server, client, result.cursor)


def test_yelp_bad_key_and_limits(api_server: ApiServer, client: HttpClient) -> None:
    path = f"/businesses/{BUSINESS}/reviews"
    api_server.route(
        path,
        handler=answer(
            401,
            {
                "error": {
                    "code": "TOKEN_INVALID",
                    "description": "Invalid access token or authorization header.",
                }
            },
        ),
    )
    with pytest.raises(AuthError, match="key rejected") as caught:
        yelp_fetch(api_server, client)
    assert YELP_KEY not in str(caught.value)
    api_server.route(
        path, handler=answer(429, {"error": {"code": "ACCESS_LIMIT_REACHED"}}, {"Retry-After": "3600"})
    )
    with pytest.raises(RateLimited) as limited:
        yelp_fetch(api_server, client)
    assert limited.value.retry_after == 3600


def test_yelp_malformed(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route(f"/businesses/{BUSINESS}/reviews", handler=answer(200, {"total": 3}))
    with pytest.raises(BadResponse):
        yelp_fetch(api_server, client)


def test_yelp_check_reads_the_business(api_server: ApiServer, client: HttpClient) -> None:
    data = json.loads(
        shared_file("feeds", "yelp-fusion-json", "business_lookup_yelp_san_francisco.json").read_bytes()
    )
    api_server.route(f"/businesses/{BUSINESS}", handler=answer(200, data))
    message = YelpConnector().check(
        {"business_id": BUSINESS, "api_base": api_server.url("")}, client, {"api_key": YELP_KEY}
    )
    assert message == f"Yelp accepted the key and found {data['name']}."
