"""YouTube Data API v3: new videos matching a search, and the newest comments on them.

Docs: https://developers.google.com/youtube/v3/docs/search/list and /commentThreads/list. Each project has
a daily quota (10,000 units by default) that resets at midnight Pacific time: search.list costs 100 units,
commentThreads.list 1. The meter of units spent today lives in the source's state; before a call that would
go past the user's daily budget the poll stops, and once the budget is spent the source rests with
"quota used up, resumes at midnight Pacific". A 403 `quotaExceeded` means the same thing.
Search asks for videos published after the newest one seen (`publishedAfter`), newest first.
A video whose comments are turned off (403 `commentsDisabled`) or gone (404 `videoNotFound`) is dropped
from the videos whose comments are read, remembered under "closed", and the rest of the poll goes on.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from desktop_app.core.errors import BadResponse, RateLimited
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.json_api import escape_text, int_or_none, parse_time, text_of, with_query
from desktop_app.sources.keyed import (
    Meter,
    Refused,
    Seen,
    api_base,
    api_get,
    need_secret,
    open_meter,
    read_state,
    write_state,
)

API_BASE = "https://www.googleapis.com/youtube/v3"
DAILY_QUOTA = 10_000
SEARCH_COST = 100
LIST_COST = 1
SEARCH_PAGE = 50
COMMENT_PAGE = 100
MAX_SEARCH_PAGES = 2
MAX_COMMENT_PAGES = 3  # per video a poll: up to 300 newest comments, 3 units
KEEP_VIDEOS = 10
KEEP_CLOSED = 50
KEY_NAME = "YouTube API key"
WATCH = "https://www.youtube.com/watch?v="
# commentThreads.list errors that concern one video, not the key: 403 commentsDisabled, 404 videoNotFound
NO_COMMENTS = frozenset({"commentsdisabled", "videonotfound"})


def key_header(key: str) -> dict[str, str]:
    """Google takes the key in a header too: kept out of the URL, so no log or error shows it."""
    return {"X-Goog-Api-Key": key}


def _snippet(entry: Mapping[str, Any]) -> Mapping[str, Any]:
    raw = entry.get("snippet")
    return raw if isinstance(raw, dict) else {}


def video_to_item(entry: Mapping[str, Any], query: str) -> FetchedItem | None:
    ids = entry.get("id")
    video_id = text_of(ids.get("videoId")) if isinstance(ids, dict) else text_of(ids)
    if not video_id:
        return None
    snippet = _snippet(entry)
    channel = text_of(snippet.get("channelId"))
    return FetchedItem(
        source_item_id=f"yt:video:{video_id}",
        url=WATCH + video_id,
        title=html.unescape(text_of(snippet.get("title"))),  # the API sends titles HTML-escaped
        content_html=escape_text(html.unescape(text_of(snippet.get("description")))),
        author=text_of(snippet.get("channelTitle")) or None,
        author_url=f"https://www.youtube.com/channel/{channel}" if channel else None,
        published=parse_time(snippet.get("publishedAt")),
        query=query,
        extra={"video_id": video_id},
    )


def comment_to_item(thread: Mapping[str, Any], query: str) -> FetchedItem | None:
    top = _snippet(thread).get("topLevelComment")
    if not isinstance(top, dict):
        return None
    comment_id = text_of(top.get("id")) or text_of(thread.get("id"))
    snippet = _snippet(top)
    video_id = text_of(snippet.get("videoId")) or text_of(_snippet(thread).get("videoId"))
    if not comment_id or not video_id:
        return None
    text = text_of(snippet.get("textOriginal")) or html.unescape(text_of(snippet.get("textDisplay")))
    return FetchedItem(
        source_item_id=f"yt:comment:{comment_id}",
        url=f"{WATCH}{video_id}&lc={comment_id}",
        title="",
        content_html=escape_text(text),
        author=text_of(snippet.get("authorDisplayName")) or None,
        author_url=text_of(snippet.get("authorChannelUrl")) or None,
        published=parse_time(snippet.get("publishedAt")),
        reach=int_or_none(snippet.get("likeCount")),
        reach_label="likes",
        query=query,
        extra={"video_id": video_id, "replies": int_or_none(_snippet(thread).get("totalReplyCount"))},
    )


class _Poll:
    """One poll's calls, each paid for on the meter first."""

    def __init__(self, http: HttpClient, base: str, key: str, meter: Meter, now: datetime) -> None:
        self.http, self.base, self.key, self.meter, self.now = http, base, key, meter, now
        self.calls = 0
        self.stopped = False

    def call(
        self,
        path: str,
        params: Mapping[str, Any],
        cost: int,
        what: str,
        skip: frozenset[str] = frozenset(),
    ) -> dict[str, Any] | None:
        """The decoded answer, or None when the budget cannot pay for it (the poll stops there).
        Raises Refused when Google's reason is one of `skip` (the call is still paid for)."""
        if self.stopped or not self.meter.can_spend(cost):
            if self.calls == 0:
                raise self.meter.exhausted(self.now, "YouTube")
            self.stopped = True
            return None
        self.calls += 1
        self.meter.spend(cost)  # Google charges the call even when it fails
        try:
            data, _response = api_get(
                self.http,
                with_query(f"{self.base}/{path}", params),
                what,
                KEY_NAME,
                key_header(self.key),
                skip_reasons=skip,
            )
        except RateLimited as exc:
            if "quotaexceeded" in str(exc).lower() or "dailylimitexceeded" in str(exc).lower():
                self.meter.used = max(self.meter.used, self.meter.limit)  # Google's count says: spent
                raise self.meter.exhausted(self.now, "YouTube") from None
            raise
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise BadResponse(f"YouTube returned data without a list of items ({what}).")
        return data


