"""People: who speaks about the brand, what kind of voice each is, and how replies changed them.

Definitions (all from what people wrote, within the window asked for):

- A mention is *negative* when it is labelled negative or is a complaint/crisis; *positive* when it is
  labelled positive and is not a complaint/crisis; a *complaint* is category complaint or crisis.
- advocate: at least ADVOCATE_MIN_POSITIVE positive mentions making up at least ADVOCATE_MIN_SHARE of theirs,
  or defends the brand: a positive mention that names the brand in a thread (same story) where someone else
  was negative, or a defending phrase ("they always fix it", "not my experience", ...) outside a complaint.
- detractor: at least DETRACTOR_MIN_MENTIONS mentions, more than half of them negative.
- chronic complainer: at least CHRONIC_MIN_COMPLAINTS complaints spread over at least CHRONIC_MIN_DAYS days
  across at least CHRONIC_MIN_SOURCES sources (or CHRONIC_ONE_SOURCE_COMPLAINTS on a single source), and no
  real change after a reply (no reply at all, still complaining after the first reply, or a mean sentiment
  after it less than CHRONIC_MAX_IMPROVEMENT above the mean before it). The evidence names the sources.
- ex-employee: says so about this brand: "former employee", "ex-Acme manager", "former Acme barista",
  "I used to work at Acme / there", "when I worked for them", "I worked there for two years", "I was an
  Acme employee", "I quit working at Acme". Working somewhere else ("I used to work at a different cafe")
  does not count: the place must be the brand (its name, an alias or the name's first word) or "there",
  "here", "them", "this place/company/...".
- Net score per period: an author's mean sentiment in the period > PROMOTER_ABOVE is a promoter,
  < DETRACTOR_BELOW a detractor, else passive; score = (promoters - detractors) / authors * 100.
  Mentions without an author are left out.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from desktop_app.services.insights.window import DAY, NEGATIVE_CATEGORIES, day_label, mean, window_sql

PROMOTER_ABOVE = 0.3
DETRACTOR_BELOW = -0.05
ADVOCATE_MIN_POSITIVE = 2
ADVOCATE_MIN_SHARE = 0.6
DETRACTOR_MIN_MENTIONS = 2
CHRONIC_MIN_COMPLAINTS = 3
CHRONIC_MIN_DAYS = 7
CHRONIC_MIN_SOURCES = 2
CHRONIC_ONE_SOURCE_COMPLAINTS = 6
CHRONIC_MAX_IMPROVEMENT = 0.2
MAX_EVIDENCE_IDS = 8

_ROLES = (
    r"(?:employee|barista|staffer|staff\s+member|(?:store\s+|assistant\s+|shift\s+)?manager|shift\s+lead"
    r"|supervisor|worker|team\s+member|cashier|server|cook|driver|crew\s+member)"
)
_NUMBER = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|a\s+couple(?:\s+of)?|a\s+few|several)(?:\s+and\s+a\s+half)?"
)
_DURATION = (
    rf"(?:\s+for\s+(?:about\s+|almost\s+|over\s+|nearly\s+)?{_NUMBER}\s+(?:years?|months?|weeks?|summers?))?"
)
_PLACE_WORDS = r"(?:there|here|them|this\s+(?:place|company|chain|shop|store|cafe|café|brand)|the\s+company)"


def _brand_names(brand_terms: Sequence[str]) -> str:
    """The brand as the ex-employee phrases may name it: each term, and each term's first word."""
    names: set[str] = set()
    for term in brand_terms:
        words = term.casefold().strip().lstrip("@#").split()
        if words:
            names.update((" ".join(words), words[0]))
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(n) + r"(?:'s)?" for n in ordered)


