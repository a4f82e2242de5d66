"""Learn the sentiment correction's word weights from the VADER ground-truth sets; print held-out figures.

    .venv/bin/python tools/train_sentiment_model.py [--data DIR] [--folds 5] [--no-write]

Pearson r with the human mean per set, three ways: the lexicon blend alone (nothing learned), the correction
k-fold cross-validated across the four sets pooled, and the correction trained on the other three sets only
(leave-one-set-out: the closest thing here to a new kind of text). The shipped model is trained on every row
and written to desktop_app/scoring/sentiment_model.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.scoring.evaluation import (  # noqa: E402
    SENTIMENT_SETS,
    load_sentiment_truth,
    pearson,
    sentiment_cross_validated,
    sentiment_examples,
)
from desktop_app.scoring.sentiment_model import MODEL_PATH, Correction, Example, FitConfig, fit  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "sentiment"
CONFIG = FitConfig()


def load_sets(data: Path) -> dict[str, list[Example]]:
    return {
        name: sentiment_examples(load_sentiment_truth(data / file)) for name, file in SENTIMENT_SETS.items()
    }


def evaluate(sets: dict[str, list[Example]], k: int) -> None:
    kfold_pred, held_out = sentiment_cross_validated(sets, k, CONFIG)
    print(f"| set | rows | lexicon blend r | {k}-fold CV r | trained without this set r |")
    print("|---|---|---|---|---|")
    for name, rows in sets.items():
        truth = [r.target for r in rows]
        print(
            f"| {name} | {len(rows)} | {pearson(truth, [r.blend for r in rows]):.3f}"
            f" | {pearson(truth, kfold_pred[name]):.3f} | {pearson(truth, held_out[name]):.3f} |"
        )


def save(model: Correction, rows: int) -> None:
    payload = {
        "version": 1,
        "trained_on": f"VADER ground truth: tweets, Amazon, movie, NYT snippets ({rows} rows, Hutto & Gilbert 2014)",
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
    parser.add_argument("--no-write", action="store_true", help="only print the held-out figures")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sets = load_sets(args.data)
    evaluate(sets, args.folds)
    if not args.no_write:
        every = [r for rows in sets.values() for r in rows]
        save(fit(every, CONFIG), len(every))
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
