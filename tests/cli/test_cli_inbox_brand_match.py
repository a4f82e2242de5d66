"""The workspace's names as `init` takes them, matched on a real poll: quoted phrases, OR, exclusions."""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

import pytest

from tests.cli.conftest import Cli
from tests.support.http_server import LoopbackServer, make_server

KEPT = [
    "Acme Coffee burned my tongue",
    "acme   COFFEE is late again",
    "AcmeCo never answers",
    "hey @acme where is my order",
]
DROPPED = [
    "Acme and coffee are two words here",
    "acmecoffee is one word",
    "hiking the Acme Trail today",
    "the weather is fine",
    "Northwind, the acme trail cafe, lost my cup",  # "acme trail" names none of the brand's names: a veto
]


def _feed(texts: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{escape(t)}</title><link>https://news.example/{n}</link><guid>g{n}</guid>"
        f"<description>{escape(t)}</description></item>"
        for n, t in enumerate(texts)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    )


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    srv = make_server("127.0.0.1")
    yield srv
    srv.stop()


def test_quoted_aliases_or_and_exclusions_on_a_poll(cli: Cli, server: LoopbackServer) -> None:
    made = cli("init", "acme", "--brand", "Northwind", "--alias", '"Acme Coffee"', "--alias", "AcmeCo OR @acme",
               "--exclude", '-"acme trail"')  # fmt: skip
    assert made.code == 0, made.err
    url = server.route("/feed.xml", _feed(KEPT + DROPPED), headers={"Content-Type": "application/rss+xml"})
    assert cli("source", "add", "acme", "--kind", "rss", "--url", url).code == 0
    polled = cli("poll", "acme", "--once")
    assert polled.code == 0, polled.err
    got = {m["title"] for m in cli("inbox", "acme", "--json", "--status", "all").json()}
    assert got == {" ".join(t.split()) for t in KEPT}