@cache
def ex_employee_pattern(brand_terms: tuple[str, ...]) -> re.Pattern[str]:
    """What ex-employees of this brand write (on lower-cased text); see the module doc."""
    names = _brand_names(brand_terms)
    place = rf"(?:{names}|{_PLACE_WORDS})" if names else _PLACE_WORDS
    at = rf"(?:(?:at|for|in)\s+{place}|there|here)\b"  # "at Acme", "for them", "there"
    named = rf"(?:{names})\s+" if names else r"(?!)"
    own = r"(?<!my\s)(?<!our\s)(?<!his\s)(?<!her\s)(?<!their\s)"  # "my former manager" was someone's boss
    return re.compile(
        r"\b(?:"
        rf"{own}(?:former|ex-?)\s*{_ROLES}"  # former employee, ex-barista
        rf"|{own}(?:former|ex-?)\s*{named}{_ROLES}"  # former Acme employee, ex-Acme manager
        rf"|i\s+used\s+to\s+work\s+{at}{_DURATION}"
        rf"|(?:when|while)\s+i\s+(?:was\s+)?work(?:ed|ing)\s+{at}"
        rf"|(?:i\s+)?worked\s+{at}{_DURATION}"  # worked there for two years
        rf"|i\s+was\s+an?\s+{named}{_ROLES}"  # I was an Acme employee
        rf"|i\s+was\s+an?\s+{_ROLES}\s+{at}"  # I was a barista there
        rf"|i\s+quit\s+(?:working\s+)?{at}"
        r")"
    )


DEFENDS = re.compile(
    r"\b(?:they\s+always\s+fix(?:ed)?\s+it|not\s+my\s+experience|never\s+had\s+(?:a|any)\s+(?:problem|issue)s?"
    r"|in\s+(?:their|its)\s+defen[cs]e|to\s+be\s+fair|always\s+been\s+(?:great|good|nice|helpful)\s+to\s+me"
    r"|they\s+made\s+it\s+right|they\s+sorted\s+it|give\s+them\s+a\s+break|cut\s+them\s+some\s+slack)\b"
)


class Kind(StrEnum):
    ADVOCATE = "advocate"
    DETRACTOR = "detractor"
    CHRONIC_COMPLAINER = "chronic_complainer"
    EX_EMPLOYEE = "ex_employee"


