"""The HTTP client against a real server on loopback."""

from __future__ import annotations

import gzip
import threading
import time

import pytest

from desktop_app.core.errors import (
    AuthError,
    BadResponse,
    Blocked,
    RateLimited,
    TimedOut,
    TooLarge,
    TransientError,
)
from desktop_app.sources.http import HttpClient, retry_after_seconds
from desktop_app.sources.pacing import HostPacer
from tests.support.http_server import LoopbackServer, make_server


def test_user_agent_and_body(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/feed", b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    response = http.get(url)
    assert response.status == 200 and response.body == b"<rss/>"
    assert response.content_type == "application/rss+xml"
    assert http_server.headers_of("/feed")[0]["user-agent"].startswith("Earshot/")


def test_etag_round_trip(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/feed", b"<rss/>", etag='"v1"')
    first = http.get(url)
    assert first.etag == '"v1"' and not first.not_modified
    second = http.get(url, etag=first.etag)
    assert second.not_modified and second.body == b""
    assert http_server.headers_of("/feed")[1]["if-none-match"] == '"v1"'


def test_last_modified_round_trip(http_server: LoopbackServer, http: HttpClient) -> None:
    stamp = "Wed, 18 Nov 2026 10:00:00 GMT"
    url = http_server.route("/feed", b"<rss/>", last_modified=stamp)
    assert http.get(url).last_modified == stamp
    assert http.get(url, last_modified=stamp).not_modified


def test_gzip_is_decoded(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/feed", b"<rss>" + b"x" * 5000 + b"</rss>", gzip=True)
    assert http.get(url).body.startswith(b"<rss>xxx")


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, AuthError), (403, Blocked), (451, Blocked), (500, TransientError), (503, TransientError),
     (404, BadResponse), (410, BadResponse), (400, BadResponse)],
)  # fmt: skip
def test_status_codes_map_to_errors(
    http_server: LoopbackServer, http: HttpClient, status: int, error: type
) -> None:
    url = http_server.route("/x", b"no", status=status)
    with pytest.raises(error) as info:
        http.get(url)
    assert str(status) in str(info.value)


def test_429_with_retry_after_blocks_the_host(http_server: LoopbackServer) -> None:
    pacer = HostPacer(0.0, max_block_wait=0.5)
    client = HttpClient(pacer=pacer)
    url = http_server.route("/x", b"slow down", status=429, headers={"Retry-After": "120"})
    with pytest.raises(RateLimited) as info:
        client.get(url)
    assert info.value.retry_after == 120
    assert 100 < pacer.blocked_for("127.0.0.1") <= 120
    with pytest.raises(RateLimited, match="until"):
        client.get(http_server.route("/other", b"fine"))  # no request leaves while blocked
    assert http_server.count("/other") == 0
    client.close()


def test_retry_after_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert retry_after_seconds("30") == 30
    assert retry_after_seconds("soon") is None


def test_timeout(http_server: LoopbackServer) -> None:
    client = HttpClient(read_timeout=0.5, pacer=HostPacer(0.0))
    url = http_server.route("/slow", b"late", delay=3)
    start = time.monotonic()
    with pytest.raises(TimedOut, match="did not answer in time"):
        client.get(url)
    assert time.monotonic() - start < 2.5
    client.close()


def test_dripping_server_ends_at_the_total_timeout(http_server: LoopbackServer) -> None:
    client = HttpClient(read_timeout=5, total_timeout=1.5, pacer=HostPacer(0.0))
    url = http_server.route("/drip", b"x" * 1000, drip_bytes_per_s=20)
    start = time.monotonic()
    with pytest.raises(TimedOut, match="too slowly"):
        client.get(url)
    assert time.monotonic() - start < 3.5
    client.close()


def test_redirects(http_server: LoopbackServer, http: HttpClient) -> None:
    target = http_server.route("/real", b"<rss/>")
    hop = http_server.route("/old", redirect_to=target)
    response = http.get(hop)
    assert response.body == b"<rss/>" and response.url == target
    http_server.route("/a", redirect_to=http_server.url("/b"))
    http_server.route("/b", redirect_to=http_server.url("/a"))
    with pytest.raises(BadResponse, match="loop"):
        http.get(http_server.url("/a"))
    http_server.route("/evil", redirect_to="file:///etc/passwd")
    with pytest.raises(BadResponse, match="http"):
        http.get(http_server.url("/evil"))


def test_oversize_bodies(http_server: LoopbackServer) -> None:
    client = HttpClient(max_bytes=10_000, pacer=HostPacer(0.0))
    with pytest.raises(TooLarge):
        client.get(http_server.route("/big", b"x" * 50_000))
    with pytest.raises(TooLarge):
        client.get(http_server.route("/chunked", b"x" * 500_000, chunked=True))
    client.close()


def test_gzip_bomb_is_stopped(http_server: LoopbackServer) -> None:
    client = HttpClient(max_bytes=1_000_000, pacer=HostPacer(0.0))
    bomb = gzip.compress(b"\0" * 200_000_000)  # ~200 KB on the wire, 200 MB inflated
    url = http_server.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    start = time.monotonic()
    with pytest.raises(TooLarge):
        client.get(url)
    assert time.monotonic() - start < 5
    client.close()


def test_connection_reset_mid_body(http_server: LoopbackServer, http: HttpClient) -> None:
    url = http_server.route("/reset", b"x" * 100_000, reset_after=1000)
    with pytest.raises(TransientError, match=r"reset|closed") as info:
        http.get(url)
    assert not isinstance(info.value, TimedOut)


def test_only_http_schemes(http: HttpClient) -> None:
    for url in ("ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)", "not a url"):
        with pytest.raises(BadResponse, match="http"):
            http.get(url)


def test_refused_connection_is_transient(http: HttpClient) -> None:
    server = make_server("127.0.0.9")
    url = server.url("/gone")
    server.stop()
    with pytest.raises(TransientError):
        http.get(url)


def test_pacing_per_host_and_parallel_hosts() -> None:
    a, b = make_server("127.0.0.2"), make_server("127.0.0.3")
    client = HttpClient(pacer=HostPacer(0.4))
    urls = [a.route("/1", b"1"), a.route("/2", b"2"), b.route("/1", b"1"), b.route("/2", b"2")]
    threads = [threading.Thread(target=client.get, args=(u,)) for u in urls]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    for server in (a, b):
        times = sorted(t for _, t in server.request_log)
        assert times[1] - times[0] >= 0.38  # same host: paced
    first_a, first_b = min(t for _, t in a.request_log), min(t for _, t in b.request_log)
    assert abs(first_a - first_b) < 0.3  # different hosts: in parallel
    assert wall < 1.5
    client.close()
    a.stop()
    b.stop()
