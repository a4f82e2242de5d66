"""Helpers shared by the connector tests (this module holds no tests of its own), and the registry check."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop_app.sources.base import validate_config
from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from desktop_app.sources.registry import CONNECTORS
from tests.support.http_server import LoopbackServer, make_server

Answer = tuple[int, bytes | str | Any, dict[str, str]]


def query_of(path: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(path).query).items()}


class Api:
    """A route handler: fn(query params) -> (status, body, headers); a non-bytes body is sent as JSON.
    `calls` keeps (query params, lower-case headers) of every request it answered."""

    def __init__(self, fn: Callable[[dict[str, str]], Answer]) -> None:
        self.fn = fn
        self.calls: list[tuple[dict[str, str], dict[str, str]]] = []

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        query = query_of(request.path)
        self.calls.append((query, {k.lower(): v for k, v in request.headers.items()}))
        status, body, headers = self.fn(query)
        if isinstance(body, str):
            data = body.encode()
        elif isinstance(body, bytes):
            data = body
        else:
            data = json.dumps(body).encode()
        request.send_response(status)
        merged = {"Content-Type": "application/json; charset=utf-8", **headers}
        for key, value in merged.items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    @property
    def queries(self) -> list[dict[str, str]]:
        return [q for q, _ in self.calls]


def fixed(status: int, body: bytes | str | Any, headers: dict[str, str] | None = None) -> Api:
    return Api(lambda _q: (status, body, headers or {}))


@contextmanager
def isolated(host: str) -> Iterator[tuple[LoopbackServer, HttpClient]]:
    """A server on its own loopback address and a client with its own pacer (a 429 blocks a whole host)."""
    server = make_server(host)
    client = HttpClient(read_timeout=2.0, total_timeout=4.0, max_bytes=1_000_000, pacer=HostPacer(0.0))
    try:
        yield server, client
    finally:
        client.close()
        server.stop()


def test_every_connector_is_registered_with_valid_fields() -> None:
    for kind in ("google_news", "google_alerts", "hackernews", "mastodon", "appstore", "json_api"):
        connector = CONNECTORS[kind]
        assert connector.kind == kind and connector.label and connector.default_interval_minutes > 0
        names = [f.name for f in connector.fields]
        assert len(names) == len(set(names))
        for spec in connector.fields:
            if spec.kind == "secret":
                assert not spec.required
    assert validate_config(CONNECTORS["google_news"], {"query": "acme"}) == {
        "query": "acme",
        "language": "en-US",
        "country": "US",
        "server": "https://news.google.com",
    }
