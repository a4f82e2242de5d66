"""From a connector's FetchedItem to a NormalizedMention: clean text, canonical URL, stable ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from desktop_app.core.html import html_to_text, one_line
from desktop_app.core.models import FetchedItem, NormalizedMention

TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
    "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "cmpid", "ocid", "oc", "ved", "usg", "ei", "sca_esv",
    "share_id", "utm_id", "si", "spm", "s_cid", "trk", "trkcampaign",
}  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MAX_TEXT = 100_000
CLOCK_SKEW = timedelta(hours=1)


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, drop fragments, default ports, tracking parameters and `www.`.

    Returns None for anything that is not an http(s) URL.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if port and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query.sort()
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return urlunsplit(("https" if scheme == "http" else scheme, host, path, urlencode(query), ""))


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS


def clean_url(url: str | None) -> str | None:
    """The link to open: as given, minus tracking parameters. None unless http(s)."""
    if canonical_url(url) is None:
        return None
    assert url is not None
    return _without_tracking(url)


def _without_tracking(url: str) -> str:
    parts = urlsplit(url.strip())
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def digest(*parts: str, size: int = 10) -> str:
    """A short stable hex digest of text parts (ids of mentions, stories, imported rows)."""
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def mention_uid(
    canonical: str | None, source_kind: str, source_item_id: str, title: str, text: str = ""
) -> str:
    """Stable across polls and machines: the canonical URL when there is one, else the source's own id,
    else its title, else its text (an item with none of these is told apart by what it says)."""
    if canonical:
        return digest("url", canonical)
    if source_item_id or title:
        return digest("item", source_kind, source_item_id or title)
    return digest("text", source_kind, text)


_GOOGLE_REDIRECT_HOSTS = {"google.com", "www.google.com", "news.google.com"}


def unwrap_redirect(url: str | None) -> str | None:
    """Google Alerts and some feeds link through google.com/url?q=TARGET: keep the target."""
    if not url:
        return url
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if (parts.hostname or "").lower() in _GOOGLE_REDIRECT_HOSTS and parts.path == "/url":
        params = dict(parse_qsl(parts.query))
        target = params.get("url") or params.get("q")
        if target and target.lower().startswith(("http://", "https://")):
            return target
    return url


_OUTLET_SUFFIX = re.compile(r"\s+[-–—|]\s+[^-–—|]{2,60}$")
_NON_WORD = re.compile(r"[^\w\s]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "at",
        "by",
        "with",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "as",
        "its",
        "it",
        "this",
        "that",
        "after",
        "over",
        "new",
        "says",
        "said",
    ]
)


def story_key(title: str, uid: str) -> str:
    """Group the same story from several outlets: the title without its ' - Outlet' tail, as a word set.

    Short or missing titles (posts, reviews: "Acme - Elm St") say nothing about a story: such a mention is
    a story of its own (its uid), never lumped with every other untitled post.
    """
    base = _OUTLET_SUFFIX.sub("", title or "").strip() or (title or "")
    folded = unicodedata.normalize("NFKC", base).casefold()
    words = [w for w in _NON_WORD.sub(" ", folded).split() if w not in _STOP]
    if len(set(words)) < 4:
        return f"own:{uid}"
    return digest("story", " ".join(sorted(set(words[:12]))))


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def normalize_item(
    item: FetchedItem, *, source_id: int, source_kind: str, fetched_at: datetime
) -> NormalizedMention:
    link = unwrap_redirect(item.url)
    text = html_to_text(item.content_html)[:_MAX_TEXT]
    title = html_to_text(item.title)[:1000] if item.title else ""
    canonical = canonical_url(link)
    uid = mention_uid(canonical, source_kind, item.source_item_id, title, text)
    published = as_utc(item.published)
    estimated = published is None or published > fetched_at + CLOCK_SKEW
    if published is None or estimated:
        published = fetched_at
    published = min(published, fetched_at)  # a server clock a few minutes ahead is not "the future"
    return NormalizedMention(
        uid=uid,
        source_id=source_id,
        source_item_id=item.source_item_id or canonical or title or "text:" + uid,
        url=_without_tracking(link) if canonical and link else None,  # an http(s) link: canonical says so
        canonical_url=canonical,
        title=title,
        text=text,
        html=item.content_html[: _MAX_TEXT * 2] if item.content_html else "",
        author=one_line(item.author or "")[:200] or None,
        author_url=item.author_url if canonical_url(item.author_url) else None,
        published_at=published,
        published_estimated=estimated,
        fetched_at=fetched_at,
        story_key=story_key(title, uid),
        content_hash=content_hash(title, text),
        reach=item.reach,
        reach_label=item.reach_label,
        query=item.query,
        rating=item.rating,
    )
