"""The optional model client against a real chat-completions fake on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from desktop_app.drafting.model_client import (
    DraftRequest,
    ModelAuthError,
    ModelBadResponse,
    ModelClient,
    ModelConfig,
    ModelNotFound,
    ModelRateLimited,
    ModelTimeout,
    ModelUnavailable,
    build_messages,
    preview_request,
)

GOOD_REPLY = (
    "@sam Thanks for telling us, and I'm sorry about the wait. Please DM us and we'll sort it out today."
)


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class FakeModelServer:
    """Speaks POST /v1/chat/completions; `answer` sets the next replies, `seen` records the requests."""

    def __init__(self) -> None:
        self.answer = Answer(body=completion(GOOD_REPLY))
        self.seen: list[tuple[str, dict[str, str], dict[str, Any]]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                answer = fake.answer
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    for key, value in {"Content-Type": "application/json", **answer.headers}.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except OSError:
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def completion(text: str, model: str = "llama3") -> bytes:
    return json.dumps(
        {
            "id": "x",
            "object": "chat.completion",
            "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}],
        }
    ).encode()


def error(message: str) -> bytes:
    return json.dumps({"error": {"message": message, "type": "invalid_request_error"}}).encode()


@pytest.fixture
def server() -> Iterator[FakeModelServer]:
    fake = FakeModelServer()
    yield fake
    fake.stop()


REQUEST = DraftRequest(
    mention_text="Waited 40 minutes for a latte at Acme, never again",
    situation="complaint",
    brand="Acme",
    channel="x",
    author="@sam",
    support_channel="care@acme.example",
    extra_rules="Sign as the Acme team.",
)


def client(server: FakeModelServer, **kw: Any) -> ModelClient:
    return ModelClient(
        ModelConfig(base_url=server.base_url, model="llama3", api_key="sk-secret-key-123", **kw)
    )


def test_draft_sends_the_prompt_and_checks_the_reply(server: FakeModelServer) -> None:
    result = client(server).draft(REQUEST, mention_category="complaint")
    assert result.text == GOOD_REPLY
    assert result.findings == []
    assert result.model == "llama3"
    path, headers, body = server.seen[0]
    assert path == "/v1/chat/completions"
    assert headers["authorization"] == "Bearer sk-secret-key-123"
    assert body["model"] == "llama3" and body["stream"] is False
    prompt = json.dumps(body["messages"])
    assert "Waited 40 minutes" in prompt and "complaint" in prompt and "Never argue" in prompt
    assert "Sign as the Acme team." in prompt and "280" in prompt


def test_model_reply_goes_through_the_tone_check(server: FakeModelServer) -> None:
    server.answer = Answer(body=completion("As per our policy you should have ordered earlier!!"))
    codes = {f.code for f in client(server).draft(REQUEST, mention_category="complaint").findings}
    assert {"defensive_phrase", "missing_apology", "multiple_exclamations"} <= codes


def test_preview_is_exactly_what_is_sent_with_the_key_masked(server: FakeModelServer) -> None:
    config = ModelConfig(base_url=server.base_url + "/", model="llama3", api_key="sk-secret-key-123")
    preview = preview_request(config, REQUEST)
    assert preview.url == server.base_url + "/chat/completions"
    assert "secret" not in preview.as_text()
    assert preview.headers["Authorization"].startswith("Bearer sk-")
    ModelClient(config).draft(REQUEST)
    assert server.seen[0][2] == preview.body
    assert preview.body["messages"] == build_messages(REQUEST)


def test_no_key_no_authorization_header(server: FakeModelServer) -> None:
    ModelClient(ModelConfig(base_url=server.base_url, model="llama3")).draft(REQUEST)
    assert "authorization" not in server.seen[0][1]


@pytest.mark.parametrize(
    ("answer", "error_type", "words"),
    [
        (Answer(401, error("Incorrect API key provided")), ModelAuthError, "rejected the API key"),
        (Answer(404, error("model 'llama3' not found")), ModelNotFound, "'llama3' was not found"),
        (Answer(429, error("slow down"), {"Retry-After": "7"}), ModelRateLimited, "Try again in 7 s"),
        (Answer(500, b"oops"), ModelUnavailable, "internal error"),
        (Answer(200, b"<html>not json</html>"), ModelBadResponse, "not JSON"),
        (Answer(200, b'{"choices": []}'), ModelBadResponse, "no reply text"),
        (Answer(200, completion("   ")), ModelBadResponse, "empty reply"),
    ],
)
def test_errors_in_plain_words(
    server: FakeModelServer, answer: Answer, error_type: type[Exception], words: str
) -> None:
    server.answer = answer
    with pytest.raises(error_type) as caught:
        client(server).draft(REQUEST)
    assert words in str(caught.value)
    assert "sk-secret" not in str(caught.value)


def test_rate_limit_carries_retry_after(server: FakeModelServer) -> None:
    server.answer = Answer(429, b"", {"Retry-After": "12"})
    with pytest.raises(ModelRateLimited) as caught:
        client(server).draft(REQUEST)
    assert caught.value.retry_after == 12.0


def test_timeout(server: FakeModelServer) -> None:
    server.answer = Answer(body=completion(GOOD_REPLY), delay=1.0)
    start = time.monotonic()
    with pytest.raises(ModelTimeout, match=r"did not answer within 0\.3 s"):
        client(server, timeout=0.3).draft(REQUEST)
    assert time.monotonic() - start < 0.9


def test_response_size_cap(server: FakeModelServer) -> None:
    server.answer = Answer(body=completion("x" * 50_000))
    with pytest.raises(ModelBadResponse, match="larger than"):
        client(server, max_response_bytes=10_000).draft(REQUEST)


def test_server_not_running() -> None:
    fake = FakeModelServer()
    base = fake.base_url
    fake.stop()
    with pytest.raises(ModelUnavailable, match="Could not reach"):
        ModelClient(ModelConfig(base_url=base, model="m", timeout=2)).draft(REQUEST)
