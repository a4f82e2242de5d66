"""Polling through the CLI against real servers on loopback: health, dedupe, one bad source, kill safety."""

from __future__ import annotations

import random
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.support.feeds import rss_feed
from tests.support.http_server import LoopbackServer, make_server
from tests.support.shared_data import shared_data_dir


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    srv = make_server("127.0.0.1")
    yield srv
    srv.stop()


def _db(cli: Cli, name: str) -> sqlite3.Connection:
    return sqlite3.connect(cli.data_dir / "workspaces" / f"{name}.earshot")


def test_poll_stores_health_and_dedupes(cli: Cli, server: LoopbackServer) -> None:
    cli("init", "acme", "--brand", "Acme")
    other_host = make_server("127.0.0.5")  # a 429 blocks its whole host, so it gets a host of its own
    good = server.route("/good.xml", rss_feed(30, off_topic_every=5), etag='"v1"')
    server.route("/slow.xml", rss_feed(5), delay=3)
    bad_urls = {
        "html": server.route("/login", b"<html><body><form>Sign in</form></body></html>", headers={"Content-Type": "text/html"}),
        "500": server.route("/down", b"oops", status=500),
        "429": other_host.route("/limited", b"", status=429, headers={"Retry-After": "3600"}),
        "404": server.url("/missing"),
    }  # fmt: skip
    assert cli("source", "add", "acme", "--kind", "rss", "--url", good, "--source-name", "Good").code == 0
    for label, url in bad_urls.items():
        assert cli("source", "add", "acme", "--kind", "rss", "--url", url, "--source-name", label).code == 0
    first = cli("poll", "acme", "--once")
    assert "Polled 5 source(s)" in first.err, first.err
    assert "24 new" in first.err  # 30 items, every 5th not about the brand
    inbox = cli("inbox", "acme", "--json", "--limit", "100").json()
    assert len(inbox) == 24
    assert inbox == sorted(inbox, key=lambda m: -m["urgency"])
    assert all("news.example" in m["url"] and "utm_" not in m["url"] for m in inbox)

    health = {s["name"]: s for s in cli("source", "list", "acme", "--json").json()}
    assert health["Good"]["health"] == "ok" and health["Good"]["items_fetched"] == 30
    assert health["Good"]["items_dropped"] == 6
    assert health["html"]["health"] == "failing" and "web page" in health["html"]["last_error"]
    assert health["500"]["health"] == "failing" and "500" in health["500"]["last_error"]
    assert health["429"]["health"] == "rate-limited" and "until" in health["429"]["last_error"]
    assert health["404"]["health"] == "failing" and "404" in health["404"]["last_error"]

    again = cli("poll", "acme", "--all")
    assert "0 new" in again.err or "not modified" in again.err
    assert server.headers_of("/good.xml")[-1].get("if-none-match") == '"v1"'
    db = _db(cli, "acme")
    assert db.execute("SELECT count(*), count(DISTINCT uid) FROM mentions").fetchone() == (24, 24)
    assert other_host.count("/limited") == 1  # --all did not hammer a host that asked us to wait
    other_host.stop()


def test_poll_real_captured_feeds(cli: Cli, server: LoopbackServer) -> None:
    feeds = shared_data_dir() / "feeds"
    cli("init", "news", "--brand", "Google", "--alias", "Reddit", "--alias", "Trump", "--alias", "AWS")
    for n, path in enumerate(["google-news-rss/google_news_topstories_2019.xml", "reddit-rss/reddit_news.xml",
                              "blog-rss/AmazonWebServicesBlog.xml", "google-alerts/google_alerts_atom.xml"]):  # fmt: skip
        url = server.route(f"/f{n}", (feeds / path).read_bytes(), headers={"Content-Type": "application/xml"})
        assert cli("source", "add", "news", "--kind", "rss", "--url", url, "--source-name", path).code == 0
    result = cli("poll", "news", "--once")
    assert result.code == 0, result.err
    db = _db(cli, "news")
    total, distinct = db.execute("SELECT count(*), count(DISTINCT uid) FROM mentions").fetchone()
    assert total > 10 and total == distinct
    fetched, dropped = db.execute("SELECT sum(items_fetched), sum(items_dropped) FROM sources").fetchone()
    assert dropped > 0 and fetched >= total + dropped
    assert db.execute("SELECT count(*) FROM sources WHERE consecutive_failures > 0").fetchone()[0] == 0


def test_poll_killed_mid_ingest_loses_nothing_and_duplicates_nothing(
    cli: Cli, server: LoopbackServer
) -> None:
    cli("init", "acme", "--brand", "Acme")
    n_sources, per_feed = 20, 200
    for s in range(n_sources):
        url = server.route(f"/feed{s}.xml", rss_feed(per_feed, prefix=f"s{s}"), delay=0.05)
        assert cli("source", "add", "acme", "--kind", "rss", "--url", url, "--source-name", f"s{s}").code == 0
    rng = random.Random(4)
    kills = 0
    for _ in range(3):
        proc = cli.popen("poll", "acme", "--once")
        time.sleep(rng.uniform(1.5, 3.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(30)
        db = _db(cli, "acme")
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
    finish = cli("poll", "acme", "--once", timeout=180)
    assert finish.code == 0, finish.err
    db = _db(cli, "acme")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*), count(DISTINCT uid) FROM mentions").fetchone() == (
        n_sources * per_feed,
        n_sources * per_feed,
    )
    assert db.execute("SELECT count(*) FROM sources WHERE last_success_at IS NULL").fetchone()[0] == 0
    assert kills >= 1, "the poll finished before any kill; make the feeds bigger"
    assert "0 new mention(s)" in cli("poll", "acme", "--all", timeout=180).err


def test_opml_import_export(cli: Cli, tmp_path: Path) -> None:
    cli("init", "acme", "--brand", "Acme")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="Tech">'
        '<outline text="A" xmlUrl="https://a.example/rss"/><outline text="B" xmlUrl="https://b.example/atom"/>'
        '<outline text="Bad" xmlUrl="ftp://c.example/x"/></outline></body></opml>'
    )
    r = cli("source", "import-opml", "acme", str(opml))
    assert r.code == 0 and "Added 2 feed(s); 1 already present or invalid" in r.out
    assert "Added 0 feed(s)" in cli("source", "import-opml", "acme", str(opml)).out
    out = tmp_path / "out.opml"
    assert cli("source", "export-opml", "acme", str(out)).code == 0
    assert "https://a.example/rss" in out.read_text() and "https://b.example/atom" in out.read_text()
