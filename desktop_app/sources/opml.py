"""OPML: the feed lists other readers import and export."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from desktop_app.core.errors import UserError


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    title: str
    url: str


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an xmlUrl, however deeply nested. Entity tricks are refused."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise UserError(
            "This is not a readable OPML file: it declares XML entities, which Earshot refuses for safety."
        ) from exc
    except (SafeET.ParseError, ValueError) as exc:
        raise UserError(f"This is not a readable OPML file ({exc}).") from exc
    if root.tag.lower() != "opml":
        raise UserError("This is not an OPML file (its root element is not <opml>).")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = _feed_scheme_to_http((outline.get("xmlUrl") or outline.get("xmlurl") or "").strip())
        if not url or url in seen:
            continue
        seen.add(url)
        title = (outline.get("title") or outline.get("text") or "").strip()
        feeds.append(OpmlFeed(title=title, url=url))
    return feeds


def _feed_scheme_to_http(url: str) -> str:
    """Old readers wrote feed://host/path and feed:https://host/path."""
    lowered = url.lower()
    if lowered.startswith("feed:http"):
        return url[5:]
    if lowered.startswith("feed://"):
        return "http://" + url[7:]
    return url


def write_opml(feeds: list[OpmlFeed], title: str) -> bytes:
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    body = SubElement(root, "body")
    for feed in feeds:
        SubElement(body, "outline", type="rss", text=feed.title, title=feed.title, xmlUrl=feed.url)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8")
