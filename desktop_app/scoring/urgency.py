"""Urgency 0..100 as a sum of named contributions; the largest ones become the reasons."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import NamedTuple

from desktop_app.core.models import Category

CATEGORY_POINTS = {
    Category.CRISIS: 0.0,  # crisis has its own floor
    Category.COMPLAINT: 10.0,
    Category.QUESTION: 12.0,
    Category.SUGGESTION: 4.0,
    Category.PRAISE: 0.0,
    Category.OTHER: 0.0,
}
COMPLAINT_POINTS = 45.0  # times the complaint probability
NEGATIVE_POINTS = 25.0  # times the negativity (0..1)
CRISIS_FLOOR = 90
NON_CRISIS_CAP = (
    CRISIS_FLOOR - 1
)  # whatever its reach, stars and freshness, a non-crisis ranks below any crisis
ANSWERED_FACTOR = 0.3
MAX_REASONS = 5


class Contribution(NamedTuple):
    points: float
    reason: str
    keep: bool = False  # always named, whatever its points (the author's history)


class Situation(NamedTuple):
    """What the post's context adds, independent of its words."""

    reach: int | None = None
    reach_label: str | None = None
    published_at: datetime | None = None
    now: datetime | None = None
    rating: float | None = None
    answered: bool = False
    author_prior_complaints: int = 0


def reach_points(reach: int | None, label: str | None) -> Contribution | None:
    if reach is None or reach <= 0:
        return None
    points = min(20.0, 5.0 * math.log10(1 + reach))
    noun = (label or "reach").strip() or "reach"
    if reach == 1 and noun.endswith("s"):
        noun = noun[:-1]
    return Contribution(points, f"{reach:,} {noun}")


def _ago(hours: float) -> str:
    if hours < 1:
        minutes = max(1, round(hours * 60))
        return f"posted {minutes} minute{'s' if minutes != 1 else ''} ago"
    if hours < 48:
        h = round(hours)
        return f"posted {h} hour{'s' if h != 1 else ''} ago"
    return f"posted {round(hours / 24)} days ago"


def recency_points(published: datetime | None, now: datetime | None) -> Contribution | None:
    """Fresh posts get up to +12 (half-life one day); posts older than a week lose up to 15."""
    if published is None:
        return None
    current = now or datetime.now(UTC)
    try:
        hours = max(0.0, (current - published).total_seconds() / 3600)
    except TypeError:  # naive vs aware: treat naive as UTC
        hours = max(
            0.0, (current.replace(tzinfo=None) - published.replace(tzinfo=None)).total_seconds() / 3600
        )
    days = hours / 24
    points = 12.0 * 0.5**days - min(15.0, max(0.0, days - 7) * 1.5)
    return Contribution(points, _ago(hours))


def rating_points(rating: float | None) -> Contribution | None:
    if rating is None or not math.isfinite(rating):
        return None
    stars = round(rating)
    points = {1: 15.0, 2: 8.0, 4: -4.0, 5: -6.0}.get(stars, 0.0)
    return Contribution(points, f"{stars}-star review") if points else None


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def author_points(prior: int, complaining: bool = False) -> Contribution | None:
    """The author's earlier complaints in this workspace: +9 for one, up to +15. Read as "3rd complaint from this
    person" when this mention is a complaint too."""
    if prior <= 0:
        return None
    if complaining:
        reason = f"{ordinal(prior + 1)} complaint from this person"
    else:
        reason = f"complained {prior:,} time{'s' if prior != 1 else ''} before"
    return Contribution(min(15.0, 6.0 + 3.0 * prior), reason, keep=True)


def situation_points(s: Situation, complaining: bool = False) -> list[Contribution]:
    found = (
        reach_points(s.reach, s.reach_label),
        recency_points(s.published_at, s.now),
        rating_points(s.rating),
        author_points(s.author_prior_complaints, complaining),
    )
    return [c for c in found if c is not None]


def combine(
    category: Category, parts: list[Contribution], answered: bool, lead: tuple[str, ...] = ()
) -> tuple[int, tuple[str, ...]]:
    """Sum the contributions, apply the crisis band and the answered discount, pick the reasons.

    An open crisis sits in CRISIS_FLOOR..100 and anything else at most NON_CRISIS_CAP, so every crisis
    outranks every non-crisis. `lead` reasons (what made it a crisis) come first whatever the points.
    """
    total = sum(c.points for c in parts)
    if category is Category.CRISIS:
        total = CRISIS_FLOOR + min(10.0, max(0.0, total) / 8)
    else:
        total = min(float(NON_CRISIS_CAP), total)
    head = [Contribution(2000.0 - i, r) for i, r in enumerate(lead)]
    tail: tuple[str, ...] = ()
    if answered:
        total *= ANSWERED_FACTOR
        head.append(Contribution(1000.0, "already answered"))
    elif total >= 50:
        tail = ("still unanswered",)  # keeps the last slot: it is why the item sits at the top
    urgency = round(min(100.0, max(0.0, total)))
    return urgency, pick_reasons(head + parts, MAX_REASONS - len(tail)) + tail


def pick_reasons(parts: list[Contribution], limit: int = MAX_REASONS) -> tuple[str, ...]:
    """The largest contributions' reasons, largest first; a `keep` reason takes the place of the smallest."""
    ranked = sorted((c for c in parts if abs(c.points) >= 1.0), key=lambda c: -abs(c.points))
    reasons: list[str] = []
    for c in ranked:
        if c.reason and c.reason not in reasons:
            reasons.append(c.reason)
    chosen = reasons[:limit]
    for c in ranked:
        if c.keep and c.reason and c.reason not in chosen and limit > 0:
            chosen = [*chosen[: limit - 1], c.reason]
    return tuple(chosen)
