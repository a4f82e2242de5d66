"""The Sources dialog's "Last error" column: the connector's own words for quotas and rate limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from desktop_app.ui.sources_dialog import ERROR_WORDS, error_in_words


def record(kind: str, error: str, **extra: Any) -> dict[str, Any]:
    return {
        "health": "failing",
        "last_error_kind": kind,
        "last_error": error,
        "consecutive_failures": 1,
        **extra,
    }


def test_youtube_quota_words_are_shown_as_the_connector_wrote_them() -> None:
    text = "YouTube search: quota used up, resumes at midnight Pacific (10000/10000 units today)."
    assert error_in_words(record("rate_limited", text)) == text


def test_retry_after_time_is_kept() -> None:
    text = "api.example.com answered 429 (too many requests); it asked us to wait until 14:05."
    shown = error_in_words(record("rate_limited", text + "\nmore detail", consecutive_failures=3))
    assert shown == text + " (3 failures in a row)"


def test_a_vague_rate_limit_says_until_when_from_the_next_poll() -> None:
    later = datetime.now(UTC) + timedelta(minutes=90)
    iso = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    shown = error_in_words(record("rate_limited", "Too many requests.", next_poll=iso))
    assert shown.startswith("Rate-limited until ")
    assert later.astimezone().strftime("%H:%M") in shown


def test_other_kinds_keep_the_plain_sentence() -> None:
    assert error_in_words(record("auth", "api.example.com answered 401 until 12:00")) == ERROR_WORDS["auth"]
    assert error_in_words(record("rate_limited", "slow down")) == ERROR_WORDS["rate_limited"]
    assert error_in_words({"health": "ok", "last_error": "x", "last_error_kind": "auth"}) == ""
