"""Per-source request settings, polled for real: a local feed server records what each request carried, and a
real loopback forward proxy records what went through it."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.config.settings import settings_for
from desktop_app.core.errors import UserError
from desktop_app.core.models import BrandProfile
from desktop_app.services.factory import build_http
from desktop_app.services.poller import Poller
from desktop_app.services.sources import add_source
from desktop_app.sources import request_profile as rp
from desktop_app.sources.base import SourceState, validate_config
from desktop_app.sources.http import DEFAULT_USER_AGENT, HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.sources.reddit import RedditConnector
from desktop_app.sources.rss import FEED_ACCEPT, RssConnector
from desktop_app.storage.queries import get_source
from desktop_app.storage.workspace import Workspace, create_workspace
from tests.support.api_server import ApiServer, answer
from tests.support.forward_proxy import ForwardProxy, Socks5Proxy
from tests.support.http_server import LoopbackServer

FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    "<item><title>Acme broke my order</title><link>https://x.example/1</link><guid>1</guid></item>"
    "</channel></rss>"
)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path, "acme", BrandProfile("Acme"))
    yield workspace
    workspace.close()


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    server = ForwardProxy()
    yield server
    server.stop()


def poll(ws: Workspace, http: HttpClient, *source_ids: int) -> None:
    poller = Poller(ws, http, max_workers=4)
    report = poller.poll_sources(list(source_ids))
    assert [o.error for o in report.outcomes] == [None] * len(source_ids)


def feed_source(ws: Workspace, server: LoopbackServer, path: str = "/feed.xml", **fields: Any) -> int:
    url = server.route(path, FEED, headers={"Content-Type": "application/rss+xml"}, etag='"v1"')
    source_id, _name = add_source(ws, kind="rss", config={"url": url, **fields})
    return source_id


@pytest.mark.parametrize(
    ("fields", "user_agent", "accept"),
    [
        ({}, DEFAULT_USER_AGENT, FEED_ACCEPT),
        ({"user_agent_preset": "feed_reader"}, rp.FEED_READER_USER_AGENT, rp.FEED_READER_ACCEPT),
        ({"user_agent_preset": "browser"}, rp.BROWSER_USER_AGENT, rp.BROWSER_ACCEPT),
        ({"user_agent_preset": "custom", "user_agent": "AcmeWatch/2 (ops@acme.example)"},
         "AcmeWatch/2 (ops@acme.example)", FEED_ACCEPT),
    ],
)  # fmt: skip
def test_each_preset_sends_its_user_agent_and_accept(
    ws: Workspace, http_server: LoopbackServer, fields: dict[str, str], user_agent: str, accept: str
) -> None:
    source_id = feed_source(ws, http_server, **fields)
    poll(ws, HttpClient(pacer=HostPacer(0.0)), source_id)
    (sent,) = http_server.headers_of("/feed.xml")
    assert sent["user-agent"] == user_agent
    assert sent["accept"] == accept


def test_the_default_preset_identifies_earshot() -> None:
    assert "Earshot/" in DEFAULT_USER_AGENT
    assert rp.request_profile({}) == rp.RequestProfile()  # old sources: the client's own headers


def test_conditional_get_still_works_with_a_preset(ws: Workspace, http_server: LoopbackServer) -> None:
    source_id = feed_source(ws, http_server, user_agent_preset="browser")
    http = HttpClient(pacer=HostPacer(0.0))
    poll(ws, http, source_id)
    poll(ws, http, source_id)
    first, second = http_server.headers_of("/feed.xml")
    assert "if-none-match" not in first and second["if-none-match"] == '"v1"'
    assert second["user-agent"] == rp.BROWSER_USER_AGENT
    row = get_source(ws.reader(), source_id=source_id)
    assert row is not None and row["items_fetched"] == 1  # the 304 added nothing


def test_a_custom_proxy_carries_the_request(
    ws: Workspace, http_server: LoopbackServer, proxy: ForwardProxy
) -> None:
    source_id = feed_source(
        ws, http_server, user_agent_preset="feed_reader", proxy="custom", proxy_url=proxy.url
    )
    direct = feed_source(ws, http_server, "/direct.xml")
    poll(ws, HttpClient(pacer=HostPacer(0.0)), source_id, direct)
    assert proxy.urls() == [http_server.url("/feed.xml")]
    (through,) = proxy.seen
    assert through[1]["user-agent"] == rp.FEED_READER_USER_AGENT
    assert http_server.headers_of("/feed.xml")[0]["user-agent"] == rp.FEED_READER_USER_AGENT
    row = get_source(ws.reader(), source_id=source_id)
    assert row is not None and row["items_fetched"] == 1


def test_a_dead_custom_proxy_shows_on_the_source(ws: Workspace, http_server: LoopbackServer) -> None:
    dead = ForwardProxy()
    dead.stop()  # nothing listens on its port any more
    source_id = feed_source(ws, http_server, proxy="custom", proxy_url=dead.url)
    report = Poller(ws, HttpClient(pacer=HostPacer(0.0))).poll_sources([source_id])
    assert report.outcomes[0].error and "proxy" in report.outcomes[0].error.lower()
    assert http_server.headers_of("/feed.xml") == []


def test_app_default_uses_the_app_proxy_setting_and_none_goes_direct(
    ws: Workspace, http_server: LoopbackServer, proxy: ForwardProxy, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path)
    settings.set("http.proxy", proxy.url)
    settings.set("poll.per_host_interval_seconds", 0.0)
    by_default = feed_source(ws, http_server, "/a.xml")
    chosen_default = feed_source(ws, http_server, "/b.xml", proxy="default")
    direct = feed_source(ws, http_server, "/c.xml", proxy="none")
    poll(ws, build_http(settings), by_default, chosen_default, direct)
    assert sorted(proxy.urls()) == [http_server.url("/a.xml"), http_server.url("/b.xml")]
    assert http_server.count("/c.xml") == 1


def test_none_ignores_the_environment_proxy(
    ws: Workspace, http_server: LoopbackServer, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    from_env = feed_source(ws, http_server, "/env.xml")
    direct = feed_source(ws, http_server, "/none.xml", proxy="none")
    poll(ws, HttpClient(pacer=HostPacer(0.0)), from_env, direct)
    assert proxy.urls() == [http_server.url("/env.xml")]
    assert http_server.count("/none.xml") == 1


def test_per_host_pacing_spans_presets_and_proxies(
    ws: Workspace, http_server: LoopbackServer, proxy: ForwardProxy
) -> None:
    ids = [
        feed_source(ws, http_server, "/p1.xml"),
        feed_source(ws, http_server, "/p2.xml", user_agent_preset="browser"),
        feed_source(ws, http_server, "/p3.xml", proxy="custom", proxy_url=proxy.url),
    ]
    poll(ws, HttpClient(pacer=HostPacer(0.4)), *ids)
    starts = sorted(t for _p, t in http_server.request_log)
    assert len(starts) == 3
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.35, gaps  # one host, one pacer: the third request waited its turn too


def test_a_preset_never_replaces_reddits_user_agent_or_an_apis_json_accept() -> None:
    server = ApiServer("127.0.0.1")
    listing = {"kind": "Listing", "data": {"after": None, "children": []}}
    token = {"access_token": "tok", "token_type": "bearer", "expires_in": 3600}
    calls = answer(200, listing)
    server.route("/api/v1/access_token", handler=answer(200, token))
    server.route("/search", handler=calls)
    config = {
        "query": "acme",
        "username": "acme_team",
        "api_base": server.url(""),
        "token_url": server.url("/api/v1/access_token"),
        "user_agent_preset": "browser",
    }
    http = HttpClient(pacer=HostPacer(0.0))
    try:
        view = http.with_profile(rp.request_profile(config))
        secrets = {"client_id": "id", "client_secret": "secret"}
        RedditConnector().fetch(config, SourceState(), view, secrets)
    finally:
        http.close()
        server.stop()
    (call,) = calls.calls
    assert "acme_team" in call.headers["user-agent"] and "Chrome" not in call.headers["user-agent"]
    assert "json" in call.headers["accept"]


def test_views_share_the_pool_per_proxy_and_closing_closes_all() -> None:
    http = HttpClient(pacer=HostPacer(0.0))
    browser = http.with_profile(rp.RequestProfile(user_agent="x"))
    direct_a = http.with_profile(rp.RequestProfile(proxy=rp.PROXY_NONE))
    direct_b = browser.with_profile(rp.RequestProfile(user_agent="y", proxy=rp.PROXY_NONE))
    assert browser._client is http._client and direct_a._client is direct_b._client
    assert direct_a._client is not http._client and direct_a.pacer is http.pacer
    assert http.with_profile(rp.RequestProfile()) is http
    direct_a.close()
    assert http._client.is_closed and direct_b._client.is_closed


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"user_agent_preset": "custom"}, "custom User-Agent needs"),
        ({"user_agent_preset": "custom", "user_agent": "Agent\u2122"}, "printable ASCII"),
        ({"user_agent": "Mine/1"}, "only with user_agent_preset=custom"),
        ({"user_agent_preset": "chrome"}, "must be one of"),
        ({"proxy": "custom"}, "needs its address"),
        ({"proxy": "custom", "proxy_url": "ftp://p.example:21"}, "must look like"),
        ({"proxy": "custom", "proxy_url": "http://p.example"}, "needs a port"),
        ({"proxy": "custom", "proxy_url": "http://u:pw@p.example:3128"}, "password"),
        ({"proxy_url": "http://p.example:3128"}, "only with proxy=custom"),
    ],
)
def test_request_fields_are_checked(fields: dict[str, str], says: str) -> None:
    with pytest.raises(UserError, match=says):
        validate_config(RssConnector(), {"url": "https://x.example/rss", **fields})


def test_socks_needs_socksio() -> None:
    config = {"url": "https://x.example/rss", "proxy": "custom", "proxy_url": "socks5://127.0.0.1:1080"}
    if rp.socks_supported():
        assert validate_config(RssConnector(), config)["proxy_url"] == "socks5://127.0.0.1:1080"
    else:
        with pytest.raises(UserError, match="socksio"):
            validate_config(RssConnector(), config)


def test_defaults_are_not_stored_and_values_are() -> None:
    clean = validate_config(RssConnector(), {"url": "https://x.example/rss", "user_agent_preset": "earshot"})
    assert clean == {"url": "https://x.example/rss"}
    clean = validate_config(
        RssConnector(),
        {"url": "https://x.example/rss", "user_agent_preset": "custom", "user_agent": "  Mine/1   (x) "},
    )
    assert clean["user_agent"] == "Mine/1 (x)" and clean["user_agent_preset"] == "custom"


def test_pacing_waits_do_not_leak_between_threads() -> None:
    """Views are used from many poll threads at once: each keeps its own profile."""
    server = LoopbackServer()
    server.route("/h", "ok", headers={"Content-Type": "text/plain"})
    http = HttpClient(pacer=HostPacer(0.0))
    agents = [f"Agent{i}/1" for i in range(6)]

    def fetch(agent: str) -> None:
        http.with_profile(rp.RequestProfile(user_agent=agent)).get(server.url("/h"))

    threads = [threading.Thread(target=fetch, args=(a,)) for a in agents]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
    finally:
        http.close()
        server.stop()
    assert sorted(h["user-agent"] for h in server.headers_of("/h")) == sorted(agents)


def test_test_connection_goes_the_way_the_source_polls(
    http_server: LoopbackServer, proxy: ForwardProxy
) -> None:
    from desktop_app.sources.connection import test_connection

    url = http_server.route("/t.xml", FEED, headers={"Content-Type": "application/rss+xml"})
    config = {"url": url, "user_agent_preset": "feed_reader", "proxy": "custom", "proxy_url": proxy.url}
    http = HttpClient(pacer=HostPacer(0.0))
    try:
        result = test_connection(RssConnector(), config, http, {})
    finally:
        http.close()
    assert result.ok, result.message
    assert proxy.urls() == [url]
    assert http_server.headers_of("/t.xml")[0]["user-agent"] == rp.FEED_READER_USER_AGENT


def test_a_socks5_proxy_carries_the_request(ws: Workspace, http_server: LoopbackServer) -> None:
    assert rp.socks_supported(), "pyproject asks for httpx[socks]; reinstall: pip install -e '.[test]'"
    socks = Socks5Proxy()
    try:
        source_id = feed_source(ws, http_server, proxy="custom", proxy_url=socks.url)
        poll(ws, HttpClient(pacer=HostPacer(0.0)), source_id)
    finally:
        socks.stop()
    assert socks.connects == [("127.0.0.1", http_server.port)]
    assert http_server.count("/feed.xml") == 1


def test_update_config_keeps_what_it_does_not_know_and_stores_nothing_bad(ws: Workspace) -> None:
    from desktop_app.services.sources import source_config, update_config
    from desktop_app.storage import source_writes

    source_id = ws.writer.call(
        lambda conn: source_writes.add_source(
            conn, name="Sample", kind="rss", config={"url": "https://x.example/r", "demo": True},
            interval_minutes=30, now=0,
        )
    )  # fmt: skip
    update_config(ws, source_id, {"user_agent_preset": "feed_reader"})
    assert source_config(ws, source_id) == {
        "url": "https://x.example/r",
        "demo": True,
        "user_agent_preset": "feed_reader",
    }
    with pytest.raises(UserError):
        update_config(ws, source_id, {"proxy": "custom"})
    assert "proxy" not in source_config(ws, source_id)
    update_config(ws, source_id, {"user_agent_preset": None})
    assert source_config(ws, source_id) == {"url": "https://x.example/r", "demo": True}
