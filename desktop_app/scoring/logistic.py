"""A small L2 logistic regression over sparse named features, in pure Python (training and use)."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Features = Mapping[str, float]


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(slots=True)
class LogisticModel:
    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)

    def logit(self, feats: Features) -> float:
        get = self.weights.get
        return self.bias + sum([get(k, 0.0) * v for k, v in feats.items()])

    def probability(self, feats: Features) -> float:
        return sigmoid(self.logit(feats))


@dataclass(frozen=True, slots=True)
class TrainConfig:
    epochs: int = 10
    learning_rate: float = 0.05  # small steps, few epochs: early stopping (chosen by 5-fold CV)
    l2: float = 1e-3  # per-example L2 on all weights but the bias
    min_count: int = 3  # n-gram features rarer than this in the training rows are dropped
    seed: int = 7


def vocabulary(rows: Sequence[Features], min_count: int) -> set[str]:
    """Dense features always; n-grams ("w:", "b:") only when seen in at least min_count rows."""
    counts = Counter(k for row in rows for k in row)
    return {k for k, n in counts.items() if n >= min_count or k[1:2] != ":"}


def train(
    rows: Sequence[Features], labels: Sequence[int], config: TrainConfig = TrainConfig()
) -> LogisticModel:
    """Adagrad SGD on log loss; deterministic for a given seed."""
    config = config or TrainConfig()
    vocab = vocabulary(rows, config.min_count)
    data = [({k: v for k, v in r.items() if k in vocab}, y) for r, y in zip(rows, labels, strict=True)]
    model = LogisticModel(bias=_prior_logit(labels))
    grad_sq: dict[str, float] = {}
    order = list(range(len(data)))
    rng = random.Random(config.seed)
    for _ in range(config.epochs):
        rng.shuffle(order)
        for i in order:
            feats, y = data[i]
            _step(model, grad_sq, feats, model.probability(feats) - y, config)
    model.weights = {k: round(v, 5) for k, v in model.weights.items() if abs(v) >= 1e-4}
    return model


def _prior_logit(labels: Sequence[int]) -> float:
    p = min(max(sum(labels) / max(len(labels), 1), 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def _step(
    model: LogisticModel, grad_sq: dict[str, float], feats: Features, err: float, cfg: TrainConfig
) -> None:
    w = model.weights
    for k, v in feats.items():
        g = err * v + cfg.l2 * w.get(k, 0.0)
        acc = grad_sq.get(k, 1e-8) + g * g
        grad_sq[k] = acc
        w[k] = w.get(k, 0.0) - cfg.learning_rate * g / math.sqrt(acc)
    b = grad_sq.get("", 1e-8) + err * err
    grad_sq[""] = b
    model.bias -= cfg.learning_rate * err / math.sqrt(b)
