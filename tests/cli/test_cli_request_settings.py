"""Per-source User-Agent preset and proxy from the command line: listed, stored, changed, and sent."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from desktop_app.sources.request_profile import BROWSER_USER_AGENT
from tests.cli.conftest import Cli
from tests.support.http_server import LoopbackServer

FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    "<item><title>Acme broke my order</title><link>https://x.example/1</link><guid>1</guid></item>"
    "</channel></rss>"
)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    http = LoopbackServer()
    yield http
    http.stop()


def stored(cli: Cli, name: str) -> dict[str, Any]:
    conn = sqlite3.connect(cli.data_dir / "workspaces" / "acme.earshot")
    try:
        row = conn.execute("SELECT config FROM sources WHERE name = ?", (name,)).fetchone()
    finally:
        conn.close()
    assert row is not None
    config: dict[str, Any] = json.loads(row[0])
    return config


def test_kinds_flag_the_advanced_fields(cli: Cli) -> None:
    r = cli("source", "kinds", "--json")
    assert r.code == 0, r.err
    kinds = {k["kind"]: {f["name"]: f for f in k["fields"]} for k in r.json()}
    for kind, fields in kinds.items():
        assert fields["user_agent_preset"]["advanced"] is True, kind
        assert fields["proxy"]["advanced"] is True and fields["proxy_url"]["advanced"] is True
        assert fields["keep_all"]["advanced"] is False
    assert kinds["reddit"]["api_base"]["advanced"] and not kinds["reddit"]["query"]["advanced"]
    assert kinds["google_news"]["server"]["advanced"] and not kinds["mastodon"]["server"]["advanced"]
    preset = kinds["rss"]["user_agent_preset"]
    assert preset["choices"] == ["earshot", "feed_reader", "browser", "custom"]
    assert preset["choice_labels"][0] == "Earshot (default)"


def test_add_with_a_preset_polls_with_it_and_set_changes_it(cli: Cli, server: LoopbackServer) -> None:
    url = server.route("/feed.xml", FEED, headers={"Content-Type": "application/rss+xml"})
    assert cli("init", "acme", "--brand", "Acme").code == 0
    add = ("source", "add", "acme", "--kind", "rss", "--url", url, "--source-name", "Picky")
    r = cli(*add, "--field", "user_agent_preset=browser")
    assert r.code == 0, r.err
    assert stored(cli, "Picky")["user_agent_preset"] == "browser"
    r = cli("poll", "acme", "--once")
    assert r.code == 0, r.err + r.out
    assert server.headers_of("/feed.xml")[-1]["user-agent"] == BROWSER_USER_AGENT

    r = cli(
        "source", "set", "acme", "Picky", "--field", "user_agent_preset=custom", "--field", "user_agent=Ops/1"
    )
    assert r.code == 0, r.err
    assert stored(cli, "Picky")["user_agent"] == "Ops/1"
    r = cli("poll", "acme", "--all")
    assert r.code == 0, r.err + r.out
    assert server.headers_of("/feed.xml")[-1]["user-agent"] == "Ops/1"

    r = cli("source", "set", "acme", "Picky", "--field", "user_agent_preset=", "--field", "user_agent=")
    assert r.code == 0, r.err
    assert stored(cli, "Picky") == {"url": url}  # back to the defaults


def test_bad_request_fields_are_refused_in_plain_words(cli: Cli) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    base = ("source", "add", "acme", "--kind", "rss", "--url", "https://x.example/r")
    r = cli(*base, "--field", "proxy=custom", "--field", "proxy_url=http://u:pw@proxy.example:3128")
    assert r.code != 0 and "password" in r.err and "pw@" not in r.err
    r = cli(*base, "--field", "user_agent_preset=chrome")
    assert r.code != 0 and "must be one of" in r.err
    assert cli(*base, "--source-name", "Feed").code == 0
    r = cli("source", "set", "acme", "Feed", "--field", "proxy=custom")
    assert r.code != 0 and "needs its address" in r.err
    assert stored(cli, "Feed") == {"url": "https://x.example/r"}  # nothing stored on a refusal


def test_set_refuses_a_key_value(cli: Cli) -> None:
    assert cli("init", "acme", "--brand", "Acme").code == 0
    r = cli(
        "source",
        "add",
        "acme",
        "--kind",
        "json_api",
        "--url",
        "https://x.example/api",
        "--source-name",
        "Api",
    )
    assert r.code == 0, r.err
    r = cli("source", "set", "acme", "Api", "--field", "auth_value=s3cret")
    assert r.code != 0 and "Accounts & keys" in r.err and "s3cret" not in r.err
    assert "s3cret" not in json.dumps(stored(cli, "Api"))
