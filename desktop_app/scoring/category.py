"""Category and label rules over the computed signals."""

from __future__ import annotations

from desktop_app.core.models import Category, Label
from desktop_app.scoring.features import TextSignals
from desktop_app.scoring.sentiment import NEUTRAL_BAND

COMPLAINT_THRESHOLD = 0.5
PRAISE_THRESHOLD = 0.3  # "clearly positive" on the blended scale


def label_for(sentiment: float) -> Label:
    if sentiment >= NEUTRAL_BAND:
        return Label.POSITIVE
    if sentiment <= -NEUTRAL_BAND:
        return Label.NEGATIVE
    return Label.NEUTRAL


def category_for(signals: TextSignals, complaint: float, sentiment: float) -> Category:
    """Crisis always wins; then complaint, suggestion phrase, question, praise, other.

    An explicit suggestion phrase ("could you please add ...?") beats a bare question mark.
    """
    if signals.crisis_cues:
        return Category.CRISIS
    if complaint >= COMPLAINT_THRESHOLD:
        return Category.COMPLAINT
    if signals.suggestion:
        return Category.SUGGESTION
    if signals.question:
        return Category.QUESTION
    if sentiment >= PRAISE_THRESHOLD:
        return Category.PRAISE
    return Category.OTHER