class YouTubeConnector:
    kind: str = "youtube"
    label: str = "YouTube videos and comments (API key)"
    default_interval_minutes: int = 60  # 24 polls a day x 100+ units stays well inside 10,000
    required_secrets: tuple[str, ...] = ("api_key",)  # the source cannot work without them
    meter_secret: str = "api_key"  # the quota is the key's (its Google project's), shared by its sources
    fields: tuple[ConfigField, ...] = (
        ConfigField("query", "Search", help="Videos matching this search, newest first"),
        ConfigField(
            "api_key", "API key", "secret", required=False,
            help="A YouTube Data API v3 key from console.cloud.google.com; kept in the keyring",
        ),
        ConfigField(
            "daily_quota", "Daily quota (units)", "int", required=False, default=DAILY_QUOTA,
            help="Units this source may spend a day: a search costs 100, a page of comments 1; "
            "resets at midnight Pacific",
        ),
        ConfigField(
            "comment_videos", "Videos to read comments of", "int", required=False, default=5,
            help="The newest videos found whose comments are read each poll (0: no comments)",
        ),
        ConfigField("api_base", "API address", "url", required=False, default=API_BASE, advanced=True),
    )  # fmt: skip

    def __init__(self, clock: Any = None) -> None:
        self.clock = clock or (lambda: datetime.now(UTC))

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        query = text_of(config.get("query"))
        if not query:
            raise BadResponse("A YouTube source needs a search; edit the source to add one.")
        key = need_secret(secrets, "api_key", KEY_NAME)
        now = self.clock()
        saved = read_state(state.cursor)
        meter = open_meter(saved, "day", int(config.get("daily_quota") or DAILY_QUOTA), now, state.usage)
        poll = _Poll(http, api_base(config, API_BASE), key, meter, now)
        seen = Seen(saved)
        since = text_of(saved.get("since")) or None
        videos = [str(v) for v in saved.get("videos") or [] if isinstance(v, str)]
        items: list[FetchedItem] = []
        closed = [str(v) for v in saved.get("closed") or [] if isinstance(v, str)]  # comments off
        since = self._search(poll, query, since, seen, items, videos)
        videos[:] = [v for v in videos if v not in closed]
        self._comments(poll, query, int(config.get("comment_videos") or 0), (videos, closed), seen, items)
        state_out = {
            **saved,
            "since": since,
            "seen": seen.dump(),
            "videos": videos[:KEEP_VIDEOS],
            "closed": closed[:KEEP_CLOSED] or None,
            "meter": meter.dump(),
        }
        return FetchResult(items=items, cursor=write_state(state_out))

    def _search(
        self,
        poll: _Poll,
        query: str,
        since: str | None,
        seen: Seen,
        items: list[FetchedItem],
        videos: list[str],
    ) -> str | None:
        params = {
            "part": "snippet",
            "type": "video",
            "order": "date",
            "q": query,
            "maxResults": SEARCH_PAGE,
            "publishedAfter": since,
        }
        newest = since
        found: list[str] = []
        page_token: str | None = None
        for _ in range(MAX_SEARCH_PAGES if since else 1):
            data = poll.call("search", {**params, "pageToken": page_token}, SEARCH_COST, "video search")
            if data is None:
                break
            reached = False
            for entry in data["items"]:
                item = video_to_item(entry, query) if isinstance(entry, dict) else None
                if item is None:
                    continue
                stamp = text_of(_snippet(entry).get("publishedAt"))
                newest = stamp if stamp and (newest is None or stamp > newest) else newest
                video_id = str(item.extra["video_id"])
                if video_id not in videos and video_id not in found:
                    found.append(video_id)
                if seen.add(item.source_item_id):
                    items.append(item)
                else:
                    reached = True
            page_token = text_of(data.get("nextPageToken")) or None
            if reached or not page_token:
                break
        videos[:0] = found  # newest first
        return newest

    def _comments(
        self,
        poll: _Poll,
        query: str,
        count: int,
        lists: tuple[list[str], list[str]],
        seen: Seen,
        items: list[FetchedItem],
    ) -> None:
        """Comments of the newest `count` videos; a video whose comments are off moves to `closed`."""
        videos, closed = lists
        for video_id in videos[: max(0, count)]:
            try:
                if not self._video_comments(poll, query, video_id, seen, items):
                    return  # the budget is spent
            except Refused:
                videos.remove(video_id)  # comments turned off (or the video gone): never ask again
                closed.insert(0, video_id)

    def _video_comments(
        self, poll: _Poll, query: str, video_id: str, seen: Seen, items: list[FetchedItem]
    ) -> bool:
        """One video's newest comment threads, page after page (nextPageToken, at most MAX_COMMENT_PAGES,
        1 unit each) until a comment seen before; False when the budget stopped it."""
        params = {
            "part": "snippet",
            "videoId": video_id,
            "order": "time",
            "maxResults": COMMENT_PAGE,
            "textFormat": "plainText",
        }
        token: str | None = None
        for _ in range(MAX_COMMENT_PAGES):
            data = poll.call(
                "commentThreads", {**params, "pageToken": token}, LIST_COST, "comments", NO_COMMENTS
            )
            if data is None:
                return False
            reached = False
            for thread in data["items"]:
                item = comment_to_item(thread, query) if isinstance(thread, dict) else None
                if item is None:
                    continue
                if seen.add(item.source_item_id):
                    items.append(item)
                else:
                    reached = True  # newest first: the rest were read at an earlier poll
            token = text_of(data.get("nextPageToken")) or None
            if reached or not token:
                break
        return True

    def check(self, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]) -> str:
        """One videos.list call (1 unit), not a search (100)."""
        key = need_secret(secrets, "api_key", KEY_NAME)
        url = with_query(
            f"{api_base(config, API_BASE)}/videos", {"part": "id", "chart": "mostPopular", "maxResults": 1}
        )
        api_get(http, url, "a video list", KEY_NAME, key_header(key))
        return "YouTube accepted the API key (the test used 1 quota unit)."


def quota_meter(cursor: str | None, limit: int = DAILY_QUOTA, now: datetime | None = None) -> Meter:
    """Today's meter as a poll left it in the source's cursor (for display)."""
    return Meter.load(read_state(cursor), "day", limit, now or datetime.now(UTC))
