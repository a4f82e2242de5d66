"""Optional model-backed drafts over an OpenAI-compatible chat-completions API (OpenAI, a local Ollama or
llama.cpp server ...). Off by default: nothing in Earshot calls this unless the user turned it on and agreed,
in the consent dialog, to what `preview_request` shows. The draft goes through the same tone check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from desktop_app.core.errors import EarshotError
from desktop_app.drafting.channels import channel_for, limit_for
from desktop_app.drafting.tone import Finding, check

DEFAULT_TIMEOUT = 60.0
MAX_RESPONSE_BYTES = 512 * 1024
USER_AGENT = "Earshot/0.1 (reply drafting)"

HOUSE_RULES = (
    "You write one public reply for a brand's social-media team. Rules: answer once, in public, briefly. "
    "Acknowledge what went wrong, apologise where it is due, give one concrete next step, and move the "
    "conversation to a private channel (DM or the support contact given). Never argue, never blame the "
    "customer, never cite policy. Never include personal data (emails, phone numbers, order or account "
    "numbers, addresses) other than the brand's own support contact. For legal, safety or data problems: "
    "no exclamation marks, no admission of fault, and hand over to the named person. Write plain text only, "
    "no hashtags, no quotes around the reply."
)


class ModelError(EarshotError):
    """A model request failed; the message says what happened and what to do."""


class ModelAuthError(ModelError):
    pass


class ModelNotFound(ModelError):
    pass


class ModelTimeout(ModelError):
    pass


class ModelRateLimited(ModelError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ModelUnavailable(ModelError):
    pass


class ModelBadResponse(ModelError):
    pass


@dataclass(frozen=True, slots=True)
class ModelConfig:
    base_url: str  # e.g. "http://127.0.0.1:11434/v1" (Ollama) or "https://api.openai.com/v1"
    model: str
    api_key: str = ""  # empty for local servers that need none
    timeout: float = DEFAULT_TIMEOUT
    max_response_bytes: int = MAX_RESPONSE_BYTES
    temperature: float = 0.4

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


@dataclass(frozen=True, slots=True)
class DraftRequest:
    mention_text: str
    situation: str
    brand: str
    channel: str | None = None  # source kind; sets the length limit
    author: str = ""
    support_channel: str = ""
    signature: str = ""
    extra_rules: str = ""  # the workspace's own house rules, appended


@dataclass(frozen=True, slots=True)
class RequestPreview:
    """Exactly what will be sent and where, for the consent dialog (the key is masked)."""

    url: str
    headers: dict[str, str]
    body: dict[str, Any]

    def as_text(self) -> str:
        heads = "\n".join(f"{k}: {v}" for k, v in self.headers.items())
        return f"POST {self.url}\n{heads}\n\n{json.dumps(self.body, indent=2, ensure_ascii=False)}"


@dataclass(frozen=True, slots=True)
class ModelDraft:
    text: str
    findings: list[Finding] = field(default_factory=list)
    model: str = ""


def build_messages(request: DraftRequest) -> list[dict[str, str]]:
    limit = limit_for(request.channel)
    rules = HOUSE_RULES + (
        f"\nHouse rules of this brand: {request.extra_rules}" if request.extra_rules else ""
    )
    details = [
        f"Brand: {request.brand}",
        f"Channel: {channel_for(request.channel)} (at most {min(limit, 1200)} characters)",
        f"Situation: {request.situation}",
    ]
    if request.author:
        details.append(f"Address the author as: {request.author}")
    if request.support_channel:
        details.append(f"Private channel to offer: {request.support_channel}")
    if request.signature:
        details.append(f"Sign off as: {request.signature}")
    user = "\n".join(details) + f"\n\nThe post to answer:\n{request.mention_text.strip()[:4000]}"
    return [{"role": "system", "content": rules}, {"role": "user", "content": user}]


def _headers(config: ModelConfig, *, masked: bool) -> dict[str, str]:
    headers = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": USER_AGENT}
    if config.api_key:
        key = config.api_key
        headers["Authorization"] = "Bearer " + (f"{key[:3]}…{key[-2:]}" if masked and len(key) > 8 else key)
        if masked and len(key) <= 8:
            headers["Authorization"] = "Bearer ••••"
    return headers


def _body(config: ModelConfig, request: DraftRequest) -> dict[str, Any]:
    return {
        "model": config.model,
        "messages": build_messages(request),
        "temperature": config.temperature,
        "stream": False,
    }


def preview_request(config: ModelConfig, request: DraftRequest) -> RequestPreview:
    return RequestPreview(config.endpoint, _headers(config, masked=True), _body(config, request))


class ModelClient:
    """One chat-completions call per draft. Pass `client` to share an httpx.Client (tests, proxies)."""

    def __init__(self, config: ModelConfig, client: httpx.Client | None = None) -> None:
        self.config = config
        self._client = client

    def draft(self, request: DraftRequest, *, mention_category: str = "other") -> ModelDraft:
        data = self._post(_body(self.config, request))
        text = _reply_text(data).strip().strip('"').strip()
        findings = check(
            text,
            mention_category=mention_category,
            channel=request.channel,
            mention_text=request.mention_text,
            public_contacts=[request.support_channel] if request.support_channel else [],
        )
        return ModelDraft(text, findings, str(data.get("model") or self.config.model))

    def _post(self, body: Mapping[str, Any]) -> dict[str, Any]:
        cfg = self.config
        timeout = httpx.Timeout(cfg.timeout, connect=min(cfg.timeout, 10.0))
        client = self._client or httpx.Client(timeout=timeout, follow_redirects=False)
        try:
            with client.stream(
                "POST", cfg.endpoint, json=dict(body), headers=_headers(cfg, masked=False), timeout=timeout
            ) as response:
                raw = _read_capped(response, cfg.max_response_bytes)
                _raise_for_status(response, raw, cfg)
        except httpx.TimeoutException as exc:
            raise ModelTimeout(
                f"The model server at {_host(cfg)} did not answer within {cfg.timeout:g} s. "
                "Try again, pick a smaller model, or raise the timeout."
            ) from exc
        except httpx.TransportError as exc:
            raise ModelUnavailable(
                f"Could not reach the model server at {_host(cfg)} ({type(exc).__name__}). "
                "Check the address and that the server is running."
            ) from exc
        finally:
            if self._client is None:
                client.close()
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ModelBadResponse(
                f"The model server at {_host(cfg)} sent something that is not JSON; "
                "check that the address points at an OpenAI-compatible /v1 endpoint."
            ) from exc
        if not isinstance(data, dict):
            raise ModelBadResponse("The model server's answer has an unexpected shape (not a JSON object).")
        return data


def _host(cfg: ModelConfig) -> str:
    try:
        return httpx.URL(cfg.base_url).host or cfg.base_url
    except Exception:
        return cfg.base_url


def _read_capped(response: httpx.Response, cap: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise ModelBadResponse(
                f"The model server's answer is larger than {cap // 1024} KB; stopped reading it."
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _error_detail(raw: bytes) -> str:
    try:
        data = json.loads(raw)
        err = data.get("error") if isinstance(data, dict) else None
        message = err.get("message") if isinstance(err, dict) else err
        return str(message)[:200] if message else ""
    except ValueError:
        return ""


def _raise_for_status(response: httpx.Response, raw: bytes, cfg: ModelConfig) -> None:
    status = response.status_code
    if status < 400:
        return
    detail = _error_detail(raw)
    said = f" The server said: {detail}" if detail else ""
    if status in (401, 403):
        raise ModelAuthError(
            f"The model server at {_host(cfg)} rejected the API key (HTTP {status}). "
            f"Check the key in the drafting settings.{said}"
        )
    if status == 404:
        raise ModelNotFound(
            f"The model {cfg.model!r} was not found at {_host(cfg)} (HTTP 404). "
            f"Check the model name (for Ollama: `ollama list`) and the base URL.{said}"
        )
    if status == 429:
        retry = response.headers.get("Retry-After")
        try:
            retry_after = float(retry) if retry else None
        except ValueError:
            retry_after = None
        wait = f" Try again in {retry_after:g} s." if retry_after else " Wait a minute and try again."
        raise ModelRateLimited(
            f"The model server at {_host(cfg)} is rate-limiting us (HTTP 429).{wait}", retry_after
        )
    if status >= 500:
        raise ModelUnavailable(
            f"The model server at {_host(cfg)} had an internal error (HTTP {status}). Try again later.{said}"
        )
    raise ModelError(f"The model server at {_host(cfg)} refused the request (HTTP {status}).{said}")


def _reply_text(data: Mapping[str, Any]) -> str:
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise ModelBadResponse(
            "The model server's answer has no reply text (choices[0].message.content is missing)."
        ) from exc
    if not isinstance(content, str) or not content.strip():
        raise ModelBadResponse("The model returned an empty reply; try again or use a template.")
    return content
