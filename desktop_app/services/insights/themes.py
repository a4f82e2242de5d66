"""Themes: what people talk about, as frequent phrases of content words grouped by their head word.

No NLTK corpora ship with Earshot, so TextBlob's noun phrases usually fail (LookupError/MissingCorpusError);
they are used only when a probe shows they work. The fallback: lower-case words, minus stop words, brand and
competitor words, numbers and words under 3 letters; plural -s folded onto the singular when both occur;
phrases = single content words and pairs of adjacent content words; a pair joins the group of its last word
(its head: "mobile app" and "app crashes" are about different heads); a word seen mostly (60%+) as the
first word of one pair ("cold" in "cold brew") is left to that pair's head. A theme is a head word, counted by the
mentions that contain it; its label is its most common pair when that pair covers at least 40% of them.
Large windows are sampled evenly (at most MAX_TEXTS texts) and the sample size is reported.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from desktop_app.services.insights.window import window_sql

MAX_TEXTS = 20_000
MIN_DOCS = 2
LABEL_SHARE = 0.4
ABSORBED = 0.6
EXAMPLES = 3

_STOP_TEXT = """
    a about above after again against all almost also although always am among an and another any anybody
    anyone anything anyway anywhere are aren't around as at away back be became because become been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
    done down during each either else enough even ever every everyone everything except few for from further
    get gets getting got gotten had hadn't has hasn't have haven't having he her here hers herself him
    himself his how however i i'd i'll i'm i've if in into is isn't it it's its itself just least less let
    let's like likely made make makes making many may maybe me might mine more most much must my myself near
    need needs neither never new next no nobody none nor not nothing now of off often oh ok okay on once one
    only onto or other others otherwise our ours ourselves out over own per perhaps please quite rather
    really said same say says see seem seems seen several shall she should shouldn't since so some somebody
    someone something sometimes somewhere soon still such sure take than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've thing things think this those
    though through thru to too toward towards under unless until up upon us use used using very via was
    wasn't way we we'd we'll we're we've well went were weren't what what's whatever when where whether
    which while who who's whole whom whose why will with within without won't would wouldn't yes yet you
    you'd you'll you're you've your yours yourself yourselves today yesterday tomorrow week weeks day days
    time times year years month months minute hour hours lol lmao omg yeah yep nope thanks thank thx pls
    literally actually honestly basically seriously totally good great bad better best worse worst nice
    awesome terrible horrible amazing love loved hate hated going go goes gone come comes came know knew
    want wanted tell told look looks looked feel felt try tried keep kept give gave put lot lots bit little
    big first last long still again else anyone guys people morning afternoon evening night tonight weekend
    monday tuesday wednesday thursday friday saturday sunday two three four five six seven eight nine ten
    twice http https www com html amp quot nbsp
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]|\d[\d.,:]*")
_BREAK = re.compile(r"[.!?;:,()\[\]\"“”|/\n]+")


@dataclass(frozen=True, slots=True)
class Theme:
    label: str  # what to show: the head word or its most common phrase
    head: str
    mentions: int  # in the sample
    negative: int
    phrases: tuple[str, ...]  # the most common phrases of the group
    example_ids: tuple[int, ...]
    mention_ids: tuple[int, ...] = field(default=(), repr=False)  # every sampled mention of the theme

    @property
    def negative_share(self) -> float:
        return self.negative / self.mentions if self.mentions else 0.0


@dataclass(frozen=True, slots=True)
class ThemeResult:
    themes: tuple[Theme, ...]
    sampled: int
    total: int
    method: str  # "noun phrases (TextBlob)" or "frequent words and word pairs"


def _excluded_words(terms: Iterable[str]) -> frozenset[str]:
    words: set[str] = set()
    for term in terms:
        for w in _WORD.findall(term.casefold()):
            words.add(w)
            words.add(w + "s")
            words.add(w + "'s")
    return frozenset(words)


def _content_runs(text: str, excluded: frozenset[str]) -> list[list[str]]:
    """Runs of adjacent content words; stop words and punctuation break runs."""
    runs: list[list[str]] = []
    for clause in _BREAK.split(text.casefold()):
        run: list[str] = []
        for word in _TOKEN.findall(clause):
            word = word.replace("’", "'").removesuffix("'s")
            if word[0].isdigit() or len(word) < 3 or word in STOP_WORDS or word in excluded or "'" in word:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(word)
        if run:
            runs.append(run)
    return runs


def _doc_phrases(text: str, excluded: frozenset[str]) -> tuple[set[str], set[tuple[str, str]]]:
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for run in _content_runs(text, excluded):
        words.update(run)
        pairs.update(itertools.pairwise(run))
    return words, pairs


@cache
def noun_phrases_work() -> bool:
    """True when TextBlob can produce noun phrases here (it needs NLTK corpora that may be missing)."""
    try:
        from textblob import TextBlob

        return bool(TextBlob("The mobile app crashes at the checkout page.").noun_phrases)
    except Exception:  # LookupError, textblob's MissingCorpusError, ImportError
        return False


