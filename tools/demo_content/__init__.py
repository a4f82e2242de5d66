"""Hand-written text fragments for the Earshot demo workspace (Northwind Coffee Roasters, fictional).

Each module holds plain data; tools/make_demo_workspace.py assembles it deterministically.
Entry helper: E(src, title, body, mood, ...). Placeholders {shop}, {drink}, {mins}, {staff}, {day}
are filled by the assembler. Bodies are plain text (paragraphs split on blank lines) unless they
start with "<", in which case they are raw HTML.
"""

from __future__ import annotations

from typing import Any


def E(
    src: str | tuple[str, ...],
    title: str,
    body: str,
    mood: str,
    *,
    who: str | None = None,
    rating: int | None = None,
    var: int = 0,
    th: str | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """One hand-written mention.

    src: source kind(s) it fits ("reddit", ("yelp", "trustpilot"), or an exact source key).
    mood: angry | complaint | mild | praise | defend | question | suggest | neutral | crisis | news.
    who: a recurring person's key (people.py) or None for a one-off author.
    var: how many extra copies to make with different substitutions (different shop/drink/author).
    th: reply theme (replies.py); defaults to the module's theme.
    key: a stable name so stories.py can refer to it.
    """
    return {
        "src": src if isinstance(src, tuple) else (src,),
        "title": title,
        "body": body,
        "mood": mood,
        "who": who,
        "rating": rating,
        "var": var,
        "th": th,
        "key": key,
    }
