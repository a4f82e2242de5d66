"""The URI-join memo the RSS connector installs (its sameness on real feeds: tests/realworld)."""

from __future__ import annotations

from feedparser import mixin

from desktop_app.sources import feedparser_speedups
from desktop_app.sources.rss import parse_feed


def test_the_rss_connector_installs_it() -> None:
    assert feedparser_speedups.installed()
    assert hasattr(mixin.make_safe_absolute_uri, "cache_info")


def test_short_joins_are_remembered_and_huge_ones_are_not() -> None:
    join = mixin.make_safe_absolute_uri
    base = "http://127.0.0.1/feeds/a.xml"
    join(base, "b/c.xml")
    kept = join.cache_info().currsize
    huge = "http://127.0.0.1/" + "a" * 100_000
    assert join(huge, "x") == feedparser_speedups._originals["make_safe_absolute_uri"](huge, "x")
    assert join.cache_info().currsize == kept
    assert join(base, "b/c.xml") == "http://127.0.0.1/feeds/b/c.xml"
    assert join.cache_info().currsize == kept  # a hit


def test_an_xml_base_still_resolves_links() -> None:
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://127.0.0.2/blog/">'
        "<title>t</title><entry><id>1</id><title>Acme</title><link href='posts/1'/></entry>"
        "<entry xml:base='http://127.0.0.3/other/'><id>2</id><title>Acme</title><link href='p/2'/></entry>"
        "</feed>"
    )
    items = parse_feed(feed.encode(), {"content-type": "application/atom+xml"}, "http://127.0.0.1/feed")
    assert [i.url for i in items] == ["http://127.0.0.2/blog/posts/1", "http://127.0.0.3/other/p/2"]


def test_a_deep_copy_is_deep_and_keeps_the_key_aliases() -> None:
    import copy

    from feedparser.util import FeedParserDict

    original = FeedParserDict(type="text/html", value="x", base=None)
    original["links"] = [FeedParserDict(href="http://127.0.0.1/a")]
    copied = copy.deepcopy(original)
    assert type(copied) is FeedParserDict and copied == original
    assert copied["links"][0] is not original["links"][0]
    copied["links"][0]["href"] = "changed"
    assert original["links"][0]["href"] == "http://127.0.0.1/a"
    assert copied["links"][0]["url"] == "changed"  # feedparser's alias still works on the copy
