"""Test connection: does this source's key work? A cheap call when the connector has one (`check`), else
a dry-run poll whose items are counted and thrown away. Nothing is stored; the answer is in plain words,
and never contains a secret value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.core.errors import FetchError
from desktop_app.sources.base import Connector, SourceState
from desktop_app.sources.http import HttpClient
from desktop_app.sources.request_profile import request_profile

HIDDEN = "•••"


@dataclass(frozen=True, slots=True)
class ConnectionResult:
    ok: bool
    message: str
    error_kind: str | None = None  # FetchError.kind when it failed ("auth", "rate_limited", ...)


def scrub(text: str, secrets: Mapping[str, str]) -> str:
    """`text` with every secret value (of 4+ characters) replaced, in case an API echoed one back."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value and len(value) >= 4:
            text = text.replace(value, HIDDEN)
    return text


def test_connection(
    connector: Connector, config: Mapping[str, Any], http: HttpClient, secrets: Mapping[str, str]
) -> ConnectionResult:
    check = getattr(connector, "check", None)
    http = http.with_profile(request_profile(config))  # tested the way it polls: its preset and proxy
    try:
        if callable(check):
            message = str(check(config, http, secrets))
        else:
            result = connector.fetch(config, SourceState(), http, secrets)
            message = f"Connected: {len(result.items)} item(s) found just now (a test; nothing was saved)."
    except FetchError as exc:
        return ConnectionResult(False, scrub(str(exc) or type(exc).__name__, secrets), exc.kind)
    return ConnectionResult(True, scrub(message, secrets))


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite its name
