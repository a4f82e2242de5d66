"""A cheap first-character test in front of a regex, computed from the regex itself.

Python's regex engine tries a pattern at every position of the text. A pattern that opens with a lookbehind
(as every cue does: matches start at a word start) gets none of the engine's own prefix scanning, so each
position runs the lookbehind and then every alternative. `(?=[F])`, where F holds every character a match
can start with, rejects most positions in one step. F is derived from the parsed pattern and is a superset
of the true first characters, so the prefixed pattern matches exactly what the original matches (a pattern
that can match the empty string, or start with any character, is left as it is). The lookahead is compiled
with the pattern's own flags, so under IGNORECASE its class folds case exactly as the literals it came from.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

# The standard library's own regex parser (what re.compile runs); typeshed does not describe it.
_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")  # the parser's node names

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_WORD: r"\w", C.CATEGORY_SPACE: r"\s"}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


class _Unbounded(Exception):
    """The pattern may start with (almost) any character: no useful prefilter."""


def _literal(code: int) -> str:
    return re.escape(chr(code))


def _first(items: Any, out: list[str]) -> bool:
    """Add the characters a match of this node sequence may start with to `out`; True if it may be empty."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # zero-width: ignoring its condition keeps the set a superset
        if op is C.LITERAL:
            out.append(_literal(av))
            return False
        if op is C.IN:
            _class(av, out)
            return False
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unbounded
            if not _first(sub, out):
                return False
            continue
        if op is C.BRANCH:
            nullable = False
            for alternative in av[1]:
                nullable = _first(alternative, out) or nullable
            if not nullable:
                return False
            continue
        if op in _REPEATS:
            low, _high, sub = av
            if not _first(sub, out) and low > 0:
                return False
            continue
        raise _Unbounded  # ANY, NOT_LITERAL, group references...
    return True


