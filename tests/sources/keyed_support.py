"""Fixtures for the connectors with a key: a loopback API server that also answers POST, and a client.

A test module takes them with `api_server = pytest.fixture(serve_api, name="api_server")` and
`client = pytest.fixture(make_client, name="client")`.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from tests.support.api_server import ApiServer


def serve_api() -> Iterator[ApiServer]:
    server = ApiServer("127.0.0.1")
    yield server
    server.stop()


def make_client() -> Iterator[HttpClient]:
    http = HttpClient(read_timeout=2.0, total_timeout=4.0, max_bytes=1_000_000, pacer=HostPacer(0.0))
    yield http
    http.close()
