"""What every connector is: a kind, typed config fields, a default interval and one fetch()."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from desktop_app.core.errors import UserError
from desktop_app.core.models import FetchResult
from desktop_app.sources.http import HttpClient
from desktop_app.sources.request_profile import (
    PRESET_CHOICES,
    PRESET_LABELS,
    PROXY_CHOICES,
    PROXY_LABELS,
    check_request_fields,
)

FIELD_KINDS = frozenset({"text", "url", "int", "secret", "choice", "bool"})


@dataclass(frozen=True, slots=True)
class ConfigField:
    name: str
    label: str
    kind: str = "text"  # text, url, int, secret (the config keeps the keyring entry name), choice, bool
    required: bool = True
    default: Any = None
    help: str = ""
    choices: tuple[str, ...] = ()
    advanced: bool = False  # shown under the form's collapsed "Advanced" part; still a --field
    choice_labels: tuple[str, ...] = ()  # what the form shows for each choice (default: the choice)

    def __post_init__(self) -> None:
        if self.kind not in FIELD_KINDS:
            raise ValueError(f"ConfigField {self.name!r}: kind must be one of {sorted(FIELD_KINDS)}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"ConfigField {self.name!r}: a choice field needs choices")
        if self.choice_labels and len(self.choice_labels) != len(self.choices):
            raise ValueError(f"ConfigField {self.name!r}: one label per choice")


@dataclass(slots=True)
class Usage:
    """A usage meter shared by every source that uses one key entry (the quota belongs to the key's Google
    project or X app, not to one source). The poller puts the key's last saved meter in `saved`; a metered
    connector leaves the meter it counts on in `meter` (a keyed.Meter), which the poller saves even when the
    fetch fails half way (the calls already made were paid for)."""

    saved: dict[str, Any] | None = None
    meter: Any = None


@dataclass(frozen=True, slots=True)
class SourceState:
    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None
    usage: Usage | None = None  # set by the poller for a metered connector (one with `meter_secret`)


class Connector(Protocol):
    kind: str
    label: str
    fields: tuple[ConfigField, ...]
    default_interval_minutes: int

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult: ...


def _check_url(value: str, label: str) -> str:
    value = value.strip()
    try:
        parts = urlsplit(value)
        host = parts.hostname  # a broken [IPv6] address or port raises here
        _ = parts.port
    except ValueError:
        raise UserError(f"{label} is not a valid web address: {value[:100]!r}.") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise UserError(f"{label} must be an http:// or https:// address, got {value[:100]!r}.")
    return value


def _coerce(spec: ConfigField, value: Any) -> Any:
    if spec.kind == "url":
        return _check_url(str(value), spec.label)
    if spec.kind == "int":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise UserError(f"{spec.label} must be a whole number, got {value!r}.") from None
        if number < 0:  # a size, a count, a quota: never below zero
            raise UserError(f"{spec.label} cannot be negative, got {number}.")
        return number
    if spec.kind == "bool":
        return str(value).strip().lower() in ("1", "true", "yes", "on")
    if spec.kind == "choice" and str(value) not in spec.choices:
        raise UserError(f"{spec.label} must be one of: {', '.join(spec.choices)}.")
    return str(value).strip()


# Fields every source has, whatever its kind.
COMMON_FIELDS: tuple[ConfigField, ...] = (
    ConfigField(
        "keep_all",
        "Keep every item",
        "bool",
        required=False,
        help="For sources that are about you by definition (your app's reviews, your Google Alert): keep "
        "items even when they do not name the brand",
    ),
    ConfigField(
        "user_agent_preset",
        "Identify as",
        "choice",
        required=False,
        default="earshot",
        choices=PRESET_CHOICES,
        choice_labels=PRESET_LABELS,
        advanced=True,
        help="The User-Agent (and, for feeds and pages, the Accept header) this source sends: Earshot's own, "
        "a feed reader's, a desktop browser's, or your own text. For sites that block unknown readers. "
        "A User-Agent an API requires (Reddit's) is always kept, and API requests keep asking for JSON.",
    ),
    ConfigField(
        "user_agent",
        "Custom User-Agent",
        required=False,
        advanced=True,
        help="Used when Identify as is Custom",
    ),
    ConfigField(
        "proxy",
        "Proxy",
        "choice",
        required=False,
        default="default",
        choices=PROXY_CHOICES,
        choice_labels=PROXY_LABELS,
        advanced=True,
        help="App default: the proxy in the settings (or the system's); None: connect directly; Custom: "
        "the address below",
    ),
    ConfigField(
        "proxy_url",
        "Proxy address",
        required=False,
        advanced=True,
        help="Used when Proxy is Custom: http://host:port or socks5://host:port (no password)",
    ),
)
COMMON_NAMES = frozenset(f.name for f in COMMON_FIELDS)


def validate_config(connector: Connector, config: Mapping[str, Any]) -> dict[str, Any]:
    """Checked, typed config; raises UserError with a clear message. Unknown keys are refused."""
    known = {f.name: f for f in (*connector.fields, *COMMON_FIELDS)}
    unknown = sorted(set(config) - set(known) - {"demo"})
    if unknown:
        raise UserError(
            f"Unknown field(s) for a {connector.kind} source: {', '.join(unknown)}. "
            f"Its fields are: {', '.join(known)}."
        )
    clean: dict[str, Any] = {}
    for spec in (*connector.fields, *COMMON_FIELDS):
        value = config.get(spec.name)
        if value in (None, ""):
            if spec.required:
                raise UserError(f"A {connector.label} source needs {spec.label} (--field {spec.name}=...).")
            if spec.default is not None and spec.name not in COMMON_NAMES:
                clean[spec.name] = spec.default
            continue
        value = _coerce(spec, value)
        if spec.name in COMMON_NAMES and value == spec.default:
            continue  # a common field at its default is left out: old and new sources read the same
        clean[spec.name] = value
    check_request_fields(clean)
    return clean
