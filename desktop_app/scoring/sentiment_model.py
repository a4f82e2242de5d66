"""A learned correction on top of the lexicon blend: one weight per word (negation-marked), trained on
human ratings by tools/train_sentiment_model.py and shipped as sentiment_model.json.

    score = blend + (1 - |blend|) * (sum of the weights of the text's words), less a small dead zone

The correction is gated by (1 - |blend|): it speaks where the lexicons are unsure ("only one disc played",
"tried calling support for a week") and stays out of the way where they are confident. The gate is what
makes it transfer: trained on the other data sets only, it leaves the held-out set's correlation equal or
better on each of the four (see the tool's leave-one-data-set-out figures).
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("sentiment_model.json")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?.,;]")
_NEGATORS = frozenset({"not", "no", "never", "cannot", "nothing", "none", "nobody", "without", "hardly"})
_SCOPE_END = frozenset("!?.,;")
_UNMARKED = frozenset(".,;")  # scope ends not kept as words
MAX_TOKENS = 120
DEAD_ZONE = 0.05  # corrections this small are dropped, larger ones shrunk by it (keeps neutral neutral)


def words(text: str) -> set[str]:
    """Distinct words, each marked "_n" while in the scope of a negation (up to the next punctuation)."""
    low = text.lower().replace("’", "'")
    found = _TOKEN.findall(low)[:MAX_TOKENS]
    if "n't" not in low and _NEGATORS.isdisjoint(found):  # nothing negated: the tokens, less , ; and .
        return set(found).difference(_UNMARKED)
    out: set[str] = set()
    negated = False
    for token in found:
        if token in _SCOPE_END:
            negated = False
            if token in "!?":
                out.add(token)
            continue
        out.add(token + "_n" if negated else token)
        if token in _NEGATORS or token.endswith("n't"):
            negated = True
    return out


@dataclass(slots=True)
class Correction:
    bias: float = 0.0  # the training sets' mean offset from the blend: learned, never applied (see apply)
    weights: dict[str, float] = field(default_factory=dict)

    def apply(self, blend: float, text: str) -> float:
        return self.apply_words(blend, words(text)) if self.weights else blend

    def apply_words(self, blend: float, text_words: set[str] | frozenset[str]) -> float:
        """The blend moved by the gated word weights, less a small dead zone so that a text with no clear
        sentiment stays neutral. The bias is left out: it is the ground-truth sets' average disagreement
        with the lexicons (a constant, which Pearson r ignores), and adding it would tilt every neutral
        mention negative."""
        get = self.weights.get
        # fsum: a set's order changes from one process to the next, and a plain sum's rounding with it
        shift = (1.0 - abs(blend)) * math.fsum([get(t, 0.0) for t in text_words])
        if abs(shift) <= DEAD_ZONE:
            return blend
        shift -= DEAD_ZONE if shift > 0 else -DEAD_ZONE
        return max(-1.0, min(1.0, blend + shift))


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Correction:
    """The shipped weights; no correction (the plain lexicon blend) if the file is missing or unreadable."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in payload["weights"].items()}
        return Correction(float(payload["bias"]), weights)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Correction()


@dataclass(frozen=True, slots=True)
class Example:
    blend: float  # the lexicon blend, -1..1
    words: frozenset[str]
    target: float  # human rating scaled to -1..1


@dataclass(frozen=True, slots=True)
class FitConfig:
    epochs: int = 5
    learning_rate: float = 0.01
    l2: float = 1e-3
    min_count: int = 3  # words seen in fewer training rows get no weight
    seed: int = 7


def fit(rows: Sequence[Example], config: FitConfig = FitConfig()) -> Correction:
    """Adagrad SGD on squared error of the gated residual; deterministic for a given seed (a row's words
    are taken in sorted order: a frozenset's order, and so the float sums, would follow PYTHONHASHSEED)."""
    counts = Counter(t for r in rows for t in r.words)
    vocab = {t for t, n in counts.items() if n >= config.min_count}
    data = [(sorted(t for t in r.words if t in vocab), 1.0 - abs(r.blend), r.target - r.blend) for r in rows]
    model = Correction()
    w = model.weights
    grad_sq: dict[str, float] = {}
    bias_sq = 1e-8
    order = list(range(len(data)))
    rng = random.Random(config.seed)
    for _ in range(config.epochs):
        rng.shuffle(order)
        for i in order:
            toks, gate, residual = data[i]
            err = model.bias + gate * sum(w.get(t, 0.0) for t in toks) - residual
            for t in toks:
                wt = w.get(t, 0.0)
                g = err * gate + config.l2 * wt
                acc = grad_sq.get(t, 1e-8) + g * g
                grad_sq[t] = acc
                w[t] = wt - config.learning_rate * g / math.sqrt(acc)
            bias_sq += err * err
            model.bias -= config.learning_rate * err / math.sqrt(bias_sq)
    model.weights = {t: round(v, 4) for t, v in w.items() if abs(v) >= 5e-4}
    return model
