"""Reply settings of a workspace, the optional model's settings and consent, and the reply checks the
composer runs before a public reply. Plain Python: the UI calls these from workers.

Everything here is stored in the workspace's `settings` table (JSON values), never a secret: the model's API
key lives only in the OS keyring under `model_key_entry(workspace)`.
"""

from __future__ import annotations

import ipaddress
import sqlite3
from collections.abc import Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from desktop_app.drafting import tracking
from desktop_app.drafting.model_client import DEFAULT_TIMEOUT, DraftRequest, ModelConfig
from desktop_app.drafting.render import author_variables, variables_for
from desktop_app.drafting.templates import (
    Template,
    default_library,
    load_library,
    reset_library_sql,
    save_library_sql,
    suggest_situation,
)
from desktop_app.storage.workspace import Workspace, read_settings, write_settings


@dataclass(frozen=True, slots=True)
class ReplyField:
    key: str  # the template variable it fills, and its key in the workspace settings
    label: str
    hint: str


REPLY_FIELDS: tuple[ReplyField, ...] = (
    ReplyField("signature", "Signature", "How replies end, e.g. “– Maria, Acme care team”"),
    ReplyField("agent_name", "Your name", "Who answers, e.g. Maria"),
    ReplyField("product", "Product name", "What you sell, e.g. Acme Coffee app"),
    ReplyField(
        "support_channel", "Support channel", "Where to move the talk, e.g. a DM or help.acme.example/chat"
    ),
    ReplyField("support_email", "Support email", "e.g. care@acme.example"),
    ReplyField("support_phone", "Support phone", "e.g. +1 555 0100"),
    ReplyField("location", "Location", "e.g. the Main Street café"),
)
REPLY_KEYS = tuple(f.key for f in REPLY_FIELDS)

MODEL_ENABLED = "model.enabled"
MODEL_BASE_URL = "model.base_url"
MODEL_NAME = "model.name"
MODEL_TIMEOUT = "model.timeout_seconds"
MODEL_HAS_KEY = "model.has_key"
MODEL_CONSENT = "model.consented_endpoints"
HOUSE_RULES = "reply.house_rules"
MIN_TIMEOUT, MAX_TIMEOUT = 5, 600


def model_key_entry(workspace: str) -> str:
    """The keyring entry that holds a workspace's model API key (never stored anywhere else)."""
    return f"{workspace}/#reply-model/api_key"


def reply_values(settings: Mapping[str, Any]) -> dict[str, str]:
    """The reply variables a workspace has set (blank ones left out)."""
    return {k: str(settings[k]).strip() for k in REPLY_KEYS if str(settings.get(k) or "").strip()}


def reply_settings_update(values: Mapping[str, str]) -> dict[str, Any]:
    """What to write for the reply fields: every field, blank when cleared (so a cleared value stays cleared)."""
    return {k: " ".join(str(values.get(k) or "").split()) for k in REPLY_KEYS}


# ---- the optional model -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelSettings:
    enabled: bool = False
    base_url: str = ""
    model: str = ""
    timeout: float = DEFAULT_TIMEOUT
    has_key: bool = False
    house_rules: str = ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ModelSettings:
        try:
            timeout = float(settings.get(MODEL_TIMEOUT) or DEFAULT_TIMEOUT)
        except (TypeError, ValueError):
            timeout = DEFAULT_TIMEOUT
        return cls(
            enabled=bool(settings.get(MODEL_ENABLED)),
            base_url=str(settings.get(MODEL_BASE_URL) or "").strip(),
            model=str(settings.get(MODEL_NAME) or "").strip(),
            timeout=min(max(timeout, MIN_TIMEOUT), MAX_TIMEOUT),
            has_key=bool(settings.get(MODEL_HAS_KEY)),
            house_rules=str(settings.get(HOUSE_RULES) or "").strip(),
        )

    def to_settings(self) -> dict[str, Any]:
        return {
            MODEL_ENABLED: self.enabled,
            MODEL_BASE_URL: self.base_url,
            MODEL_NAME: self.model,
            MODEL_TIMEOUT: self.timeout,
            MODEL_HAS_KEY: self.has_key,
            HOUSE_RULES: self.house_rules,
        }

    @property
    def configured(self) -> bool:
        """On, with an address the app accepts and a model name: the composer may offer "Draft with model"."""
        return self.enabled and bool(self.model) and base_url_problem(self.base_url) is None

    @property
    def endpoint(self) -> str:
        return self.config("").endpoint

    def config(self, api_key: str | None) -> ModelConfig:
        return ModelConfig(
            base_url=self.base_url, model=self.model, api_key=api_key or "", timeout=self.timeout
        )


