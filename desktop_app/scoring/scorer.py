"""The one entry point others call: text + context in, `Score` out.

Changing any scoring rule? Bump rules_version.json too: it is how a frozen build knows to re-score."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from desktop_app.core.models import Category, Label, Score
from desktop_app.scoring.category import PRAISE_THRESHOLD, category_for, label_for
from desktop_app.scoring.complaint import cue_weights, load_model
from desktop_app.scoring.features import TextSignals, model_weights, signals
from desktop_app.scoring.logistic import LogisticModel, sigmoid
from desktop_app.scoring.sarcasm import is_resolved
from desktop_app.scoring.sentiment import SentimentResult, SentimentScorer
from desktop_app.scoring.text import brand_pattern
from desktop_app.scoring.urgency import (
    CATEGORY_POINTS,
    COMPLAINT_POINTS,
    NEGATIVE_POINTS,
    Contribution,
    Situation,
    combine,
    situation_points,
)

_CATEGORY_REASONS = {Category.QUESTION: "asks a question", Category.SUGGESTION: "suggests an improvement"}
_QUIET_REASONS = {Category.PRAISE: "positive words", Category.OTHER: "nothing to act on"}
MAX_CUE_REASONS = 3


@dataclass(frozen=True, slots=True)
class ScoreContext:
    title: str = ""
    brand_terms: tuple[str, ...] = ()  # brand name + aliases, to weigh sentences that mention the brand
    reach: int | None = None  # upvotes/likes/followers
    reach_label: str | None = None  # e.g. "upvotes"
    published_at: datetime | None = None  # aware UTC
    now: datetime | None = None  # aware UTC; default datetime.now(UTC)
    rating: float | None = None  # review stars 1..5 if any
    answered: bool = False  # already responded to
    author_prior_complaints: int = 0  # the author's earlier complaints (and crises) in this workspace


class Scorer:
    """Sentiment blend + learned complaint model + rules. Holds its analysers; reuse one instance."""

    def __init__(self, model: LogisticModel | None = None) -> None:
        self._sentiment = SentimentScorer()
        self._model = model or load_model()
        self._weights = model_weights(self._model)

    def score(self, text: str, ctx: ScoreContext = ScoreContext()) -> Score:
        full = _with_title(text or "", ctx.title or "")
        sentiment = self._sentiment.analyse(full, _brand(ctx.brand_terms))
        found = signals(full, sentiment, self._weights)
        complaint = _complaint(self._model, found, sentiment, full)
        category = category_for(found, complaint, sentiment.score)
        parts = _content_points(found, complaint, sentiment, category, self._model)
        parts += situation_points(_situation(ctx), category in (Category.COMPLAINT, Category.CRISIS))
        lead = tuple(c.reason for c in found.crisis_cues.values())
        urgency, reasons = combine(category, parts, ctx.answered, lead)
        if not reasons:
            reasons = (_QUIET_REASONS.get(category, "nothing to act on"),)
        score = _with_rating(max(-1.0, min(1.0, sentiment.score)), ctx.rating)
        return Score(
            round(score, 4),
            _label(score, category, complaint),
            round(complaint, 4),
            category,
            urgency,
            reasons,
        )

    def score_many(self, items: Sequence[tuple[str, ScoreContext]]) -> list[Score]:
        return [self.score(text, ctx) for text, ctx in items]


SARCASM_LOGIT = 1.0  # sarcasm about a brand is a complaint in disguise: its complaint odds are raised e^1
RESOLVED_LOGIT = 2.5
MISHAP_LOGIT = 2.0
MISHAP_POINTS = 8.0
SARCASM_POINTS = 6.0
CHURN_POINTS = 22.0  # a customer on the way out is worth an answer today
INSIDER_POINTS = 12.0
CLEARLY_POSITIVE = 0.35
SURE_COMPLAINT = 0.75  # a report of a problem this likely reads as negative to a person, whatever its words


def _with_rating(score: float, rating: float | None) -> float:
    """A review's stars are the author's own verdict: half the sentiment (1 star -1 ... 5 stars +1)."""
    if rating is None or not 1 <= rating <= 5:
        return score
    return max(-1.0, min(1.0, 0.5 * score + 0.5 * (rating - 3) / 2))


def _label(score: float, category: Category, complaint: float = 0.0) -> Label:
    """A complaint or a crisis is not labelled mildly positive: polite words ("please", "thanks") are not
    praise. Clearly positive text keeps its label (the complaint signal may be the one that is wrong).
    A crisis, or a near-certain complaint, in flat words ("mouse in the pastry case, health department
    called") is negative: the events are, even when no word is; so is a crisis in mildly kind words ("called
    my friend a racial slur": "friend" is the only opinion word). The sentiment figure itself is untouched."""
    label = label_for(score)
    if category == Category.CRISIS and score < CLEARLY_POSITIVE:
        return Label.NEGATIVE
    serious = category == Category.CRISIS or (category == Category.COMPLAINT and complaint >= SURE_COMPLAINT)
    if label == Label.NEUTRAL and serious and score <= 0.05:
        return Label.NEGATIVE
    if (
        label == Label.POSITIVE
        and score < CLEARLY_POSITIVE
        and category in (Category.COMPLAINT, Category.CRISIS)
    ):
        return Label.NEUTRAL
    return label


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    return Scorer()


@lru_cache(maxsize=64)
def _brand(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    return brand_pattern(terms)


def _with_title(text: str, title: str) -> str:
    title = title.strip()
    if not title or title in text:
        return text
    return f"{title}. {text}" if text else title


def _situation(ctx: ScoreContext) -> Situation:
    return Situation(
        ctx.reach,
        ctx.reach_label,
        ctx.published_at,
        ctx.now,
        ctx.rating,
        ctx.answered,
        ctx.author_prior_complaints,
    )


def _complaint(model: LogisticModel, found: TextSignals, sentiment: SentimentResult, text: str) -> float:
    """The model's probability, moved where it cannot see the point: sarcasm is a complaint in disguise, so
    is something the brand did to the customer's things ("lost my parcel"), and praise for a problem put
    right ("fixed my broken screen in 10 minutes") is not a complaint. (On the complaints corpus these cues
    are rare, 7 and 18 rows, but complaints at 71% and 67% against 36% overall.)"""
    logit = found.logit if found.logit is not None else model.logit(found.features)
    if sentiment.score >= PRAISE_THRESHOLD and not sentiment.sarcastic and is_resolved(text):
        return sigmoid(logit - RESOLVED_LOGIT)
    if sentiment.sarcastic:
        logit += SARCASM_LOGIT
    if found.mishap is not None:
        logit += MISHAP_LOGIT
    return sigmoid(logit)


def _content_points(
    found: TextSignals,
    complaint: float,
    sentiment: SentimentResult,
    category: Category,
    model: LogisticModel,
) -> list[Contribution]:
    if category is Category.PRAISE:  # a stray cue ("I hate Mondays but...") is no reason on praise
        parts = [Contribution(COMPLAINT_POINTS * complaint, "")]
    else:
        parts = _complaint_points(found, complaint, model)
    negativity = max(0.0, -sentiment.score)
    if negativity > 0.05:
        reason = "strong negative words" if sentiment.score <= -0.5 else "negative tone"
        parts.append(Contribution(NEGATIVE_POINTS * negativity, reason))
    if sentiment.sarcastic:
        parts.append(Contribution(SARCASM_POINTS, "sounds sarcastic"))
    if found.mishap is not None and category is Category.COMPLAINT:  # named when no cue says it already
        named = any(c.reason and c.reason != "sounds like a complaint" for c in parts)
        parts.append(Contribution(MISHAP_POINTS, "" if named else found.mishap.reason))
    if found.churn and category is Category.COMPLAINT:
        parts.append(Contribution(CHURN_POINTS, "threatens to leave"))
    if found.insider and category is Category.COMPLAINT:
        parts.append(Contribution(INSIDER_POINTS, "an employee or ex-employee speaking"))
    if category in _CATEGORY_REASONS:
        parts.append(Contribution(CATEGORY_POINTS[category], _CATEGORY_REASONS[category]))
    elif category is Category.COMPLAINT:
        parts.append(Contribution(CATEGORY_POINTS[category], "sounds like a complaint"))
    return parts


def _complaint_points(found: TextSignals, complaint: float, model: LogisticModel) -> list[Contribution]:
    """The complaint share of urgency, split over the cues that drove it (at most three named)."""
    total = COMPLAINT_POINTS * complaint
    weights = sorted(cue_weights(model, found).items(), key=lambda kv: -kv[1])[:MAX_CUE_REASONS]
    if not weights:
        return (
            [Contribution(total, "sounds like a complaint")]
            if complaint >= 0.5
            else [Contribution(total, "")]
        )
    weight_sum = sum(w for _, w in weights)
    return [Contribution(total * w / weight_sum, found.complaint_cues[k].reason) for k, w in weights]
