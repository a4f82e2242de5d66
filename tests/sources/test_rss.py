"""The RSS connector on real captured feeds served over loopback, and on hostile bodies."""

from __future__ import annotations

import io
import os
import resource
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from desktop_app.core.errors import NotAFeed, TooLarge
from desktop_app.core.html import html_to_text
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.rss import RssConnector, parse_feed
from tests.support.http_server import LoopbackServer
from tests.support.shared_data import REPO_ROOT, shared_file

CAPTURE_GLOBS = [
    ("google-news-rss", "*.xml"),
    ("reddit-rss", "*"),
    ("blog-rss", "*.xml"),
    ("blog-rss", "*.rss"),
    ("blog-rss", "*.atom"),
    ("youtube-atom", "youtube_atom.xml"),
    ("google-alerts", "google_alerts_atom.xml"),
    ("hn-rss", "*.xml"),
    ("appstore-reviews", "*.xml"),
]


def _captures() -> list[str]:
    root = os.environ.get("EARSHOT_SHARED_DATA") or REPO_ROOT.parent / "shared" / "data"
    feeds = Path(root) / "feeds"
    found = sorted(f"{d}/{p.name}" for d, pattern in CAPTURE_GLOBS for p in (feeds / d).glob(pattern))
    # Without the shared folder, one id still runs and shared_file() skips it (or fails it under CI).
    return found or ["google-news-rss/google_news_brent.xml"]


def fetch(http: HttpClient, url: str, state: SourceState | None = None) -> FetchResult:
    return RssConnector().fetch({"url": url}, state or SourceState(), http, {})


def _serve(server: LoopbackServer, name: str, path: str = "/feed") -> tuple[str, bytes]:
    body = shared_file("feeds", *name.split("/")).read_bytes()
    url = server.route(
        path, body, headers={"Content-Type": "application/rss+xml; charset=utf-8"}, etag='"e1"'
    )
    return url, body


@pytest.mark.parametrize("name", _captures())
def test_real_captures(name: str, http_server: LoopbackServer, http: HttpClient) -> None:
    url, body = _serve(http_server, name)
    result = fetch(http, url)
    expected = feedparser.parse(io.BytesIO(body)).entries
    assert len(result.items) == len(expected) > 0
    assert result.etag == '"e1"' and not result.not_modified
    assert len({i.source_item_id for i in result.items}) == len(result.items)
    for item, entry in zip(result.items, expected, strict=True):
        assert item.source_item_id
        # Titles may stay HTML-escaped ("&#39;") without feedparser's sanitizer; normalize unescapes them.
        assert html_to_text(item.title) == html_to_text(entry.get("title", ""))
        if entry.get("link"):
            assert item.url and item.url.startswith("http")  # relative links resolved against the feed URL
        if entry.get("author"):
            assert item.author
        if entry.get("published_parsed") or entry.get("updated_parsed"):
            assert isinstance(item.published, datetime) and item.published.tzinfo == UTC
        if entry.get("summary") or entry.get("content"):
            assert item.content_html
    again = fetch(http, url, SourceState(etag=result.etag))
    assert again.not_modified and again.items == [] and again.etag == '"e1"'


def test_field_mapping_on_known_feeds(http_server: LoopbackServer, http: HttpClient) -> None:
    def items(name: str) -> list[FetchedItem]:
        return fetch(http, _serve(http_server, name, "/" + name.replace("/", "_"))[0]).items

    news = items("google-news-rss/google_news_brent.xml")
    assert all(i.author and i.author_url and i.author_url.startswith("http") for i in news)  # the outlet
    reddit = items("reddit-rss/reddit.rss")
    assert all(i.author and i.author.startswith("/u/") for i in reddit)  # from "submitted by"
    assert reddit[0].author == "/u/cakebeerandmorebeer"
    assert reddit[0].published == datetime(2015, 11, 12, 21, 16, 39, tzinfo=UTC)
    hn = items("hn-rss/hnrss_frontpage.xml")
    assert hn[0].reach == 24 and hn[0].reach_label == "points"
    youtube = items("youtube-atom/youtube_atom.xml")
    assert youtube[0].reach == 251497 and youtube[0].reach_label == "views"
    sam = items("blog-rss/SamRuby.xml")
    assert all(i.author == "Sam Ruby" for i in sam)  # the feed's author covers its entries
    assert all('href="/' not in i.content_html for i in sam)  # relative links in the HTML resolved
    reviews = items("appstore-reviews/Fixture_customerreviews_jp.xml")
    assert sum(1 for i in reviews if i.rating is not None) >= len(reviews) - 1
    assert all(1 <= i.rating <= 5 for i in reviews if i.rating is not None)


def test_json_feed(http: HttpClient, http_server: LoopbackServer) -> None:
    body = shared_file("feeds", "blog-rss", "json_feed.json").read_bytes()
    url = http_server.route("/j", body, headers={"Content-Type": "application/feed+json"})
    items = fetch(http, url).items
    assert len(items) == 20
    assert all(i.published and i.published.tzinfo == UTC and i.url and i.title for i in items)
    assert all(i.author == "Brent Simmons" and i.content_html for i in items)


