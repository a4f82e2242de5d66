"""A small real forward proxy on a loopback address: it takes plain-HTTP requests in absolute-URI form
("GET http://host:port/path HTTP/1.1"), records them, forwards them to the target and relays the answer."""

from __future__ import annotations

import contextlib
import http.client
import socket
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


class Socks5Proxy:
    """A minimal real SOCKS5 proxy (no authentication, CONNECT only) that records where it connected."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.connects: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        self._listener = socket.create_server((host, 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"socks5://{host}:{self.port}"
        self._stopping = False
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        self._stopping = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            with client:
                _version, count = _read(client, 2)
                _read(client, count)  # the methods offered; "no authentication" is chosen
                client.sendall(b"\x05\x00")
                _version, command, _reserved, kind = _read(client, 4)
                if kind == 1:
                    host = socket.inet_ntoa(_read(client, 4))
                elif kind == 3:
                    host = _read(client, _read(client, 1)[0]).decode("ascii")
                else:
                    host = socket.inet_ntop(socket.AF_INET6, _read(client, 16))
                port = int.from_bytes(_read(client, 2), "big")
                if command != 1:
                    client.sendall(b"\x05\x07\x00\x01" + bytes(6))
                    return
                with self._lock:
                    self.connects.append((host, port))
                with socket.create_connection((host, port), timeout=10) as upstream:
                    client.sendall(b"\x05\x00\x00\x01" + bytes(6))
                    back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
                    back.start()
                    _pipe(client, upstream)
                    back.join(10)
        except OSError:
            pass


def _read(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise OSError("the client hung up")
        data += chunk
    return data


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)
