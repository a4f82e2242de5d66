"""The one HTTP client every connector uses: timeouts and a hard total deadline, a size cap (also on
decompressed bytes), a real User-Agent, conditional GET, bounded redirects, per-host pacing and
Retry-After. Every failure becomes a FetchError in plain words (see http_errors).

`with_profile` gives a view of the client for one source's request settings (User-Agent/Accept preset,
proxy); views share the pacer, the limits and the connection pools, one pool per proxy."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from desktop_app import __version__
from desktop_app.core.errors import BadResponse, FetchError, RateLimited
from desktop_app.sources import deadline
from desktop_app.sources.body import ACCEPT_ENCODING, read_body, too_large
from desktop_app.sources.http_errors import (
    DEFAULT_RATE_LIMIT_WAIT,
    retry_after_seconds,
    status_error,
    transport_error,
)
from desktop_app.sources.pacing import HostPacer
from desktop_app.sources.request_profile import DEFAULT_PROFILE, PROXY_DEFAULT, PROXY_NONE, RequestProfile

__all__ = ["DEFAULT_USER_AGENT", "HttpClient", "HttpResponse", "retry_after_seconds"]

DEFAULT_USER_AGENT = f"Earshot/{__version__} (+https://earshot.app; brand monitoring feed reader)"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Dropped when a redirect leads to another origin, as browsers and httpx do.
CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-api-key", "x-goog-api-key", "x-subscription-token",
     "apikey"}
)  # fmt: skip
# httpx logs every request's URL at INFO and httpcore its traffic at DEBUG; a URL or a header may carry a
# key, so they stay quiet even when the app logs verbosely (-v). Their warnings still show.
QUIET_LOGGERS = ("httpx", "httpcore")


def quiet_http_loggers() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


quiet_http_loggers()


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    url: str  # the final address, after redirects
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""  # decoded (gunzipped)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    elapsed: float = 0.0  # seconds on the network, all hops, pacing waits excluded

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    if scheme not in ("http", "https") or not _host(url):
        shown = f"a {scheme}: address" if scheme else "an address without http:// or https://"
        raise BadResponse(f"Only http:// and https:// addresses can be fetched, not {shown}.")


class HttpClient:
    """Thread-safe: one client (and one connection pool) serves every poll worker."""

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
        self.pacer = pacer if pacer is not None else HostPacer()
        self.profile = DEFAULT_PROFILE
        self._timeout = httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=total_timeout
        )
        # Shared by every view: the app's own client, and one more per proxy a source chose.
        self._clients: dict[str, httpx.Client] = {}
        self._clients_lock = threading.Lock()
        self._client = self._new_client(proxy or None, trust_env=proxy is None)
        self._clients[PROXY_DEFAULT] = self._client
        self.hard_deadline = self._install_deadline(self._client)
        quiet_http_loggers()  # again, in case logging was set up after this module was imported

    def _new_client(self, proxy: str | None, *, trust_env: bool) -> httpx.Client:
        return httpx.Client(
            timeout=self._timeout,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32, keepalive_expiry=30),
            follow_redirects=False,
            trust_env=trust_env,  # HTTP(S)_PROXY / NO_PROXY from the environment
            proxy=proxy,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )

    @staticmethod
    def _install_deadline(client: httpx.Client) -> bool:
        transports = [getattr(client, "_transport", None)]
        transports += list(getattr(client, "_mounts", {}).values())
        return deadline.install([t for t in transports if t is not None])

    def with_profile(self, profile: RequestProfile) -> HttpClient:
        """This client as one source asks: its User-Agent/Accept and proxy. Same pacer, limits and pools;
        closing any view closes them all."""
        if profile == self.profile:
            return self
        view = copy.copy(self)
        view.profile = profile
        view._client = self._client_for(profile.proxy)
        return view

    def _client_for(self, proxy: str) -> httpx.Client:
        with self._clients_lock:
            client = self._clients.get(proxy)
            if client is None:
                # "none" ignores the environment's proxy too; a URL is used for every address.
                client = self._new_client(None if proxy == PROXY_NONE else proxy, trust_env=False)
                self._install_deadline(client)
                self._clients[proxy] = client
            return client

    def close(self) -> None:
        with self._clients_lock:
            clients = list(self._clients.values())
        for client in clients:
            client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
        keep_error_body: bool = False,
    ) -> HttpResponse:
        """GET with redirects followed (at most max_redirects). Raises a FetchError on any failure.

        `keep_error_body`: a 4xx/5xx answer (but 429, and 503 with Retry-After) comes back as a response
        with its body, for APIs that say in the body why they refused (e.g. a quota vs a bad key)."""
        request_headers = self._headers(headers, accept)
        # a connector's own headers may hold a key: none of them follows a redirect to another site
        private = CREDENTIAL_HEADERS | ({k.lower() for k in headers or {}} - {"user-agent", "accept"})
        if etag:
            request_headers["If-None-Match"] = etag
        if last_modified:
            request_headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.max_bytes
        seen: set[str] = set()
        spent = 0.0
        current = url
        for _hop in range(self.max_redirects + 1):
            _check_scheme(current)
            if current in seen:
                raise BadResponse(f"The address redirects in a loop ({_host(url)}); check the feed URL.")
            seen.add(current)
            response = self._send_once(
                "GET", current, request_headers, limit, self.total_timeout - spent, keep=keep_error_body
            )
            spent += response.elapsed
            if response.status not in REDIRECTS:
                return replace(response, elapsed=spent)
            target = _redirect_target(response, current)
            if _origin(target) != _origin(current):
                request_headers = {k: v for k, v in request_headers.items() if k.lower() not in private}
            current = target
        raise BadResponse(f"Too many redirects (more than {self.max_redirects}) from {_host(url)}.")

    def post(
        self,
        url: str,
        *,
        data: bytes,
        content_type: str,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
        keep_error_body: bool = False,
    ) -> HttpResponse:
        """One POST (a token or session request); redirects are not followed. Same limits as get()."""
        _check_scheme(url)
        request_headers = {**self._headers(headers, accept), "Content-Type": content_type}
        limit = max_bytes or self.max_bytes
        response = self._send_once(
            "POST", url, request_headers, limit, self.total_timeout, content=data, keep=keep_error_body
        )
        if response.status in REDIRECTS:
            raise BadResponse(f"{_host(url)} answered a sign-in request with a redirect; check the address.")
        return response

    def _headers(self, given: Mapping[str, str] | None, accept: str | None) -> dict[str, str]:
        """The profile's User-Agent unless the connector set its own (Reddit's required one); the profile's
        Accept unless the connector asks for JSON (an API); then the connector's headers."""
        headers: dict[str, str] = {}
        profile = self.profile
        if profile.user_agent:
            headers["User-Agent"] = profile.user_agent
        if profile.accept and not (accept and "json" in accept.split(",")[0].lower()):
            accept = profile.accept
        if accept:
            headers["Accept"] = accept
        for name, value in (given or {}).items():
            for same in [k for k in headers if k.lower() == name.lower()]:
                del headers[same]
            headers[name] = value
        return headers

    def _send_once(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        limit: int,
        budget: float,
        *,
        content: bytes | None = None,
        keep: bool = False,
    ) -> HttpResponse:
        host = _host(url)
        self.pacer.acquire(host)
        started = time.monotonic()
        at = started + max(0.0, budget)
        try:
            stream = self._client.stream(method, url, headers=headers, content=content)
            with deadline.deadline(at), stream as resp:
                return self._finish(resp, host, limit, at, started, keep)
        except FetchError:
            raise
        except httpx.InvalidURL as exc:
            raise BadResponse(f"The address for {host or 'this source'} is not a valid URL.") from exc
        except httpx.HTTPError as exc:
            past = time.monotonic() >= at
            error = transport_error(exc, host, past_deadline=past, total_timeout=self.total_timeout)
            raise self._through_proxy(error) from exc
        finally:
            self.pacer.release(host)

    def _through_proxy(self, error: FetchError) -> FetchError:
        """A network failure on a source with its own proxy says so (the proxy may be what is down)."""
        proxy = self.profile.proxy
        if proxy in (PROXY_DEFAULT, PROXY_NONE) or "proxy" in str(error).lower():
            return error
        where = urlsplit(proxy).netloc
        return type(error)(f"{error} (through the source's proxy {where}; check its Advanced settings)")

    def _finish(
        self, resp: httpx.Response, host: str, limit: int, at: float, started: float, keep: bool = False
    ) -> HttpResponse:
        status = resp.status_code
        headers = {k.lower(): v for k, v in resp.headers.items()}
        self._check_rate_limit(status, headers, host)
        body = b""
        if status not in REDIRECTS and status != 304:
            error = status_error(status, host)
            if error is not None and not keep:
                raise error
            _check_declared_length(headers, limit, host)
            body = read_body(
                resp.iter_raw(),
                content_encoding=headers.get("content-encoding", ""),
                max_bytes=limit,
                deadline=at,
                host=host,
                total_timeout=self.total_timeout,
            )
        return HttpResponse(
            status=status,
            url=str(resp.url),
            headers=headers,
            body=body,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            not_modified=status == 304,
            elapsed=time.monotonic() - started,
        )

    def _check_rate_limit(self, status: int, headers: Mapping[str, str], host: str) -> None:
        """429 always, 503 when it says when to come back: block the host and raise RateLimited."""
        if status not in (429, 503):
            return
        wait = retry_after_seconds(headers.get("retry-after"))
        if wait is None and status == 503:
            return  # an ordinary outage: TransientError
        wait = DEFAULT_RATE_LIMIT_WAIT if wait is None else wait
        self.pacer.block_for(host, wait)
        until = time.strftime("%H:%M", time.localtime(time.time() + wait))
        said = "too many requests" if status == 429 else "temporarily unavailable"
        raise RateLimited(f"{host} answered {status} ({said}); it asked us to wait until {until}.", wait)


def _check_declared_length(headers: Mapping[str, str], limit: int, host: str) -> None:
    declared = headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise too_large(host, limit)


def _redirect_target(response: HttpResponse, current: str) -> str:
    location = response.headers.get("location", "").strip()
    if not location:
        raise BadResponse(f"{_host(current)} answered a redirect without saying where to.")
    return urljoin(current, location)
