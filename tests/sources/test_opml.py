"""OPML import and export."""

from __future__ import annotations

import time

import pytest

from desktop_app.core.errors import UserError
from desktop_app.sources.opml import OpmlFeed, parse_opml, write_opml


def test_round_trip() -> None:
    feeds = [
        OpmlFeed("Acme news", "https://news.example/rss"),
        OpmlFeed('Blog & <more> "quoted"', "https://b.example/a?x=1&y=2"),
        OpmlFeed("Ünïcödé 日本", "https://c.example/feed"),
    ]
    data = write_opml(feeds, "My feeds")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert parse_opml(data) == feeds
    assert parse_opml(write_opml(parse_opml(data), "again")) == feeds


def test_nested_outlines() -> None:
    nested = b"""<?xml version="1.0"?><opml version="1.0"><head/><body>
      <outline text="Folder"><outline text="A" xmlUrl="https://a.example/feed"/>
        <outline text="Deeper"><outline title="B" xmlUrl="https://b.example/feed"/></outline></outline>
      <outline text="no url"/><outline text="A again" xmlUrl="https://a.example/feed"/>
      <outline text="Old" xmlUrl="feed://c.example/rss"/><outline text="Older" xmlUrl="feed:https://d.example/rss"/>
      </body></opml>"""
    assert parse_opml(nested) == [
        OpmlFeed("A", "https://a.example/feed"),
        OpmlFeed("B", "https://b.example/feed"),
        OpmlFeed("Old", "http://c.example/rss"),
        OpmlFeed("Older", "https://d.example/rss"),
    ]


def test_hostile_and_wrong_files() -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY a{n} "{("&a" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode() for n in range(1, 10)
    )
    laughs += b']><opml><body><outline text="&a9;" xmlUrl="https://x.example"/></body></opml>'
    start = time.monotonic()
    with pytest.raises(UserError, match="not a readable OPML"):
        parse_opml(laughs)
    assert time.monotonic() - start < 1
    with pytest.raises(UserError, match="not an OPML"):
        parse_opml(b"<rss/>")
    with pytest.raises(UserError, match="not a readable OPML"):
        parse_opml(b"\x89PNG garbage")
