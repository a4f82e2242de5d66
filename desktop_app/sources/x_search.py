"""X (Twitter) API v2 recent search: posts from the last seven days matching a query.

Docs: https://docs.x.com/x-api/posts/search-recent-posts (GET /2/tweets/search/recent, app-only Bearer
token, max_results 10-100, `since_id` for only what is new, `next_token` pages). X bills every post read
(pay-per-use, or a monthly post cap on fixed plans), so the source shows the cost per read before it is
enabled, keeps a meter of posts read this month in its state, and never asks for more posts than the
monthly budget the user set has left. x-rate-limit-remaining/-reset (epoch seconds) are obeyed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from desktop_app.core.errors import BadResponse
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import escape_text, int_or_none, parse_time, text_of, with_query
from desktop_app.sources.keyed import (
    Meter,
    api_base,
    api_get,
    need_secret,
    open_meter,
    read_state,
    respect_rate_headers,
    write_state,
)

API_BASE = "https://api.x.com/2"
PAGE_LIMIT = 100
MIN_PAGE = 10  # the API refuses max_results below 10
MAX_PAGES = 3
MONTHLY_POSTS = 1_500
COST_PER_READ = "0.005"  # US dollars per post read on pay-per-use (check your plan)
KEY_NAME = "X bearer token"
COST_NOTICE = (
    "X charges for every post Earshot reads (about ${cost} a post on pay-per-use; fixed plans cap posts a "
    "month). Each poll reads at most {page} posts; the source stops at your monthly budget."
)


def cost_notice(config: Mapping[str, Any] | None = None) -> str:
    cost = text_of((config or {}).get("cost_per_read")) or COST_PER_READ
    return COST_NOTICE.format(cost=cost, page=PAGE_LIMIT * MAX_PAGES)


def post_to_item(
    post: Mapping[str, Any], users: Mapping[str, Mapping[str, Any]], query: str
) -> FetchedItem | None:
    post_id = text_of(post.get("id"))
    if not post_id:
        return None
    user = users.get(text_of(post.get("author_id")), {})
    username = text_of(user.get("username"))
    raw_metrics = post.get("public_metrics")
    metrics: Mapping[str, Any] = raw_metrics if isinstance(raw_metrics, dict) else {}
    raw_user_metrics = user.get("public_metrics")
    user_metrics: Mapping[str, Any] = raw_user_metrics if isinstance(raw_user_metrics, dict) else {}
    likes = int_or_none(metrics.get("like_count")) or 0
    reposts = int_or_none(metrics.get("retweet_count")) or 0
    return FetchedItem(
        source_item_id=post_id,
        url=f"https://x.com/{username or 'i/web'}/status/{post_id}",
        title="",
        content_html=escape_text(text_of(post.get("text"))),
        author=f"@{username}" if username else None,
        author_url=f"https://x.com/{username}" if username else None,
        published=parse_time(post.get("created_at")),
        reach=likes + reposts,
        reach_label="likes + reposts",
        query=query,
        extra={"followers": int_or_none(user_metrics.get("followers_count")), "language": post.get("lang")},
    )


def id_newer(a: str, b: str | None) -> bool:
    return b is None or (len(a), a) > (len(b), b)


class XSearchConnector:
    kind: str = "x_search"
    label: str = "X recent search (paid API)"
    default_interval_minutes: int = 60
    required_secrets: tuple[str, ...] = ("bearer_token",)  # the source cannot work without them
    meter_secret: str = "bearer_token"  # X caps and bills the app's token, whichever source reads
    fields: tuple[ConfigField, ...] = (
        ConfigField("query", "Search", help="X search syntax, e.g. acme -is:retweet lang:en"),
        ConfigField(
            "bearer_token", "Bearer token", "secret", required=False,
            help="From developer.x.com (app-only); kept in the keyring. " + cost_notice(),
        ),
        ConfigField(
            "monthly_posts", "Posts a month (budget)", "int", required=False, default=MONTHLY_POSTS,
            help="The most posts this source may read in a calendar month (UTC); each read is billed by X",
        ),
        ConfigField(
            "cost_per_read", "Cost per post read (USD)", required=False, default=COST_PER_READ,
            help="What your X plan charges per post read, shown with the usage meter",
        ),
        ConfigField("api_base", "API address", "url", required=False, default=API_BASE, advanced=True),
    )  # fmt: skip

    def __init__(self, clock: Any = None) -> None:
        self.clock = clock or (lambda: datetime.now(UTC))

    def cost_notice(self, config: Mapping[str, Any] | None = None) -> str:
        """What reading costs, said before a source is created (the form, the CLI)."""
        return cost_notice(config)

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        query = text_of(config.get("query"))
        if not query:
            raise BadResponse("An X source needs a search; edit the source to add one.")
        headers = {"Authorization": f"Bearer {need_secret(secrets, 'bearer_token', KEY_NAME)}"}
        now = self.clock()
        saved = read_state(state.cursor)
        meter = open_meter(
            saved, "month", int(config.get("monthly_posts") or MONTHLY_POSTS), now, state.usage
        )
        if meter.left() < MIN_PAGE:
            raise meter.exhausted(now, "X")
        since_id = text_of(saved.get("since_id")) or None
        url = f"{api_base(config, API_BASE)}/tweets/search/recent"
        params = {
            "query": query, "since_id": since_id, "tweet.fields": "created_at,public_metrics,author_id,lang",
            "expansions": "author_id", "user.fields": "username,name,public_metrics",
        }  # fmt: skip
        items: list[FetchedItem] = []
        newest = since_id
        next_token: str | None = None
        for _ in range(MAX_PAGES if since_id else 1):
            size = min(PAGE_LIMIT, meter.left())
            if size < MIN_PAGE:
                break
            data, response = api_get(
                http,
                with_query(url, {**params, "max_results": size, "next_token": next_token}),
                "X posts",
                KEY_NAME,
                headers,
            )
            if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
                raise BadResponse("X returned data without search results.")
            posts = data.get("data") or []
            if not isinstance(posts, list):
                raise BadResponse("X returned posts in a shape Earshot does not know.")
            meter.spend(len(posts))  # X bills each post returned
            includes = data.get("includes") if isinstance(data.get("includes"), dict) else {}
            users = {
                text_of(u.get("id")): u for u in (includes or {}).get("users") or () if isinstance(u, dict)
            }
            for post in posts:
                item = post_to_item(post, users, query) if isinstance(post, dict) else None
                if item is None:
                    continue
                items.append(item)
                if id_newer(item.source_item_id, newest):
                    newest = item.source_item_id
            next_token = text_of(data["meta"].get("next_token")) or None
            limited = respect_rate_headers(
                http, response, "x-rate-limit-remaining", "x-rate-limit-reset", reset_is_epoch=True
            )
            if not next_token or limited:
                break
        state_out = {**saved, "since_id": newest, "meter": meter.dump()}
        return FetchResult(items=items, cursor=write_state(state_out))

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        """GET /2/usage/tweets: checks the token without reading (or paying for) any post."""
        headers = {"Authorization": f"Bearer {need_secret(secrets, 'bearer_token', KEY_NAME)}"}
        data, _response = api_get(
            http, f"{api_base(config, API_BASE)}/usage/tweets", "X usage", KEY_NAME, headers
        )
        usage = data.get("data") if isinstance(data, dict) else None
        used = text_of(usage.get("project_usage")) if isinstance(usage, dict) else ""
        cap = text_of(usage.get("project_cap")) if isinstance(usage, dict) else ""
        said = f" Your project has read {used} of {cap} posts this cycle." if used and cap else ""
        return f"X accepted the bearer token (no post was read).{said}"


def usage_meter(cursor: str | None, limit: int = MONTHLY_POSTS, now: datetime | None = None) -> Meter:
    """Posts read this month, as the polls left it in the source's cursor (for display)."""
    return Meter.load(read_state(cursor), "month", limit, now or datetime.now(UTC))
