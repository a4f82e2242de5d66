"""Fetched items -> normalized, brand-matched, scored mentions ready for the writer."""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from desktop_app.core.models import BrandProfile, FetchedItem, NormalizedMention, Score
from desktop_app.core.normalize import normalize_item
from desktop_app.scoring.brand_query import BrandMatcher, query_for_profile
from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.sources.cpu_turns import cpu_turn
from desktop_app.storage.mention_writes import author_key, epoch

# When an author complained before (a complaint or a crisis stored in this workspace): per author of a batch,
# their latest complaints on the partial index mentions_author_complaints (schema 3), at most PRIOR_CAP of them.
# Fetching every complaint of every author in the batch cost O(their history) per batch: a news outlet with
# thousands of mentions halved poll throughput at 10k mentions and slowed a poll into 1M mentions to a crawl.
PRIOR_CAP = 100
COMPLAINT_TIMES_BY_KEY = """
SELECT m.published_at FROM authors AS a JOIN mentions AS m ON m.author_id = a.id
WHERE a.key = ? AND m.category IN ('complaint', 'crisis') ORDER BY m.published_at DESC LIMIT ?
"""
COMPLAINT_TIMES_BY_ID = """
SELECT published_at FROM mentions WHERE author_id = ? AND category IN ('complaint', 'crisis')
ORDER BY published_at DESC LIMIT ?
"""


@dataclass(slots=True)
class Prepared:
    scored: list[tuple[NormalizedMention, Score]]
    dropped: int  # did not mention the brand
    known: int  # already stored before this poll


class BatchScorer(Protocol):
    def score_many(self, items: Sequence[tuple[str, ScoreContext]]) -> list[Score]: ...


class Ingestor:
    def __init__(self, profile: BrandProfile, scorer: BatchScorer | None = None) -> None:
        self.profile = profile
        self.matcher: BrandMatcher = query_for_profile(profile).matcher()
        self.scorer: BatchScorer = scorer or default_scorer()

    def prepare(
        self,
        items: Iterable[FetchedItem],
        *,
        source_id: int,
        source_kind: str,
        fetched_at: datetime,
        reader: sqlite3.Connection | None = None,
        match_brand: bool = True,
    ) -> Prepared:
        mentions: list[NormalizedMention] = []
        dropped = 0
        seen: set[str] = set()
        with cpu_turn():  # one poll thread at a time: the UI thread gets the GIL back quickly
            for item in items:
                mention = normalize_item(
                    item, source_id=source_id, source_kind=source_kind, fetched_at=fetched_at
                )
                if match_brand and not self.matcher.matches(mention.title, mention.text):
                    dropped += 1
                    continue
                if mention.uid in seen:
                    continue
                seen.add(mention.uid)
                mentions.append(mention)
        fresh = _not_stored(reader, mentions) if reader is not None else mentions
        return Prepared(self.score(fresh, now=fetched_at, reader=reader), dropped, len(mentions) - len(fresh))

    def score(
        self,
        mentions: Sequence[NormalizedMention],
        *,
        now: datetime,
        reader: sqlite3.Connection | None = None,
    ) -> list[tuple[NormalizedMention, Score]]:
        """Score a batch; with a reader, each author's earlier complaints in the workspace count too."""
        terms = self.profile.terms()
        history = _history_by_key(reader, mentions) if reader is not None else {}
        batch = [
            (
                m.text,
                ScoreContext(
                    title=m.title,
                    brand_terms=terms,
                    reach=m.reach,
                    reach_label=m.reach_label,
                    published_at=m.published_at,
                    now=now,
                    rating=m.rating,
                    author_prior_complaints=_prior(history, m.author, m.published_at),
                ),
            )
            for m in mentions
        ]
        return list(zip(mentions, self.scorer.score_many(batch), strict=True))


def _not_stored(reader: sqlite3.Connection, mentions: list[NormalizedMention]) -> list[NormalizedMention]:
    """Skip scoring what is already stored (a feed repeats most items on every poll)."""
    if not mentions:
        return mentions
    known: set[str] = set()
    uids = [m.uid for m in mentions]
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        known.update(r[0] for r in reader.execute(f"SELECT uid FROM mentions WHERE uid IN ({marks})", chunk))
    return [m for m in mentions if m.uid not in known]


def complaint_times(
    reader: sqlite3.Connection, query: str, keys: Iterable[object]
) -> dict[object, list[int]]:
    """Author (key or id) -> the sorted publication times of their latest stored complaints (at most
    PRIOR_CAP each: beyond that the urgency and its reason no longer change)."""
    times: dict[object, list[int]] = {}
    for key in {k for k in keys if k is not None}:
        found = [int(r[0]) for r in reader.execute(query, (key, PRIOR_CAP))]
        if found:
            found.reverse()  # newest first from the index; bisect wants oldest first
            times[key] = found
    return times


def earlier(times: list[int] | None, published: int) -> int:
    """How many of the sorted `times` come strictly before `published` (the mention itself never does)."""
    return bisect.bisect_left(times, published) if times else 0


def _history_by_key(
    reader: sqlite3.Connection, mentions: Sequence[NormalizedMention]
) -> dict[object, list[int]]:
    return complaint_times(
        reader, COMPLAINT_TIMES_BY_KEY, (author_key(m.author) for m in mentions if m.author)
    )


def _prior(history: dict[object, list[int]], author: str | None, published: datetime) -> int:
    if not author or not history:
        return 0
    return earlier(history.get(author_key(author)), epoch(published))
