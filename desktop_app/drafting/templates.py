"""Reply templates: the situations they are for, which one fits a mention, and the per-workspace library.

The library lives in the workspace's `settings` table under "templates" (a JSON list); when absent, the
defaults shipped in resources/templates/default_templates.json apply.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.config.paths import resources_dir
from desktop_app.core.models import Category, Label
from desktop_app.drafting.channels import channel_for

SETTINGS_KEY = "templates"
DEFAULTS_FILE = "templates/default_templates.json"

COMPLAINT = "complaint"
QUESTION = "question"
PRAISE = "praise"
REVIEW_LOW = "review_low"
REVIEW_HIGH = "review_high"
CRISIS = "crisis"
CHRONIC = "chronic_complainer"
EX_EMPLOYEE = "ex_employee"
OTHER = "other"
SITUATIONS: tuple[str, ...] = (
    COMPLAINT,
    QUESTION,
    PRAISE,
    REVIEW_LOW,
    REVIEW_HIGH,
    CRISIS,
    CHRONIC,
    EX_EMPLOYEE,
    OTHER,
)
SITUATION_TITLES = {
    COMPLAINT: "Complaint",
    QUESTION: "Question",
    PRAISE: "Praise",
    REVIEW_LOW: "Low review (1-2 stars)",
    REVIEW_HIGH: "High review (4-5 stars)",
    CRISIS: "Crisis (legal, safety, data)",
    CHRONIC: "Chronic complainer",
    EX_EMPLOYEE: "Former employee",
    OTHER: "Other",
}

# Words that make any mention a crisis reply, even when scoring filed it elsewhere.
_CRISIS_WORDS = re.compile(
    r"\blawyers?\b|\battorneys?\b|\blawsuits?\b|\bsued?\b|legal action|class action|allergic reaction|"
    r"anaphyla|food poisoning|\bhospital|\binjur|data breach|\bhacked\b|\bleaked\b|identity theft|"
    r"discriminat|\bharass",
    re.IGNORECASE,
)
_EX_EMPLOYEE_WORDS = re.compile(
    r"\bi used to work (?:at|for|there)\b|\bformer (?:employee|barista|staff)\b|\bex-?(?:employee|barista)\b"
    r"|\bwhen i worked (?:at|for|there)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    situation: str
    text: str
    channels: tuple[str, ...] = ()  # empty: any channel; otherwise channel names from channels.py

    def fits(self, source_kind: str | None) -> bool:
        return not self.channels or channel_for(source_kind) in self.channels

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["channels"] = list(self.channels)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Template:
        situation = str(data.get("situation") or OTHER)
        return cls(
            id=str(data.get("id") or new_id()),
            name=str(data.get("name") or "Untitled"),
            situation=situation if situation in SITUATIONS else OTHER,
            text=str(data.get("text") or ""),
            channels=tuple(str(c) for c in data.get("channels") or ()),
        )


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def _flag(mention: Mapping[str, Any], *names: str) -> bool:
    flags = mention.get("author_flags") or ()
    return any(bool(mention.get(n)) or n in flags for n in names)


def suggest_situation(mention: Mapping[str, Any]) -> str:
    """Which kind of reply a mention calls for, from its category, label, rating and author flags.

    Optional keys: `author_flags` (a collection holding "chronic_complainer" / "ex_employee"), or those
    names as booleans; "I used to work at ..." in the text also marks a former employee. A crisis always wins; then who the author is; then stars; then what it says.
    """
    category = str(mention.get("category") or Category.OTHER)
    label = str(mention.get("label") or Label.NEUTRAL)
    text = f"{mention.get('title') or ''} {mention.get('text') or mention.get('snippet') or ''}"
    if category == Category.CRISIS or _CRISIS_WORDS.search(text):
        return CRISIS
    if _flag(mention, EX_EMPLOYEE) or (_EX_EMPLOYEE_WORDS.search(text) and category != Category.PRAISE):
        return EX_EMPLOYEE
    if _flag(mention, CHRONIC) and (category == Category.COMPLAINT or label == Label.NEGATIVE):
        return CHRONIC
    rating = mention.get("rating")
    if rating is not None:
        try:
            stars = float(rating)
        except (TypeError, ValueError):
            stars = 3.0
        if stars <= 2:
            return REVIEW_LOW
        if stars >= 4 and category != Category.COMPLAINT and label != Label.NEGATIVE:
            return REVIEW_HIGH
    if category == Category.COMPLAINT or label == Label.NEGATIVE:
        return REVIEW_LOW if rating is not None else COMPLAINT
    if category == Category.QUESTION:
        return QUESTION
    if category == Category.PRAISE or label == Label.POSITIVE:
        return REVIEW_HIGH if rating is not None else PRAISE
    return OTHER


# ---- the library ---------------------------------------------------------------------------------------


def parse_library(data: Any) -> list[Template]:
    if not isinstance(data, list):
        raise ValueError("a template library is a JSON list of templates")
    return [Template.from_json(item) for item in data if isinstance(item, Mapping)]


@lru_cache(maxsize=4)
def _defaults(path: Path) -> tuple[Template, ...]:
    return tuple(parse_library(json.loads(path.read_text(encoding="utf-8"))))


def default_library(path: Path | None = None) -> list[Template]:
    """The shipped templates (a fresh list each call; Template values are immutable)."""
    return list(_defaults(path or resources_dir() / DEFAULTS_FILE))


def load_library(conn: sqlite3.Connection) -> list[Template]:
    """The workspace's templates; the defaults when it has none saved or the saved value is unreadable."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTINGS_KEY,)).fetchone()
    if row is None:
        return default_library()
    try:
        return parse_library(json.loads(row[0]))
    except (ValueError, TypeError):
        return default_library()


