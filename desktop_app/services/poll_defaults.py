"""How often a new source is polled when the user did not say: Settings → Polling's default for the free
sources (feeds, news and forum searches), and never faster than its own pace for a source whose API is
billed or capped (a key), since a quota spent by noon leaves the afternoon deaf."""

from __future__ import annotations

from desktop_app.sources.registry import get_connector


def needs_key(kind: str) -> bool:
    """Whether the source talks to an API with a key (billed, metered or capped per key)."""
    return any(f.kind == "secret" for f in get_connector(kind).fields)


def interval_for(kind: str, user_default: int | None) -> int:
    own = get_connector(kind).default_interval_minutes
    if not user_default or user_default < 1:
        return own
    return max(user_default, own) if needs_key(kind) else user_default
