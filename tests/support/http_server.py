"""A real HTTP server on a loopback address, serving routes that tests and benchmarks set up.

Each route can answer slowly, drip its body, reset the connection, redirect, gzip, or honour ETags.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    drip_bytes_per_s: float | None = None
    reset_after: int | None = None  # bytes of body sent before the connection is reset
    redirect_to: str | None = None
    chunked: bool = False
    handler: Handler | None = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up early (tests of timeouts and size caps) are expected


class LoopbackServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.request_log: list[tuple[str, float]] = []  # (path, monotonic time the request arrived)
        self._lock = threading.Lock()
        self._httpd = _Server((host, 0), self._handler_class())
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        etag: str | None = None,
        last_modified: str | None = None,
        gzip: bool = False,
        drip_bytes_per_s: float | None = None,
        reset_after: int | None = None,
        redirect_to: str | None = None,
        chunked: bool = False,
        handler: Handler | None = None,
    ) -> str:
        """Serve `path`; returns its full URL. `handler(request_handler)` takes over the answer entirely."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(
            body=data,
            status=status,
            headers=dict(headers or {}),
            delay=delay,
            etag=etag,
            last_modified=last_modified,
            gzip=gzip,
            drip_bytes_per_s=drip_bytes_per_s,
            reset_after=reset_after,
            redirect_to=redirect_to,
            chunked=chunked,
            handler=handler,
        )
        return self.url(path)

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.request_log if p == path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self._lock:
            return [h for p, h in self.requests if p == path]

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((path, headers))
            self.request_log.append((path, time.monotonic()))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                server._record(path, {k.lower(): v for k, v in self.headers.items()})
                route = server.routes.get(path) or server.routes.get(self.path)
                if route is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.handler is not None:
                    route.handler(self)
                    return
                self._serve(route)

            def _serve(self, route: Route) -> None:
                if route.redirect_to:
                    code = route.status if route.status in (301, 302, 303, 307, 308) else 302
                    self._send(code, b"", {"Location": route.redirect_to})
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self._send(304, b"", {"ETag": route.etag})
                    return
                if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                    self._send(304, b"", {"Last-Modified": route.last_modified})
                    return
                headers = dict(route.headers)
                body = route.body
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                if route.gzip:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                if route.drip_bytes_per_s or route.reset_after is not None or route.chunked:
                    self._stream(route, body, headers)
                    return
                self._send(route.status, body, headers)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def _stream(self, route: Route, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(route.status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if route.reset_after is not None:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")  # body ends when the connection closes
                self.end_headers()
                try:
                    if route.reset_after is not None:
                        self.wfile.write(body[: route.reset_after])
                        self.wfile.flush()
                        linger = b"\x01\x00\x00\x00\x00\x00\x00\x00"  # on, 0 s: close sends a reset
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return
                    step = 1 if route.drip_bytes_per_s else 64 * 1024
                    for start in range(0, len(body), step):
                        self.wfile.write(body[start : start + step])
                        self.wfile.flush()
                        if route.drip_bytes_per_s:
                            time.sleep(1 / route.drip_bytes_per_s)
                except OSError:
                    pass
                self.close_connection = True

        return RequestHandler


def make_server(host: str = "127.0.0.1") -> LoopbackServer:
    return LoopbackServer(host)