def _textblob_phrases(text: str, excluded: frozenset[str]) -> tuple[set[str], set[tuple[str, str]]]:
    from textblob import TextBlob

    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for phrase in TextBlob(text).noun_phrases:
        run = [w for w in _WORD.findall(phrase) if len(w) >= 3 and w not in STOP_WORDS and w not in excluded]
        words.update(run)
        pairs.update(itertools.pairwise(run))
    return words, pairs


def _sample(
    conn: sqlite3.Connection, since: int | None, until: int | None, limit: int
) -> tuple[list[tuple[int, str, str]], int]:
    where, params = window_sql(since, until)
    total = int(conn.execute(f"SELECT count(*) FROM mentions m WHERE {where}", params).fetchone()[0])
    step = max(1, -(-total // limit))
    cur = conn.cursor()
    cur.row_factory = None
    rows = cur.execute(
        "SELECT id, label, title || ' . ' || substr(text, 1, 1500) FROM ("
        f" SELECT m.id, m.label, m.title, m.text, row_number() OVER (ORDER BY m.id) AS n"
        f" FROM mentions m WHERE {where}) WHERE n % ? = 0 LIMIT ?",
        [*params, step, limit],
    ).fetchall()
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows], total


def _fold_plurals(counter: Counter[str]) -> dict[str, str]:
    return {w: w[:-1] for w in counter if w.endswith("s") and not w.endswith("ss") and w[:-1] in counter}


def _absorbed(
    word: str, count: int, as_modifier: Counter[str], by_head: dict[str, list[tuple[str, int]]]
) -> bool:
    """Mostly the first word of one pair, and not itself the head of a common pair."""
    heads_a_pair = any(n >= LABEL_SHARE * count for _, n in by_head.get(word, ()))
    return as_modifier[word] >= ABSORBED * count and not heads_a_pair


def themes(
    conn: sqlite3.Connection,
    since: int | None,
    until: int | None,
    *,
    exclude_terms: Sequence[str] = (),
    limit: int = 10,
    max_texts: int = MAX_TEXTS,
) -> ThemeResult:
    """The `limit` most common themes of the window's mentions. `exclude_terms`: brand, aliases, competitors."""
    docs, total = _sample(conn, since, until, max_texts)
    return themes_of(docs, total=total, exclude_terms=exclude_terms, limit=limit)


def themes_of(
    docs: Sequence[tuple[int, str, str]],
    *,
    total: int | None = None,
    exclude_terms: Sequence[str] = (),
    limit: int = 10,
) -> ThemeResult:
    """Themes of (mention id, label, text) triples."""
    excluded = _excluded_words(exclude_terms)
    use_blob = noun_phrases_work()
    extract = _textblob_phrases if use_blob else _doc_phrases
    per_doc = [(mid, label, *extract(text, excluded)) for mid, label, text in docs]
    word_df: Counter[str] = Counter(w for _, _, words, _ in per_doc for w in words)
    fold = _fold_plurals(word_df)
    heads: dict[str, list[int]] = {}
    negatives: Counter[str] = Counter()
    pair_df: Counter[tuple[str, str]] = Counter()
    for mid, label, words, pairs in per_doc:
        for w in {fold.get(w, w) for w in words}:
            heads.setdefault(w, []).append(mid)
            negatives[w] += label == "negative"
        pair_df.update({(fold.get(a, a), fold.get(b, b)) for a, b in pairs})
    by_head: dict[str, list[tuple[str, int]]] = {}
    as_modifier: Counter[str] = Counter()
    for (a, b), n in pair_df.items():
        if n >= MIN_DOCS:
            by_head.setdefault(b, []).append((f"{a} {b}", n))
            as_modifier[a] = max(as_modifier[a], n)
    # A word mostly seen modifying one head ("cold" in "cold brew") is that head's theme, not its own.
    ranked = sorted(
        (
            h
            for h, ids in heads.items()
            if len(ids) >= MIN_DOCS and not _absorbed(h, len(ids), as_modifier, by_head)
        ),
        key=lambda h: (-len(heads[h]), h),
    )
    found = []
    for head in ranked[:limit]:
        phrases = sorted(by_head.get(head, []), key=lambda p: (-p[1], p[0]))
        count = len(heads[head])
        label = phrases[0][0] if phrases and phrases[0][1] >= LABEL_SHARE * count else head
        found.append(
            Theme(
                label=label,
                head=head,
                mentions=count,
                negative=negatives[head],
                phrases=tuple(p for p, _ in phrases[:3]),
                example_ids=tuple(heads[head][:EXAMPLES]),
                mention_ids=tuple(heads[head]),
            )
        )
    method = "noun phrases (TextBlob)" if use_blob else "frequent words and word pairs"
    return ThemeResult(tuple(found), len(docs), total if total is not None else len(docs), method)