KIND_TITLES = {
    Kind.ADVOCATE: "Advocates",
    Kind.DETRACTOR: "Detractors",
    Kind.CHRONIC_COMPLAINER: "Chronic complainers",
    Kind.EX_EMPLOYEE: "Ex-employees",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: Kind
    mention_ids: tuple[int, ...]
    reasons: tuple[str, ...]


@dataclass(slots=True)
class AuthorProfile:
    author_id: int
    name: str
    mentions: int
    positive: int
    negative: int
    complaints: int
    mean_sentiment: float
    sources: int
    first_at: int
    last_at: int
    reach: int
    first_reply_at: int | None
    mention_ids: tuple[int, ...]
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def kinds(self) -> tuple[Kind, ...]:
        return tuple(e.kind for e in self.evidence)


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    author_id: int
    name: str
    at: int
    sentiment: float
    label: str
    category: str
    source_id: int | None
    story: str
    reach: int
    body: str
    source: str

    @property
    def negative(self) -> bool:
        return self.label == "negative" or self.category in NEGATIVE_CATEGORIES

    @property
    def positive(self) -> bool:
        return self.label == "positive" and self.category not in NEGATIVE_CATEGORIES

    @property
    def complaint(self) -> bool:
        return self.category in NEGATIVE_CATEGORIES


def _load(
    conn: sqlite3.Connection, since: int | None, until: int | None, author_ids: Sequence[int] | None
) -> list[_Row]:
    where, params = window_sql(since, until)
    if author_ids is not None:
        where += f" AND m.author_id IN ({','.join('?' * len(author_ids))})"
        params.extend(author_ids)
    sql = (
        "SELECT m.id, m.author_id, a.name, m.published_at, m.sentiment, m.label, m.category, m.source_id,"
        " m.story_key, coalesce(m.reach, 0), lower(m.title || ' ' || substr(m.text, 1, 2000)),"
        " coalesce(s.name, '(deleted source)') FROM mentions m JOIN authors a ON a.id = m.author_id"
        f" LEFT JOIN sources s ON s.id = m.source_id WHERE {where}"
        " ORDER BY m.author_id, m.published_at, m.id"
    )
    cur = conn.cursor()
    cur.row_factory = None
    return [_Row(*r) for r in cur.execute(sql, params)]


def first_replies(conn: sqlite3.Connection, until: int | None = None) -> dict[int, int]:
    """author id -> time of the first reply made to any of their mentions (replies before `until`)."""
    where, params = window_sql(None, until, "r.replied_at")
    rows = conn.execute(
        "SELECT m.author_id, min(r.replied_at) FROM replies r JOIN mentions m ON m.id = r.mention_id"
        f" WHERE m.author_id IS NOT NULL AND {where} GROUP BY m.author_id",
        params,
    ).fetchall()
    return {int(r[0]): int(r[1]) for r in rows}


def _negative_threads(rows: Iterable[_Row]) -> dict[str, set[int]]:
    threads: dict[str, set[int]] = {}
    for r in rows:
        if r.story and r.negative:
            threads.setdefault(r.story, set()).add(r.author_id)
    return threads


def _ids(rows: Iterable[_Row]) -> tuple[int, ...]:
    return tuple(r.id for r in rows)[:MAX_EVIDENCE_IDS]


def _advocate(
    rows: list[_Row], threads: dict[str, set[int]], brand_terms: tuple[str, ...]
) -> Evidence | None:
    positive = [r for r in rows if r.positive]
    reasons: list[str] = []
    cited: list[_Row] = []
    if len(positive) >= ADVOCATE_MIN_POSITIVE and len(positive) >= ADVOCATE_MIN_SHARE * len(rows):
        reasons.append(f"{len(positive)} of {len(rows)} mentions positive")
        cited.extend(positive)
    defended = [
        r
        for r in positive
        if r.story in threads and threads[r.story] - {r.author_id} and any(t in r.body for t in brand_terms)
    ]
    if defended:
        reasons.append(f"spoke up for the brand in {len(defended)} thread(s) with negative posts")
        cited.extend(defended)
    phrases = [r for r in rows if not r.complaint and DEFENDS.search(r.body)]
    for r in phrases[:3]:
        match = DEFENDS.search(r.body)
        reasons.append(f'defends the brand: "{match.group(0) if match else ""}"')
    cited.extend(phrases)
    if not reasons:
        return None
    unique = list(dict.fromkeys(cited))
    return Evidence(Kind.ADVOCATE, _ids(unique), tuple(reasons))


def _detractor(rows: list[_Row]) -> Evidence | None:
    negative = [r for r in rows if r.negative]
    if len(rows) >= DETRACTOR_MIN_MENTIONS and len(negative) * 2 > len(rows):
        return Evidence(
            Kind.DETRACTOR, _ids(negative), (f"{len(negative)} of {len(rows)} mentions negative",)
        )
    return None


def _chronic(rows: list[_Row], first_reply: int | None) -> Evidence | None:
    complaints = [r for r in rows if r.complaint]
    if len(complaints) < CHRONIC_MIN_COMPLAINTS:
        return None
    days = (complaints[-1].at - complaints[0].at) / DAY
    if days < CHRONIC_MIN_DAYS:
        return None
    sources = len({r.source_id for r in complaints})
    if sources < CHRONIC_MIN_SOURCES and len(complaints) < CHRONIC_ONE_SOURCE_COMPLAINTS:
        return None  # a few complaints in one place over time: a detractor maybe, not yet a chronic one
    # 'Reddit search: "Acme"' is named Reddit search: the site, not the query, tells where they complain
    sites = ", ".join(sorted({r.source.split(": ", 1)[0] for r in complaints}, key=str.casefold))
    where = f"{sources} sources ({sites})" if sources > 1 else f"1 source ({sites})"
    reasons = [f"{len(complaints)} complaints over {days:.0f} days on {where}"]
    if first_reply is None:
        reasons.append("never replied to")
    else:
        before = [r.sentiment for r in rows if r.at <= first_reply]
        after = [r.sentiment for r in rows if r.at > first_reply]
        later = [r for r in complaints if r.at > first_reply]
        improved = bool(before and after) and mean(after) - mean(before) >= CHRONIC_MAX_IMPROVEMENT
        if improved and not later:
            return None
        if later:
            reasons.append(f"{len(later)} complaint(s) after the first reply on {day_label(first_reply)}")
        else:
            reasons.append("no change in tone after the reply")
    return Evidence(Kind.CHRONIC_COMPLAINER, _ids(complaints), tuple(reasons))


def _ex_employee(rows: list[_Row], brand_terms: tuple[str, ...]) -> Evidence | None:
    pattern = ex_employee_pattern(brand_terms)
    hits = [(r, m) for r in rows if (m := pattern.search(r.body))]
    if not hits:
        return None
    reasons = tuple(dict.fromkeys(f'says "{m.group(0)}"' for _, m in hits[:3]))
    return Evidence(Kind.EX_EMPLOYEE, _ids(r for r, _ in hits), reasons)


def _profile(
    rows: list[_Row], first_reply: int | None, threads: dict[str, set[int]], brand_terms: tuple[str, ...]
) -> AuthorProfile:
    first = rows[0]
    profile = AuthorProfile(
        author_id=first.author_id,
        name=first.name,
        mentions=len(rows),
        positive=sum(r.positive for r in rows),
        negative=sum(r.negative for r in rows),
        complaints=sum(r.complaint for r in rows),
        mean_sentiment=round(mean([r.sentiment for r in rows]), 4),
        sources=len({r.source_id for r in rows}),
        first_at=rows[0].at,
        last_at=rows[-1].at,
        reach=sum(r.reach for r in rows),
        first_reply_at=first_reply,
        mention_ids=tuple(r.id for r in rows),
    )
    for evidence in (
        _advocate(rows, threads, brand_terms),
        _detractor(rows),
        _chronic(rows, first_reply),
        _ex_employee(rows, brand_terms),
    ):
        if evidence is not None:
            profile.evidence.append(evidence)
    return profile


def classify_authors(
    conn: sqlite3.Connection,
    since: int | None = None,
    until: int | None = None,
    *,
    brand_terms: Sequence[str] = (),
    author_ids: Sequence[int] | None = None,
) -> list[AuthorProfile]:
    """Every author with a mention in the window, with their figures and the kinds they fit (with evidence).

    `brand_terms` (brand and aliases) let a positive post in a hostile thread count as defending the brand,
    and tell working for the brand from working somewhere else.
    """
    rows = _load(conn, since, until, author_ids)
    threads = _negative_threads(rows)
    replies = first_replies(conn, until)
    terms = tuple(t.casefold() for t in brand_terms if t.strip())
    profiles: list[AuthorProfile] = []
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i].author_id != rows[start].author_id:
            group = rows[start:i]
            profiles.append(_profile(group, replies.get(group[0].author_id), threads, terms))
            start = i
    return profiles


