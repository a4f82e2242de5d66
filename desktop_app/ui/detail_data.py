"""What the detail pane shows, read in a worker and turned into safe HTML. No widgets here."""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.html import is_safe_link, sanitize_html
from desktop_app.core.models import BrandProfile
from desktop_app.drafting.compose import SuggestedDraft, public_contacts, suggest_draft
from desktop_app.drafting.templates import load_library
from desktop_app.drafting.tracking import time_to_first_response
from desktop_app.services.replies import format_duration
from desktop_app.storage.queries import author_history, author_summary, mention_detail, story_siblings
from desktop_app.storage.workspace import read_settings
from desktop_app.ui.format import local_time, plural, relative_age, source_label, urgency_colour

HISTORY_LIMIT = 8
MAX_IMAGES = 12  # the most remote images one mention may load, when the user asks
_REMOTE_IMG = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?https?://""", re.IGNORECASE)


@dataclass(slots=True)
class DetailData:
    mention: dict[str, Any]
    history: list[sqlite3.Row] = field(default_factory=list)
    author: sqlite3.Row | None = None
    siblings: list[sqlite3.Row] = field(default_factory=list)
    suggestion: SuggestedDraft | None = None
    contacts: list[str] = field(default_factory=list)
    first_response: int | None = None  # seconds from publication to the first response


def remote_image_count(markup: str) -> int:
    """How many http(s) images the mention's HTML names (after sanitizing, which keeps only those)."""
    if "<img" not in (markup or "").lower():  # most mentions: no second sanitizing pass
        return 0
    return len(_REMOTE_IMG.findall(sanitize_html(markup or "", allow_images=True)))


def _suggest(conn: sqlite3.Connection, mention: dict[str, Any]) -> tuple[SuggestedDraft, list[str]]:
    settings = read_settings(conn)
    profile = BrandProfile(
        brand=str(settings.get("brand", "")),
        aliases=tuple(settings.get("aliases", ())),
        competitors=tuple(settings.get("competitors", ())),
        excluded=tuple(settings.get("excluded", ())),
    )
    return suggest_draft(mention, load_library(conn), profile, settings), public_contacts(settings)


def load_detail(conn: sqlite3.Connection, mention_id: int) -> DetailData | None:
    mention = mention_detail(conn, mention_id)
    if mention is None:
        return None
    data = DetailData(mention)
    if mention.get("author_id"):
        data.author = author_summary(conn, mention["author_id"])
        data.history = [
            r for r in author_history(conn, mention["author_id"], HISTORY_LIMIT + 1) if r["id"] != mention_id
        ][:HISTORY_LIMIT]
    if mention.get("story_key"):
        data.siblings = story_siblings(conn, mention_id, 10)
    data.suggestion, data.contacts = _suggest(conn, mention)
    data.first_response = time_to_first_response(conn, mention_id)
    return data


def _e(text: object) -> str:
    return html.escape(str(text or ""), quote=True)


def meta_line(m: dict[str, Any]) -> str:
    parts = [m.get("author") or "Unknown author", source_label(m.get("source_kind"), m.get("source_name"))]
    if m.get("source_name"):
        parts[-1] = f"{m['source_name']}"
    when = local_time(m.get("published_at"))
    if m.get("published_estimated"):
        when += " (estimated)"
    parts.append(when)
    return "  ·  ".join(parts)


def body_html(data: DetailData, muted: str, *, images: bool = False) -> str:
    """The mention's text (sanitized), its link, why it ranks here, the author and the story.

    Remote images stay out unless `images` (the user asked, for this mention): loading one tells its sender
    that the mention was read, and when."""
    m = data.mention
    markup = m.get("html") or ""
    body = sanitize_html(markup, allow_images=images) or f"<p>{_e(m.get('text') or '(no text)')}</p>"
    parts = [f"<div>{body}</div>"]
    hidden = 0 if images else remote_image_count(markup)
    if hidden:
        parts.append(
            f'<p style="color:{muted}">{plural(hidden, "image")} not loaded (loading tells the sender you read'
            ' this). <a href="earshot:load-images">Load images</a></p>'
        )
    url = m.get("url") or ""
    if is_safe_link(url):
        parts.append(
            f'<p><a href="{_e(url)}">Open the original ↗</a> <span style="color:{muted}">{_e(_host(url))}</span></p>'
        )
    if m.get("query"):
        parts.append(f'<p style="color:{muted}">Found by the search “{_e(m["query"])}”</p>')
    if data.first_response is not None:
        parts.append(
            f'<p style="color:{muted}">Answered {_e(format_duration(data.first_response))} after it was posted.</p>'
        )
    parts.append(_reasons(m.get("reasons") or [], muted))
    parts.append(_author(data, muted))
    if data.siblings:
        parts.append(_section("Same story elsewhere"))
        parts.append(_mention_list(data.siblings, muted))
    return "".join(parts)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _section(title: str) -> str:
    return f'<h4 style="margin-top:14px; margin-bottom:4px;">{_e(title)}</h4>'


def _reasons(reasons: list[str], muted: str) -> str:
    if not reasons:
        return _section("Why it ranks here") + f'<p style="color:{muted}">No particular signals.</p>'
    items = "".join(f"<li>{_e(r)}</li>" for r in reasons)
    return _section("Why it ranks here") + f'<ul style="margin-top:0px;">{items}</ul>'


def _author(data: DetailData, muted: str) -> str:
    author = data.author
    if author is None:
        return ""
    name = data.mention.get("author") or author["name"]
    summary = (
        f"{_e(name)} has {plural(author['mention_count'], 'mention')} here: {author['negative']} negative,"
        f" {author['positive']} positive, {plural(author['complaints'], 'complaint')}."
    )
    out = _section("The author") + f"<p>{summary}</p>"
    if data.history:
        out += _mention_list(data.history, muted)
    return out


def _mention_list(rows: list[sqlite3.Row], muted: str) -> str:
    items = []
    for r in rows:
        title = (r["title"] or r["snippet"] or "(no text)").strip()
        if len(title) > 90:
            title = title[:89] + "…"
        colour = urgency_colour(int(r["urgency"]))
        items.append(
            f'<tr><td style="color:{colour}; font-weight:bold; padding-right:8px;">{r["urgency"]}</td>'
            f'<td><a style="text-decoration:none;" href="earshot:mention/{int(r["id"])}">{_e(title)}</a></td>'
            f'<td style="color:{muted}; padding-left:8px;">{_e(relative_age(r["published_at"]))}'
            f" · {_e(r['status'])}</td></tr>"
        )
    return '<table cellspacing="0" cellpadding="2">' + "".join(items) + "</table>"
