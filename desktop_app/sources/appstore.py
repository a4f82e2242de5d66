"""Apple App Store customer reviews (the public customerreviews feed), by app id and country. Keyless.

https://itunes.apple.com/<cc>/rss/customerreviews/page=<n>/id=<app>/sortby=mostrecent/json lists reviews
newest first, 50 a page, pages 1..10. The cursor is the newest review id already seen: a poll reads pages
until it meets it. Apple documents no rate limit; the per-host pacer spaces the page requests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from desktop_app.core.errors import BadResponse, NotAFeed
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.feed_guard import looks_like_json, strip_bom
from desktop_app.sources.http import HttpClient, HttpResponse
from desktop_app.sources.json_api import (
    escape_text,
    int_or_none,
    load_json,
    parse_time,
    server_url,
    text_of,
)
from desktop_app.sources.rss import FEED_ACCEPT, parse_feed

DEFAULT_SERVER = "https://itunes.apple.com"
MAX_PAGES = 10  # Apple serves no more than ten pages
REVIEWS_ACCEPT = "application/json, " + FEED_ACCEPT
_APP_ID = re.compile(r"(?:^|id)(\d{5,})")


def app_id_of(value: str) -> str:
    """The numeric id from "1404176564", "id1404176564" or an apps.apple.com link."""
    match = _APP_ID.search(value.strip())
    if not match:
        raise BadResponse(f"{value[:60]!r} is not an App Store app id (the number after 'id' in its link).")
    return match[1]


def reviews_url(server: str, country: str, app_id: str, page: int) -> str:
    return f"{server}/{country}/rss/customerreviews/page={page}/id={app_id}/sortby=mostrecent/json"


def _label(entry: Mapping[str, Any], *keys: str) -> Any:
    node: Any = entry
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def entry_to_item(entry: Mapping[str, Any], app_url: str) -> FetchedItem | None:
    """One JSON feed entry; None for the app's own entry (no rating) and broken entries."""
    review_id = text_of(_label(entry, "id", "label"))
    rating = _label(entry, "im:rating", "label")
    if not review_id or rating is None:
        return None
    try:
        stars: float | None = float(rating)
    except (TypeError, ValueError):
        stars = None
    link = _label(entry, "link", "attributes", "href")
    return FetchedItem(
        source_item_id=review_id,
        url=text_of(link) or app_url,
        title=text_of(_label(entry, "title", "label")),
        content_html=escape_text(text_of(_label(entry, "content", "label"))),
        author=text_of(_label(entry, "author", "name", "label")) or None,
        author_url=text_of(_label(entry, "author", "uri", "label")) or None,
        published=parse_time(_label(entry, "updated", "label")),
        reach=int_or_none(_label(entry, "im:voteCount", "label")),
        reach_label="votes",
        rating=stars,
        extra={"version": text_of(_label(entry, "im:version", "label")) or None},
    )


def parse_reviews(data: Any, app_url: str) -> list[FetchedItem]:
    feed = data.get("feed") if isinstance(data, dict) else None
    if not isinstance(feed, dict):
        raise BadResponse("The App Store returned data without a review feed; check the app id and country.")
    entries = feed.get("entry") or []
    if isinstance(entries, dict):  # a page with one entry is not a list
        entries = [entries]
    if not isinstance(entries, list):
        raise BadResponse("The App Store review feed has an unreadable list of reviews.")
    items = [entry_to_item(e, app_url) for e in entries if isinstance(e, dict)]
    return [i for i in items if i is not None]


def _is_newer(review_id: str, cursor: str | None) -> bool:
    if cursor is None:
        return True
    if review_id.isdigit() and cursor.isdigit():
        return int(review_id) > int(cursor)
    return review_id != cursor


class AppStoreConnector:
    kind: str = "appstore"
    label: str = "App Store reviews"
    default_interval_minutes: int = 120
    fields: tuple[ConfigField, ...] = (
        ConfigField("app_id", "App id", help="The number after 'id' in the app's App Store link"),
        ConfigField("country", "Country", required=False, default="us", help="Two letters, e.g. us, gb, jp"),
        ConfigField("max_pages", "Pages per poll", "int", required=False, default=MAX_PAGES),
        ConfigField("server", "Server", "url", required=False, default=DEFAULT_SERVER, advanced=True),
    )

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        app_id = app_id_of(str(config["app_id"]))
        country = (text_of(config.get("country")) or "us").lower()
        server = server_url(config, DEFAULT_SERVER)
        app_url = f"https://apps.apple.com/{country}/app/id{app_id}"
        cursor = text_of(state.cursor) or None
        pages = max(1, min(int(config.get("max_pages") or MAX_PAGES), MAX_PAGES))
        items: list[FetchedItem] = []
        for page in range(1, pages + 1):
            try:
                response = http.get(reviews_url(server, country, app_id, page), accept=REVIEWS_ACCEPT)
            except BadResponse:
                if page == 1:
                    raise
                break  # past the last page Apple may answer 400 or 404
            reviews = self._parse(response, app_url)
            fresh = [r for r in reviews if _is_newer(r.source_item_id, cursor)]
            items.extend(fresh)
            if not reviews or len(fresh) < len(reviews):
                break  # an empty page, or the cursor was reached
        newest = max((i.source_item_id for i in items), key=lambda s: (len(s), s), default=cursor)
        return FetchResult(items=items, cursor=newest)

    def _parse(self, response: HttpResponse, app_url: str) -> list[FetchedItem]:
        """The JSON feed; the XML variant too (what the same URL with /xml returns)."""
        body = strip_bom(response.body)
        if body and not looks_like_json(body) and body[:1] == b"<":
            try:
                items = parse_feed(body, response.headers, response.url)
            except NotAFeed as exc:
                raise NotAFeed(f"The App Store returned something that is not a review feed: {exc}") from None
            for item in items:  # feedparser resolves the bare review id against the page URL
                item.source_item_id = item.source_item_id.rstrip("/").rsplit("/", 1)[-1]
            return [i for i in items if i.rating is not None]
        return parse_reviews(load_json(response, "App Store reviews"), app_url)
