"""A Google Alert delivered as an Atom feed (Deliver to: RSS feed). Keyless; the user pastes the feed URL.

Alert links go through google.com/url?...&url=<article>; the article address is taken out of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop_app.core.errors import BadResponse, UserError
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.google_news import fetch_feed
from desktop_app.sources.http import HttpClient

FEED_PATH = "/alerts/feeds/"


def check_alert_url(url: str) -> str:
    """The URL if it is http(s); UserError otherwise, or when it is a Google page that is not an alert feed."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UserError(f"A Google Alert feed must be an https:// address, got {url[:100]!r}.")
    host = parts.hostname.lower()
    if (host == "google.com" or host.endswith(".google.com")) and not parts.path.startswith(FEED_PATH):
        raise UserError(
            "This Google address is not an alert feed. In Google Alerts choose Deliver to: RSS feed, then "
            "copy the link of the feed icon (https://www.google.com/alerts/feeds/...)."
        )
    return url


def article_url(link: str | None) -> str | None:
    """The article behind a google.com/url?...&url=... redirect link (the link itself otherwise)."""
    if not link:
        return link
    parts = urlsplit(link)
    host = (parts.hostname or "").lower()
    if parts.path == "/url" and (host == "google.com" or host.endswith(".google.com")):
        target = (parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q") or [""])[0]
        if target.startswith(("http://", "https://")):
            return target
    return link


def _unwrap(item: FetchedItem) -> FetchedItem:
    url = article_url(item.url)
    if url == item.url:
        return item
    return replace(item, url=url, extra={**item.extra, "alert_link": item.url})


class GoogleAlertsConnector:
    kind: str = "google_alerts"
    label: str = "Google Alert (feed)"
    default_interval_minutes: int = 60
    fields: tuple[ConfigField, ...] = (
        ConfigField(
            "url", "Alert feed address", "url",
            help="In Google Alerts: Deliver to RSS feed, then copy https://www.google.com/alerts/feeds/...",
        ),
    )  # fmt: skip

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        try:
            url = check_alert_url(str(config["url"]))
        except UserError as exc:
            raise BadResponse(str(exc)) from None
        result = fetch_feed(url, state, http)
        return replace(result, items=[_unwrap(item) for item in result.items])
