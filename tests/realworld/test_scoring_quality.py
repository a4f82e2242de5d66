"""Scoring against published human judgements (../shared/data). Floors sit just below what we measured
(benchmarks/quality.py), so a regression fails here. Complaint figures are 5-fold cross-validated."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from desktop_app.scoring.evaluation import (
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
from desktop_app.scoring.scorer import Scorer
from desktop_app.scoring.sentiment import NEUTRAL_BAND
from tests.support.shared_data import shared_file

HUMAN_NEUTRAL = 0.5


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def _sentiment(scorer: Scorer, name: str) -> tuple[list[float], list[float], list[float]]:
    rows = load_sentiment_truth(shared_file("sentiment", name))
    vader = SentimentIntensityAnalyzer()
    truth = [r for r, _ in rows]
    ours = [scorer.score(t).sentiment for _, t in rows]
    base = [vader.polarity_scores(t)["compound"] for _, t in rows]
    return truth, ours, base


def test_tweets_sentiment_tracks_humans_and_beats_vader(scorer: Scorer) -> None:
    truth, ours, vader = _sentiment(scorer, "tweets_GroundTruth.txt")
    assert len(truth) == 4200
    r = pearson(truth, ours)
    assert r >= 0.861  # measured 0.881 (VADER 0.872, TextBlob 0.697)
    assert r > pearson(truth, vader)
    assert accuracy3(truth, ours, HUMAN_NEUTRAL, NEUTRAL_BAND) >= 0.785  # measured 0.805


def test_amazon_sentiment_tracks_humans_and_beats_vader(scorer: Scorer) -> None:
    truth, ours, vader = _sentiment(scorer, "amazonReviewSnippets_GroundTruth.txt")
    r = pearson(truth, ours)
    assert r >= 0.60  # measured 0.622 (VADER 0.590, TextBlob 0.512)
    assert r > pearson(truth, vader)
    assert accuracy3(truth, ours, HUMAN_NEUTRAL, NEUTRAL_BAND) >= 0.585  # measured 0.606


def test_complaint_model_cross_validated() -> None:
    data = load_complaints(shared_file("complaints", "complaints-data.csv"))
    assert len(data) == 3449
    labels = [y for _, y, _ in data]
    scores = cross_validated(featurize([t for t, _, _ in data]), labels, kfold(len(data), 5))
    assert auc(labels, scores) >= 0.87  # measured 0.901; negativity alone 0.66
    assert best_f1(labels, scores)[0] >= 0.74  # measured 0.770


def test_shipped_complaint_model_flags_complaints_it_was_not_trained_on(scorer: Scorer) -> None:
    """Hand-written brand posts, not from the training file."""
    complaints = [
        "@acmeair lost my bag again and nobody at the desk will help",
        "Third time my @acmebank card gets declined for no reason. Fix this.",
        "Ordered two weeks ago, still no delivery, no tracking, no reply to emails",
        "@acme your app logs me out every five minutes, useless",
    ]
    others = [
        "@acme what time does the downtown store open on Sunday?",
        "Thanks @acme for the quick delivery, love the new jacket!",
        "Reading about the history of coffee this morning",
        "@acme congrats on the new store opening",
    ]
    low = min(scorer.score(t).complaint for t in complaints)
    high = max(scorer.score(t).complaint for t in others)
    assert low > 0.5 > high
