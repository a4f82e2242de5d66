"""Time windows shared by every figure: `since` inclusive, `until` exclusive, epoch seconds UTC, None = open."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

DAY = 86_400
NEGATIVE_CATEGORIES = ("complaint", "crisis")


def window_sql(since: int | None, until: int | None, column: str = "m.published_at") -> tuple[str, list[Any]]:
    """A WHERE fragment (never empty) and its parameters for a published_at window."""
    clauses = ["1 = 1"]
    params: list[Any] = []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(int(since))
    if until is not None:
        clauses.append(f"{column} < ?")
        params.append(int(until))
    return " AND ".join(clauses), params


def day_start(epoch: int) -> int:
    return epoch - epoch % DAY


def day_label(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def short_day(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%b %d").replace(" 0", " ")


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
