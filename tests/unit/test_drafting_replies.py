"""Reply settings, model settings and consent, the second-reply checks and the tracking summary
(services.replies), on real workspace files."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.models import Category, Label
from desktop_app.drafting.templates import default_library, load_library
from desktop_app.services.replies import (
    MODEL_CONSENT,
    ModelSettings,
    base_url_problem,
    composer_context,
    consent_update,
    draft_request,
    format_duration,
    has_consent,
    is_local_address,
    oldest_unanswered_complaint,
    reply_settings_update,
    reply_values,
    reply_warning,
    save_reply_setup,
    story_reply_warning,
    tracking_summary,
)
from desktop_app.storage import triage_writes
from desktop_app.storage.workspace import Workspace, read_settings
from tests.support.factories import add_source, make_workspace, mention, score, store


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", "base URL"),
        ("ftp://models.example/v1", "http"),
        ("http://api.example.com/v1", "https"),
        ("https://api.example.com/v1?x=1", "query"),
        ("http://127.0.0.1:11434/v1", None),
        ("http://localhost:8080/v1", None),
        ("http://192.168.1.20:11434/v1", None),
        ("http://gpu-box.local:8000/v1", None),
        ("https://api.openai.com/v1", None),
    ],
)
def test_base_url_rules(url: str, problem: str | None) -> None:
    found = base_url_problem(url)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_local_addresses() -> None:
    assert is_local_address("http://127.0.0.1:11434/v1")
    assert is_local_address("http://[::1]:8080/v1")
    assert is_local_address("http://localhost/v1")
    assert not is_local_address("http://192.168.1.20/v1")
    assert not is_local_address("https://api.openai.com/v1")


def test_model_settings_are_off_by_default_and_need_url_and_model() -> None:
    assert ModelSettings.from_settings({}) == ModelSettings()
    assert not ModelSettings().configured
    on = ModelSettings(enabled=True, base_url="http://127.0.0.1:11434/v1/", model="llama3")
    assert on.configured and on.endpoint == "http://127.0.0.1:11434/v1/chat/completions"
    assert not replace(on, model="").configured
    assert not replace(on, enabled=False).configured
    assert not replace(on, base_url="http://remote.example/v1").configured
    assert ModelSettings.from_settings(on.to_settings()) == on
    assert ModelSettings.from_settings({"model.timeout_seconds": 99999}).timeout == 600
    assert ModelSettings.from_settings({"model.timeout_seconds": "junk"}).timeout == 60
    assert on.config("k").api_key == "k" and on.config(None).api_key == ""


def test_consent_is_per_endpoint() -> None:
    settings: dict[str, object] = {}
    assert not has_consent(settings, "http://127.0.0.1:1/v1/chat/completions")
    settings.update(consent_update(settings, "http://127.0.0.1:1/v1/chat/completions"))
    settings.update(consent_update(settings, "http://127.0.0.1:1/v1/chat/completions"))
    assert settings[MODEL_CONSENT] == ["http://127.0.0.1:1/v1/chat/completions"]
    assert has_consent(settings, "http://127.0.0.1:1/v1/chat/completions")
    assert not has_consent(settings, "https://api.openai.com/v1/chat/completions")
    assert not has_consent({MODEL_CONSENT: "garbage"}, "x")


def test_reply_settings_are_tidied_and_blank_ones_left_out() -> None:
    update = reply_settings_update({"signature": "  -- Maria,\n Acme care ", "product": ""})
    assert update["signature"] == "-- Maria, Acme care" and update["product"] == ""
    assert set(update) >= {"signature", "support_channel", "support_email", "agent_name"}
    assert reply_values({**update, "brand": "Acme"}) == {"signature": "-- Maria, Acme care"}


def test_draft_request_from_a_mention() -> None:
    m = {
        "id": 3,
        "author": "sam lee",
        "source_kind": "mastodon",
        "title": "Acme app",
        "text": "The Acme app logs me out every day",
        "category": "complaint",
        "label": "negative",
    }
    settings = {"brand": "Acme", "support_email": "care@acme.example", "signature": "-- Jo",
                "reply.house_rules": "Never promise refunds."}  # fmt: skip
    request = draft_request(m, settings)
    assert request.brand == "Acme" and request.channel == "mastodon"
    assert request.author == "@samlee"  # a handle channel
    assert request.support_channel == "care@acme.example"  # falls back to the email
    assert request.signature == "-- Jo" and request.extra_rules == "Never promise refunds."
    assert request.situation == "complaint"
    assert request.mention_text == "Acme app\nThe Acme app logs me out every day"


def _fill(ws: Workspace) -> list[int]:
    sid = add_source(ws)
    pairs = [
        (mention(sid, 1, author="sam", hours_ago=30), score(80, Label.NEGATIVE, Category.COMPLAINT)),
        (mention(sid, 2, author="sam", hours_ago=10), score(60, Label.NEGATIVE, Category.COMPLAINT)),
        (mention(sid, 3, author="kim", hours_ago=5), score(40, Label.NEUTRAL, Category.QUESTION)),
        (mention(sid, 4, author="lee", hours_ago=2), score(10, Label.POSITIVE, Category.PRAISE)),
    ]
    return list(store(ws, pairs))


def test_saving_the_setup_in_one_write(ws: Workspace) -> None:
    library = default_library()
    save_reply_setup(ws, {"signature": "-- Jo", "model.enabled": False}, library).result()
    conn = ws.reader()
    assert conn.execute("SELECT count(*) FROM settings WHERE key = 'templates'").fetchone()[0] == 0
    assert read_settings(conn)["signature"] == "-- Jo"
    edited = [replace(library[0], text="Hello {author}. {signature}"), *library[1:]]
    save_reply_setup(ws, {}, edited).result()
    assert load_library(conn)[0].text == "Hello {author}. {signature}"
    save_reply_setup(ws, {}, default_library()).result()  # restored: the shipped set applies again
    assert conn.execute("SELECT count(*) FROM settings WHERE key = 'templates'").fetchone()[0] == 0

    ids = _fill(ws)
    detail = {
        "id": ids[0],
        "author": "sam",
        "source_kind": "rss",
        "text": "refund please",
        "category": "complaint",
    }
    ctx = composer_context(conn, detail)
    assert ctx.variables["signature"] == "-- Jo" and ctx.variables["brand"] == "Acme"
    assert ctx.variables["issue"] == "your refund"
    assert ctx.library == default_library() and not ctx.model.configured


def test_second_reply_to_the_author_or_the_story(ws: Workspace) -> None:
    first, second, question, praise = _fill(ws)
    now = int(time.time())
    assert reply_warning(ws.reader(), second, now=now) is None
    ws.writer.call(lambda conn: triage_writes.record_reply(conn, first, "Sorry", now=now - 3600)[0])
    warning = reply_warning(ws.reader(), second, now=now)
    assert warning is not None and "sam already got a public reply" in warning and "1 h ago" in warning
    assert reply_warning(ws.reader(), question, now=now) is None
    # another post of the same story got a reply: a different author, same thread
    ws.writer.call(
        lambda conn: conn.execute(
            "UPDATE mentions SET story_key = 'story-1' WHERE id IN (?, ?)", (first, question)
        )
    )
    story = reply_warning(ws.reader(), question, now=now)
    assert story is not None and "same story" in story and "1 h ago" in story
    assert story_reply_warning(ws.reader(), praise, now=now) is None
    assert (
        story_reply_warning(ws.reader(), question, now=now + 30 * 86_400) is None
    )  # long ago: not a warning


def test_tracking_summary(ws: Workspace) -> None:
    first, second, question, _praise = _fill(ws)
    published = dict(ws.reader().execute("SELECT id, published_at FROM mentions").fetchall())
    now = int(time.time())
    assert tracking_summary(ws.reader(), now).median_seconds is None
    ws.writer.call(
        lambda conn: triage_writes.record_reply(conn, first, "Sorry", now=published[first] + 600)[0]
    )
    ws.writer.call(
        lambda conn: triage_writes.record_reply(conn, question, "Yes", now=published[question] + 1800)[0]
    )
    summary = tracking_summary(ws.reader(), now)
    assert summary.answered == 2 and summary.median_seconds == 1200
    assert summary.oldest_unanswered_seconds == now - published[second]
    assert oldest_unanswered_complaint(ws.reader(), now) == (second, now - published[second])
    ws.writer.call(lambda conn: triage_writes.record_reply(conn, second, "Sorry", now=now)[0])
    assert oldest_unanswered_complaint(ws.reader(), now) is None  # the question and praise do not count
    assert [(r.key, r.mentions, r.answered) for r in summary.by_source] == [("Feed", 3, 2)]
    assert sum(r.mentions for r in summary.by_week) == 3


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "—"),
        (5, "under a minute"),
        (120, "2 min"),
        (3600, "1 h"),
        (3 * 3600 + 1200, "3 h 20 min"),
        (86_400, "1 day"),
        (2 * 86_400 + 4 * 3600, "2 days 4 h"),
    ],
)
def test_format_duration(seconds: int | None, text: str) -> None:
    assert format_duration(seconds) == text