def _class(items: Any, out: list[str]) -> None:
    for op, av in items:
        if op is C.LITERAL:
            out.append(_literal(av))
        elif op is C.RANGE:
            out.append(f"{_literal(av[0])}-{_literal(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise _Unbounded  # a negated class, a "not" category


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class holding every character a match of `pattern` can start with, or None."""
    if flags & re.VERBOSE:
        return None
    out: list[str] = []
    try:
        nullable = _first(_parser.parse(pattern, flags), out)
    except _Unbounded:
        return None
    if nullable or not out:
        return None
    return "[" + "".join(dict.fromkeys(out)) + "]"


def prefiltered(pattern: str, flags: int = 0) -> str:
    """`pattern` behind a first-character lookahead when one can be derived (the same matches, faster).
    Compile the result with the same `flags`."""
    chars = first_chars(pattern, flags)
    return pattern if chars is None else f"(?={chars})(?:{pattern})"


def compile_prefiltered(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(prefiltered(pattern, flags), flags)


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each "(", ")" and "|" of `pattern` from `start` that is
    not escaped and not inside a character class."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a leading "]" is a literal
                i += 1
        elif ch in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[ch]
            yield i, ch, depth
        i += 1


def _top_level_alternatives(pattern: str) -> list[str]:
    """`pattern` split at the "|" that are outside every group and character class."""
    parts: list[str] = []
    start = 0
    for i, ch, depth in _structure(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def after_word_start(pattern: str) -> str:
    """`pattern`, which is only ever tried where the previous character is not a word character (behind
    `(?<![\\w'])`), without the `\\b` that opens an alternative before a letter or digit: there it always
    holds, and an alternative that opens with a literal is one the engine can reject at a glance."""
    return "|".join(
        alt[2:] if _opens_with_word_literal(alt) else alt for alt in _top_level_alternatives(pattern)
    )


def word_start_alternatives(pattern: str) -> list[str]:
    """`after_word_start(pattern)`'s top-level alternatives."""
    return _top_level_alternatives(after_word_start(pattern))


def _opens_with_word_literal(alternative: str) -> bool:
    """`\\b` then a letter or digit that must be there (not made optional by a following ?, * or {0,...})."""
    first, after = alternative[2:3], alternative[3:4]
    return (
        alternative.startswith("\\b") and first.isascii() and first.isalnum() and after not in ("?", "*", "{")
    )


# --- Alternatives grouped by their first character -------------------------------------------------------
# The engine tries an alternation's alternatives one after another at every position; one that opens with a
# literal it rejects at a glance, but a cue set has 20 to 130 of them. `by_first_char` rewrites
# "refund\w*|rude\b|money back" as "r(?:efund\w*|ude\b)|m(?:oney back)": the same alternatives in the same
# order among those that can match at a position, so the same first match there (an ordered alternation
# distributes: (A|B)C tries AC then BC), found after one test per first character (a combined cue scan
# ~14 -> ~6.5 us on a synthetic mention).

_QUANTIFIERS = ("?", "*", "+", "{")


def _closing_paren(pattern: str, start: int) -> int:
    """Index of the ")" closing the group that opens at `start`."""
    for i, ch, depth in _structure(pattern, start):
        if ch == ")" and depth == 0:
            return i
    raise ValueError(f"unbalanced group in {pattern!r}")


Piece = tuple[str, str]  # (first character, the rest), or ("", a pattern that may start otherwise)


def _pieces(alternative: str) -> list[Piece]:
    """The alternative as pieces tried in this order that match what it matches where the previous character
    is not a word character. "(?:a|b)C" is "aC|bC"; "\\b" before pieces that all open with a word character
    always holds there; "\\d+" is "\\d" then "\\d*"."""
    if alternative.startswith("\\b"):
        inner = _pieces(alternative[2:])
        if all(head for head, _ in inner):  # every head is a letter or \d: a word character
            return inner
        return [("", _guarded(alternative))]
    if alternative.startswith("(?:"):
        end = _closing_paren(alternative, 0)
        rest = alternative[end + 1 :]
        if rest[:1] not in _QUANTIFIERS:
            inner_alternatives = _top_level_alternatives(alternative[3:end])
            pieces = [piece for inner in inner_alternatives for piece in _pieces(inner + rest)]
            if all(
                head for head, _ in pieces
            ):  # else left whole: copies of a long rest cost more than they save
                return pieces
    if alternative.startswith("\\d+") and alternative[3:4] not in _QUANTIFIERS:
        return [("\\d", "\\d*" + alternative[3:])]
    first, after = alternative[:1], alternative[1:2]
    if first.isascii() and first.isalpha() and after not in _QUANTIFIERS:
        return [(first, alternative[1:])]
    return [("", _guarded(alternative))]


def _zero_width_prefix(alternative: str) -> int:
    """Where the lookbehinds and "^" an alternative opens with end (0 when it opens with neither)."""
    i = 0
    while True:
        if alternative.startswith(("(?<!", "(?<="), i):
            i = _closing_paren(alternative, i) + 1
        elif alternative.startswith("^", i):
            i += 1
        else:
            return i


def _guarded(alternative: str) -> str:
    """An alternative that opens with lookbehinds or "^" before a part whose pieces all have a first
    character, behind a lookahead for that part: implied by what follows, so the same matches, but most
    positions fail it at the first character instead of after every lookbehind (the "mishap" cue's seven)."""
    i = _zero_width_prefix(alternative)
    rest = alternative[i:]
    if not i or not rest or not all(head for head, _ in _pieces(rest)):
        return alternative
    return f"(?={by_first_char([rest])[0]}){alternative}"


def by_first_char(alternatives: list[str], marked: bool = False) -> tuple[str, list[int]]:
    """The alternation of `alternatives` (patterns without capturing groups, tried only where the previous
    character is not a word character, as behind `(?<![\\w'])`) with runs of alternatives regrouped by first
    character. A piece that may open otherwise stays where it is, between the runs before and after it.
    With `marked`, each piece ends in an empty group, and the second value gives, for each group number - 1,
    the index of the alternative it belongs to: `match.lastindex` tells which one matched."""
    segments: list[str] = []
    owners: list[int] = []
    run: dict[str, list[tuple[str, int]]] = {}
    mark = "()" if marked else ""

    def close_run() -> None:
        for head, rests in run.items():
            segments.append(f"{head}(?:{'|'.join(rest + mark for rest, _ in rests)})")
            owners.extend(index for _, index in rests)
        run.clear()

    for index, alternative in enumerate(alternatives):
        if re.compile(alternative).groups:
            raise ValueError(f"capturing group in {alternative!r}")
        for head, rest in _pieces(alternative):
            if head:
                run.setdefault(head, []).append((rest, index))
            else:
                close_run()
                segments.append(rest + mark)
                owners.append(index)
    close_run()
    return "|".join(segments), owners if marked else []


def word_start_alternation(pattern: str) -> str:
    """`pattern`, an alternation tried only behind `(?<![\\w'])`, as the same alternation grouped by first
    character."""
    return by_first_char(word_start_alternatives(pattern))[0]


def _literal_run(piece: str) -> str:
    """The plain characters a piece opens with, each one that must be there (none made optional)."""
    out: list[str] = []
    for i, ch in enumerate(piece):
        if not (ch.isalnum() or ch in " '") or piece[i + 1 : i + 2] in _QUANTIFIERS:
            break
        out.append(ch)
    return "".join(out)


def opening_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` (tried behind `(?<![\\w'])`) starts with, or None when
    some alternative may open otherwise: a text holding none of them cannot match."""
    literals: list[str] = []
    for alternative in word_start_alternatives(pattern):
        found = _opening_literals(alternative)
        if found is None:
            return None
        literals += found
    return tuple(dict.fromkeys(literals))


def _opening_literals(alternative: str) -> list[str] | None:
    literals: list[str] = []
    for head, rest in _pieces(alternative):
        if not head:  # it may open otherwise: what follows its lookbehinds, if any, opens every match
            start = _zero_width_prefix(alternative)
            found = _opening_literals(alternative[start:]) if start else None
            if found is None:
                return None
            literals += found
            continue
        literal = _literal_run(head + rest) if head != "\\d" else ""
        if not literal:
            return None
        literals.append(literal)
    return literals


def may_open(text: str, openings: tuple[str, ...] | None) -> bool:
    """The text holds one of `opening_literals` (or they are not known): else the pattern cannot match."""
    if openings is None:
        return True
    for opening in openings:  # noqa: SIM110 - a plain loop: any() over a generator costs ~0.4 us more
        if opening in text:
            return True
    return False
