"""The loopback server, answering POST too (token and session requests), and a JSON route handler that
records what each request carried (query, headers, body)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.http_server import LoopbackServer


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.body.decode()).items()}


Answer = tuple[int, Any, dict[str, str]]


class JsonRoute:
    """fn(call) -> (status, body, headers); a body that is not bytes/str is sent as JSON."""

    def __init__(self, fn: Callable[[Call], Answer]) -> None:
        self.fn = fn
        self.calls: list[Call] = []

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        parts = urlsplit(request.path)
        call = Call(
            method=request.command,
            path=parts.path,
            query={k: v[-1] for k, v in parse_qs(parts.query).items()},
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
        )
        self.calls.append(call)
        status, payload, headers = self.fn(call)
        if isinstance(payload, bytes):
            data = payload
        elif isinstance(payload, str):
            data = payload.encode()
        else:
            data = json.dumps(payload).encode()
        request.send_response(status)
        for key, value in {"Content-Type": "application/json; charset=utf-8", **headers}.items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    @property
    def queries(self) -> list[dict[str, str]]:
        return [c.query for c in self.calls]


def answer(status: int, body: Any, headers: dict[str, str] | None = None) -> JsonRoute:
    return JsonRoute(lambda _call: (status, body, headers or {}))


class ApiServer(LoopbackServer):
    """A LoopbackServer whose routes also answer POST (through the same route table)."""

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        base = super()._handler_class()

        class PostingHandler(base):  # type: ignore[valid-type, misc]
            def do_POST(self) -> None:
                self.do_GET()

        return PostingHandler
