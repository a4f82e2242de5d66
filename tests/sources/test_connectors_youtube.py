"""YouTube Data API: video search (100 units) and comment threads (1 unit), with a daily quota meter."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from desktop_app.core.errors import AuthError, BadResponse, RateLimited
from desktop_app.core.models import FetchResult
from desktop_app.sources.base import SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.keyed import read_state
from desktop_app.sources.youtube import YouTubeConnector, quota_meter
from tests.sources.keyed_support import make_client, serve_api
from tests.support.api_server import ApiServer, Call, JsonRoute, answer
from tests.support.shared_data import shared_file

api_server = pytest.fixture(serve_api, name="api_server")
client = pytest.fixture(make_client, name="client")

KEY = "AIza-test-key-123"
NOON_PACIFIC = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)  # 12:00 in Los Angeles


def capture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shared_file("feeds", "youtube-search-json", name).read_bytes())
    return data


def video(n: int) -> dict[str, Any]:
    return {
        "kind": "youtube#searchResult", "id": {"kind": "youtube#video", "videoId": f"vid{n}"},
        "snippet": {"publishedAt": f"2026-11-20T1{n}:00:00Z", "channelId": "UCx", "title": f"Acme &amp; me {n}",
                    "description": "unboxing", "channelTitle": "Reviewer"},
    }  # fmt: skip


def fetch(
    server: ApiServer,
    http: HttpClient,
    cursor: str | None = None,
    now: datetime = NOON_PACIFIC,
    **config: Any,
) -> FetchResult:
    cfg = {"query": "acme", "api_base": server.url(""), "comment_videos": 0, **config}
    return YouTubeConnector(clock=lambda: now).fetch(cfg, SourceState(cursor=cursor), http, {"api_key": KEY})


def test_captured_search_and_comments(api_server: ApiServer, client: HttpClient) -> None:
    search_data = capture("youtube_search_power_bank.json")
    comments = capture("youtube_comments.json")
    search, threads = answer(200, search_data), answer(200, comments)
    api_server.route("/search", handler=search)
    api_server.route("/commentThreads", handler=threads)
    result = fetch(api_server, client, comment_videos=2)
    video_ids = [e["id"]["videoId"] for e in search_data["items"]]
    kinds = [i.source_item_id.split(":")[1] for i in result.items]
    assert kinds.count("video") == len(video_ids)
    assert "&#39;" not in "".join(i.title for i in result.items)
    first_comment = next(i for i in result.items if i.source_item_id.startswith("yt:comment:"))
    top = comments["items"][0]["snippet"]["topLevelComment"]
    assert (
        first_comment.author == top["snippet"]["authorDisplayName"]
        and first_comment.reach == top["snippet"]["likeCount"]
    )
    assert first_comment.url == f"https://www.youtube.com/watch?v={top['snippet']['videoId']}&lc={top['id']}"
    (q,) = search.queries
    assert "key" not in q and search.calls[0].headers["x-goog-api-key"] == KEY
    assert q["order"] == "date" and q["type"] == "video" and "publishedAfter" not in q
    assert [c.query["videoId"] for c in threads.calls if "pageToken" not in c.query] == video_ids[:2]
    if comments.get("nextPageToken"):  # the capture has a next page: asked for, found already seen, stopped
        assert [c.query.get("pageToken") for c in threads.calls][1] == comments["nextPageToken"]
    meter = quota_meter(result.cursor, now=NOON_PACIFIC)
    assert meter.used == 100 + len(threads.calls) and KEY not in (result.cursor or "")


def test_next_page_and_published_after(api_server: ApiServer, client: HttpClient) -> None:
    p1, p2 = capture("search_by_keywords_p1.json"), capture("search_by_keywords_p2.json")

    def search_answer(call: Call) -> tuple[int, Any, dict[str, str]]:
        if "publishedAfter" not in call.query:
            return 200, {"items": [video(1)], "nextPageToken": "IGNORED"}, {}
        return 200, (p2 if call.query.get("pageToken") == p1["nextPageToken"] else p1), {}

    search = JsonRoute(search_answer)
    api_server.route("/search", handler=search)
    first = fetch(api_server, client)
    assert [i.source_item_id for i in first.items] == ["yt:video:vid1"] and len(search.calls) == 1
    assert first.items[0].title == "Acme & me 1"
    second = fetch(api_server, client, cursor=first.cursor)
    assert search.calls[1].query["publishedAfter"] == "2026-11-20T11:00:00Z"
    assert search.calls[2].query["pageToken"] == p1["nextPageToken"]
    assert len(second.items) == len({e["id"]["videoId"] for e in p1["items"] + p2["items"]})
    assert quota_meter(second.cursor, now=NOON_PACIFIC).used == 300


def test_nothing_new(api_server: ApiServer, client: HttpClient) -> None:
    def search_answer(call: Call) -> tuple[int, Any, dict[str, str]]:
        after = call.query.get("publishedAfter", "")
        items = [
            v for v in (video(2), video(1)) if v["snippet"]["publishedAt"] >= after
        ]  # inclusive, as Google is
        return 200, {"items": items}, {}

    api_server.route("/search", handler=JsonRoute(search_answer))
    first = fetch(api_server, client)
    again = fetch(api_server, client, cursor=first.cursor)
    assert len(first.items) == 2 and again.items == []


def test_quota_meter_stops_the_poll_and_then_rests_until_midnight_pacific(
    api_server: ApiServer, client: HttpClient
) -> None:
    search = answer(200, {"items": [video(1)]})
    threads = answer(200, {"items": []})
    api_server.route("/search", handler=search)
    api_server.route("/commentThreads", handler=threads)
    first = fetch(api_server, client, daily_quota=201, comment_videos=5)
    assert quota_meter(first.cursor, 201, NOON_PACIFIC).used == 101  # the search, one video's comments
    second = fetch(api_server, client, cursor=first.cursor, daily_quota=201, comment_videos=5)
    assert (
        second.items == [] and len(search.calls) == 2 and len(threads.calls) == 1
    )  # no unit left for comments
    used_up = read_state(second.cursor)["meter"]
    assert used_up["used"] == 201 and used_up["limit"] == 201
    with pytest.raises(RateLimited, match="quota used up, resumes at midnight Pacific") as caught:
        fetch(api_server, client, cursor=second.cursor, daily_quota=201)
    assert caught.value.retry_after == 12 * 3600  # noon to midnight in Los Angeles
    assert len(search.calls) == 2
    tomorrow = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)  # 00:30 Pacific
    fresh = fetch(api_server, client, cursor=second.cursor, now=tomorrow, daily_quota=201)
    assert quota_meter(fresh.cursor, 201, tomorrow).used == 100 and len(search.calls) == 3


def test_quota_exceeded_from_google_is_rate_limited(api_server: ApiServer, client: HttpClient) -> None:
    body = {"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your quota.",
                      "errors": [{"message": "quota", "domain": "youtube.quota", "reason": "quotaExceeded"}]}}  # fmt: skip
    api_server.route("/search", handler=answer(403, body))
    with pytest.raises(RateLimited, match="quota used up, resumes at midnight Pacific") as caught:
        fetch(api_server, client)
    assert caught.value.retry_after == 12 * 3600


@pytest.mark.parametrize(
    ("status", "reason"), [(400, "keyInvalid"), (403, "forbidden"), (403, "accessNotConfigured")]
)
def test_key_rejected(api_server: ApiServer, client: HttpClient, status: int, reason: str) -> None:
    body = {"error": {"code": status, "message": "API key not valid. Please pass a valid API key.",
                      "errors": [{"message": "bad", "domain": "global", "reason": reason}]}}  # fmt: skip
    api_server.route("/search", handler=answer(status, body))
    with pytest.raises(AuthError, match="key rejected") as caught:
        fetch(api_server, client)
    assert KEY not in str(caught.value)


def test_rate_limited(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route("/search", handler=answer(429, {"error": {"code": 429}}, {"Retry-After": "120"}))
    with pytest.raises(RateLimited) as caught:
        fetch(api_server, client)
    assert caught.value.retry_after == 120


def test_malformed_body(api_server: ApiServer, client: HttpClient) -> None:
    api_server.route("/search", handler=answer(200, {"kind": "youtube#searchListResponse"}))
    with pytest.raises(BadResponse):
        fetch(api_server, client)


def test_check_costs_one_unit(api_server: ApiServer, client: HttpClient) -> None:
    videos = answer(200, {"items": [{"id": "x"}]})
    api_server.route("/videos", handler=videos)
    message = YouTubeConnector().check({"api_base": api_server.url("")}, client, {"api_key": KEY})
    assert "1 quota unit" in message and videos.calls[0].query["chart"] == "mostPopular"


def test_video_with_comments_disabled_is_dropped_and_the_poll_goes_on(
    api_server: ApiServer, client: HttpClient
) -> None:
    disabled = {"error": {"code": 403, "message": "The video identified by the <code><a href=\"/youtube/v3/docs/commentThreads/list#videoId\">videoId</a></code> parameter has disabled comments.",
                          "errors": [{"message": "disabled", "domain": "youtube.commentThread", "reason": "commentsDisabled",
                                      "location": "videoId", "locationType": "parameter"}]}}  # fmt: skip
    thread = {"id": "c1", "snippet": {"videoId": "vid1", "topLevelComment": {"id": "c1", "snippet": {
        "videoId": "vid1", "textOriginal": "love it", "authorDisplayName": "Ann",
        "publishedAt": "2026-11-20T12:00:00Z"}}}}  # fmt: skip

    def threads_answer(call: Call) -> tuple[int, Any, dict[str, str]]:
        if call.query["videoId"] == "vid2":
            return 403, disabled, {}
        return 200, {"items": [thread]}, {}

    api_server.route("/search", handler=answer(200, {"items": [video(2), video(1)]}))
    threads = JsonRoute(threads_answer)
    api_server.route("/commentThreads", handler=threads)
    first = fetch(api_server, client, comment_videos=5)
    assert "yt:comment:c1" in [i.source_item_id for i in first.items]
    state = read_state(first.cursor)
    assert state["videos"] == ["vid1"]  # the one with comments off is not asked about again
    assert state["meter"]["used"] == 100 + 2  # both comment calls were paid for
    second = fetch(api_server, client, cursor=first.cursor, comment_videos=5)
    assert [c.query["videoId"] for c in threads.calls] == ["vid2", "vid1", "vid1"]
    assert read_state(second.cursor)["videos"] == ["vid1"] and read_state(second.cursor)["closed"] == ["vid2"]


def comment_thread(n: int) -> dict[str, Any]:
    return {"id": f"t{n}", "snippet": {"videoId": "vid1", "totalReplyCount": 0, "topLevelComment": {
        "id": f"t{n}", "snippet": {"videoId": "vid1", "textOriginal": f"comment {n}", "authorDisplayName": "Ann",
                                   "likeCount": 0, "publishedAt": "2026-11-20T12:00:00Z"}}}}  # fmt: skip


def test_comment_pages_follow_next_page_token_bounded(api_server: ApiServer, client: HttpClient) -> None:
    def threads_answer(call: Call) -> tuple[int, Any, dict[str, str]]:
        page = int(call.query.get("pageToken") or "0")
        body: dict[str, Any] = {"items": [comment_thread(page * 2), comment_thread(page * 2 + 1)]}
        if page < 9:
            body["nextPageToken"] = str(page + 1)
        return 200, body, {}

    threads = JsonRoute(threads_answer)
    api_server.route("/search", handler=answer(200, {"items": [video(1)]}))
    api_server.route("/commentThreads", handler=threads)
    first = fetch(api_server, client, comment_videos=1)
    comments = [i.source_item_id for i in first.items if i.source_item_id.startswith("yt:comment:")]
    assert comments == [f"yt:comment:t{n}" for n in range(6)]  # 3 pages, then it stops
    assert [c.query.get("pageToken") for c in threads.calls] == [None, "1", "2"]
    assert quota_meter(first.cursor, now=NOON_PACIFIC).used == 100 + 3
    second = fetch(api_server, client, cursor=first.cursor, comment_videos=1)
    assert len(threads.calls) == 4 and threads.calls[3].query.get("pageToken") is None  # a seen one: stop
    assert not [i for i in second.items if i.source_item_id.startswith("yt:comment:")]