def author_profile(
    conn: sqlite3.Connection,
    author_id: int,
    since: int | None = None,
    until: int | None = None,
    *,
    brand_terms: Sequence[str] = (),
) -> AuthorProfile | None:
    """One author's history and classification (threads are judged over the whole window)."""
    everyone = classify_authors(conn, since, until, brand_terms=brand_terms)
    return next((p for p in everyone if p.author_id == author_id), None)


def by_kind(profiles: Iterable[AuthorProfile]) -> dict[Kind, list[AuthorProfile]]:
    """Profiles per kind, the loudest (most mentions, then most reach) first."""
    groups: dict[Kind, list[AuthorProfile]] = {k: [] for k in Kind}
    for p in profiles:
        for kind in p.kinds:
            groups[kind].append(p)
    for members in groups.values():
        members.sort(key=lambda p: (-p.mentions, -p.reach, p.name.casefold()))
    return groups


# --- net score -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NetScore:
    start: int  # epoch seconds, inclusive
    end: int  # exclusive
    promoters: int
    passives: int
    detractors: int

    @property
    def authors(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        """(promoters - detractors) / authors * 100, or None when nobody spoke."""
        if not self.authors:
            return None
        return round((self.promoters - self.detractors) / self.authors * 100, 1)


def net_scores(
    conn: sqlite3.Connection, since: int | None, until: int | None, period_days: int = 7
) -> list[NetScore]:
    """Promoters/passives/detractors per period of `period_days`, counted from `since` (or the first mention)."""
    where, params = window_sql(since, until)
    if since is None:
        row = conn.execute(f"SELECT min(m.published_at) FROM mentions m WHERE {where}", params).fetchone()
        if row[0] is None:
            return []
        since = int(row[0])
    span = period_days * DAY
    rows = conn.execute(
        "SELECT p, sum(s > ?), sum(s < ?), count(*) FROM ("
        " SELECT (m.published_at - ?) / ? AS p, avg(m.sentiment) AS s FROM mentions m"
        f" WHERE m.author_id IS NOT NULL AND {where} GROUP BY p, m.author_id"
        ") GROUP BY p ORDER BY p",
        [PROMOTER_ABOVE, DETRACTOR_BELOW, since, span, *params],
    ).fetchall()
    scores = []
    for p, promoters, detractors, total in rows:
        start = since + int(p) * span
        end = start + span if until is None else min(start + span, until)
        scores.append(NetScore(start, end, promoters, total - promoters - detractors, detractors))
    return scores


def net_score(conn: sqlite3.Connection, since: int | None, until: int | None) -> NetScore:
    """One score for the whole window (each author counted once, by their mean over the window)."""
    where, params = window_sql(since, until)
    promoters, detractors, total = conn.execute(
        "SELECT coalesce(sum(s > ?), 0), coalesce(sum(s < ?), 0), count(*) FROM ("
        f" SELECT avg(m.sentiment) AS s FROM mentions m WHERE m.author_id IS NOT NULL AND {where}"
        " GROUP BY m.author_id)",
        [PROMOTER_ABOVE, DETRACTOR_BELOW, *params],
    ).fetchone()
    return NetScore(since or 0, until or 0, promoters, total - promoters - detractors, detractors)


# --- haters turned advocates -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conversion:
    author_id: int
    name: str
    first_reply_at: int
    before_ids: tuple[int, ...]
    after_ids: tuple[int, ...]
    before_mean: float | None
    after_mean: float | None
    complaints_after: int  # complaints or crises posted after the first reply

    @property
    def was_negative(self) -> bool:
        return self.before_mean is not None and self.before_mean < DETRACTOR_BELOW

    @property
    def turned(self) -> bool:
        """Was negative before the first reply, neutral or positive after it."""
        return self.was_negative and self.after_mean is not None and self.after_mean >= DETRACTOR_BELOW

    @property
    def outcome(self) -> str:
        if self.after_mean is None:
            return "no mention since the reply"
        if self.after_mean > PROMOTER_ABOVE:
            return "positive since the reply"
        if self.after_mean >= DETRACTOR_BELOW:
            return "neutral since the reply"
        return "still negative"


@dataclass(frozen=True, slots=True)
class ConversionSummary:
    replied_authors: int  # authors whose first reply fell in the window
    compared: int  # of those, with mentions both before and after it
    were_negative: int  # compared and negative (mean < DETRACTOR_BELOW) before
    turned: int  # were negative, neutral or positive after
    turned_positive: int  # were negative, positive (mean > PROMOTER_ABOVE) after
    authors: tuple[Conversion, ...]


def conversions(conn: sqlite3.Connection, since: int | None, until: int | None) -> ConversionSummary:
    """For authors who got a reply: mean sentiment after the first reply against before it.

    The first reply must fall in the window; the author's whole history before `until` is compared.
    """
    where, params = window_sql(since, until, "fr.first_reply")
    until_sql, until_params = window_sql(None, until)
    rows = conn.execute(
        "WITH fr AS (SELECT m.author_id AS aid, min(r.replied_at) AS first_reply FROM replies r"
        " JOIN mentions m ON m.id = r.mention_id WHERE m.author_id IS NOT NULL GROUP BY m.author_id)"
        " SELECT fr.aid, a.name, fr.first_reply, m.id, m.published_at, m.sentiment, m.category FROM fr"
        " JOIN authors a ON a.id = fr.aid JOIN mentions m ON m.author_id = fr.aid"
        f" WHERE {where} AND {until_sql} ORDER BY fr.aid, m.published_at, m.id",
        [*params, *until_params],
    ).fetchall()
    grouped: dict[int, list[sqlite3.Row]] = {}
    for r in rows:
        grouped.setdefault(int(r[0]), []).append(r)
    found: list[Conversion] = []
    for aid, group in grouped.items():
        first = int(group[0][2])
        before = [r for r in group if r[4] <= first]
        after = [r for r in group if r[4] > first]
        found.append(
            Conversion(
                author_id=aid,
                name=str(group[0][1]),
                first_reply_at=first,
                before_ids=tuple(int(r[3]) for r in before),
                after_ids=tuple(int(r[3]) for r in after),
                before_mean=round(mean([r[5] for r in before]), 4) if before else None,
                after_mean=round(mean([r[5] for r in after]), 4) if after else None,
                complaints_after=sum(r[6] in NEGATIVE_CATEGORIES for r in after),
            )
        )
    compared = [c for c in found if c.before_ids and c.after_ids]
    found.sort(key=lambda c: (not c.turned, not c.was_negative, -len(c.after_ids), c.name.casefold()))
    return ConversionSummary(
        replied_authors=len(found),
        compared=len(compared),
        were_negative=sum(c.was_negative for c in compared),
        turned=sum(c.turned for c in compared),
        turned_positive=sum(c.turned and (c.after_mean or 0) > PROMOTER_ABOVE for c in compared),
        authors=tuple(found),
    )
