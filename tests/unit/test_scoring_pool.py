from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


def test_every_context_field_reaches_the_workers() -> None:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    full = ScoreContext(
        title="Refund please",
        brand_terms=("Acme", "Acme Air"),
        reach=1200,
        reach_label="likes",
        published_at=now - timedelta(hours=3),
        now=now,
        rating=1.0,
        answered=False,
        author_prior_complaints=2,
    )
    batch = [("Acme lost my bag again", full), ("Acme lost my bag again", ScoreContext(answered=True))]
    batch *= MIN_BATCH
    pool = ScoringPool(2)
    try:
        scored = pool.score_many(batch)
    finally:
        pool.close()
    assert scored == default_scorer().score_many(batch)
    assert "3rd complaint from this person" in scored[0].reasons and "1,200 likes" in scored[0].reasons
    assert scored[1].reasons[0] == "already answered"
