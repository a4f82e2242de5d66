"""Google reviews of a place, through the Places API (New) place details.

Docs: https://developers.google.com/maps/documentation/places/web-service/place-details. The key goes in
the X-Goog-Api-Key header and X-Goog-FieldMask asks only for the review fields (the mask decides the
billing SKU). Google returns at most five reviews per place and no further pages, so each poll reads the
one answer and keeps only reviews it has not seen (ids remembered in the source's state).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from desktop_app.core.errors import BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import escape_text, parse_time, text_of, with_query
from desktop_app.sources.keyed import Seen, api_base, api_get, need_secret, read_state, write_state

API_BASE = "https://places.googleapis.com/v1"
FIELD_MASK = "id,displayName,rating,userRatingCount,googleMapsUri,reviews"
KEY_NAME = "Google Maps Platform API key"


def _text(value: Any) -> str:
    return text_of(value.get("text")) if isinstance(value, dict) else text_of(value)


def review_to_item(review: Mapping[str, Any], place: Mapping[str, Any]) -> FetchedItem | None:
    name = text_of(review.get("name"))
    if not name:
        return None
    raw_author = review.get("authorAttribution")
    author: Mapping[str, Any] = raw_author if isinstance(raw_author, dict) else {}
    text = _text(review.get("originalText")) or _text(review.get("text"))
    rating = review.get("rating")
    return FetchedItem(
        source_item_id=name,
        url=text_of(review.get("googleMapsUri")) or text_of(place.get("googleMapsUri")) or None,
        title=f"Google review of {_text(place.get('displayName')) or 'your place'}",
        content_html=escape_text(text),
        author=text_of(author.get("displayName")) or None,
        author_url=text_of(author.get("uri")) or None,
        published=parse_time(review.get("publishTime")),
        rating=float(rating) if isinstance(rating, int | float) and not isinstance(rating, bool) else None,
        extra={"place_rating": place.get("rating"), "place_reviews": place.get("userRatingCount")},
    )


class GooglePlacesConnector:
    kind: str = "google_places"
    label: str = "Google reviews (Places API key)"
    default_interval_minutes: int = 360  # each call is billed; reviews change slowly
    required_secrets: tuple[str, ...] = ("api_key",)  # the source cannot work without them
    fields: tuple[ConfigField, ...] = (
        ConfigField("place_id", "Place id", help="From the Place ID Finder, e.g. ChIJN1t_tDeuEmsRUsoyG83frY4"),
        ConfigField("language", "Language", required=False, help="Review language, e.g. en (default: the original)"),
        ConfigField(
            "api_key", "API key", "secret", required=False,
            help="A Google Maps Platform key with Places API (New) enabled; each poll is one billed "
            "Place Details call; kept in the keyring",
        ),
        ConfigField("api_base", "API address", "url", required=False, default=API_BASE, advanced=True),
    )  # fmt: skip

    def _get(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str], mask: str) -> Any:
        place_id = text_of(config.get("place_id"))
        if not place_id:
            raise BadResponse("A Google reviews source needs a place id; edit the source to add one.")
        key = need_secret(secrets, "api_key", KEY_NAME)
        url = with_query(
            f"{api_base(config, API_BASE)}/places/{quote(place_id, safe='')}",
            {"languageCode": text_of(config.get("language")) or None},
        )
        headers = {"X-Goog-Api-Key": key, "X-Goog-FieldMask": mask}
        data, _response = api_get(http, url, "place details", KEY_NAME, headers)
        if not isinstance(data, dict) or not data.get("id"):
            raise BadResponse("Google returned data without a place; check the place id.")
        return data

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        place = self._get(config, http, secrets, FIELD_MASK)
        reviews = place.get("reviews") or []
        if not isinstance(reviews, list):
            raise BadResponse("Google returned reviews in a shape Earshot does not know.")
        saved = read_state(state.cursor)
        seen = Seen(saved)
        items = [
            item
            for item in (review_to_item(r, place) for r in reviews if isinstance(r, dict))
            if item is not None and seen.add(item.source_item_id)
        ]
        return FetchResult(items=items, cursor=write_state({**saved, "seen": seen.dump()}))

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        place = self._get(config, http, secrets, "id,displayName")
        return f"Google accepted the key and found {_text(place.get('displayName')) or 'the place'}."
