"""Fetched items -> normalized, brand-matched, scored mentions ready for the writer."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from desktop_app.core.models import BrandProfile, FetchedItem, NormalizedMention, Score
from desktop_app.core.normalize import normalize_item
from desktop_app.scoring.brand_query import BrandMatcher, query_for_profile
from desktop_app.scoring.scorer import ScoreContext, default_scorer


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
        return Prepared(self.score(fresh, now=fetched_at), dropped, len(mentions) - len(fresh))

    def score(
        self, mentions: Sequence[NormalizedMention], *, now: datetime
    ) -> list[tuple[NormalizedMention, Score]]:
        terms = self.profile.terms()
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
