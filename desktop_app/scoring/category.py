"""Category and label rules over the computed signals."""

from __future__ import annotations

from desktop_app.core.models import Category, Label
from desktop_app.scoring.features import TextSignals
from desktop_app.scoring.sentiment import NEUTRAL_BAND

COMPLAINT_THRESHOLD = 0.5
SUGGESTION_OVER_COMPLAINT = 0.7  # an explicit suggestion stays one unless it is clearly a complaint too
PRAISE_THRESHOLD = 0.3  # "clearly positive" on the blended scale


def label_for(sentiment: float) -> Label:
    if sentiment >= NEUTRAL_BAND:
        return Label.POSITIVE
    if sentiment <= -NEUTRAL_BAND:
        return Label.NEGATIVE
    return Label.NEUTRAL


def category_for(signals: TextSignals, complaint: float, sentiment: float) -> Category:
    """Crisis always wins; then complaint, suggestion phrase, question, praise, other.

    An explicit suggestion phrase ("could you please add ...?") beats a bare question mark, and a likely
    complaint unless it is a clear one. A customer
    saying they are leaving is a complaint worth answering, and so is a (former) employee's criticism; an
    insider's post is never filed as praise (it is not a customer's).
    """
    if signals.crisis_cues:
        return Category.CRISIS
    if signals.suggestion and complaint < SUGGESTION_OVER_COMPLAINT:
        return Category.SUGGESTION
    if complaint >= COMPLAINT_THRESHOLD:
        return Category.COMPLAINT
    if signals.churn and sentiment < PRAISE_THRESHOLD:
        return Category.COMPLAINT
    if signals.insider:
        return Category.COMPLAINT if sentiment < PRAISE_THRESHOLD else Category.OTHER
    if signals.suggestion:
        return Category.SUGGESTION
    if signals.question:
        return Category.QUESTION
    if sentiment >= PRAISE_THRESHOLD:
        return Category.PRAISE
    return Category.OTHER
