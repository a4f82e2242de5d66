"""Fixtures for the connectors with a key: a loopback API server that also answers POST, and a client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from tests.support.api_server import ApiServer


@pytest.fixture
def api_server() -> Iterator[ApiServer]:
    server = ApiServer("127.0.0.1")
    yield server
    server.stop()


@pytest.fixture
def client() -> Iterator[HttpClient]:
    http = HttpClient(read_timeout=2.0, total_timeout=4.0, max_bytes=1_000_000, pacer=HostPacer(0.0))
    yield http
    http.close()
