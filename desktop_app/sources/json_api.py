"""A generic JSON API source, and the small JSON helpers the API connectors share.

Paths use a small JSONPath-like syntax: dotted names with `[*]` (every element) and `[n]` (one element),
e.g. `data.children[*].data`. An empty path is the whole body.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from desktop_app.core.errors import AuthError, BadResponse, Blocked, NotAFeed
from desktop_app.core.models import FetchedItem, FetchResult
from desktop_app.sources.base import ConfigField, SourceState
from desktop_app.sources.feed_guard import looks_like_html, strip_bom
from desktop_app.sources.http import HttpClient, HttpResponse

JSON_ACCEPT = "application/json, */*;q=0.5"
MAX_PAGES = 3
SEEN_KEEP = 500  # item ids remembered in a cursor
_NUMBER = re.compile(r"\s*\d+(\.\d+)?\s*")
_TOKEN = re.compile(r"\s*(?:([^.\[\]]+)|\[(\*|-?\d+)\])\s*\.?")


# ---- JSON bodies ----------------------------------------------------------------------------------------


def load_json(response: HttpResponse, what: str) -> Any:
    """The decoded body; NotAFeed for a web page, BadResponse for anything else that is not JSON."""
    body = strip_bom(response.body)
    host = urlsplit(response.url).hostname or "the site"
    if not body:
        raise BadResponse(f"{host} returned an empty answer where {what} was expected.")
    if body[:1] == b"<" and looks_like_html(body, response.content_type):
        raise NotAFeed(f"{host} returned a web page (maybe a login or error page), not {what}.")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadResponse(
            f"{host} returned broken data (not valid JSON) where {what} was expected."
        ) from None


def get_json(
    http: HttpClient,
    url: str,
    what: str,
    headers: Mapping[str, str] | None = None,
    *,
    token_sent: bool = False,
) -> tuple[Any, HttpResponse]:
    """GET and decode; a 403 counts as a rejected key when one was sent."""
    try:
        response = http.get(url, headers=headers, accept=JSON_ACCEPT)
    except Blocked as exc:
        if token_sent:
            raise AuthError(f"{exc} The key or token may lack permission; check it.") from exc
        raise
    return load_json(response, what), response


def with_query(url: str, params: Mapping[str, Any]) -> str:
    """`url` with `params` added to its query string (values None are left out)."""
    parts = urlsplit(url)
    extra = urlencode({k: str(v) for k, v in params.items() if v is not None})
    query = f"{parts.query}&{extra}" if parts.query and extra else (parts.query or extra)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def server_url(config: Mapping[str, Any], default: str, key: str = "server") -> str:
    return str(config.get(key) or default).strip().rstrip("/")


# ---- paths ----------------------------------------------------------------------------------------------


def parse_path(path: str) -> list[str | int | None]:
    """`a.b[*].c[0]` -> ["a", "b", None, "c", 0]; None means every element. Raises ValueError."""
    steps: list[str | int | None] = []
    pos, text = 0, path.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError(f"cannot read the path {path!r} at {text[pos:]!r}")
        name, index = match.groups()
        if name is not None:
            steps.append(name.strip())
        else:
            steps.append(None if index == "*" else int(index))
        pos = match.end()
    return steps


def select(data: Any, path: str) -> list[Any]:
    """Every value at `path` in `data` (an empty path selects `data` itself)."""
    nodes = [data]
    for step in parse_path(path):
        found: list[Any] = []
        for node in nodes:
            if step is None:
                if isinstance(node, list):
                    found.extend(node)
                elif isinstance(node, dict):
                    found.extend(node.values())
            elif isinstance(step, int):
                if isinstance(node, list) and -len(node) <= step < len(node):
                    found.append(node[step])
            elif isinstance(node, dict) and step in node:
                found.append(node[step])
        nodes = found
    return nodes


def first(data: Any, path: str | None) -> Any:
    if not path:
        return None
    values = [v for v in select(data, path) if v is not None]
    return values[0] if values else None


# ---- values ---------------------------------------------------------------------------------------------


def text_of(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip() if isinstance(value, str | int | float) else ""


def escape_text(text: str) -> str:
    """Plain text as HTML (line breaks kept)."""
    return html.escape(text, quote=False).replace("\n", "<br>\n")


def parse_time(value: Any) -> datetime | None:
    """Epoch seconds (or milliseconds), or an ISO 8601 / RFC 3339 string, to an aware UTC datetime."""
    if isinstance(value, bool) or value is None:
        return None
    number: float | None = None
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        number = float(value)
    if number is not None:
        if number > 1e11:  # milliseconds
            number /= 1000.0
        try:
            return datetime.fromtimestamp(number, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    text = text_of(value)
    return int(text) if text.lstrip("-").isdigit() else None


def digest(*parts: str) -> str:
    return "sha1:" + hashlib.sha1("\n".join(parts).encode("utf-8", "replace")).hexdigest()


# ---- a cursor of recently seen items, for sources without a server-side "since" ---------------------------


def _short(item_id: str) -> str:
    return hashlib.sha1(item_id.encode("utf-8", "replace")).hexdigest()[:12]


def read_seen(cursor: str | None) -> list[str]:
    if not cursor:
        return []
    try:
        data = json.loads(cursor)
    except ValueError:
        return []
    seen = data.get("seen") if isinstance(data, dict) else None
    return [str(s) for s in seen] if isinstance(seen, list) else []


def only_new(items: Iterable[FetchedItem], cursor: str | None) -> tuple[list[FetchedItem], str]:
    """Items not seen at earlier polls, and the cursor that remembers them (the newest SEEN_KEEP ids)."""
    seen = read_seen(cursor)
    known = set(seen)
    fresh: list[FetchedItem] = []
    current: list[str] = []
    for item in items:
        key = _short(item.source_item_id)
        current.append(key)
        if key not in known:
            fresh.append(item)
            known.add(key)
    remembered = list(dict.fromkeys([*current, *seen]))[:SEEN_KEEP]
    return fresh, json.dumps({"seen": remembered}, separators=(",", ":"))


# ---- the generic connector ------------------------------------------------------------------------------


def _path_field(name: str, label: str, example: str, required: bool = False) -> ConfigField:
    return ConfigField(name, label, "text", required=required, help=f"A path in each item, e.g. {example}")


class JsonApiConnector:
    kind: str = "json_api"
    label: str = "JSON API (custom)"
    default_interval_minutes: int = 30
    fields: tuple[ConfigField, ...] = (
        ConfigField("url", "API address", "url", help="The URL that returns JSON"),
        ConfigField(
            "items", "Items path", required=False, default="",
            help="Where the list of items is, e.g. data.children[*].data (empty: the body is the list)",
        ),
        _path_field("id", "Id path", "id"),
        _path_field("title", "Title path", "title"),
        _path_field("text", "Text path", "selftext"),
        _path_field("link", "Link path", "url"),
        _path_field("author", "Author path", "author"),
        _path_field("published", "Published path", "created_utc (epoch seconds or ISO 8601)"),
        _path_field("reach", "Reach path", "score"),
        ConfigField(
            "next", "Next page path", required=False,
            help="Where the body gives the next page: a URL, or a token sent as the Next page parameter",
        ),
        ConfigField("next_param", "Next page parameter", required=False, help="e.g. after"),
        ConfigField("auth_header", "Auth header name", required=False, help="e.g. Authorization or X-Api-Key"),
        ConfigField("auth_value", "Auth header value", "secret", required=False, help="Kept in the keyring"),
        ConfigField("max_pages", "Pages per poll", "int", required=False, default=MAX_PAGES),
    )  # fmt: skip

    def fetch(
        self, config: Mapping[str, Any], state: SourceState, http: HttpClient, secrets: Mapping[str, str]
    ) -> FetchResult:
        headers: dict[str, str] = {}
        header, value = text_of(config.get("auth_header")), secrets.get("auth_value")
        if header and value:
            headers[header] = value
        url = str(config["url"]).strip()
        items: list[FetchedItem] = []
        pages = max(1, min(int(config.get("max_pages") or MAX_PAGES), 10))
        for _ in range(pages):
            data, response = get_json(http, url, "JSON data", headers, token_sent=bool(headers))
            page = self._items(data, config, response.url)
            items.extend(page)
            following = self._next_url(data, config, url)
            if not page or not following or following == url:
                break
            if headers and urlsplit(following)[:2] != urlsplit(url)[:2]:
                break  # never send the key to another site
            url = following
        fresh, cursor = only_new(items, state.cursor)
        return FetchResult(items=fresh, cursor=cursor)

    def _items(self, data: Any, config: Mapping[str, Any], base: str) -> list[FetchedItem]:
        try:
            raw = select(data, str(config.get("items") or ""))
        except ValueError as exc:
            raise BadResponse(f"The items path is not valid: {exc}.") from None
        if len(raw) == 1 and isinstance(raw[0], list):
            raw = raw[0]
        if not raw and not isinstance(data, dict | list):
            raise BadResponse("The API answered with a single value, not a list of items.")
        return [self._item(entry, config, base) for entry in raw if isinstance(entry, dict)]

    def _item(self, entry: dict[str, Any], config: Mapping[str, Any], base: str) -> FetchedItem:
        def get(key: str) -> Any:
            try:
                return first(entry, text_of(config.get(key)) or None)
            except ValueError as exc:
                raise BadResponse(f"The {key} path is not valid: {exc}.") from None

        title, text, link = text_of(get("title")), text_of(get("text")), text_of(get("link"))
        item_id = text_of(get("id")) or link or digest(title, text)
        return FetchedItem(
            source_item_id=item_id,
            url=urljoin(base, link) if link else None,
            title=title,
            content_html=escape_text(text),
            author=text_of(get("author")) or None,
            published=parse_time(get("published")),
            reach=int_or_none(get("reach")),
            reach_label="score" if config.get("reach") else None,
        )

    def _next_url(self, data: Any, config: Mapping[str, Any], current: str) -> str | None:
        try:
            token = text_of(first(data, text_of(config.get("next")) or None))
        except ValueError:
            return None
        if not token:
            return None
        if token.startswith(("http://", "https://", "/")):
            return urljoin(current, token)
        param = text_of(config.get("next_param"))
        if not param:
            return None
        parts = urlsplit(current)
        kept = "&".join(p for p in parts.query.split("&") if p and not p.startswith(f"{param}="))
        return with_query(urlunsplit((*parts[:3], kept, parts.fragment)), {param: token})
