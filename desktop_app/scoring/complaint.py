"""Complaint probability: learned weights over cue groups, tone and word n-grams (see
tools/train_complaint_model.py, which prints the cross-validated figures)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from desktop_app.scoring.features import TextSignals
from desktop_app.scoring.logistic import LogisticModel

MODEL_PATH = Path(__file__).with_name("complaint_model.json")


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> LogisticModel:
    """The shipped weights; an untrained, rules-only fallback if the file is missing or unreadable."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in payload["weights"].items()}
        return LogisticModel(bias=float(payload["bias"]), weights=weights)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return _fallback()


def _fallback() -> LogisticModel:
    weights = {f"cue:{k}": 1.0 for k in ("refund", "broken", "not_working", "no_response", "lost", "harsh")}
    weights.update({"neg": 2.5, "frustrated": 0.8, "cue:waiting": 0.8, "cue:delay": 0.8, "pos": -1.5})
    return LogisticModel(bias=-1.6, weights=weights)


def cue_weights(model: LogisticModel, signals: TextSignals) -> dict[str, float]:
    """How much each matched complaint cue pushed toward "complaint" (positive ones only)."""
    return {key: w for key in signals.complaint_cues if (w := model.weights.get(f"cue:{key}", 0.0)) > 0}
