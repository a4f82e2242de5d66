"""Learn the complaint model's weights from the complaints corpus; print cross-validated figures.

    .venv/bin/python tools/train_complaint_model.py [--data PATH] [--folds 5] [--no-write]

Figures are k-fold cross-validated (each row scored by a model that never saw it; the F1 at a threshold chosen
inside each fold's training rows as well as the optimistic best F1), plus leave-one-domain-out as a check that
it transfers to brands it was not trained on. The final model is trained on every row and
written to desktop_app/scoring/complaint_model.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.scoring.complaint import MODEL_PATH  # noqa: E402
from desktop_app.scoring.evaluation import (  # noqa: E402
    auc,
    best_f1,
    cross_validated,
    cross_validated_decisions,
    f1_scores,
    featurize,
    kfold,
    load_complaints,
)
from desktop_app.scoring.logistic import LogisticModel, TrainConfig, train  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "complaints" / "complaints-data.csv"
CONFIG = TrainConfig()


def rules_only(feats: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in feats.items() if not k.startswith(("w:", "b:"))}


def report(name: str, labels: Sequence[int], scores: Sequence[float]) -> None:
    f1, threshold = best_f1(labels, scores)
    flagged = [y for y, s in zip(labels, scores, strict=True) if s >= 0.5]
    precision = sum(flagged) / len(flagged) if flagged else 0.0
    recall = sum(flagged) / max(sum(labels), 1)
    print(
        f"{name:<38} AUC {auc(labels, scores):.3f}  best F1 {f1:.3f} (at p >= {threshold:.2f})"
        f"  at p >= 0.5: precision {precision:.2f} recall {recall:.2f}"
        f"  mean p {sum(scores) / len(scores):.2f} vs rate {sum(labels) / len(labels):.2f}"
    )


def domain_folds(domains: Sequence[str]) -> list[list[int]]:
    names = sorted(set(domains))
    return [[i for i, d in enumerate(domains) if d == name] for name in names]


def evaluate(feats: list[dict[str, float]], labels: list[int], domains: list[str], k: int) -> None:
    variants: list[tuple[str, Callable[[dict[str, float]], dict[str, float]]]] = [
        ("rules + tone (no n-grams)", rules_only),
        ("rules + tone + word n-grams", lambda f: f),
    ]
    for name, pick in variants:
        rows = [pick(f) for f in feats]
        report(f"{k}-fold CV, {name}", labels, cross_validated(rows, labels, kfold(len(rows), k), CONFIG))
    _, decisions = cross_validated_decisions(feats, labels, kfold(len(feats), k), CONFIG)
    f1, macro = f1_scores(labels, decisions)
    print(
        f"{k}-fold CV, threshold chosen by an inner CV on each training fold: F1 {f1:.3f}, macro F1 {macro:.3f}"
    )
    report(
        "leave-one-domain-out, full model",
        labels,
        cross_validated(feats, labels, domain_folds(domains), CONFIG),
    )


def save(model: LogisticModel, rows: int) -> None:
    payload = {
        "version": 1,
        "trained_on": f"complaints-data.csv ({rows} rows, Preotiuc-Pietro et al. 2019)",
        "config": {"epochs": CONFIG.epochs, "l2": CONFIG.l2, "min_count": CONFIG.min_count},
        "bias": round(model.bias, 5),
        "weights": dict(sorted(model.weights.items())),
    }
    MODEL_PATH.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB, {len(model.weights)} weights)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="only print the cross-validated figures")
    args = parser.parse_args(argv)
    data = load_complaints(args.data)
    labels = [y for _, y, _ in data]
    started = time.perf_counter()
    feats = featurize([t for t, _, _ in data])
    evaluate(feats, labels, [d for _, _, d in data], args.folds)
    if not args.no_write:
        save(train(feats, labels, CONFIG), len(data))
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
