"""Hate searches for a workspace: "I hate <brand>"-style phrases on the sites that take a search.

One planner for every way in (the new-workspace wizard, *Sources → Add suggested searches*, the Sources
view's *Add hate searches*): `site_offers` says which search connectors are ready (keyless ones always; a
keyed one when a source of its kind already holds a stored key, which the new searches then share),
`plan_searches` makes one source per (site, quoted phrase) for the brand and each alias, and `add_searches`
stores those the workspace does not have yet. The phrases the user edited are kept in the workspace's
settings (`saved_templates` / `save_templates`). Every item found carries the query that found it
(FetchedItem.query -> mentions.query).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.models import BrandProfile
from desktop_app.secrets.store import SecretStore
from desktop_app.services.poll_defaults import interval_for
from desktop_app.services.sources import add_source
from desktop_app.sources.hate_searches import DEFAULT_TEMPLATES, hate_search_queries
from desktop_app.sources.registry import get_connector
from desktop_app.sources.x_search import cost_notice
from desktop_app.storage.queries import list_sources
from desktop_app.storage.workspace import Workspace, write_settings

BRAND_TEMPLATE = "{brand}"
TEMPLATES_SETTING = "hate_search_phrases"
KINDS_SETTING = "hate_search_sites"
# Config a keyed search takes from the source whose key it shares: who signs in, and where.
CARRIED = ("handle", "username", "server", "api_base", "token_url")


@dataclass(frozen=True, slots=True)
class SearchSite:
    kind: str
    label: str
    tip: str
    keys: tuple[str, ...] = ()  # secret fields a search needs (none: keyless)


SEARCH_SITES: tuple[SearchSite, ...] = (
    SearchSite("google_news", "Google News", "News sites, blogs and forums indexed by Google News (RSS search)"),
    SearchSite("hackernews", "Hacker News", "Stories and comments on Hacker News (Algolia search)"),
    SearchSite("brave", "Brave Search", "Web and news pages, forums and anti-brand sites", ("api_key",)),
    SearchSite("reddit", "Reddit", "Posts on Reddit, newest first", ("client_id", "client_secret")),
    SearchSite("bluesky", "Bluesky", "Posts on Bluesky, latest first", ("app_password",)),
    SearchSite("mastodon", "Mastodon", "Statuses on your instance (search needs a token)", ("access_token",)),
    SearchSite("youtube", "YouTube", "Videos (and their comments) matching the phrase", ("api_key",)),
    SearchSite("x_search", "X", "Recent posts on X (paid API)", ("bearer_token",)),
)  # fmt: skip
SITES: dict[str, SearchSite] = {s.kind: s for s in SEARCH_SITES}
KEYLESS_SITES: dict[str, str] = {s.kind: s.label for s in SEARCH_SITES if not s.keys}


@dataclass(frozen=True, slots=True)
class SiteOffer:
    """A search site as the picker shows it: ready (keyless, or a stored key to share) or not, and why."""

    kind: str
    label: str
    tip: str
    ready: bool
    note: str = ""
    config: dict[str, Any] = field(default_factory=dict)  # the shared key's entries and sign-in fields


@dataclass(frozen=True, slots=True)
class PlannedSearch:
    name: str
    kind: str
    config: dict[str, Any]
    interval_minutes: int | None = None  # None: the kind's (or the workspace's) default


@dataclass(slots=True)
class SearchesAdded:
    added: int = 0
    already_there: int = 0
    errors: list[str] = field(default_factory=list)


def search_terms(profile: BrandProfile) -> list[str]:
    """The brand and the aliases people type in prose: handles and hashtags are left to social sources."""
    return [t for t in (profile.brand, *profile.aliases) if t.strip() and t.strip()[0] not in "@#"]


def clean_templates(lines: Iterable[str]) -> list[str]:
    """Phrases as the user edited them: blank lines dropped; a phrase without {brand} gets it appended."""
    out: list[str] = []
    for line in lines:
        marked = " ".join(line.split()).replace(BRAND_TEMPLATE, "\0")
        phrase = marked.replace("{", "").replace("}", "").replace("\0", BRAND_TEMPLATE)
        if not phrase:
            continue
        if BRAND_TEMPLATE not in phrase:
            phrase = f"{phrase} {BRAND_TEMPLATE}"
        if phrase not in out:
            out.append(phrase)
    return out


# ---- which sites are ready ----------------------------------------------------------------------------


def keyless_offers() -> list[SiteOffer]:
    return [SiteOffer(s.kind, s.label, s.tip, True) for s in SEARCH_SITES if not s.keys]


def _shared_key(ws: Workspace, store: SecretStore | None, site: SearchSite) -> tuple[str, dict[str, Any]]:
    """(source name, config to copy) of the first source of the kind whose keys are all stored."""
    if store is None or getattr(store, "locked", False):
        return "", {}
    for row in list_sources(ws.reader()):
        if row["kind"] != site.kind:
            continue
        config = json.loads(row["config"] or "{}")
        entries = [config.get(name) for name in site.keys]
        if all(entries) and all(_stored(store, str(e)) for e in entries):
            carried = {k: config[k] for k in (*site.keys, *CARRIED) if config.get(k)}
            return str(row["name"]), carried
    return "", {}


def _stored(store: SecretStore, entry: str) -> bool:
    try:
        return store.get(entry) is not None
    except (
        Exception
    ):  # a keyring that fails here (locked, D-Bus gone): no key to share, keyless still offered
        return False


def site_offers(ws: Workspace, store: SecretStore | None) -> list[SiteOffer]:
    """Every search site: keyless ones ready; a keyed one ready when the workspace holds a key for it.
    May block on the keyring: run it in a worker."""
    offers = []
    for site in SEARCH_SITES:
        if not site.keys:
            offers.append(SiteOffer(site.kind, site.label, site.tip, True))
            continue
        owner, config = _shared_key(ws, store, site)
        extra = f" {cost_notice()}" if site.kind == "x_search" else ""
        if owner:
            note = f"Uses the key of “{owner}”.{extra}"
        else:
            note = (
                f"Needs a key: first add one {site.label} source with its key; these searches then share it."
            )
            note += extra
        offers.append(SiteOffer(site.kind, site.label, site.tip, bool(owner), note.strip(), config))
    return offers


# ---- planning --------------------------------------------------------------------------------------------


def pace_minutes(kind: str, count: int) -> int | None:
    """How often each of `count` searches on a metered site is polled so that together they stay inside
    the key's allowance (None: the kind's usual interval)."""
    if count <= 0:
        return None
    default = int(get_connector(kind).default_interval_minutes)
    if kind == "youtube":  # 100 units a search; keep ~8,000 of the key's 10,000 daily units for them
        return max(default, math.ceil(count * 100 * 24 * 60 / 8000))
    if kind == "brave":  # up to 2 queries a poll (web + news); the free plan has 2,000 a month
        return max(default, math.ceil(count * 2 * 30 * 24 * 60 / 1800))
    if kind == "x_search":  # every post read is billed: once a day each
        return max(default, 24 * 60)
    return None


def plan_searches(
    profile: BrandProfile,
    templates: Sequence[str] = DEFAULT_TEMPLATES,
    kinds: Sequence[str] = ("google_news",),
    include_brand: bool = True,
    offers: Sequence[SiteOffer] = (),
) -> list[PlannedSearch]:
    """One source per (site, quoted phrase), for the brand and each alias; the plain brand first if asked.
    A keyed site's searches share the key its offer found (none found: they wait for one)."""
    unknown = [k for k in kinds if k not in SITES]
    if unknown:
        known = ", ".join(SITES)
        raise ValueError(f"No hate searches for {', '.join(unknown)}; choose from {known}.")
    phrases = clean_templates(templates)
    if include_brand:
        phrases = [BRAND_TEMPLATE, *[p for p in phrases if p != BRAND_TEMPLATE]]
    terms = search_terms(profile)
    if not terms or not phrases:
        return []
    queries = hate_search_queries(terms[0], terms[1:], phrases)
    carried = {o.kind: o.config for o in offers}
    planned = []
    for kind in kinds:
        every = pace_minutes(kind, len(queries))
        for query in queries:
            config = {**carried.get(kind, {}), "query": query}
            planned.append(PlannedSearch(f"{SITES[kind].label}: {query}", kind, config, every))
    return planned


