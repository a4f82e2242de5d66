"""One call for the reply pane: situation -> template -> filled draft -> tone findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.models import BrandProfile
from desktop_app.drafting.render import Rendered, render, variables_for
from desktop_app.drafting.templates import Template, choose_template, suggest_situation
from desktop_app.drafting.tone import Finding, check

CONTACT_KEYS = ("support_channel", "support_email", "support_phone")


@dataclass(frozen=True, slots=True)
class SuggestedDraft:
    situation: str
    template: Template | None
    rendered: Rendered
    findings: list[Finding] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.rendered.text


def public_contacts(settings: Mapping[str, Any] | None) -> list[str]:
    """The brand's own contact details, which a reply may post."""
    return [str(settings[k]) for k in CONTACT_KEYS if settings and settings.get(k)]


def suggest_draft(
    mention: Mapping[str, Any],
    library: Sequence[Template],
    profile: BrandProfile | str,
    settings: Mapping[str, Any] | None = None,
) -> SuggestedDraft:
    """A first draft for a mention (a `mention_detail` dict), checked; the user edits from here."""
    situation = suggest_situation(mention)
    kind = mention.get("source_kind")
    template = choose_template(library, situation, kind, seed=int(mention.get("id") or 0))
    variables = variables_for(mention, profile, settings)
    rendered = render(template.text, variables) if template else Rendered("", [])
    findings = check(
        rendered.text,
        mention_category=str(mention.get("category") or "other"),
        channel=kind,
        mention_text=str(mention.get("text") or ""),
        public_contacts=public_contacts(settings),
    )
    return SuggestedDraft(situation, template, rendered, findings)
