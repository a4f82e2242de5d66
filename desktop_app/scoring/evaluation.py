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
from desktop_app.scoring.sentiment_model import Correction, Example, FitConfig, fit, words
from desktop_app.scoring.text import clip


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


SENTIMENT_SETS = {
    "tweets": "tweets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}


def sentiment_examples(rows: Sequence[tuple[float, str]]) -> list[Example]:
    """The learned correction's input: the uncorrected lexicon blend, the words, the rating scaled to -1..1."""
    scorer = SentimentScorer(correction=Correction())
    return [Example(scorer.plain(clip(t)).score, frozenset(words(clip(t))), r / 4.0) for r, t in rows]


def corrected_predictions(
    train_rows: Sequence[Example], test_rows: Sequence[Example], config: FitConfig | None = None
) -> list[float]:
    model = fit(train_rows, config or FitConfig())
    return [model.apply_words(r.blend, r.words) for r in test_rows]


def sentiment_cross_validated(
    sets: dict[str, list[Example]], k: int = 5, config: FitConfig | None = None
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Two honest views of the learned correction, per data set: k-fold across all the sets pooled (row i
    of each set in fold i % k), and leave-one-set-out (trained on the other sets only)."""
    kfold_pred = {name: [0.0] * len(rows) for name, rows in sets.items()}
    for fold in range(k):
        train_rows = [r for rows in sets.values() for i, r in enumerate(rows) if i % k != fold]
        model = fit(train_rows, config or FitConfig())
        for name, rows in sets.items():
            for i in range(fold, len(rows), k):
                kfold_pred[name][i] = model.apply_words(rows[i].blend, rows[i].words)
    held_out = {
        name: corrected_predictions(
            [r for other, rows in sets.items() if other != name for r in rows], sets[name], config
        )
        for name in sets
    }
    return kfold_pred, held_out


def f1_scores(labels: Sequence[int], decisions: Sequence[int]) -> tuple[float, float]:
    """F1 of the complaint class, and macro F1 (the mean of both classes' F1, as the corpus paper reports)."""
    tp = sum(1 for y, d in zip(labels, decisions, strict=True) if y and d)
    fp = sum(1 for y, d in zip(labels, decisions, strict=True) if d and not y)
    fn = sum(1 for y, d in zip(labels, decisions, strict=True) if y and not d)
    tn = len(labels) - tp - fp - fn
    pos = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    neg = 2 * tn / (2 * tn + fn + fp) if tn else 0.0
    return pos, (pos + neg) / 2


def cross_validated_decisions(
    rows: Sequence[Features],
    labels: Sequence[int],
    folds: list[list[int]],
    config: TrainConfig | None = None,
    inner_k: int = 3,
) -> tuple[list[float], list[int]]:
    """Each row's probability and complaint decision from a model trained on the other folds, at the
    threshold that maximised F1 in an inner cross-validation on those training folds: no test row ever
    influences the weights or the threshold."""
    scores = [0.0] * len(rows)
    decisions = [0] * len(rows)
    for held in folds:
        held_set = set(held)
        train_idx = [i for i in range(len(rows)) if i not in held_set]
        train_rows = [rows[i] for i in train_idx]
        train_labels = [labels[i] for i in train_idx]
        inner = cross_validated(train_rows, train_labels, kfold(len(train_idx), inner_k), config)
        _, threshold = best_f1(train_labels, inner)
        model = train(train_rows, train_labels, config or TrainConfig())
        for i in held:
            scores[i] = model.probability(rows[i])
            decisions[i] = int(scores[i] >= threshold)
    return scores, decisions
