from __future__ import annotations

from desktop_app.scoring.scorer import ScoreContext, default_scorer
from desktop_app.services.scoring_pool import MIN_BATCH, ScoringPool


def test_worker_processes_score_exactly_like_this_process() -> None:
    texts = [f"Acme charged me twice for order {n}, I want a refund" for n in range(MIN_BATCH)]
    texts += ["Love Acme!", "Is Acme open on Sunday?"] * MIN_BATCH
    batch = [(t, ScoreContext(brand_terms=("Acme",))) for t in texts]
    pool = ScoringPool(2)
    try:
        assert pool.score_many(batch) == default_scorer().score_many(batch)
        assert pool.score_many(batch[:2]) == default_scorer().score_many(batch[:2])  # small: scored here
    finally:
        pool.close()
