"""Cheap checks on a fetched body before any XML parser sees it.

Entity bombs: expat >= 2.4 stops "billion laughs" by itself, but that depends on the expat the app is
bundled with; this check refuses nested, parameter and external entities and huge entity values whatever
the parser version. Plain entities such as <!ENTITY nbsp "&#160;"> (old RSS 0.91 feeds) stay allowed.
"""

from __future__ import annotations

import re

from desktop_app.core.errors import NotAFeed

_PROLOG_BYTES = 64 * 1024
_MAX_ENTITY_TEXT = 16 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.DOTALL)
_ENTITY_REF = re.compile(rb"[&%][A-Za-z_:][\w.:-]*;")
_HTML_START = re.compile(
    rb"^(<!--.*?-->\s*)*<(!doctype\s+html|html\b|head\b|body\b)", re.IGNORECASE | re.DOTALL
)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF|channel)\b")
_BOM = b"\xef\xbb\xbf"

BOMB_MESSAGE = (
    "Not a feed: the document defines XML entities that expand without limit or load other files "
    "(a known attack); Earshot refuses to read it."
)


# Wide encodings, by BOM or by how "<?" looks in them (XML 1.0 appendix F): the byte patterns below are
# written in ASCII, so a UTF-16 or UTF-32 document is read as UTF-8 before they look at it.
_WIDE = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"<\x00!\x00", "utf-16-le"),
)


def _narrow(body: bytes) -> bytes:
    for start, encoding in _WIDE:
        if body.startswith(start):
            return body.decode(encoding, errors="replace").lstrip("\ufeff").encode("utf-8")
    return body


def check_entities(body: bytes) -> None:
    """Raise NotAFeed if the DOCTYPE declares dangerous entities (in any encoding a feed may use)."""
    body = _narrow(body)
    head = body[:_PROLOG_BYTES]
    if not _DOCTYPE.search(head):
        return
    total = 0
    for match in _ENTITY.finditer(body):
        parameter, value = match.group(1), match.group(2)
        if parameter or value in (b"SYSTEM", b"PUBLIC") or _ENTITY_REF.search(value):
            raise NotAFeed(BOMB_MESSAGE)
        total += len(value)
        if total > _MAX_ENTITY_TEXT:
            raise NotAFeed(BOMB_MESSAGE)


def strip_bom(body: bytes) -> bytes:
    body = body.lstrip()
    return body[len(_BOM) :].lstrip() if body.startswith(_BOM) else body


def looks_like_json(body: bytes) -> bool:
    return body[:1] in (b"{", b"[")


def looks_like_html(body: bytes, content_type: str) -> bool:
    """An HTML page (a login, consent or error page), not a feed that a server labelled text/html."""
    head = body[:4096]
    xml_head = _strip_xml_decl(head)
    if _HTML_START.match(xml_head):
        return True
    return "html" in content_type and not _FEED_ROOT.search(body[:_PROLOG_BYTES])


def _strip_xml_decl(head: bytes) -> bytes:
    if head.startswith(b"<?xml"):
        end = head.find(b"?>")
        return head[end + 2 :].lstrip() if end >= 0 else head
    return head
