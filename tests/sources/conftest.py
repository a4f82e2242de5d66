from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.sources.http import HttpClient
from desktop_app.sources.pacing import HostPacer
from tests.support.http_server import LoopbackServer, make_server

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture(autouse=True)
def _no_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's proxy settings must not route loopback test traffic elsewhere."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    server = make_server("127.0.0.1")
    yield server
    server.stop()


@pytest.fixture
def http() -> Iterator[HttpClient]:
    client = HttpClient(read_timeout=2.0, total_timeout=4.0, max_bytes=1_000_000, pacer=HostPacer(0.0))
    yield client
    client.close()
