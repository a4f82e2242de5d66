"""The one HTTP client every connector uses: timeouts, a size cap, a real User-Agent, conditional GET,
bounded redirects, per-host pacing and Retry-After. Every failure becomes a FetchError in plain words."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from desktop_app import __version__
from desktop_app.core.errors import (
    AuthError,
    BadResponse,
    Blocked,
    FetchError,
    RateLimited,
    TimedOut,
    TooLarge,
    TransientError,
)
from desktop_app.sources.pacing import HostPacer

DEFAULT_USER_AGENT = f"Earshot/{__version__} (+https://earshot.app; brand monitoring feed reader)"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    elapsed: float = 0.0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds or as an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https") or not _host(url):
        raise BadResponse(f"Only http:// and https:// addresses can be fetched, not {url[:80]!r}.")


class HttpClient:
    """Thread-safe: one client serves every poll worker."""

    def __init__(
        self,
        user_agent: str = DEFAULT_USER_AGENT,
        connect_timeout: float = 10.0,
        read_timeout: float = 20.0,
        total_timeout: float = 60.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        proxy: str | None = None,
        pacer: HostPacer | None = None,
    ) -> None:
        self.user_agent = user_agent
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.pacer = pacer or HostPacer()
        self._client = httpx.Client(
            timeout=httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=None),
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
            follow_redirects=False,
            trust_env=proxy is None,
            proxy=proxy or None,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
    ) -> HttpResponse:
        request_headers = dict(headers or {})
        if accept:
            request_headers["Accept"] = accept
        if etag:
            request_headers["If-None-Match"] = etag
        if last_modified:
            request_headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + self.total_timeout
        seen: list[str] = []
        current = url
        while True:
            _check_scheme(current)
            if current in seen:
                raise BadResponse(f"The address redirects in a loop ({_host(url)}); check the feed URL.")
            if len(seen) > self.max_redirects:
                raise BadResponse(f"Too many redirects (more than {self.max_redirects}) from {_host(url)}.")
            seen.append(current)
            response = self._get_once(current, request_headers, max_bytes or self.max_bytes, deadline)
            if response.status in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise BadResponse(f"{_host(current)} answered a redirect without a target address.")
                current = urljoin(current, location)
                continue
            return response

    def _get_once(self, url: str, headers: dict[str, str], max_bytes: int, deadline: float) -> HttpResponse:
        host = _host(url)
        self.pacer.acquire(host)
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                self._check_status(resp, host)
                body = (
                    b""
                    if resp.status_code in REDIRECTS or resp.status_code == 304
                    else _read(resp, max_bytes, deadline, host)
                )
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            raise TimedOut(
                f"{host} did not answer in time ({type(exc).__name__}); will retry at the next poll."
            ) from exc
        except httpx.TooManyRedirects as exc:
            raise BadResponse(f"Too many redirects from {host}.") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise TransientError(
                f"Could not fetch from {host}: {_plain(exc)}; will retry at the next poll."
            ) from exc
        finally:
            self.pacer.release(host)
        lowered = {k.lower(): v for k, v in resp.headers.items()}
        return HttpResponse(
            status=resp.status_code,
            url=str(resp.url),
            headers=lowered,
            body=body,
            etag=lowered.get("etag"),
            last_modified=lowered.get("last-modified"),
            not_modified=resp.status_code == 304,
            elapsed=time.monotonic() - started,
        )

    def _check_status(self, resp: httpx.Response, host: str) -> None:
        status = resp.status_code
        if status < 300 or status in REDIRECTS or status == 304:
            return
        if status in (429, 503):
            retry = retry_after_seconds(resp.headers.get("retry-after"))
            if retry is not None or status == 429:
                wait = retry if retry is not None else 300.0
                self.pacer.block_for(host, wait)
                until = time.strftime("%H:%M", time.localtime(time.time() + wait))
                raise RateLimited(f"Rate-limited by {host} (HTTP {status}) until {until}.", wait)
        if status == 401:
            raise AuthError(
                f"{host} rejected the key or login (HTTP 401); check the source's account settings."
            )
        if status in (403, 451):
            raise Blocked(f"Blocked by the site {host} (HTTP {status}); it may not allow feed readers.")
        if status >= 500:
            raise TransientError(f"{host} had a server error (HTTP {status}); will retry at the next poll.")
        if status in (404, 410):
            raise BadResponse(f"Nothing at this address on {host} (HTTP {status}); check the URL.")
        raise BadResponse(f"{host} refused the request (HTTP {status}).")


def _read(resp: httpx.Response, max_bytes: int, deadline: float, host: str) -> bytes:
    declared = resp.headers.get("content-length")
    if (
        declared
        and declared.isdigit()
        and int(declared) > max_bytes
        and "content-encoding" not in resp.headers
    ):
        raise TooLarge(
            f"The response from {host} is too large ({int(declared) // 1024} KB; limit {max_bytes // 1024} KB)."
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():  # decoded: a gzip bomb is counted as it inflates
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"The response from {host} is larger than the {max_bytes // 1024} KB limit.")
        if time.monotonic() > deadline:
            raise TimedOut(f"{host} is sending too slowly; gave up after the time limit.")
        chunks.append(chunk)
    return b"".join(chunks)


def _plain(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "reset" in text.lower():
        return "the connection was reset"
    if "refused" in text.lower():
        return "the connection was refused"
    if "name or service not known" in text.lower() or "nodename" in text.lower():
        return "the address could not be found (offline?)"
    if "incomplete" in text.lower() or "peer closed" in text.lower():
        return "the connection closed before the whole answer arrived"
    return text[:200]
