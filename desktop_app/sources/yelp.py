"""Yelp reviews of a business, through Yelp Fusion.

Docs: https://docs.developer.yelp.com/reference/v3_business_reviews. The key is sent as a Bearer token.
/businesses/{id}/reviews returns the newest reviews (sort_by=newest; 3 on the free plan, up to 50 a page
on paid plans, paged with `offset`). Yelp counts calls per day (RateLimit-DailyLimit/-Remaining/-ResetTime
headers, obeyed) and answers 429 ACCESS_LIMIT_REACHED when the day's calls are spent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from desktop_app.core.errors import BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import escape_text, int_or_none, parse_time, text_of, with_query
from desktop_app.sources.keyed import (
    PACIFIC,
    Seen,
    api_base,
    api_get,
    need_secret,
    read_state,
    respect_rate_headers,
    write_state,
)

API_BASE = "https://api.yelp.com/v3"
PAGE_LIMIT = 20
MAX_PAGES = 3
KEY_NAME = "Yelp API key"


def yelp_time(value: Any) -> datetime | None:
    """Yelp's "2016-08-29 00:41:13" is Pacific time (its docs say PST)."""
    text = text_of(value)
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        return parse_time(value)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=PACIFIC)).astimezone(UTC)


def review_to_item(review: Mapping[str, Any], business: str) -> FetchedItem | None:
    review_id = text_of(review.get("id"))
    if not review_id:
        return None
    raw_user = review.get("user")
    user: Mapping[str, Any] = raw_user if isinstance(raw_user, dict) else {}
    rating = review.get("rating")
    return FetchedItem(
        source_item_id=f"yelp:{review_id}",
        url=text_of(review.get("url")) or None,
        title=f"Yelp review of {business}",
        content_html=escape_text(text_of(review.get("text"))),
        author=text_of(user.get("name")) or None,
        author_url=text_of(user.get("profile_url")) or None,
        published=yelp_time(review.get("time_created")),
        rating=float(rating) if isinstance(rating, int | float) and not isinstance(rating, bool) else None,
    )


class YelpConnector:
    kind: str = "yelp"
    label: str = "Yelp reviews (API key)"
    default_interval_minutes: int = 360
    required_secrets: tuple[str, ...] = ("api_key",)  # the source cannot work without them
    fields: tuple[ConfigField, ...] = (
        ConfigField("business_id", "Business id or alias", help="From the business page URL, e.g. yelp-san-francisco"),
        ConfigField("language", "Language", required=False, help="Locale, e.g. en_US"),
        ConfigField(
            "api_key", "API key", "secret", required=False,
            help="From yelp.com/developers (Fusion); kept in the keyring",
        ),
        ConfigField("api_base", "API address", "url", required=False, default=API_BASE, advanced=True),
    )  # fmt: skip

    def _business(self, config: Mapping[str, Any]) -> str:
        business = text_of(config.get("business_id"))
        if not business:
            raise BadResponse("A Yelp source needs a business id; edit the source to add one.")
        return f"{api_base(config, API_BASE)}/businesses/{quote(business, safe='')}"

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        url = self._business(config)
        headers = {"Authorization": f"Bearer {need_secret(secrets, 'api_key', KEY_NAME)}"}
        saved = read_state(state.cursor)
        seen = Seen(saved)
        name = text_of(config.get("business_id"))
        items: list[FetchedItem] = []
        offset = 0
        for _ in range(1 if seen.first_poll else MAX_PAGES):
            params = {
                "sort_by": "newest",
                "limit": PAGE_LIMIT,
                "offset": offset or None,
                "locale": text_of(config.get("language")) or None,
            }
            data, response = api_get(
                http, with_query(f"{url}/reviews", params), "Yelp reviews", KEY_NAME, headers
            )
            reviews = data.get("reviews") if isinstance(data, dict) else None
            if not isinstance(reviews, list):
                raise BadResponse("Yelp returned data without a list of reviews.")
            reached = False
            for review in reviews:
                item = review_to_item(review, name) if isinstance(review, dict) else None
                if item is None:
                    continue
                if seen.add(item.source_item_id):
                    items.append(item)
                else:
                    reached = True
            offset += len(reviews)
            total = int_or_none(data.get("total")) or 0
            limited = respect_rate_headers(http, response, "ratelimit-remaining", "ratelimit-resettime")
            if reached or not reviews or offset >= total or limited:
                break
        return FetchResult(items=items, cursor=write_state({**saved, "seen": seen.dump()}))

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        headers = {"Authorization": f"Bearer {need_secret(secrets, 'api_key', KEY_NAME)}"}
        data, _response = api_get(http, self._business(config), "a Yelp business", KEY_NAME, headers)
        name = text_of(data.get("name")) if isinstance(data, dict) else ""
        return f"Yelp accepted the key and found {name or 'the business'}."
