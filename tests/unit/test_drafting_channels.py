"""Channel limits and how each channel counts characters."""

from __future__ import annotations

from desktop_app.drafting.channels import GENERIC, channel_for, count_chars, limit_for, uses_handles
from desktop_app.sources.registry import connector_kinds


def test_limits_per_source_kind() -> None:
    assert limit_for("x") == limit_for("twitter") == 280
    assert limit_for("bluesky") == 300
    assert limit_for("mastodon") == 500
    assert limit_for("reddit") == 10_000
    assert limit_for("appstore") == 5_970
    assert limit_for("rss") == limit_for(None) == 5_000
    assert channel_for("something-new") == "generic"


# Connectors whose mentions live on a site with its own reply rules; the rest (feeds, news, search results,
# JSON APIs) are answered wherever the page is, under the generic ceiling.
SITE_KINDS = {
    "x_search": ("x", 280),
    "bluesky": ("bluesky", 300),
    "mastodon": ("mastodon", 500),
    "reddit": ("reddit", 10_000),
    "youtube": ("youtube", 10_000),
    "google_places": ("google", 4_096),
    "appstore": ("appstore", 5_970),
    "yelp": ("yelp", 5_000),
    "trustpilot": ("trustpilot", 2_048),
    "hackernews": ("hackernews", 2_000),
}


def test_every_registered_connector_kind_maps_to_its_channel() -> None:
    kinds = set(connector_kinds())
    assert set(SITE_KINDS) <= kinds, "a connector was renamed: update channels._ALIASES"
    for kind, (channel, limit) in SITE_KINDS.items():
        assert channel_for(kind) == channel, kind
        assert limit_for(kind) == limit, kind
    for kind in kinds - set(SITE_KINDS):
        assert channel_for(kind) == GENERIC, kind
    assert uses_handles("x_search")


def test_x_counts_every_url_as_23() -> None:
    long_url = "https://example.com/" + "a" * 100
    assert count_chars(f"see {long_url}", "x") == 4 + 23
    assert count_chars("see http://t.co/x", "x") == 4 + 23
    assert count_chars(f"see {long_url}", "reddit") == 4 + len(long_url)


def test_x_weighs_emoji_and_cjk_double() -> None:
    assert count_chars("ab", "x") == 2
    assert count_chars("☕", "x") == 2
    assert count_chars("日本", "x") == 4
    assert count_chars("日本", "reddit") == 2


def test_code_points_not_utf16_units() -> None:
    assert count_chars("😀😀", "generic") == 2


def test_bluesky_counts_graphemes() -> None:
    family = "👨\u200d👩\u200d👧"
    assert count_chars(family, "bluesky") == 1
    assert count_chars("e\u0301", "bluesky") == 1  # NFC folds it to one anyway
    assert count_chars("👍🏽", "bluesky") == 1


def test_handles() -> None:
    assert uses_handles("bluesky") and uses_handles("x")
    assert not uses_handles("yelp") and not uses_handles("rss")
