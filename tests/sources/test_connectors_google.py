"""Google News search and Google Alert feeds (captured feeds over loopback), and the hate searches."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from desktop_app.core.errors import AuthError, BadResponse, NotAFeed, RateLimited, UserError
from desktop_app.core.models import BrandProfile, FetchResult
from desktop_app.services.search_sources import SEARCH_SITES, SiteOffer, plan_searches
from desktop_app.sources.base import SourceState, validate_config
from desktop_app.sources.google_alerts import GoogleAlertsConnector, article_url, check_alert_url
from desktop_app.sources.google_news import GoogleNewsConnector, search_url
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES, hate_search_queries
from desktop_app.sources.http import HttpClient
from desktop_app.sources.registry import get_connector
from tests.sources.test_connectors_helpers import Api, fixed, isolated
from tests.support.http_server import LoopbackServer
from tests.support.shared_data import shared_file

NEWS = "/rss/search"
ALERT = "/alerts/feeds/04175468913983673025/4428013283581841004"
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def capture(folder: str, name: str) -> bytes:
    return shared_file("feeds", folder, name).read_bytes()


def news(
    server: LoopbackServer, http: HttpClient, state: SourceState | None = None, **config: Any
) -> FetchResult:
    cfg = {"query": '"Acme sucks"', "server": server.url(""), **config}
    return GoogleNewsConnector().fetch(cfg, state or SourceState(), http, {})


def alert(server: LoopbackServer, http: HttpClient, state: SourceState | None = None) -> FetchResult:
    return GoogleAlertsConnector().fetch({"url": server.url(ALERT)}, state or SourceState(), http, {})


def test_search_url() -> None:
    url = search_url('"I hate Acme"', "en-GB", "gb")
    assert url.startswith("https://news.google.com/rss/search?")
    assert parse_qs(urlsplit(url).query) == {
        "q": ['"I hate Acme"'], "hl": ["en-GB"], "gl": ["GB"], "ceid": ["GB:en"]
    }  # fmt: skip


def test_google_news_capture_then_nothing_new(http_server: LoopbackServer, http: HttpClient) -> None:
    api = fixed(200, capture("google-news-rss", "google_news_brent.xml"), {**RSS, "ETag": '"n1"'})
    http_server.route(NEWS, handler=api)
    first = news(http_server, http, language="fr", country="FR")
    assert len(first.items) == 6 and all(i.query == '"Acme sucks"' for i in first.items)
    assert all(i.url and i.url.startswith("https://news.google.com/") for i in first.items)
    assert all(i.author and i.published for i in first.items)  # the outlet, from <source>
    assert api.queries[0] == {"q": '"Acme sucks"', "hl": "fr", "gl": "FR", "ceid": "FR:fr"}
    again = news(http_server, http, SourceState(etag=first.etag, cursor=first.cursor))
    assert again.items == [] and again.cursor == first.cursor
    assert api.calls[1][1]["if-none-match"] == '"n1"'


def test_google_news_next_poll_keeps_only_new_items(http_server: LoopbackServer, http: HttpClient) -> None:
    small = capture("google-news-rss", "google_news_brent.xml")
    http_server.route(NEWS, small, headers=RSS)
    first = news(http_server, http)
    http_server.route(NEWS, capture("google-news-rss", "google_news_bears_ears.xml"), headers=RSS)
    second = news(http_server, http, SourceState(cursor=first.cursor))
    assert len(second.items) == 92  # none of these were in the first feed
    http_server.route(NEWS, small, headers=RSS, etag='"n2"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    third = news(http_server, http, SourceState(cursor=second.cursor))
    assert third.items == [] and third.etag == '"n2"'
    fourth = news(http_server, http, SourceState(etag='"n2"', cursor=third.cursor))
    assert fourth.not_modified and fourth.items == [] and fourth.cursor == third.cursor


def test_google_alert_capture(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route(ALERT, capture("google-alerts", "google_alerts_atom.xml"), headers=RSS)
    result = alert(http_server, http)
    assert len(result.items) > 5
    first = result.items[0]
    assert first.url and first.url.startswith("https://www.aglobalmarketresearch.com/report-offers")
    assert first.extra["alert_link"].startswith("https://www.google.com/url?")
    assert alert(http_server, http, SourceState(cursor=result.cursor)).items == []


def test_alert_url_checks() -> None:
    ok = "https://www.google.com/alerts/feeds/04175468913983673025/4428013283581841004"
    assert (
        check_alert_url(ok) == ok and check_alert_url("http://127.0.0.1:9/feed") == "http://127.0.0.1:9/feed"
    )
    with pytest.raises(UserError, match="not an alert feed"):
        check_alert_url("https://www.google.com/alerts")
    with pytest.raises(UserError, match="https"):
        check_alert_url("ftp://google.com/alerts/feeds/1/2")
    with pytest.raises(UserError, match="http"):
        validate_config(get_connector("google_alerts"), {"url": "javascript:alert(1)"})
    assert article_url("https://example.com/a") == "https://example.com/a"


def test_google_alert_wrong_google_page(http: HttpClient) -> None:
    with pytest.raises(BadResponse, match="not an alert feed"):
        GoogleAlertsConnector().fetch({"url": "https://www.google.com/alerts"}, SourceState(), http, {})


@pytest.mark.parametrize("path", [NEWS, ALERT])
def test_auth_rejected(http_server: LoopbackServer, http: HttpClient, path: str) -> None:
    http_server.route(path, "who are you", status=401)
    with pytest.raises(AuthError):
        news(http_server, http) if path == NEWS else alert(http_server, http)


@pytest.mark.parametrize(("host", "path"), [("127.0.0.35", NEWS), ("127.0.0.36", ALERT)])
def test_rate_limited(host: str, path: str) -> None:
    with isolated(host) as (server, http):
        server.route(path, handler=Api(lambda _q: (429, "unusual traffic", {"Retry-After": "3600"})))
        with pytest.raises(RateLimited) as caught:
            news(server, http) if path == NEWS else alert(server, http)
        assert caught.value.retry_after == 3600


@pytest.mark.parametrize("path", [NEWS, ALERT])
def test_malformed_body(http_server: LoopbackServer, http: HttpClient, path: str) -> None:
    http_server.route(
        path, "<html><body>Before you continue to Google</body></html>", headers={"Content-Type": "text/html"}
    )
    with pytest.raises(NotAFeed, match="web page"):
        news(http_server, http) if path == NEWS else alert(http_server, http)
    http_server.route(path, "garbage that is no feed at all", headers={"Content-Type": "text/plain"})
    with pytest.raises(NotAFeed):
        news(http_server, http) if path == NEWS else alert(http_server, http)


def test_hate_search_queries() -> None:
    queries = hate_search_queries("Acme", ["ACME Corp", "acme", " "])
    assert len(queries) == 2 * len(DEFAULT_TEMPLATES)
    assert queries[:3] == ['"I hate Acme"', '"Acme sucks"', '"Acme scam"']
    assert '"former employee ACME Corp"' in queries and '"never again Acme"' in queries
    assert hate_search_queries('Ac"me', [], ["{brand} down"]) == ['"Ac me down"']


KEYED_CONFIG = {"bluesky": {"handle": "me.bsky.social", "app_password": "acme/Bluesky/app_password"}}


def test_hate_searches_validate_on_every_search_site() -> None:
    profile = BrandProfile("Acme", aliases=("Acme Co",))
    offers = [
        SiteOffer(s.kind, s.label, s.tip, True, config=KEYED_CONFIG.get(s.kind, {})) for s in SEARCH_SITES
    ]
    kinds = [s.kind for s in SEARCH_SITES]
    planned = plan_searches(profile, DEFAULT_TEMPLATES, kinds, include_brand=False, offers=offers)
    assert len(planned) == len(kinds) * 2 * len(DEFAULT_TEMPLATES)
    first = planned[0]
    assert (
        first.kind == "google_news"
        and first.config == {"query": '"I hate Acme"'}
        and "I hate Acme" in first.name
    )
    assert len({p.name for p in planned}) == len(planned)
    for search in planned:
        validate_config(get_connector(search.kind), search.config)
    with pytest.raises(ValueError, match="rss"):
        plan_searches(profile, kinds=("rss",))
