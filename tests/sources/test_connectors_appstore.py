"""The App Store reviews connector against a loopback server serving the captured JSON and XML feeds."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, NotAFeed, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.appstore import AppStoreConnector, app_id_of
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from tests.sources.test_connectors_helpers import fixed, isolated
from tests.support.http_server import LoopbackServer
from tests.support.shared_data import shared_file

APP = "1404176564"


def page_path(n: int, cc: str = "jp") -> str:
    return f"/{cc}/rss/customerreviews/page={n}/id={APP}/sortby=mostrecent/json"


def capture(ext: str) -> bytes:
    return shared_file("feeds", "appstore-reviews", f"Fixture_customerreviews_jp.{ext}").read_bytes()


def fetch(server: LoopbackServer, http: HttpClient, cursor: str | None = None, **config: Any) -> FetchResult:
    cfg = {"app_id": f"id{APP}", "country": "JP", "server": server.url(""), **config}
    return AppStoreConnector().fetch(cfg, SourceState(cursor=cursor), http, {})


def test_captured_json_pages(http_server: LoopbackServer, http: HttpClient) -> None:
    data = json.loads(capture("json"))
    entries = data["feed"]["entry"]
    http_server.route(page_path(1), json.dumps({"feed": {**data["feed"], "entry": entries[:30]}}))
    http_server.route(page_path(2), json.dumps({"feed": {**data["feed"], "entry": entries[30:]}}))
    http_server.route(
        page_path(3), json.dumps({"feed": {k: v for k, v in data["feed"].items() if k != "entry"}})
    )
    result = fetch(http_server, http)
    assert [i.source_item_id for i in result.items] == [e["id"]["label"] for e in entries]
    assert http_server.count(page_path(3)) == 1 and http_server.count(page_path(4)) == 0
    assert result.cursor == entries[0]["id"]["label"]
    item, entry = result.items[1], entries[1]
    assert item.rating == float(entry["im:rating"]["label"]) == 2.0
    assert item.author == entry["author"]["name"]["label"] and item.title == entry["title"]["label"]
    assert item.content_html.startswith("とても楽しく") and "<br>" in item.content_html
    assert item.url and item.url.startswith("https://itunes.apple.com/jp/review")


def test_cursor_stops_the_walk(http_server: LoopbackServer, http: HttpClient) -> None:
    data = json.loads(capture("json"))
    entries = data["feed"]["entry"]
    http_server.route(page_path(1), json.dumps(data))
    http_server.route(page_path(2), json.dumps(data))
    result = fetch(http_server, http, cursor=entries[3]["id"]["label"])
    assert [i.source_item_id for i in result.items] == [e["id"]["label"] for e in entries[:3]]
    again = fetch(http_server, http, cursor=result.cursor)
    assert again.items == [] and again.cursor == result.cursor
    assert http_server.count(page_path(1)) == 2 and http_server.count(page_path(2)) == 0


def test_past_the_last_page_apple_answers_an_error(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(page_path(1), capture("json"))
    http_server.route(page_path(2), "bad page", status=400)
    assert len(fetch(http_server, http).items) == 50


def test_captured_xml_variant(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(page_path(1), capture("xml"), headers={"Content-Type": "text/xml"})
    http_server.route(page_path(2), "", status=404)
    result = fetch(http_server, http, max_pages=2)
    assert len(result.items) == 50 and result.items[0].source_item_id == "6310006838"
    assert result.items[0].rating == 5.0 and result.items[0].published is not None


def test_app_id_forms() -> None:
    assert app_id_of("https://apps.apple.com/jp/app/reality/id1404176564?l=en") == APP
    assert app_id_of(APP) == APP
    with pytest.raises(BadResponse, match="not an App Store app id"):
        app_id_of("reality")


def test_auth_rejected(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(page_path(1), "no", status=401)
    with pytest.raises(AuthError):
        fetch(http_server, http)


def test_rate_limited() -> None:
    with isolated("127.0.0.33") as (server, http):
        server.route(page_path(1), handler=fixed(429, "slow down", {"Retry-After": "60"}))
        with pytest.raises(RateLimited) as caught:
            fetch(server, http)
        assert caught.value.retry_after == 60


@pytest.mark.parametrize(
    ("body", "error"),
    [('{"feed": []}', BadResponse), ('{"feed": {"entry": [', BadResponse), ("<html><body>x", NotAFeed)],
)
def test_malformed_body(http_server: LoopbackServer, http: HttpClient, body: str, error: type) -> None:
    http_server.route(page_path(1), body)
    with pytest.raises(error):
        fetch(http_server, http)
