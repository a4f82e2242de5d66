"""The RSS connector on real captured feeds served over loopback, and on hostile bodies."""

from __future__ import annotations

import time
from datetime import UTC
from pathlib import Path

import feedparser
import pytest

from desktop_app.core.errors import NotAFeed, UserError
from desktop_app.sources.base import SourceState, validate_config
from desktop_app.sources.http import HttpClient
from desktop_app.sources.opml import OpmlFeed, parse_opml, write_opml
from desktop_app.sources.registry import connector_kinds, get_connector
from desktop_app.sources.rss import RssConnector, parse_feed
from tests.support.http_server import LoopbackServer
from tests.support.shared_data import shared_data_dir

CAPTURES = [
    "google-news-rss/google_news_bears_ears.xml",
    "google-news-rss/google_news_brent.xml",
    "google-alerts/google_alerts_atom.xml",
    "reddit-rss/reddit_search.xml",
    "reddit-rss/reddit-atom.rss",
    "hn-rss/hnrss_frontpage.xml",
    "youtube-atom/youtube_atom.xml",
    "blog-rss/TechCrunch.xml",
    "blog-rss/heise.atom",
    "blog-rss/guardian.rss",
    "appstore-reviews/Fixture_customerreviews_jp.xml",
]


def fetch(http: HttpClient, url: str, state: SourceState | None = None):  # type: ignore[no-untyped-def]
    return RssConnector().fetch({"url": url}, state or SourceState(), http, {})


@pytest.mark.parametrize("name", CAPTURES)
def test_real_captures(name: str, http_server: LoopbackServer, http: HttpClient) -> None:
    body = (shared_data_dir() / "feeds" / name).read_bytes()
    url = http_server.route(
        "/feed", body, headers={"Content-Type": "application/rss+xml; charset=utf-8"}, etag='"e1"'
    )
    result = fetch(http, url)
    expected = feedparser.parse(body).entries
    assert len(result.items) == len(expected) > 0
    assert result.etag == '"e1"'
    for item in result.items:
        assert item.source_item_id
        assert item.title or item.content_html
        assert item.url is None or item.url.startswith("http")
        if item.published is not None:
            assert item.published.tzinfo == UTC
    assert sum(1 for i in result.items if i.published) >= len(result.items) * 0.9
    again = fetch(http, url, SourceState(etag=result.etag))
    assert again.not_modified and again.items == []


def test_google_news_items_carry_the_outlet(http: HttpClient, http_server: LoopbackServer) -> None:
    body = (shared_data_dir() / "feeds/google-news-rss/google_news_brent.xml").read_bytes()
    items = fetch(http, http_server.route("/g", body)).items
    assert all(i.author for i in items)


def test_json_feed(http: HttpClient, http_server: LoopbackServer) -> None:
    body = (shared_data_dir() / "feeds/blog-rss/json_feed.json").read_bytes()
    items = fetch(
        http, http_server.route("/j", body, headers={"Content-Type": "application/feed+json"})
    ).items
    assert len(items) == 20 and all(i.published and i.url for i in items)


def test_login_page_is_not_a_feed(http: HttpClient, http_server: LoopbackServer) -> None:
    page = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>...</form></body></html>"
    url = http_server.route("/login", page, headers={"Content-Type": "text/html"})
    with pytest.raises(NotAFeed, match="web page"):
        fetch(http, url)


@pytest.mark.parametrize("body", [b"", b"   ", b"\x00\xff\xfe garbage \x89PNG", b"{not json", b'{"a": 1}'])
def test_garbage_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(NotAFeed):
        parse_feed(body, {"content-type": "application/octet-stream"})


def test_empty_valid_feed_has_no_items() -> None:
    assert (
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>') == []
    )


def test_billion_laughs_ends_fast() -> None:
    lol = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol">'
    prev = "a"
    for n in range(1, 10):
        lol += f'<!ENTITY a{n} "{("&" + prev + ";") * 10}">'.encode()
        prev = f"a{n}"
    lol += f']><rss version="2.0"><channel><title>&{prev};</title><item><title>x</title></item></channel></rss>'.encode()
    start = time.monotonic()
    try:
        items = parse_feed(lol)
    except NotAFeed:
        items = []
    assert time.monotonic() - start < 5
    assert all(len(i.title) < 1_000_000 for i in items)


def test_opml_round_trip(tmp_path: Path) -> None:
    feeds = [
        OpmlFeed("Acme news", "https://news.example/rss"),
        OpmlFeed("Blog & more", "https://b.example/a?x=1&y=2"),
    ]
    assert parse_opml(write_opml(feeds, "mine")) == feeds


def test_opml_nested_and_hostile() -> None:
    nested = b"""<?xml version="1.0"?><opml version="1.0"><head/><body>
      <outline text="Folder"><outline text="A" xmlUrl="https://a.example/feed"/>
        <outline text="Deeper"><outline title="B" xmlUrl="https://b.example/feed"/></outline></outline>
      <outline text="no url"/></body></opml>"""
    assert [f.url for f in parse_opml(nested)] == ["https://a.example/feed", "https://b.example/feed"]
    with pytest.raises(UserError):
        parse_opml(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><opml><body/></opml>')
    with pytest.raises(UserError, match="not an OPML"):
        parse_opml(b"<rss/>")


def test_registry_and_config_validation() -> None:
    assert "rss" in connector_kinds()
    with pytest.raises(UserError, match=r"known kinds: .*rss"):
        get_connector("telegraph")
    rss = get_connector("rss")
    assert validate_config(rss, {"url": " https://x.example/feed "}) == {"url": "https://x.example/feed"}
    with pytest.raises(UserError, match="needs Feed address"):
        validate_config(rss, {})
    with pytest.raises(UserError, match="http"):
        validate_config(rss, {"url": "javascript:alert(1)"})
    with pytest.raises(UserError, match="whole number"):
        validate_config(rss, {"url": "https://x.example/", "max_bytes": "lots"})
    with pytest.raises(UserError, match="Unknown field"):
        validate_config(rss, {"url": "https://x.example/", "colour": "red"})
