"""Untrusted HTML: to plain text for scoring and search, and to a safe subset for display."""

from __future__ import annotations

import html as html_lib
import re

import nh3

_DROP_BLOCKS = re.compile(
    r"<(script|style|iframe|object|embed|noscript|template|head|svg|math)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote|p|div|li|h[1-6])\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]{0,2000}>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Control characters (C0 but tab and newline, DEL, C1): invisible at best, terminal escapes at worst.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# What the detail pane may render. No images by default: remote images are tracking pixels until asked for.
SAFE_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
SAFE_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"colspan"}, "th": {"colspan"}}


def one_line(text: str) -> str:
    """A name or other short field as one line: no control characters, each run of spaces one space."""
    return " ".join(_CONTROLS.sub("", text).split())


def html_to_text(markup: str) -> str:
    """Readable plain text from HTML: blocks become line breaks, scripts and styles vanish."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        return _SPACES.sub(" ", _CONTROLS.sub("", markup)).strip()
    text = _COMMENTS.sub(" ", markup)
    text = _DROP_BLOCKS.sub(" ", text)
    text = _BREAKS.sub("\n", text)
    text = _TAGS.sub(" ", text)
    text = _CONTROLS.sub("", html_lib.unescape(text))
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def sanitize_html(markup: str, *, allow_images: bool = False) -> str:
    """A safe subset for Qt's rich text: no scripts, styles, forms, frames, handlers; only http(s)/mailto links."""
    tags = set(SAFE_TAGS)
    attributes = {k: set(v) for k, v in SAFE_ATTRIBUTES.items()}
    if allow_images:
        tags.add("img")
        attributes["img"] = {"src", "alt", "title", "width", "height"}
    return nh3.clean(
        markup or "",
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def is_safe_link(url: str) -> bool:
    """Only http(s) links may be opened in the system browser."""
    return url.lower().startswith(("http://", "https://"))