def test_json_feed_1_1_minimal() -> None:
    body = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [
      {"id": "1", "content_text": "a < b", "url": "/posts/1", "date_published": "2026-11-20T10:00:00+02:00",
       "authors": [{"name": "Ann", "url": "https://ann.example"}]},
      {"id": "2", "content_html": "<p>hi</p>"}, "junk"]}"""
    first, second = parse_feed(body, base_url="https://blog.example/feed.json")
    assert first.url == "https://blog.example/posts/1" and first.content_html == "a &lt; b"
    assert first.published == datetime(2026, 11, 20, 8, 0, tzinfo=UTC) and first.author == "Ann"
    assert second.published is None and second.author is None


def test_login_page_is_not_a_feed(http: HttpClient, http_server: LoopbackServer) -> None:
    page = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>...</form></body></html>"
    url = http_server.route("/login", page, headers={"Content-Type": "text/html"})
    with pytest.raises(NotAFeed, match="web page"):
        fetch(http, url)
    with pytest.raises(NotAFeed, match="web page"):  # even when the server calls it XML
        parse_feed(b'<?xml version="1.0"?>\n<html><body>consent</body></html>', {"content-type": "text/xml"})


def test_a_feed_labelled_html_is_still_read() -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>'
    assert [i.title for i in parse_feed(feed, {"content-type": "text/html"})] == ["a"]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   ",
        b"\x00\xff\xfe garbage \x89PNG",
        b"plain words, no markup",
        b"{not json",
        b'{"a": 1}',
        b"[1, 2]",
    ],
)
def test_garbage_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(NotAFeed, match="Not a feed"):
        parse_feed(body, {"content-type": "application/octet-stream"})


def test_a_body_naming_a_local_file_is_not_opened(tmp_path: Path) -> None:
    """feedparser.parse(bytes) would open the bytes as a file name; a server must not read our disk."""
    local = tmp_path / "private.xml"
    local.write_text(
        '<rss version="2.0"><channel><title>private</title><item><title>secret</title></item></channel></rss>'
    )
    with pytest.raises(NotAFeed):
        parse_feed(str(local).encode())


def test_empty_valid_feed_has_no_items() -> None:
    assert (
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>') == []
    )


def test_broken_feed_with_entries_is_fine() -> None:
    broken = b'<rss version="2.0"><channel><title>t</title><item><title>AT&T & co</title><link>https://x.example/1</link></item></channel>'
    items = parse_feed(broken)
    assert len(items) == 1 and items[0].url == "https://x.example/1"


def _billion_laughs() -> bytes:
    lol = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol">'
    prev = "a"
    for n in range(1, 10):
        lol += f'<!ENTITY a{n} "{("&" + prev + ";") * 10}">'.encode()
        prev = f"a{n}"
    tail = f']><rss version="2.0"><channel><title>&{prev};</title><item><title>&{prev};</title></item></channel></rss>'
    return lol + tail.encode()


def _quadratic_blowup() -> bytes:
    big = "x" * 100_000
    refs = "&a;" * 100_000  # 10 GB if expanded
    return f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{big}">]><rss version="2.0"><channel><title>t</title><item><title>{refs}</title></item></channel></rss>'.encode()


def _external_entity() -> bytes:
    return b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>t</title><item><title>&x;</title></item></channel></rss>'


@pytest.mark.parametrize("make", [_billion_laughs, _quadratic_blowup, _external_entity])
def test_entity_attacks_end_fast_with_bounded_memory(make: Callable[[], bytes]) -> None:
    body = make()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(NotAFeed, match="attack"):
        parse_feed(body)
    assert time.monotonic() - start < 1
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert grown_kb < 100_000


def test_harmless_entity_declarations_are_allowed() -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss version="2.0"><channel><title>t</title><item><title>a&nbsp;b</title></item></channel></rss>'
    assert [i.title for i in parse_feed(body)] == ["a\xa0b"]


def test_items_without_id_or_link_get_a_stable_id() -> None:
    body = b'<rss version="2.0"><channel><title>t</title><item><title>same</title><description>x</description></item></channel></rss>'
    first, again = parse_feed(body)[0], parse_feed(body)[0]
    assert first.source_item_id == again.source_item_id and first.source_item_id.startswith("sha1:")
    assert first.url is None and first.published is None


def test_size_limit_from_the_config(http: HttpClient, http_server: LoopbackServer) -> None:
    url = http_server.route("/big", b"<rss>" + b" " * 5000 + b"</rss>")
    with pytest.raises(TooLarge):
        RssConnector().fetch({"url": url, "max_bytes": 1000}, SourceState(), http, {})


def _in(encoding: str, bom: bytes = b"") -> Callable[[bytes], bytes]:
    def encode(body: bytes) -> bytes:
        text = body.decode().replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
        return bom + text.encode(encoding)

    return encode


@pytest.mark.parametrize(
    "wide",
    [
        _in("utf-16-le", b"\xff\xfe"),
        _in("utf-16-be", b"\xfe\xff"),
        _in("utf-16-le"),
        _in("utf-16-be"),
        _in("utf-32-le", b"\xff\xfe\x00\x00"),
        _in("utf-32-be"),
    ],
)
@pytest.mark.parametrize("make", [_billion_laughs, _external_entity])
def test_entity_attacks_in_wide_encodings_are_refused(
    make: Callable[[], bytes], wide: Callable[[bytes], bytes]
) -> None:
    """The guard reads a UTF-16 or UTF-32 document as text: the same bomb in two bytes a character is refused
    before the parser sees it (whatever expat the app was bundled with)."""
    from desktop_app.sources.feed_guard import check_entities

    with pytest.raises(NotAFeed, match="attack"):
        check_entities(wide(make()))


def test_a_harmless_utf16_feed_still_parses() -> None:
    body = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>t</title><item><title>Acme ☕</title><link>https://x.example/1</link></item></channel></rss>'
    items = parse_feed("\ufeff".encode("utf-16-le") + body.encode("utf-16-le"))
    assert [i.title for i in items] == ["Acme ☕"]