# ---- the workspace's phrases ------------------------------------------------------------------------------


def saved_templates(ws: Workspace) -> list[str]:
    """The phrases this workspace's user last chose (the defaults until then)."""
    saved = ws.setting(TEMPLATES_SETTING)
    if isinstance(saved, list) and all(isinstance(p, str) for p in saved):
        return list(saved)
    return list(DEFAULT_TEMPLATES)


def saved_kinds(ws: Workspace) -> list[str]:
    saved = ws.setting(KINDS_SETTING)
    if isinstance(saved, list):
        return [k for k in saved if k in SITES]
    return ["google_news"]


def save_templates(ws: Workspace, templates: Iterable[str], kinds: Iterable[str] | None = None) -> list[str]:
    """Keep the edited phrases (cleaned) and the chosen sites in the workspace's settings; blocks on the
    writer (call it from a worker)."""
    phrases = clean_templates(templates)
    values: dict[str, Any] = {TEMPLATES_SETTING: phrases}
    if kinds is not None:
        values[KINDS_SETTING] = [k for k in kinds if k in SITES]
    ws.writer.call(lambda conn: write_settings(conn, values))
    return phrases


# ---- storing -------------------------------------------------------------------------------------------------


def existing_searches(ws: Workspace) -> set[tuple[str, str]]:
    rows = ws.reader().execute("SELECT kind, config FROM sources")
    return {(row["kind"], str(json.loads(row["config"] or "{}").get("query") or "")) for row in rows}


def add_searches(
    ws: Workspace, searches: Iterable[PlannedSearch], default_interval: int | None = None
) -> SearchesAdded:
    """Store the planned searches the workspace does not have yet; one failure never stops the rest.
    A search without its own pace takes `default_interval` (Settings → Polling) as poll_defaults says."""
    result = SearchesAdded()
    have = existing_searches(ws)
    for search in searches:
        key = (search.kind, str(search.config.get("query") or ""))
        if key in have:
            result.already_there += 1
            continue
        try:
            add_source(
                ws,
                kind=search.kind,
                config=dict(search.config),
                name=search.name,
                interval_minutes=search.interval_minutes or interval_for(search.kind, default_interval),
                rename_if_taken=True,
            )
        except Exception as exc:
            result.errors.append(f"{search.name}: {exc}")
            continue
        have.add(key)
        result.added += 1
    return result


def site_notes(offers: Mapping[str, SiteOffer], kinds: Sequence[str]) -> list[str]:
    """The notes of the chosen sites (a key to add, X's cost), shown under the picker's preview."""
    return [f"{offers[k].label}: {offers[k].note}" for k in kinds if k in offers and offers[k].note]
