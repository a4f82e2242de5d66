"""Errors a user can meet. Each message says what happened and what to do, in plain words."""

from __future__ import annotations

from pathlib import Path


class EarshotError(Exception):
    """Base for errors shown to the user as one clear line."""


class UserError(EarshotError):
    """Bad input from the user (unknown workspace, bad URL, unreadable file)."""


class WorkspaceNotFound(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(f"No workspace named {name!r}. Create it with: init {name} --brand BRAND")
        self.name = name


class WorkspaceExists(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(f"A workspace named {name!r} already exists; pick another name.")
        self.name = name


class DamagedWorkspace(EarshotError):
    """The database file cannot be opened or fails its integrity check.

    When the workspace is known: its data folder (`root`), `name`, file (`path`) and the latest automatic
    backup that could replace it (`backup`, None if there is none).
    """

    def __init__(
        self,
        message: str,
        *,
        root: Path | None = None,
        name: str | None = None,
        path: Path | None = None,
        backup: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.root, self.name, self.path, self.backup = root, name, path, backup


class FetchError(EarshotError):
    """A source could not be fetched. `kind` is a short machine word stored on the source's health."""

    kind = "error"


class TransientError(FetchError):
    """Timeouts, 5xx, connection resets: try again at the next poll."""

    kind = "transient"


class TimedOut(TransientError):
    kind = "timeout"


class AuthError(FetchError):
    """The key or token was rejected (401/403 from an API that uses keys)."""

    kind = "auth"


class Blocked(FetchError):
    """The site refused us (403 without a key, 451)."""

    kind = "blocked"


class RateLimited(FetchError):
    kind = "rate_limited"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotAFeed(FetchError):
    """The body is not a feed (an HTML page, a login form, garbage)."""

    kind = "not_a_feed"


class TooLarge(FetchError):
    kind = "too_large"


class BadResponse(FetchError):
    """Any other response we cannot use (404, redirect loop, malformed JSON)."""

    kind = "bad_response"
