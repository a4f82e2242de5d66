"""Filling a template: {author}, {brand}, {issue} ... A missing value becomes a visible marker, never a crash."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.models import BrandProfile
from desktop_app.drafting.channels import uses_handles

# The variables a template may use. A name outside this set is left exactly as typed, unless the caller
# supplies a value for it.
KNOWN_VARIABLES: tuple[str, ...] = (
    "author",
    "first_name",
    "brand",
    "product",
    "issue",
    "signature",
    "agent_name",
    "support_channel",
    "support_email",
    "support_phone",
    "location",
)

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
MARKER = re.compile(r"\[([A-Za-z_][A-Za-z0-9_]*)\?\]")


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    missing: list[str] = field(default_factory=list)


def marker(name: str) -> str:
    return f"[{name}?]"


def render(template_text: str, variables: Mapping[str, str]) -> Rendered:
    """Fill `{name}` placeholders in one pass (values are never re-scanned).

    A known variable without a value (absent or blank) becomes `[name?]` and is listed in `missing`, once,
    in order of first use. Unknown names, stray braces and `{{` are left as typed.
    """
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = variables.get(name)
        if value is not None and str(value).strip():
            return str(value)
        if name in KNOWN_VARIABLES or name in variables:
            if name not in missing:
                missing.append(name)
            return marker(name)
        return match.group(0)

    return Rendered(_PLACEHOLDER.sub(fill, template_text), missing)


def placeholders(template_text: str) -> list[str]:
    """The variable names a template uses, in order, without repeats."""
    seen: list[str] = []
    for name in _PLACEHOLDER.findall(template_text):
        if name not in seen:
            seen.append(name)
    return seen


# What a scoring reason or a word in the mention says the problem is about -> a short phrase for {issue}.
_ISSUE_WORDS: tuple[tuple[str, str], ...] = (
    (r"allerg|anaphyla", "the allergy information"),
    (r"food poisoning|sick after|made me sick", "what happened after your visit"),
    (r"breach|hacked|leak|stolen|unauthori[sz]ed", "the security of your account"),
    (r"lawyer|attorney|lawsuit|legal|sue\b|sued", "your concerns"),
    (r"discriminat|racis|sexis|harass", "how you were treated"),
    (r"refund|money back|reimburs", "your refund"),
    (r"charged|billing|billed|overcharg", "the charge on your account"),
    (r"\bapp\b|crash|log ?in|sign ?in|glitch|bug", "the app"),
    (r"rewards?|points|loyalty", "your rewards"),
    (r"order|delivery|deliver|pickup|pick-up", "your order"),
    (r"rude|unprofessional|disrespect|attitude|staff|barista", "how you were treated"),
    (r"\bwait|\bline\b|queue|\bslow|took forever", "the wait"),
    (r"cold|burnt|burned|bitter|stale|taste|watery", "your drink"),
    (r"dirty|filthy|clean|bathroom|restroom", "the state of the store"),
    (r"loud|music|noise|noisy", "the noise level"),
    (r"wi-?fi|internet|outlet", "the wifi"),
    (r"price|expensive|\$\d", "our prices"),
    (r"\bclosed\b|opening hours", "our opening hours"),
)
_ISSUE_PATTERNS = tuple((re.compile(p, re.IGNORECASE), phrase) for p, phrase in _ISSUE_WORDS)
DEFAULT_ISSUE = "what happened"


def issue_phrase(reasons: Any, text: str) -> str:
    """A short noun phrase for what went wrong, from the scoring reasons first, then the mention's words."""
    reason_text = (
        " ".join(str(r) for r in reasons) if isinstance(reasons, list | tuple) else str(reasons or "")
    )
    for source in (reason_text, text[:2000]):
        for pattern, phrase in _ISSUE_PATTERNS:
            if pattern.search(source):
                return phrase
    return DEFAULT_ISSUE


def author_variables(author: str | None, source_kind: str | None) -> dict[str, str]:
    """{author} as the channel addresses people (@handle where handles are used), and {first_name}."""
    name = (author or "").strip()
    if not name:
        return {}
    if uses_handles(source_kind):
        handle = name if name.startswith("@") else "@" + re.sub(r"\s+", "", name)
        return {"author": handle, "first_name": handle}
    if name.startswith("@") or name.lower().startswith("u/"):
        return {"author": name, "first_name": name}
    first = name.split()[0].rstrip(",.")
    plausible = first[:1].isupper() and first.replace("-", "").replace("'", "").isalpha()
    return {"author": name, "first_name": first if plausible else name}


def variables_for(
    mention: Mapping[str, Any],
    profile: BrandProfile | str,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Variables for one mention: author, first_name, brand, issue, plus the workspace's reply settings.

    `settings` may hold signature, agent_name, support_channel, support_email, support_phone, product,
    location; anything it leaves out stays missing and shows as a marker in the draft.
    """
    brand = profile if isinstance(profile, str) else profile.brand
    values: dict[str, str] = {"brand": brand}
    for key, value in (settings or {}).items():
        if value is not None and str(value).strip():
            values[str(key)] = str(value)
    values.update(author_variables(mention.get("author"), mention.get("source_kind")))
    text = f"{mention.get('title') or ''}\n{mention.get('text') or mention.get('snippet') or ''}"
    values["issue"] = issue_phrase(mention.get("reasons") or (), text)
    if "support_channel" not in values:
        contact = values.get("support_email") or values.get("support_phone")
        if contact:
            values["support_channel"] = contact
    return values
