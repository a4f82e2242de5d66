"""Trustpilot reviews of the user's own business unit, through the Trustpilot API.

Docs: https://developers.trustpilot.com/business-units-api (GET /v1/business-units/{id}/reviews with the
API key in the `apikey` header, orderBy=createdat.desc, perPage up to 100, `page` numbers; the answer links
its "next-page"). With the API secret stored too, Earshot signs in with OAuth (client credentials at
/v1/oauth/oauth-business-users-for-applications/accesstoken) and reads the private reviews endpoint, which
also returns reviews awaiting a reply. Tokens stay in memory. Trustpilot allows about 833 calls per
5 minutes per key; a 429 rests the source.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from desktop_app.core.errors import AuthError, BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import escape_text, int_or_none, parse_time, text_of, with_query
from desktop_app.sources.keyed import (
    Seen,
    TokenCache,
    api_base,
    api_get,
    api_post,
    need_secret,
    read_state,
    write_state,
)

API_BASE = "https://api.trustpilot.com"
TOKEN_PATH = "/v1/oauth/oauth-business-users-for-applications/accesstoken"
PAGE_LIMIT = 100
MAX_PAGES = 3
KEY_NAME = "Trustpilot API key"


def review_to_item(review: Mapping[str, Any]) -> FetchedItem | None:
    review_id = text_of(review.get("id"))
    if not review_id:
        return None
    raw_consumer = review.get("consumer")
    consumer: Mapping[str, Any] = raw_consumer if isinstance(raw_consumer, dict) else {}
    stars = int_or_none(review.get("stars"))
    consumer_id = text_of(consumer.get("id"))
    return FetchedItem(
        source_item_id=f"trustpilot:{review_id}",
        url=f"https://www.trustpilot.com/reviews/{review_id}",
        title=text_of(review.get("title")),
        content_html=escape_text(text_of(review.get("text"))),
        author=text_of(consumer.get("displayName")) or None,
        author_url=f"https://www.trustpilot.com/users/{consumer_id}" if consumer_id else None,
        published=parse_time(review.get("createdAt")),
        rating=float(stars) if stars is not None else None,
        extra={"language": review.get("language"), "replied": bool(review.get("companyReply"))},
    )


def next_page(data: Mapping[str, Any]) -> bool:
    for link in data.get("links") or ():
        if isinstance(link, dict) and text_of(link.get("rel")) in ("next-page", "next"):
            return True
    return False


class TrustpilotConnector:
    kind: str = "trustpilot"
    label: str = "Trustpilot reviews (Business API)"
    default_interval_minutes: int = 60
    required_secrets: tuple[str, ...] = ("api_key",)  # the source cannot work without them
    fields: tuple[ConfigField, ...] = (
        ConfigField("business_unit_id", "Business unit id", help="Your business unit's id (Trustpilot Business → Integrations)"),
        ConfigField("api_key", "API key", "secret", required=False, help="From your Trustpilot application; kept in the keyring"),
        ConfigField(
            "api_secret", "API secret (optional)", "secret", required=False,
            help="With it, Earshot signs in (OAuth) and reads your private reviews feed; kept in the keyring",
        ),
        ConfigField("api_base", "API address", "url", required=False, default=API_BASE, advanced=True),
    )  # fmt: skip

    def __init__(self) -> None:
        self._tokens = TokenCache()

    def _headers(
        self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]
    ) -> tuple[dict[str, str], str | None]:
        key = need_secret(secrets, "api_key", KEY_NAME)
        headers = {"apikey": key}
        secret = (secrets.get("api_secret") or "").strip()
        if not secret:
            return headers, None
        base = api_base(config, API_BASE)
        cache_key = TokenCache.key(base, key, secret)
        token = self._tokens.get(cache_key)
        if not token:
            basic = base64.b64encode(f"{key}:{secret}".encode()).decode()
            data = api_post(
                http, f"{base}{TOKEN_PATH}", "a Trustpilot token", "Trustpilot API key and secret",
                form={"grant_type": "client_credentials"}, headers={"Authorization": f"Basic {basic}"},
            )  # fmt: skip
            token = text_of(data.get("access_token")) if isinstance(data, dict) else ""
            if not token:
                raise AuthError(
                    "Trustpilot did not issue a token: key rejected; check the API key and secret."
                )
            self._tokens.put(cache_key, token, float(int_or_none(data.get("expires_in")) or 3600))
        return {**headers, "Authorization": f"Bearer {token}"}, cache_key

    def _unit(self, config: Mapping[str, Any]) -> str:
        unit = text_of(config.get("business_unit_id"))
        if not unit:
            raise BadResponse("A Trustpilot source needs a business unit id; edit the source to add it.")
        return quote(unit, safe="")

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        unit = self._unit(config)
        headers, cache_key = self._headers(config, http, secrets)
        scope = "/private" if cache_key else ""
        url = f"{api_base(config, API_BASE)}/v1{scope}/business-units/{unit}/reviews"
        saved = read_state(state.cursor)
        seen = Seen(saved)
        items: list[FetchedItem] = []
        try:
            for page in range(1, (1 if seen.first_poll else MAX_PAGES) + 1):
                params = {"orderBy": "createdat.desc", "perPage": PAGE_LIMIT, "page": page}
                data, _response = api_get(
                    http, with_query(url, params), "Trustpilot reviews", KEY_NAME, headers
                )
                reviews = data.get("reviews") if isinstance(data, dict) else None
                if not isinstance(reviews, list):
                    raise BadResponse("Trustpilot returned data without a list of reviews.")
                reached = False
                for review in reviews:
                    item = review_to_item(review) if isinstance(review, dict) else None
                    if item is None:
                        continue
                    if seen.add(item.source_item_id):
                        items.append(item)
                    else:
                        reached = True
                if reached or not reviews or not next_page(data):
                    break
        except AuthError:
            if cache_key:
                self._tokens.drop(cache_key)
            raise
        return FetchResult(items=items, cursor=write_state({**saved, "seen": seen.dump()}))

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        headers, _ = self._headers(config, http, secrets)
        data, _response = api_get(
            http,
            f"{api_base(config, API_BASE)}/v1/business-units/{self._unit(config)}",
            "a business unit",
            KEY_NAME,
            headers,
        )
        name = text_of(data.get("displayName")) if isinstance(data, dict) else ""
        return f"Trustpilot accepted the key and found {name or 'the business unit'}."