def save_library_sql(conn: sqlite3.Connection, templates: Iterable[Template]) -> None:
    """Store the library (run it on the workspace's single writer)."""
    value = json.dumps([t.to_json() for t in templates], ensure_ascii=False)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (SETTINGS_KEY, value),
    )


def reset_library_sql(conn: sqlite3.Connection) -> None:
    """Forget the workspace's own templates, so the defaults apply again."""
    conn.execute("DELETE FROM settings WHERE key = ?", (SETTINGS_KEY,))


def find(templates: Sequence[Template], template_id: str) -> Template | None:
    return next((t for t in templates if t.id == template_id), None)


def add_template(templates: Sequence[Template], template: Template) -> list[Template]:
    if find(templates, template.id) is not None:
        template = replace(template, id=new_id())
    return [*templates, template]


def edit_template(templates: Sequence[Template], template_id: str, **changes: Any) -> list[Template]:
    """A new list with one template changed (name, situation, text, channels). Unknown id: KeyError."""
    if find(templates, template_id) is None:
        raise KeyError(template_id)
    if "channels" in changes:
        changes["channels"] = tuple(changes["channels"] or ())
    if "situation" in changes and changes["situation"] not in SITUATIONS:
        raise ValueError(f"unknown situation {changes['situation']!r}; use one of {', '.join(SITUATIONS)}")
    changes.pop("id", None)
    return [replace(t, **changes) if t.id == template_id else t for t in templates]


def duplicate_template(templates: Sequence[Template], template_id: str) -> list[Template]:
    """A new list with a copy ("... (copy)") placed right after the original."""
    out: list[Template] = []
    found = False
    for t in templates:
        out.append(t)
        if t.id == template_id:
            out.append(replace(t, id=new_id(), name=f"{t.name} (copy)"))
            found = True
    if not found:
        raise KeyError(template_id)
    return out


def delete_template(templates: Sequence[Template], template_id: str) -> list[Template]:
    return [t for t in templates if t.id != template_id]


def templates_for(
    templates: Sequence[Template], situation: str, source_kind: str | None = None
) -> list[Template]:
    """Templates for a situation that fit the channel; channel-specific ones first."""
    fitting = [t for t in templates if t.situation == situation and t.fits(source_kind)]
    return sorted(fitting, key=lambda t: 0 if t.channels else 1)


def choose_template(
    templates: Sequence[Template], situation: str, source_kind: str | None = None, *, seed: int = 0
) -> Template | None:
    """One template for a situation, varied by `seed` (e.g. the mention id) so replies do not all read alike.

    Falls back to the "complaint" templates for negative situations and "other" for the rest.
    """
    for wanted in (situation, _FALLBACK.get(situation, OTHER), OTHER):
        candidates = templates_for(templates, wanted, source_kind)
        if candidates:
            specific = [t for t in candidates if t.channels] or candidates
            return specific[seed % len(specific)]
    return None


_FALLBACK = {
    REVIEW_LOW: COMPLAINT,
    CHRONIC: COMPLAINT,
    EX_EMPLOYEE: COMPLAINT,
    CRISIS: COMPLAINT,
    REVIEW_HIGH: PRAISE,
    QUESTION: OTHER,
    PRAISE: OTHER,
}


__all__ = [
    "SITUATIONS",
    "Template",
    "add_template",
    "choose_template",
    "default_library",
    "delete_template",
    "duplicate_template",
    "edit_template",
    "load_library",
    "save_library_sql",
    "suggest_situation",
    "templates_for",
]
