"""A small real forward proxy on a loopback address: it takes plain-HTTP requests in absolute-URI form
("GET http://host:port/path HTTP/1.1"), records them, forwards them to the target and relays the answer."""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer", "upgrade"}
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class ForwardProxy:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.seen: list[tuple[str, dict[str, str]]] = []  # (absolute URL asked for, lower-case headers)
        self._lock = threading.Lock()
        self._httpd = _Server((host, 0), self._handler_class())
        self.port = self._httpd.server_address[1]
        self.url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def urls(self) -> list[str]:
        with self._lock:
            return [url for url, _h in self.seen]

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                target = urlsplit(self.path)
                if target.scheme != "http" or not target.hostname:
                    self._reply(400, {}, b"a forward proxy needs an absolute http:// URL")
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                with proxy._lock:
                    proxy.seen.append((self.path, {k.lower(): v for k, v in headers.items()}))
                conn = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=10)
                try:
                    path = target.path or "/"
                    conn.request("GET", path + (f"?{target.query}" if target.query else ""), headers=headers)
                    answer = conn.getresponse()
                    body = answer.read()
                    kept = {
                        k: v
                        for k, v in answer.getheaders()
                        if k.lower() not in HOP_BY_HOP | {"transfer-encoding", "content-length"}
                    }
                    self._reply(answer.status, kept, body)
                finally:
                    conn.close()

            def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

        return Handler
