"""Scoring against published human judgements (../shared/data). Floors sit just below what we measured
(benchmarks/quality.py), so a regression fails here. Learned parts are judged only on rows they were not
trained on: sentiment 5-fold cross-validated across the four VADER sets pooled and trained without the judged
set; complaints 5-fold cross-validated, with the F1 threshold chosen inside each fold's training rows."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from desktop_app.scoring.evaluation import (
    SENTIMENT_SETS,
    accuracy3,
    auc,
    best_f1,
    cross_validated,
    cross_validated_decisions,
    f1_scores,
    featurize,
    kfold,
    load_complaints,
    load_sentiment_truth,
    pearson,
    sentiment_cross_validated,
    sentiment_examples,
)
from desktop_app.scoring.scorer import Scorer
from desktop_app.scoring.sentiment import NEUTRAL_BAND
from tests.support.shared_data import shared_file

HUMAN_NEUTRAL = 0.5


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


HeldOut = dict[str, tuple[list[float], list[float], list[float], list[float]]]


@pytest.fixture(scope="module")
def held_out() -> HeldOut:
    """Per set: human truth, VADER, k-fold CV predictions, predictions trained without the set."""
    rows = {
        name: load_sentiment_truth(shared_file("sentiment", file)) for name, file in SENTIMENT_SETS.items()
    }
    kfold_pred, without = sentiment_cross_validated({n: sentiment_examples(r) for n, r in rows.items()}, 5)
    vader = SentimentIntensityAnalyzer()
    return {
        name: (
            [r for r, _ in rows[name]],
            [vader.polarity_scores(t)["compound"] for _, t in rows[name]],
            kfold_pred[name],
            without[name],
        )
        for name in ("tweets", "amazon")
    }


def test_tweets_sentiment_tracks_humans_and_beats_vader(held_out: HeldOut) -> None:
    truth, vader, ours, without = held_out["tweets"]
    assert len(truth) == 4200
    r = pearson(truth, ours)
    assert r >= 0.875  # measured 0.882 (VADER 0.872, TextBlob 0.697, human raters 0.888)
    assert r > pearson(truth, vader)
    assert pearson(truth, without) >= 0.875  # measured 0.882: reviews and editorials do not hurt tweets
    assert accuracy3(truth, ours, HUMAN_NEUTRAL, NEUTRAL_BAND) >= 0.785  # measured 0.800


def test_amazon_sentiment_tracks_humans_and_beats_vader(held_out: HeldOut) -> None:
    truth, vader, ours, without = held_out["amazon"]
    r = pearson(truth, ours)
    assert r >= 0.70  # measured 0.719 (VADER 0.590, TextBlob 0.512; lexicon blend alone 0.674)
    assert pearson(truth, without) >= 0.68  # measured 0.697
    assert r > pearson(truth, vader)
    assert accuracy3(truth, ours, HUMAN_NEUTRAL, NEUTRAL_BAND) >= 0.625  # measured 0.646


def test_shipped_sentiment_keeps_neutral_text_neutral(scorer: Scorer) -> None:
    for text in ("The store opens at 9 on Sunday.", "New colours arrive next week", "@acme order 4471"):
        assert abs(scorer.score(text).sentiment) < NEUTRAL_BAND


def test_complaint_model_cross_validated() -> None:
    data = load_complaints(shared_file("complaints", "complaints-data.csv"))
    assert len(data) == 3449
    labels = [y for _, y, _ in data]
    feats = featurize([t for t, _, _ in data])
    scores, decisions = cross_validated_decisions(feats, labels, kfold(len(data), 5))
    assert auc(labels, scores) >= 0.88  # measured 0.901; negativity alone 0.66
    assert (
        best_f1(labels, scores)[0] >= 0.75
    )  # measured 0.771 (threshold picked on the test rows: optimistic)
    f1, macro = f1_scores(labels, decisions)
    assert f1 >= 0.75  # measured 0.770 with the threshold chosen inside each training fold
    assert macro >= 0.80  # measured 0.817 (the corpus paper reports up to 79 F1)
    domains = [d for _, _, d in data]
    by_domain = [[i for i, d in enumerate(domains) if d == name] for name in sorted(set(domains))]
    assert auc(labels, cross_validated(feats, labels, by_domain)) >= 0.78  # measured 0.804


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
