"""One typed registry of options with defaults (the Picard pattern).

App-wide options live in `settings.json` in the data folder; the UI keeps window geometry in QSettings.
Unknown keys in the file are kept as they are, so an older version never deletes a newer one's options.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    default: Any
    type: type
    help: str = ""
    choices: tuple[Any, ...] = ()


OPTIONS: dict[str, Option] = {
    opt.key: opt
    for opt in (
        Option(
            "poll.default_interval_minutes",
            30,
            int,
            "How often a new free source (feed, news or forum search) is polled; keyed APIs keep their own slower pace",
        ),
        Option("poll.max_workers", 16, int, "How many sources are fetched at once"),
        Option("poll.per_host_interval_seconds", 1.0, float, "Minimum gap between two requests to one site"),
        Option("http.proxy", "", str, "Proxy URL, e.g. http://proxy:3128 (empty: use the system's)"),
        Option("http.max_bytes", 10 * 1024 * 1024, int, "Largest response accepted, in bytes"),
        Option("http.timeout_seconds", 20.0, float, "Read timeout per request"),
        Option("notify.enabled", True, bool, "Desktop notification for urgent new mentions"),
        Option("notify.urgency_threshold", 70, int, "Notify for new mentions at or above this urgency"),
        Option("notify.spikes", True, bool, "Alert when negative mentions and complaints spike after a poll"),
        Option("notify.spike_threshold", 3.0, float, "A spike: this many std devs above the last 14 days"),
        Option("ui.theme", "system", str, "Colour theme", ("system", "light", "dark")),
        Option("ui.last_workspace", "", str, "Workspace opened at start"),
        Option(
            "secrets.store",
            "os",
            str,
            "Where keys are kept: the OS keyring, or (chosen in Accounts & keys when there is none) an encrypted "
            "file in the data folder; never the file's password",
            ("os", "encrypted_file"),
        ),
    )
}


class Settings:
    """Thread-safe app-wide settings backed by a JSON file; writes are atomic."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._values: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> Any:
        opt = OPTIONS[key]
        value = self._values.get(key, opt.default)
        try:
            value = opt.type(value)
        except (TypeError, ValueError):
            return opt.default
        if opt.choices and value not in opt.choices:
            return opt.default
        return value

    def set(self, key: str, value: Any) -> None:
        opt = OPTIONS[key]
        value = opt.type(value)
        if opt.choices and value not in opt.choices:
            raise ValueError(f"{key} must be one of {', '.join(map(str, opt.choices))}")
        with self._lock:
            self._values[key] = value
            self._save()

    def _save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._values, fh, indent=2, sort_keys=True)
        os.replace(tmp, self._path)


def settings_for(root: Path) -> Settings:
    """The app-wide settings of a data folder."""
    return Settings(root / "settings.json")
