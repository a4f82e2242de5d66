"""What the connectors with a key share: the key check, API errors mapped to health, rate-limit headers,
a JSON state kept in the source's cursor, and usage meters (daily or monthly) kept in that state.

Messages name the host and the status only, never a key or a URL (a URL may carry a key).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from desktop_app.core.errors import AuthError, FetchError, RateLimited
from desktop_app.sources.base import Usage
from desktop_app.sources.http import HttpClient, HttpResponse
from desktop_app.sources.http_errors import retry_after_seconds, status_error
from desktop_app.sources.json_api import JSON_ACCEPT, load_json

PACIFIC = ZoneInfo("America/Los_Angeles")
KEYS_PLACE = "Settings → Accounts & keys"


def api_base(config: Mapping[str, Any], default: str) -> str:
    """The API's address: the `api_base` field when given (a proxy, a test server), else the real one."""
    return str(config.get("api_base") or default).strip().rstrip("/")


def need_secret(secrets: Mapping[str, str], field: str, what: str) -> str:
    value = (secrets.get(field) or "").strip()
    if not value:
        raise AuthError(f"No {what} is stored for this source; add it in {KEYS_PLACE}.")
    return value


def key_rejected(host: str, status: int, what: str, detail: str = "") -> AuthError:
    said = f" ({detail})" if detail else ""
    return AuthError(
        f"{host} answered {status}: key rejected{said}; check or replace the {what} in {KEYS_PLACE}."
    )


def _host(response: HttpResponse) -> str:
    return urlsplit(response.url).hostname or "the API"


# Reasons APIs give in an error body: a key refused with a 400, or a quota/rate limit sent as a 403.
AUTH_REASONS = frozenset(
    {
        "keyinvalid",
        "expiredtoken",
        "invalidtoken",
        "authmissing",
        "autherror",
        "unauthorized",
        "api_key_invalid",
        "token_invalid",
    }
)
RATE_REASONS = frozenset(
    {
        "resource_exhausted",
        "access_limit_reached",
        "quotaexceeded",
        "dailylimitexceeded",
        "ratelimitexceeded",
        "userratelimitexceeded",
    }
)


def check_status(response: HttpResponse, what: str, detail: str = "") -> None:
    """401/403 -> AuthError (key rejected), unless the body says a quota or rate limit was hit
    (RateLimited); any other error status -> its usual FetchError."""
    host = _host(response)
    reason = detail.lower()
    if response.status in (403, 429) and reason in RATE_REASONS:
        wait = retry_after_seconds(response.headers.get("retry-after")) or 3600.0
        raise RateLimited(f"{host} answered {response.status}: rate limit or quota reached ({detail}).", wait)
    if response.status in (401, 403) or (response.status == 400 and reason in AUTH_REASONS):
        raise key_rejected(host, response.status, what, detail)
    error = status_error(response.status, host)
    if error is not None:
        raise error


def error_reason(data: Any) -> str:
    """A short machine word from an API's error body (Google's `reason`, others' `code`/`error`)."""
    if not isinstance(data, dict):
        return ""
    error = data.get("error")
    if isinstance(error, dict):
        for entry in [*(error.get("errors") or ()), *(error.get("details") or ())]:
            if isinstance(entry, dict) and entry.get("reason"):
                return str(entry["reason"])[:60]
        return str(error.get("status") or error.get("code") or "")[:60]
    return str(error or data.get("code") or "")[:60]