def is_local_address(url: str) -> bool:
    """True for this computer (loopback): nothing sent there leaves the laptop."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_private(host: str) -> bool:
    if host.endswith((".local", ".lan", ".home.arpa")):
        return True
    try:
        return ipaddress.ip_address(host).is_private
    except ValueError:
        return False


def base_url_problem(url: str) -> str | None:
    """Why a base URL cannot be used, in plain words; None when it can."""
    url = url.strip()
    if not url:
        return "Enter the server's base URL, e.g. http://127.0.0.1:11434/v1 for Ollama."
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "The base URL must start with http:// or https:// and name a server."
    if parts.query or parts.fragment:
        return "The base URL must not have a ?query or #fragment."
    if parts.scheme == "http" and not (is_local_address(url) or _is_private(parts.hostname.lower())):
        return "Use https:// for a server outside this computer and your local network, so the key and text are encrypted."
    return None


def has_consent(settings: Mapping[str, Any], endpoint: str) -> bool:
    consented = settings.get(MODEL_CONSENT) or []
    return isinstance(consented, list) and endpoint in consented


def consent_update(settings: Mapping[str, Any], endpoint: str) -> dict[str, Any]:
    """The settings value recording that the user agreed to send drafts' text to `endpoint`."""
    consented = [str(e) for e in settings.get(MODEL_CONSENT) or [] if isinstance(e, str)]
    if endpoint not in consented:
        consented.append(endpoint)
    return {MODEL_CONSENT: consented}


def draft_request(mention: Mapping[str, Any], settings: Mapping[str, Any]) -> DraftRequest:
    """What the model is asked, from a `mention_detail` dict and the workspace settings."""
    brand = str(settings.get("brand") or "")
    values = variables_for(mention, brand, reply_values(settings))
    who = author_variables(mention.get("author"), mention.get("source_kind")).get("author", "")
    text = "\n".join(
        p for p in (str(mention.get("title") or "").strip(), str(mention.get("text") or "").strip()) if p
    )
    return DraftRequest(
        mention_text=text,
        situation=suggest_situation(mention).replace("_", " "),
        brand=brand,
        channel=mention.get("source_kind"),
        author=who,
        support_channel=values.get("support_channel", ""),
        signature=values.get("signature", ""),
        extra_rules=ModelSettings.from_settings(settings).house_rules,
    )


# ---- what the composer needs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComposerContext:
    """Read in a worker for the shown mention: the library for the picker, the variables to fill it, the
    settings (for the model's request and consent)."""

    library: list[Template]
    variables: dict[str, str]
    settings: dict[str, Any]
    model: ModelSettings


def composer_context(conn: sqlite3.Connection, mention: Mapping[str, Any]) -> ComposerContext:
    settings = read_settings(conn)
    variables = variables_for(mention, str(settings.get("brand") or ""), reply_values(settings))
    return ComposerContext(load_library(conn), variables, settings, ModelSettings.from_settings(settings))


# ---- saving -----------------------------------------------------------------------------------------------------


