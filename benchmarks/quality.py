"""Scoring quality and speed against published ground truth (../shared/data).

    .venv/bin/python benchmarks/quality.py [--limit N] [--folds 5]

Sentiment: Pearson r with the human mean rating, and 3-class accuracy (human mean within +-0.5 is neutral;
a score within +-0.05 is neutral) on the VADER tweets and Amazon snippets, for VADER alone, TextBlob alone and
Earshot's blend. Complaints: AUC and best F1 of each score as a complaint ranking; Earshot's learned model is
k-fold cross-validated (never scored on rows it was trained on). Throughput: texts/s on one core.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textblob.en import sentiment as pattern_sentiment  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from desktop_app.scoring.evaluation import (  # noqa: E402
    accuracy3,
    auc,
    best_f1,
    cross_validated,
    featurize,
    kfold,
    load_complaints,
    load_sentiment_truth,
    pearson,
)
from desktop_app.scoring.scorer import ScoreContext, Scorer  # noqa: E402
from desktop_app.scoring.sentiment import NEUTRAL_BAND  # noqa: E402

DATA = Path(os.environ.get("EARSHOT_SHARED_DATA") or ROOT.parent / "shared" / "data")
HUMAN_NEUTRAL = 0.5
Method = Callable[[str], float]


def methods() -> dict[str, Method]:
    vader = SentimentIntensityAnalyzer()
    scorer = Scorer()
    return {
        "VADER": lambda t: float(vader.polarity_scores(t)["compound"]),
        "TextBlob": lambda t: float(pattern_sentiment(t)[0]),
        "Earshot": lambda t: scorer.score(t).sentiment,
    }


def timed(fn: Method, texts: Sequence[str]) -> tuple[list[float], float]:
    started = time.perf_counter()
    out = [fn(t) for t in texts]
    return out, len(texts) / max(time.perf_counter() - started, 1e-9)


def sentiment_rows(limit: int | None) -> list[str]:
    lines = []
    for name, file in (
        ("tweets", "tweets_GroundTruth.txt"),
        ("amazon", "amazonReviewSnippets_GroundTruth.txt"),
    ):
        rows = load_sentiment_truth(DATA / "sentiment" / file)[:limit]
        truth, texts = [r for r, _ in rows], [t for _, t in rows]
        for method, fn in methods().items():
            pred, rate = timed(fn, texts)
            r = pearson(truth, pred)
            acc = accuracy3(truth, pred, HUMAN_NEUTRAL, NEUTRAL_BAND)
            lines.append(
                f"| {name} ({len(rows)}) | {method} | r {r:.3f} | 3-class acc {acc:.3f} | {rate:,.0f}/s |"
            )
    return lines


def earshot_cv(texts: Sequence[str], labels: Sequence[int], folds: int) -> list[float]:
    return cross_validated(featurize(texts), labels, kfold(len(texts), folds))


def complaint_rows(limit: int | None, folds: int) -> list[str]:
    data = load_complaints(DATA / "complaints" / "complaints-data.csv")
    if limit:
        data = data[:: max(1, len(data) // limit)][:limit]  # spread over every domain
    texts, labels = [t for t, _, _ in data], [y for _, y, _ in data]
    lines = []
    for method, fn in methods().items():
        scores, rate = timed(fn, texts)
        if method == "Earshot":
            rate = len(texts) / _full_score_seconds(texts)
            scores = earshot_cv(texts, labels, folds)
            method = f"Earshot ({folds}-fold CV complaint model)"
        else:
            scores = [-s for s in scores]  # negativity as the complaint ranking
        f1, _ = best_f1(labels, scores)
        lines.append(
            f"| complaints ({len(texts)}) | {method} | AUC {auc(labels, scores):.3f} | best F1 {f1:.3f} | {rate:,.0f}/s |"
        )
    return lines


def _full_score_seconds(texts: Sequence[str]) -> float:
    scorer = Scorer()
    started = time.perf_counter()
    scorer.score_many([(t, ScoreContext()) for t in texts])
    return max(time.perf_counter() - started, 1e-9)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="rows per data set (quick run)")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} is absent; nothing to measure")
        return 1
    started = time.perf_counter()
    print("| data | method | correlation / AUC | accuracy / F1 | throughput (1 core) |")
    print("|---|---|---|---|---|")
    for line in sentiment_rows(args.limit) + complaint_rows(args.limit, args.folds):
        print(line, flush=True)
    print(f"\n3-class: human mean |x| <= {HUMAN_NEUTRAL} neutral; score |s| < {NEUTRAL_BAND} neutral.")
    print(
        "Earshot throughput is the full Scorer.score (sentiment + complaint + category + urgency + reasons)."
    )
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
