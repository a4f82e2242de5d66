"""The HTTP client against a real server on loopback."""

from __future__ import annotations

import gzip
import logging
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler

import pytest

from desktop_app.core.errors import (
    AuthError,
    BadResponse,
    Blocked,
    FetchError,
    RateLimited,
    TimedOut,
    TooLarge,
    TransientError,
)
from desktop_app.sources.http import HttpClient, retry_after_seconds
from desktop_app.sources.pacing import HostPacer
from tests.support.http_server import LoopbackServer, make_server


@pytest.fixture
def second_server() -> Iterator[LoopbackServer]:
    server = make_server("127.0.0.4")
    yield server
    server.stop()


def client(**options: float) -> HttpClient:
    return HttpClient(pacer=HostPacer(0.0), **options)  # type: ignore[arg-type]


def test_user_agent_and_body(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/feed", b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    response = http.get(url, accept="application/rss+xml")
    assert response.status == 200 and response.body == b"<rss/>" and response.elapsed > 0
    assert response.content_type == "application/rss+xml"
    sent = http_server.headers_of("/feed")[0]
    assert sent["user-agent"] == "Earshot/0.1.0 (+https://earshot.app; brand monitoring feed reader)"
    assert sent["accept"] == "application/rss+xml"
    assert "gzip" in sent["accept-encoding"]


def test_etag_round_trip(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/feed", b"<rss/>", etag='"v1"')
    first = http.get(url)
    assert first.etag == '"v1"' and not first.not_modified and first.body == b"<rss/>"
    second = http.get(url, etag=first.etag)
    assert second.status == 304 and second.not_modified and second.body == b""
    assert http_server.headers_of("/feed")[1]["if-none-match"] == '"v1"'
    assert not http.get(url, etag='"old"').not_modified


def test_last_modified_round_trip(http_server: LoopbackServer, http: HttpClient) -> None:
    stamp = "Wed, 18 Nov 2026 10:00:00 GMT"
    url = http_server.route("/feed", b"<rss/>", last_modified=stamp)
    assert http.get(url).last_modified == stamp
    assert http.get(url, last_modified=stamp).not_modified
    assert http_server.headers_of("/feed")[1]["if-modified-since"] == stamp


def test_gzip_is_decoded(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/feed", b"<rss>" + b"x" * 5000 + b"</rss>", gzip=True)
    response = http.get(url)
    assert response.body == b"<rss>" + b"x" * 5000 + b"</rss>"
    assert response.headers["content-encoding"] == "gzip"


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
def test_deflate_both_flavours(http_server: LoopbackServer, http: HttpClient, wbits: int) -> None:
    packer = zlib.compressobj(wbits=wbits)
    packed = packer.compress(b"<rss>deflated</rss>") + packer.flush()
    url = http_server.route("/d", packed, headers={"Content-Encoding": "deflate"})
    assert http.get(url).body == b"<rss>deflated</rss>"


def test_unknown_compression_is_refused(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/br", b"\x1b\x00", headers={"Content-Encoding": "br"})
    with pytest.raises(BadResponse, match="compressed"):
        http.get(url)


@pytest.mark.parametrize(
    ("status", "error", "words"),
    [(401, AuthError, "rejected"), (403, Blocked, "refuses"), (451, Blocked, "refuses"),
     (500, TransientError, "retry"), (502, TransientError, "retry"),
     (503, TransientError, "temporarily unavailable"),
     (404, BadResponse, "check the URL"), (410, BadResponse, "check the URL"), (400, BadResponse, "400")],
)  # fmt: skip
def test_status_codes_map_to_errors(
    http_server: LoopbackServer, http: HttpClient, status: int, error: type, words: str
) -> None:
    url = http_server.route("/x", b"no", status=status)
    with pytest.raises(error, match=words) as info:
        http.get(url)
    assert f"answered {status}" in str(info.value)
    if status == 500:
        assert not isinstance(info.value, TimedOut)


def test_429_with_retry_after_seconds_blocks_the_host(http_server: LoopbackServer) -> None:
    pacer = HostPacer(0.0, max_block_wait=0.5)
    with HttpClient(pacer=pacer) as c:
        url = http_server.route("/x", b"slow down", status=429, headers={"Retry-After": "120"})
        with pytest.raises(RateLimited, match="429") as info:
            c.get(url)
        assert info.value.retry_after == 120
        until = pacer.blocked_until("127.0.0.1")
        assert until is not None and 115 < until - time.monotonic() <= 120
        with pytest.raises(RateLimited, match="until"):
            c.get(http_server.route("/other", b"fine"))  # no request leaves while the host is blocked
        assert http_server.count("/other") == 0


def test_429_with_retry_after_date(http_server: LoopbackServer) -> None:
    pacer = HostPacer(0.0, max_block_wait=0.5)
    with HttpClient(pacer=pacer) as c:
        when = formatdate(time.time() + 90, usegmt=True)
        url = http_server.route("/x", b"", status=429, headers={"Retry-After": when})
        with pytest.raises(RateLimited) as info:
            c.get(url)
        assert info.value.retry_after is not None and 85 <= info.value.retry_after <= 91
        assert 85 <= pacer.blocked_for("127.0.0.1") <= 91


def test_503_with_retry_after_is_rate_limited_and_429_without_is_too(http_server: LoopbackServer) -> None:
    pacer = HostPacer(0.0, max_block_wait=0.5)
    with HttpClient(pacer=pacer) as c:
        with pytest.raises(RateLimited, match="temporarily unavailable") as info:
            c.get(http_server.route("/m", b"", status=503, headers={"Retry-After": "5"}))
        assert info.value.retry_after == 5
    other = make_server("127.0.0.6")
    try:
        with HttpClient(pacer=HostPacer(0.0)) as c, pytest.raises(RateLimited) as info:
            c.get(other.route("/x", b"", status=429))
        assert info.value.retry_after == 300
    finally:
        other.stop()


def test_retry_after_parsing() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 + 60) == 0
    assert retry_after_seconds("30") == 30
    assert retry_after_seconds("99999999") == 24 * 3600  # capped at a day
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_timeout_while_waiting_for_the_answer(http_server: LoopbackServer) -> None:
    with client(read_timeout=0.5) as c:
        url = http_server.route("/slow", b"late", delay=3)
        start = time.monotonic()
        with pytest.raises(TimedOut, match="did not answer in time"):
            c.get(url)
        assert time.monotonic() - start < 1.5


def test_dripping_body_ends_at_the_total_timeout(http_server: LoopbackServer) -> None:
    with client(read_timeout=5, total_timeout=1.5) as c:
        url = http_server.route("/drip", b"x" * 1000, drip_bytes_per_s=5)
        start = time.monotonic()
        with pytest.raises(TimedOut, match="too slowly"):
            c.get(url)
        assert 1.4 < time.monotonic() - start < 3.0


def _drip_headers(handler: BaseHTTPRequestHandler) -> None:
    """A server that never finishes its headers: one byte every 0.1 s."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for _ in range(200):
        handler.wfile.write(b"X")
        handler.wfile.flush()
        time.sleep(0.1)


def test_dripping_headers_end_at_the_total_timeout(http_server: LoopbackServer) -> None:
    with client(read_timeout=5, total_timeout=1.0) as c:
        assert c.hard_deadline
        url = http_server.route("/slowloris", handler=_drip_headers)
        start = time.monotonic()
        with pytest.raises(TimedOut):
            c.get(url)
        assert time.monotonic() - start < 2.5


def test_redirects(http_server: LoopbackServer, http: HttpClient) -> None:
    target = http_server.route("/real", b"<rss/>")
    http_server.route("/old", redirect_to=target, status=301)
    http_server.route("/rel", redirect_to="/old", status=308)
    response = http.get(http_server.url("/rel"))
    assert response.body == b"<rss/>" and response.url == target


def test_redirect_loop_and_too_many(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route("/a", redirect_to=http_server.url("/b"))
    http_server.route("/b", redirect_to=http_server.url("/a"))
    with pytest.raises(BadResponse, match="loop"):
        http.get(http_server.url("/a"))
    for n in range(8):
        http_server.route(f"/hop{n}", redirect_to=http_server.url(f"/hop{n + 1}"))
    with pytest.raises(BadResponse, match="Too many redirects"):
        http.get(http_server.url("/hop0"))
    assert http_server.count("/hop6") == 0  # gave up after max_redirects (5) hops


def test_redirect_to_another_scheme_is_refused(http_server: LoopbackServer, http: HttpClient) -> None:
    http_server.route("/evil", redirect_to="file:///etc/passwd")
    with pytest.raises(BadResponse, match="http"):
        http.get(http_server.url("/evil"))


def test_credentials_do_not_follow_a_redirect_to_another_host(
    http_server: LoopbackServer, second_server: LoopbackServer, http: HttpClient
) -> None:
    elsewhere = second_server.route("/feed", b"<rss/>")
    http_server.route("/same", redirect_to=http_server.url("/here"))
    http_server.route("/here", b"<rss/>")
    http_server.route("/away", redirect_to=elsewhere)
    secret = {"Authorization": "Bearer s3cret", "X-Goog-Api-Key": "AIza-k", "X-My-Key": "own-k"}
    http.get(http_server.url("/same"), headers=secret)
    assert http_server.headers_of("/here")[0]["authorization"] == "Bearer s3cret"
    assert http_server.headers_of("/here")[0]["x-my-key"] == "own-k"
    http.get(http_server.url("/away"), headers=secret)
    sent = second_server.headers_of("/feed")[0]
    assert not {"authorization", "x-goog-api-key", "x-my-key"} & set(sent)  # a connector's own headers too


def test_httpx_request_lines_stay_out_of_verbose_logs(
    http_server: LoopbackServer, http: HttpClient, caplog: pytest.LogCaptureFixture
) -> None:
    logging.getLogger("httpx").setLevel(logging.DEBUG)  # as if something turned them on
    HttpClient(pacer=HostPacer(0.0)).close()  # a new client quiets them again
    caplog.set_level(logging.DEBUG)  # the root logger, as `main.py -v` sets it
    http.get(http_server.route("/feed", b"<rss/>") + "?token=s3cret")
    assert "s3cret" not in caplog.text and not [r for r in caplog.records if r.name.startswith("http")]


def test_oversize_declared_length_is_refused_before_the_body(http_server: LoopbackServer) -> None:
    def lying_length(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(50_000_000))
        handler.end_headers()
        time.sleep(3)  # never sends the body: reading it would time out instead

    with client(max_bytes=10_000, read_timeout=2) as c:
        start = time.monotonic()
        with pytest.raises(TooLarge, match="larger than"):
            c.get(http_server.route("/big", handler=lying_length))
        assert time.monotonic() - start < 1
        with pytest.raises(TooLarge):
            c.get(http_server.route("/plain-big", b"x" * 50_000))


def test_endless_chunked_body_stops_at_the_cap(http_server: LoopbackServer) -> None:
    sent = []

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"x" * 16384
        try:
            for n in range(100_000):  # 1.6 GB if anyone read it all
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent.append(n)
        except OSError:
            pass

    with client(max_bytes=100_000) as c:
        start = time.monotonic()
        with pytest.raises(TooLarge):
            c.get(http_server.route("/endless", handler=endless))
        assert time.monotonic() - start < 2
    time.sleep(0.2)
    assert len(sent) < 10_000  # the client hung up long before the end


def test_gzip_bomb_is_stopped_quickly_with_little_memory(http_server: LoopbackServer) -> None:
    bomb = gzip.compress(b"\0" * 200_000_000)  # ~200 KB on the wire, 200 MB inflated
    url = http_server.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with client(max_bytes=1_000_000) as c:
        tracemalloc.start()
        start = time.monotonic()
        try:
            with pytest.raises(TooLarge):
                c.get(url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert time.monotonic() - start < 2
        assert peak < 8_000_000, peak


def test_connection_reset_mid_body(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/reset", b"x" * 100_000, reset_after=1000)
    with pytest.raises(TransientError, match=r"reset|closed") as info:
        http.get(url)
    assert not isinstance(info.value, TimedOut)


def test_only_http_schemes(http: HttpClient) -> None:
    for url in (
        "ftp://user:pw@example.com/feed",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "not a url",
        "",
    ):
        with pytest.raises(BadResponse, match="Only http") as info:
            http.get(url)
        assert "pw" not in str(info.value)


def test_refused_connection_is_transient(http: HttpClient) -> None:
    server = make_server("127.0.0.9")
    url = server.url("/gone")
    server.stop()
    with pytest.raises(TransientError, match="refused"):
        http.get(url)


def test_messages_never_show_the_query_string(http_server: LoopbackServer) -> None:
    http_server.route("/down", b"", status=500)
    http_server.route("/slow", b"", delay=2)
    http_server.route("/reset", b"x" * 10_000, reset_after=10)
    with client(read_timeout=0.3) as c:
        for path in ("/down", "/slow", "/reset"):
            with pytest.raises(FetchError) as info:
                c.get(http_server.url(path + "?api_key=TOPSECRET"))
            assert "TOPSECRET" not in str(info.value) and "127.0.0.1" in str(info.value)


def test_explicit_proxy_and_proxy_from_the_environment(
    http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loopback server plays the proxy: it sees the absolute URL as the request path.
    http_server.route("http://feeds.example.test/rss", b"<rss>via proxy</rss>")
    with HttpClient(proxy=http_server.url(), pacer=HostPacer(0.0)) as c:
        assert c.get("http://feeds.example.test/rss").body == b"<rss>via proxy</rss>"
    monkeypatch.setenv("HTTP_PROXY", http_server.url())
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with HttpClient(pacer=HostPacer(0.0)) as c:
        assert c.hard_deadline  # the deadline also guards the proxy's connections
        assert c.get("http://feeds.example.test/rss").body == b"<rss>via proxy</rss>"
    assert http_server.count("http://feeds.example.test/rss") == 2


def test_pacing_per_host_and_parallel_hosts() -> None:
    a, b = make_server("127.0.0.2"), make_server("127.0.0.3")
    c = HttpClient(pacer=HostPacer(0.4))
    try:
        urls = [a.route("/1", b"1"), a.route("/2", b"2"), b.route("/1", b"1"), b.route("/2", b"2")]
        threads = [threading.Thread(target=c.get, args=(u,)) for u in urls]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - start
        for server in (a, b):
            times = sorted(t for _, t in server.request_log)
            assert len(times) == 2 and times[1] - times[0] >= 0.38  # same host: paced
        first_a, first_b = min(t for _, t in a.request_log), min(t for _, t in b.request_log)
        assert abs(first_a - first_b) < 0.3  # different hosts: in parallel
        assert wall < 1.2
    finally:
        c.close()
        a.stop()
        b.stop()


def test_many_concurrent_requests_share_one_client() -> None:
    servers = [make_server(f"127.0.0.{n}") for n in range(20, 30)]
    try:
        urls = [s.route(f"/f{i}", b"<rss/>", delay=0.1) for s in servers for i in range(3)]
        c = HttpClient(pacer=HostPacer(0.0))
        results: list[bytes] = []
        threads = [threading.Thread(target=lambda u=u: results.append(c.get(u).body)) for u in urls]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        c.close()
        assert results == [b"<rss/>"] * 30
        assert time.monotonic() - start < 2.0  # 10 hosts side by side, 3 x 100 ms each (3 s in a row)
    finally:
        for s in servers:
            s.stop()