def save_reply_setup_sql(
    conn: sqlite3.Connection,
    values: Mapping[str, Any],
    library: Iterable[Template] | None = None,
) -> None:
    """One write (on the workspace's writer): settings values and, when given, the template library.

    A library equal to the shipped defaults is stored as "no library of our own", so the defaults apply and
    later improvements to them reach this workspace.
    """
    if values:
        write_settings(conn, dict(values))
    if library is not None:
        templates = list(library)
        if templates == default_library():
            reset_library_sql(conn)
        else:
            save_library_sql(conn, templates)


def save_reply_setup(
    ws: Workspace, values: Mapping[str, Any], library: Iterable[Template] | None = None
) -> Future[None]:
    items = None if library is None else list(library)
    return ws.writer.submit(lambda conn: save_reply_setup_sql(conn, values, items))


def record_consent(ws: Workspace, endpoint: str) -> Future[None]:
    def write(conn: sqlite3.Connection) -> None:
        write_settings(conn, consent_update(read_settings(conn), endpoint))

    return ws.writer.submit(write)


# ---- before a public reply --------------------------------------------------------------------------------------


def reply_warning(conn: sqlite3.Connection, mention_id: int, *, now: int | None = None) -> str | None:
    """Why posting a reply to this mention may be a second public reply: this mention or its author already
    got one, or another post of the same story did. None when nothing was replied to."""
    author = tracking.second_reply_warning(conn, mention_id, now=now)
    if author is not None:
        return author
    return story_reply_warning(conn, mention_id, now=now)


def story_reply_warning(
    conn: sqlite3.Connection,
    mention_id: int,
    *,
    now: int | None = None,
    days: int = tracking.SECOND_REPLY_DAYS,
) -> str | None:
    import time

    now = int(time.time()) if now is None else now
    row = conn.execute(
        "SELECT count(*), max(r.replied_at) FROM mentions m"
        " JOIN mentions other ON other.story_key = m.story_key AND other.id != m.id"
        " JOIN replies r ON r.mention_id = other.id"
        " WHERE m.id = ? AND m.story_key != '' AND r.replied_at >= ?",
        (mention_id, now - days * 86_400),
    ).fetchone()
    if row is None or not row[0]:
        return None
    ago = format_duration(max(0, now - int(row[1])))
    return (
        f"You already replied in public to another post of the same story ({ago} ago). "
        "Answer once: a second public reply to one thread reads like an argument."
    )


# ---- tracking ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrackingSummary:
    median_seconds: float | None
    answered: int
    oldest_unanswered_seconds: int | None
    by_source: list[tracking.ResponseRate]
    by_week: list[tracking.ResponseRate]


def oldest_unanswered_complaint(conn: sqlite3.Connection, now: int) -> tuple[int, int] | None:
    """(mention id, age in seconds) of the oldest complaint or crisis still new; the clock's figure."""
    row = conn.execute(
        "SELECT id, published_at FROM mentions WHERE status = 'new' AND category IN ('complaint', 'crisis')"
        " ORDER BY published_at, id LIMIT 1"
    ).fetchone()
    return None if row is None else (int(row[0]), max(0, now - int(row[1])))


def tracking_summary(conn: sqlite3.Connection, now: int) -> TrackingSummary:
    return TrackingSummary(
        median_seconds=tracking.median_response_seconds(conn),
        answered=len(tracking.response_times(conn)),
        oldest_unanswered_seconds=tracking.unanswered_complaint_clock(conn, now),
        by_source=tracking.response_rate_by_source(conn),
        by_week=tracking.response_rate_by_week(conn),
    )


def format_duration(seconds: float | None) -> str:
    """'45 min', '3 h 20 min', '2 days 4 h'; '—' for None."""
    if seconds is None:
        return "—"
    s = max(0, int(seconds))
    if s < 60:
        return "under a minute"
    if s < 3600:
        return f"{s // 60} min"
    if s < 86_400:
        hours, minutes = divmod(s // 60, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(s // 3600, 24)
    head = f"{days} day{'s' if days != 1 else ''}"
    return f"{head} {hours} h" if hours else head
