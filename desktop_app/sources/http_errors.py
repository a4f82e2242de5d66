"""HTTP statuses and transport failures, turned into FetchErrors a user can read.

Messages name the host only: a URL may carry an API key in its query string.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime
from http import HTTPStatus

import httpx

from desktop_app.core.errors import (
    AuthError,
    BadResponse,
    Blocked,
    FetchError,
    TimedOut,
    TransientError,
)

DEFAULT_RATE_LIMIT_WAIT = 300.0  # a 429 without Retry-After
MAX_RETRY_AFTER = 24 * 3600.0
RETRY = "will retry at the next poll"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds or as an HTTP date; None when absent or unreadable. Capped at a day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    wait = when.timestamp() - (now if now is not None else time.time())
    return min(max(0.0, wait), MAX_RETRY_AFTER)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return "unknown status"


def status_error(status: int, host: str) -> FetchError | None:
    """The error for a final (non-redirect) status, or None when the answer is usable."""
    if status < 300 or status == 304:
        return None
    said = f"{host} answered {status} ({_phrase(status)})"
    if status == 401:
        return AuthError(f"{said}: the key or login was rejected; check the source's account settings.")
    if status in (403, 451):
        return Blocked(f"{said}: the site refuses to serve Earshot; it may not allow feed readers.")
    if status == 503:
        return TransientError(f"{said}; the site is temporarily unavailable, {RETRY}.")
    if status >= 500:
        return TransientError(f"{said}; the site has a problem of its own, {RETRY}.")
    if status in (404, 410):
        return BadResponse(f"{said}: nothing is at this address any more; check the URL.")
    return BadResponse(f"{said}: the site did not accept the request.")


def transport_error(exc: Exception, host: str, *, past_deadline: bool, total_timeout: float) -> FetchError:
    """A plain-words error for an httpx exception."""
    if isinstance(exc, httpx.TimeoutException):
        if past_deadline:
            return TimedOut(f"{host} is sending too slowly; gave up after {total_timeout:g} s, {RETRY}.")
        if isinstance(exc, httpx.ConnectTimeout):
            return TimedOut(f"Could not reach {host} in time (connection timed out); {RETRY}.")
        if isinstance(exc, httpx.PoolTimeout):
            return TimedOut(f"Too many downloads were running at once to reach {host}; {RETRY}.")
        return TimedOut(f"{host} did not answer in time; {RETRY}.")
    if isinstance(exc, httpx.ProxyError):
        return TransientError(f"The proxy could not reach {host}; check the proxy setting. Will retry.")
    return TransientError(f"Could not fetch from {host}: {_plain(exc)}; {RETRY}.")


def _plain(exc: Exception) -> str:
    text = str(exc).lower()
    checks = (
        (("certificate", "ssl", "tls"), "its security certificate could not be verified"),
        (("reset",), "the connection was reset"),
        (("refused",), "the connection was refused (is the site down?)"),
        (("name or service", "nodename", "getaddrinfo", "name resolution"),
         "the address could not be found (offline, or a typo in the URL?)"),
        (("incomplete", "peer closed", "without sending", "broken pipe", "closed"),
         "the connection closed before the whole answer arrived"),
        (("unreachable",), "the network is unreachable (offline?)"),
    )  # fmt: skip
    for words, plain in checks:
        if any(w in text for w in words):
            return plain
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the site sent a broken answer"
    return f"a network error occurred ({type(exc).__name__})"
