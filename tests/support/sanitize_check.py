"""Judging the HTML the detail pane renders, with html.parser (never regexes), and feeding it the corpus.

Shared by tests/realworld/test_sanitizer_corpus.py and benchmarks/reliability.py: plain Python, no pytest,
no Qt. `detail_html` is the pane's own path (ui.detail_data.body_html, which the pane hands to its browser).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser

from desktop_app.ui.detail_data import DetailData, body_html

MUTED = "#80868b"

# Tags that may appear: text structure and links. Chosen here, independently of the product's allow-list.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
})  # fmt: skip
ACTIVE_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "option", "img", "image", "picture", "source", "video", "audio", "track", "link",
    "meta", "base", "svg", "math", "bgsound", "xml", "template", "noscript", "isindex", "keygen", "marquee",
    "blink", "layer", "ilayer", "portal",
})  # fmt: skip
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "background", "lowsrc", "dynsrc", "poster", "data", "codebase",
    "cite", "longdesc", "usemap", "xlink:href", "srcset", "profile", "classid", "archive", "manifest",
    "ping",
})  # fmt: skip
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "earshot", ""})  # "": relative, inert in the pane
BAD_CSS = ("url(", "expression", "@import", "behavior", "javascript", "-moz-binding", "image(", "\\")

# Classic vectors beyond the corpus: obfuscated schemes, mutation XSS, CSS that fetches.
CLASSIC_VECTORS = (
    '<a href="jav&#x09;ascript:alert(1)">x</a><a href=" &#14; javascript:alert(1)">y</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a><a href="vbscript:msgbox(1)">v</a><a href="data:text/html,<b>">d</a>',
    "<svg><script>alert(1)</script></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div style="background:url(http://t.example/p.gif)">a</div><p style="x:expression(alert(1))">b</p>',
    '<link rel="stylesheet" href="http://t.example/s.css"><style>@import "http://t.example/s.css";</style>',
    '<img src="http://t.example/p.gif"><image href="http://t.example/q"><input type="image" src="/x">',
    '<table background="http://t.example/bg.png"><tr><td background="http://t.example/td.png">t</td></tr></table>',
    '<!--[if gte IE 4]><script>alert(1)</script><![endif]--><noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<form action="http://t.example/"><button formaction="javascript:alert(1)">go</button></form>',
    '<object data="http://t.example/x.swf"></object><embed src="http://t.example/x.swf"><iframe srcdoc="<script>">',
    '<base href="http://t.example/"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<p onmouseover="alert(1)" ONCLICK=alert(2)>p</p><a href="http://ok.example/" onfocus="x()">ok</a>',
)


def _squash(value: str) -> str:
    """What a browser would see as the scheme: control characters and spaces vanish, case folds."""
    return "".join(ch for ch in value if ch > " " and ch != "\x7f").lower()


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")


def _scheme(url: str) -> str:
    """The URL's scheme as a browser reads it ('' for a relative link). Per the URL standard a scheme starts
    with a letter: `0http://x` is a relative path, inert."""
    head = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return ""
    scheme = head.split(":", 1)[0]
    return scheme if _SCHEME.fullmatch(scheme) else ""


class _Judge(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.findings.append(f"<{tag}> survived")
        elif tag not in ALLOWED_TAGS:
            self.findings.append(f"unexpected tag <{tag}>")
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str) -> None:
        plain = _squash(value)
        if name.startswith("on"):
            self.findings.append(f"event handler {name} on <{tag}>")
        elif name in URL_ATTRIBUTES:
            if name != "href" or tag != "a":
                self.findings.append(f"{name}= on <{tag}> (a resource to fetch)")
            elif _scheme(plain) not in SAFE_SCHEMES:
                self.findings.append(f"unsafe link {value[:60]!r}")
        elif name == "style":
            for needle in BAD_CSS:
                if needle in plain:
                    self.findings.append(f"style with {needle!r} on <{tag}>")
        elif any(scheme in plain for scheme in ("javascript:", "vbscript:", "data:")):
            self.findings.append(f"{name}= holds a script or data URL")

    def handle_comment(self, data: str) -> None:
        self.findings.append("a comment survived (conditional comments run in old engines)")

    def handle_pi(self, data: str) -> None:
        self.findings.append(f"processing instruction <?{data[:40]}>")

    def handle_decl(self, decl: str) -> None:
        self.findings.append(f"declaration <!{decl[:40]}>")

    def unknown_decl(self, data: str) -> None:
        self.findings.append(f"declaration <![{data[:40]}>")


def unsafe_findings(markup: str) -> list[str]:
    """What in `markup` could run code, load anything, or reach outside: empty when it is safe to render."""
    judge = _Judge()
    judge.feed(markup)
    judge.close()
    return judge.findings


def detail_html(mention: dict[str, Any]) -> str:
    """Exactly what the detail pane sets on its text browser for this mention."""
    return body_html(DetailData(mention), MUTED)


def sanitizer_files(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "tests" / "wellformed" / "sanitize").glob("*") if p.is_file())


def fragments(path: Path) -> list[str]:
    """Every piece of text or markup the feed carries, raw (feedparser with its own sanitizer off)."""
    parsed = feedparser.parse(io.BytesIO(path.read_bytes()), sanitize_html=False, resolve_relative_uris=False)
    found = list(_strings(parsed.get("feed", {}))) + [
        s for e in parsed.get("entries", []) for s in _strings(e)
    ]
    return [s for s in dict.fromkeys(found) if s.strip()]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