def body_json(response: HttpResponse) -> Any:
    try:
        return json.loads(response.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None


class Refused(FetchError):
    """The API refused this one request for a reason the caller said it can live with (a video whose
    comments are turned off): skip the thing asked about, keep the rest of the poll."""

    kind = "refused"

    def __init__(self, reason: str) -> None:
        super().__init__(f"The API refused the request ({reason}).")
        self.reason = reason


def api_get(
    http: HttpClient,
    url: str,
    what: str,
    key_name: str,
    headers: Mapping[str, str] | None = None,
    *,
    skip_reasons: frozenset[str] = frozenset(),
) -> tuple[Any, HttpResponse]:
    """GET JSON from an API that uses a key: a 401/403 always means the key was rejected, except when the
    error body's reason is one of `skip_reasons` (lower case): that raises Refused."""
    response = http.get(url, headers=headers, accept=JSON_ACCEPT, keep_error_body=True)
    if response.status >= 400:
        reason = error_reason(body_json(response))
        if reason.lower() in skip_reasons:
            raise Refused(reason)
        check_status(response, key_name, reason)
    return load_json(response, what), response


def api_post(
    http: HttpClient,
    url: str,
    what: str,
    key_name: str,
    *,
    form: Mapping[str, str] | None = None,
    payload: Any = None,
    headers: Mapping[str, str] | None = None,
) -> Any:
    """POST a form or a JSON body (a sign-in); 400/401/403 mean the credentials were refused."""
    if form is not None:
        data, content_type = urlencode(form).encode(), "application/x-www-form-urlencoded"
    else:
        data, content_type = json.dumps(payload).encode(), "application/json"
    response = http.post(
        url, data=data, content_type=content_type, headers=headers, accept=JSON_ACCEPT, keep_error_body=True
    )
    if response.status in (400, 401, 403):
        raise key_rejected(_host(response), response.status, key_name, error_reason(body_json(response)))
    if response.status >= 400:
        check_status(response, key_name)
    return load_json(response, what)


def respect_rate_headers(
    http: HttpClient, response: HttpResponse, remaining: str, reset: str, *, reset_is_epoch: bool = False
) -> bool:
    """Read X-RateLimit-style headers. When nothing remains, block the host until the reset (so the
    next request waits or raises RateLimited) and return True: the caller stops paging."""
    lefts = [v.strip() for v in response.headers.get(remaining, "").split(",")]
    resets = [v.strip() for v in response.headers.get(reset, "").split(",")]
    wait: float | None = None
    for index, left in enumerate(lefts):  # Brave sends one value per window: "1, 1999"
        try:
            if not left or float(left) >= 1:
                continue
        except ValueError:
            continue
        raw = resets[index] if index < len(resets) else (resets[-1] if resets else "")
        wait = max(wait or 0.0, _reset_seconds(raw, reset_is_epoch))
    if wait is None:
        return False
    http.pacer.block_for(urlsplit(response.url).hostname or "", max(1.0, wait))
    return True


def _reset_seconds(raw: str, is_epoch: bool) -> float:
    try:
        return float(raw) - time.time() if is_epoch else float(raw)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return retry_after_seconds(raw) or 60.0
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return (when - datetime.now(UTC)).total_seconds()


# ---- state kept in the source's cursor ----------------------------------------------------------------


def read_state(cursor: str | None) -> dict[str, Any]:
    """The JSON object a keyed connector keeps in its cursor ({} for none or an older plain cursor)."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def write_state(state: Mapping[str, Any]) -> str:
    return json.dumps(
        {k: v for k, v in state.items() if v is not None}, separators=(",", ":"), sort_keys=True
    )


@dataclass(slots=True)
class Meter:
    """Units used in the current period. `period` is "day" (reset at midnight Pacific, as Google's
    quotas are) or "month" (reset on the 1st, UTC, as X's post caps are)."""

    period: str
    limit: int
    used: int = 0
    stamp: str = ""

    @staticmethod
    def _stamp(period: str, now: datetime) -> str:
        if period == "day":
            return now.astimezone(PACIFIC).strftime("%Y-%m-%d")
        return now.astimezone(UTC).strftime("%Y-%m")

    @classmethod
    def load(cls, state: Mapping[str, Any], period: str, limit: int, now: datetime) -> Meter:
        raw = state.get("meter")
        current = cls._stamp(period, now)
        used = 0
        if isinstance(raw, dict) and raw.get("stamp") == current and isinstance(raw.get("used"), int):
            used = max(0, raw["used"])
        return cls(period=period, limit=max(0, limit), used=used, stamp=current)

    def dump(self) -> dict[str, Any]:
        return {"stamp": self.stamp, "used": self.used, "limit": self.limit, "period": self.period}

    def left(self) -> int:
        return max(0, self.limit - self.used)

    def can_spend(self, units: int) -> bool:
        return self.limit == 0 or self.used + units <= self.limit

    def spend(self, units: int) -> None:
        self.used += units

    def resets_at(self, now: datetime) -> datetime:
        if self.period == "day":
            local = now.astimezone(PACIFIC)
            midnight = datetime(local.year, local.month, local.day, tzinfo=PACIFIC) + timedelta(days=1)
            return midnight.astimezone(UTC)
        first = now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return (first + timedelta(days=32)).replace(day=1)

    def exhausted(self, now: datetime, what: str) -> RateLimited:
        wait = max(60.0, (self.resets_at(now) - now).total_seconds())
        when = "midnight Pacific" if self.period == "day" else "the 1st of next month"
        unit = "units today" if self.period == "day" else "this month"
        return RateLimited(
            f"{what}: quota used up, resumes at {when} ({self.used}/{self.limit} {unit}).", wait
        )


def open_meter(saved: Mapping[str, Any], period: str, limit: int, now: datetime, usage: Any = None) -> Meter:
    """This poll's meter: the source's own (in its cursor), raised to what the key's shared meter says was
    spent (`usage.saved`, all sources with that key); handed back on `usage.meter` for the poller to save."""
    meter = Meter.load(saved, period, limit, now)
    if usage is None:
        return meter
    if isinstance(usage.saved, dict):
        shared = Meter.load({"meter": usage.saved}, period, limit, now)
        meter.used = max(meter.used, shared.used)
    usage.meter = meter
    return meter


def plain_error(exc: FetchError) -> str:
    return str(exc) or type(exc).__name__


# ---- items already seen (for paging back to where the last poll stopped) ------------------------------

SEEN_KEEP = 500


def short_id(item_id: str) -> str:
    return hashlib.sha1(item_id.encode("utf-8", "replace")).hexdigest()[:12]


class Seen:
    """Ids met at earlier polls (newest first, at most SEEN_KEEP), kept in the state under "seen"."""

    def __init__(self, state: Mapping[str, Any]) -> None:
        raw = state.get("seen")
        self.old = [str(s) for s in raw] if isinstance(raw, list) else []
        self._known = set(self.old)
        self.new: list[str] = []

    def __contains__(self, item_id: str) -> bool:
        return short_id(item_id) in self._known

    def add(self, item_id: str) -> bool:
        """True when the id is new (and remembers it)."""
        key = short_id(item_id)
        if key in self._known:
            return False
        self._known.add(key)
        self.new.append(key)
        return True

    @property
    def first_poll(self) -> bool:
        return not self.old

    def dump(self) -> list[str]:
        return [*self.new, *self.old][:SEEN_KEEP]


class TokenCache:
    """Short-lived tokens and sessions in memory, keyed by a hash of the credentials; never stored."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, float]] = {}

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def get(self, key: str) -> str | None:
        with self._lock:
            token, expires = self._tokens.get(key, ("", 0.0))
            return token if token and expires > time.monotonic() else None

    def put(self, key: str, token: str, lifetime: float) -> None:
        with self._lock:
            self._tokens[key] = (token, time.monotonic() + max(60.0, lifetime - 60.0))

    def drop(self, key: str) -> None:
        with self._lock:
            self._tokens.pop(key, None)


# The workspace setting that keeps one meter per keyring entry: {entry name: Meter.dump()}.
METERS_SETTING = "usage_meters"


def usage_text(
    cursor: str | None,
    cost_per_unit: float = 0.0,
    now: datetime | None = None,
    shared: Mapping[str, Any] | None = None,
    short: bool = False,
) -> str:
    """The meter a poll left in the cursor, raised to the key's shared meter (`shared`, from the workspace's
    METERS_SETTING), in words ("" when the source keeps none)."""
    state = read_state(cursor)
    raw = state.get("meter")
    if not isinstance(raw, dict) and isinstance(shared, dict):
        raw = dict(shared)
    if not isinstance(raw, dict) or raw.get("period") not in ("day", "month"):
        return ""
    limit = int(raw.get("limit") or 0)
    when = now or datetime.now(UTC)
    meter = open_meter(state, str(raw["period"]), limit, when, Usage(saved=dict(shared) if shared else None))
    cost = f" (about ${meter.used * cost_per_unit:,.2f})" if cost_per_unit > 0 else ""
    if short:
        return (
            f"{meter.used:,}/{limit:,} units today"
            if meter.period == "day"
            else f"{meter.used:,}/{limit:,} posts this month{cost}"
        )
    if meter.period == "day":
        return f"Quota used today: {meter.used:,} of {limit:,} units (resets at midnight Pacific)."
    return f"Posts read this month: {meter.used:,} of {limit:,}{cost}."
