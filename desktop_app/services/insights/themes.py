"""Themes: what people talk about, as noun phrases grouped by their head word.

Noun phrases come from TextBlob's pattern tagger and chunker (`textblob.en.parse(text, chunks=True)`): a
rule-based tagger that ships with TextBlob and needs no NLTK corpora (TextBlob(...).noun_phrases does need
them, and they are not installed with Earshot nor downloadable offline). Inside each NP chunk the common
nouns and the adjectives/nouns before them are kept; determiners, pronouns, numbers, stop words, brand and
competitor words go, and so do proper nouns (place and person names: "University Ave", "Elm St"), except a
sentence's capitalised first word standing alone ("Staff were friendly"). Only nouns become heads, so
"cold" of "cold brew" or "friendly" never makes a theme. When the tagger cannot be loaded, the fallback is
frequent words and word pairs: every content word and every pair of adjacent content words.

Then, either way: lower-case words, plural -s folded onto the singular when both occur; a pair joins the
group of its last word (its head: "mobile app" and "app crashes" are about different heads); a word seen
mostly (60%+) as the first word of one pair ("cold" in "cold brew") is left to that pair's head. A theme is
a head word, counted by the mentions that contain it; its label is its most common pair when that pair
covers at least 40% of them. Large windows are sampled evenly (at most MAX_PARSED texts for noun phrases,
about two seconds of tagging; MAX_TEXTS for the fallback) and the sample size is reported.
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
MAX_PARSED = 6_000  # the tagger reads ~3,000-5,000 short texts a second
NP_METHOD = "noun phrases (TextBlob)"
FALLBACK_METHOD = "frequent words and word pairs"
_NOUNS = frozenset(("NN", "NNS"))
_MODIFIERS = frozenset(("NN", "NNS", "JJ", "JJR", "VBN", "VBG"))
_PROPER = frozenset(("NNP", "NNPS"))
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
    twice minutes mins seconds http https www com html amp quot nbsp
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


def _excluded_words(terms: Iterable[str], *, every_word: bool = True) -> frozenset[str]:
    """Words of the brand's and competitors' names to leave out: every word, or (with the tagger, which drops
    names written as names) a name's first word only, so "app" of "Northwind app" stays a theme."""
    words: set[str] = set()
    for term in terms:
        found = _WORD.findall(term.casefold())
        kept = found if every_word else found[:1]
        for w in (*kept, "".join(found)):  # "northwindcoffee": the name as a hashtag or handle
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
    """True when TextBlob's pattern chunker loads and finds a noun phrase (it needs no NLTK corpora)."""
    try:
        from textblob.en import parse

        return "B-NP" in parse("The mobile app crashes at the checkout page.", chunks=True, relations=False)
    except Exception:  # ImportError, or a broken install missing the tagger's lexicon
        return False


def _clean(word: str) -> str:
    return word.casefold().replace("’", "'").removesuffix("'s")


def _np_runs(sentence: list[list[str]], excluded: frozenset[str]) -> list[list[tuple[str, bool]]]:
    """(word, is a noun) runs inside the sentence's NP chunks; a dropped word breaks a run."""
    runs: list[list[tuple[str, bool]]] = []
    run: list[tuple[str, bool]] = []
    for i, token in enumerate(sentence):
        raw, tag, chunk = token[0], token[1], token[2]
        if chunk != "I-NP" and run:  # a new chunk, or outside any NP
            runs.append(run)
            run = []
        if not chunk.endswith("-NP"):
            continue
        word = _clean(raw)
        if tag in _PROPER:  # a name, unless it is a lone capitalised first word ("Staff were ...")
            alone = i == 0 and (len(sentence) == 1 or sentence[1][1] not in _PROPER)
            tag = "NN" if alone and raw[1:].islower() else tag
        keep = (
            tag in _MODIFIERS
            and _WORD.fullmatch(word) is not None
            and len(word) >= 3
            and "'" not in word
            and word not in STOP_WORDS
            and word not in excluded
        )
        if keep:
            run.append((word, tag in _NOUNS))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _textblob_phrases(text: str, excluded: frozenset[str]) -> tuple[set[str], set[tuple[str, str]]]:
    """Head words (nouns) and (modifier, noun) pairs of the text's noun phrases."""
    from textblob.en import parse

    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    tagged = parse(text, chunks=True, relations=False, lemmata=False)
    for sentence in tagged.split():
        for run in _np_runs(sentence, excluded):
            words.update(w for w, noun in run if noun)
            pairs.update((a, b) for (a, _), (b, noun) in itertools.pairwise(run) if noun)
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
    names: Sequence[str] = (),
    limit: int = 10,
    max_texts: int | None = None,
) -> ThemeResult:
    """The `limit` most common themes of the window's mentions. `names` (the brand's and competitors' names):
    none of their words is a theme; `exclude_terms` (aliases, excluded terms): see _excluded_words.
    `max_texts`: the sample's size (default MAX_PARSED with noun phrases, MAX_TEXTS for the fallback)."""
    if max_texts is None:
        max_texts = MAX_PARSED if noun_phrases_work() else MAX_TEXTS
    docs, total = _sample(conn, since, until, max_texts)
    return themes_of(docs, total=total, exclude_terms=exclude_terms, names=names, limit=limit)


def themes_of(
    docs: Sequence[tuple[int, str, str]],
    *,
    total: int | None = None,
    exclude_terms: Sequence[str] = (),
    names: Sequence[str] = (),
    limit: int = 10,
) -> ThemeResult:
    """Themes of (mention id, label, text) triples."""
    use_blob = noun_phrases_work()
    excluded = _excluded_words(exclude_terms, every_word=not use_blob) | _excluded_words(names)
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
        plural = head + "s"  # "rewards" when people mostly write the plural
        word = plural if word_df[plural] > word_df[head] else head
        label = phrases[0][0] if phrases and phrases[0][1] >= LABEL_SHARE * count else word
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
    method = NP_METHOD if use_blob else FALLBACK_METHOD
    return ThemeResult(tuple(found), len(docs), total if total is not None else len(docs), method)
