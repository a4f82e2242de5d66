"""Readers for the published ground-truth sets and the figures we judge scoring by. Pure functions."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path

from desktop_app.scoring.features import signals
from desktop_app.scoring.logistic import Features, TrainConfig, train
from desktop_app.scoring.sentiment import SentimentScorer


def read_text(path: Path) -> str:
    """Bytes to text whatever the encoding: UTF-8 (with or without BOM), else Latin-1."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def load_sentiment_truth(path: Path) -> list[tuple[float, str]]:
    """VADER ground truth: `id <TAB> mean rating -4..4 <TAB> text`, CRLF; bad lines skipped."""
    rows: list[tuple[float, str]] = []
    for line in read_text(path).splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        try:
            rows.append((float(parts[1]), "\t".join(parts[2:]).strip()))
        except ValueError:
            continue
    return rows


def load_complaints(path: Path) -> list[tuple[str, int, str]]:
    """complaints-data.csv: id, text, label (1 complaint), domain; no header. Returns (text, label, domain)."""
    rows: list[tuple[str, int, str]] = []
    for rec in csv.reader(io.StringIO(read_text(path))):
        if len(rec) >= 3 and rec[2].strip() in ("0", "1"):
            rows.append((rec[1], int(rec[2]), rec[3] if len(rec) > 3 else ""))
    return rows


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = sum((x - mx) ** 2 for x in xs)
    vy = sum((y - my) ** 2 for y in ys)
    return cov / math.sqrt(vx * vy) if vx and vy else 0.0


def three_class(value: float, band: float) -> int:
    return 0 if abs(value) <= band else (1 if value > 0 else -1)


def accuracy3(truth: Sequence[float], predicted: Sequence[float], truth_band: float, band: float) -> float:
    """Share where the predicted sign class (|p| <= band neutral) equals the human one (|t| <= truth_band)."""
    hits = sum(
        three_class(t, truth_band) == three_class(p, band) for t, p in zip(truth, predicted, strict=True)
    )
    return hits / len(truth)


def auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve (ties share rank)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return 0.5
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def best_f1(labels: Sequence[int], scores: Sequence[float]) -> tuple[float, float]:
    """The best F1 over all thresholds, and that threshold."""
    pairs = sorted(zip(scores, labels, strict=True), reverse=True)
    total_pos = sum(labels)
    tp = fp = 0
    best, best_t = 0.0, 1.0
    for i, (s, y) in enumerate(pairs):
        tp += y
        fp += 1 - y
        if i + 1 < len(pairs) and pairs[i + 1][0] == s:
            continue
        f1 = 2 * tp / (tp + fp + total_pos) if total_pos else 0.0
        if f1 > best:
            best, best_t = f1, s
    return best, best_t


def kfold(n: int, k: int) -> list[list[int]]:
    """Deterministic interleaved folds: row i goes to fold i % k."""
    return [list(range(f, n, k)) for f in range(k)]


def featurize(texts: Sequence[str]) -> list[dict[str, float]]:
    """The complaint model's input for each text."""
    scorer = SentimentScorer()
    return [signals(t, scorer.analyse(t)).features for t in texts]


def cross_validated(
    rows: Sequence[Features],
    labels: Sequence[int],
    folds: list[list[int]],
    config: TrainConfig | None = None,
) -> list[float]:
    """Each row's complaint probability from a model trained on the other folds only."""
    scores = [0.0] * len(rows)
    for held in folds:
        held_set = set(held)
        train_idx = [i for i in range(len(rows)) if i not in held_set]
        model = train([rows[i] for i in train_idx], [labels[i] for i in train_idx], config or TrainConfig())
        for i in held:
            scores[i] = model.probability(rows[i])
    return scores
