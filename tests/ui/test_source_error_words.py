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


def test_blocked_and_not_a_feed_in_plain_words() -> None:
    blocked = error_in_words(record("blocked", "shop.example answered 403 (forbidden): the site refuses ..."))
    assert blocked.startswith("Blocked by the site (403/503)")
    assert error_in_words(record("not_a_feed", "shop.example sent an HTML page")).startswith("Not a feed")
    assert error_in_words(record("timeout", "x did not answer")).startswith("Timed out")


def test_a_503_is_unavailable_then_probably_blocked() -> None:
    text = "shop.example answered 503 (service unavailable); the site is temporarily unavailable, will retry."
    assert error_in_words(record("transient", text)).startswith("Temporarily unavailable (503)")
    again = error_in_words(record("transient", text, consecutive_failures=3))
    assert again.startswith("Blocked by the site (403/503)") and again.endswith("(3 failures in a row)")
    other = "shop.example answered 502 (bad gateway); the site has a problem of its own, will retry."
    assert error_in_words(record("transient", other)) == other  # its own words


def test_every_error_word_is_for_a_kind_that_exists() -> None:
    from desktop_app.core import errors
    from desktop_app.secrets.encrypted import KeyFileLocked

    kinds = {
        c.kind for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.FetchError)
    } | {KeyFileLocked.kind}
    assert set(ERROR_WORDS) <= kinds, set(ERROR_WORDS) - kinds
