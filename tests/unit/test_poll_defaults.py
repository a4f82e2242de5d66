"""The default poll interval from Settings: free sources take it; billed or capped APIs never go faster."""

from __future__ import annotations

from desktop_app.services.poll_defaults import interval_for, needs_key
from desktop_app.sources.registry import get_connector


def test_free_sources_take_the_users_default() -> None:
    assert not needs_key("rss") and not needs_key("google_news")
    assert interval_for("rss", 45) == 45
    assert interval_for("google_news", 10) == 10
    assert interval_for("hackernews", 120) == 120


def test_keyed_sources_never_poll_faster_than_their_own_pace() -> None:
    assert needs_key("brave") and needs_key("youtube")
    brave = get_connector("brave").default_interval_minutes
    assert interval_for("brave", 5) == brave  # a quota of 2,000 a month is not spent by a global setting
    assert interval_for("brave", brave + 60) == brave + 60  # slower is always allowed


def test_no_setting_means_the_connectors_own_default() -> None:
    assert interval_for("rss", None) == get_connector("rss").default_interval_minutes
    assert interval_for("rss", 0) == get_connector("rss").default_interval_minutes
