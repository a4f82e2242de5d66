"""Every kind of source, registered by name (explicitly, so PyInstaller finds them)."""

from __future__ import annotations

from desktop_app.core.errors import UserError
from desktop_app.sources.appstore import AppStoreConnector
from desktop_app.sources.base import Connector
from desktop_app.sources.bluesky import BlueskyConnector
from desktop_app.sources.brave import BraveConnector
from desktop_app.sources.google_alerts import GoogleAlertsConnector
from desktop_app.sources.google_news import GoogleNewsConnector
from desktop_app.sources.google_places import GooglePlacesConnector
from desktop_app.sources.hackernews import HackerNewsConnector
from desktop_app.sources.json_api import JsonApiConnector
from desktop_app.sources.mastodon import MastodonConnector
from desktop_app.sources.reddit import RedditConnector
from desktop_app.sources.rss import RssConnector
from desktop_app.sources.trustpilot import TrustpilotConnector
from desktop_app.sources.x_search import XSearchConnector
from desktop_app.sources.yelp import YelpConnector
from desktop_app.sources.youtube import YouTubeConnector

CONNECTORS: dict[str, Connector] = {
    c.kind: c
    for c in (
        RssConnector(),
        GoogleNewsConnector(),
        GoogleAlertsConnector(),
        HackerNewsConnector(),
        MastodonConnector(),
        AppStoreConnector(),
        JsonApiConnector(),
        RedditConnector(),
        BlueskyConnector(),
        YouTubeConnector(),
        GooglePlacesConnector(),
        YelpConnector(),
        TrustpilotConnector(),
        BraveConnector(),
        XSearchConnector(),
    )
}


def get_connector(kind: str) -> Connector:
    try:
        return CONNECTORS[kind]
    except KeyError:
        raise UserError(
            f"Unknown kind of source {kind!r}; known kinds: {', '.join(sorted(CONNECTORS))}."
        ) from None


def connector_kinds() -> list[str]:
    return sorted(CONNECTORS)
