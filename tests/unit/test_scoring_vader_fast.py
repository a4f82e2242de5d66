"""The ported VADER word rules give exactly vaderSentiment's valences (the port is only for speed)."""

from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

from desktop_app.scoring import pattern_fast, vader, vader_fast
from desktop_app.scoring.evaluation import SENTIMENT_SETS, load_complaints, load_sentiment_truth
from tests.support.shared_data import shared_file

TRICKY = [
    "VADER is NOT smart, handsome, nor funny.",
    "The book was kind of good.",
    "At least it isn't a horrible book.",
    "the least bit helpful, never so happy, without doubt the best, no good or bad",
    "Not the worst, but NOT great either!!! sort of ok, kind of meh",
    "This is the shit. The bomb! yeah right. bad ass support, to die for",
    "no no no NO GOOD AT ALL",
    "",
]


def _reference(sentence: str) -> list[float]:
    """vaderSentiment's own loop (its polarity_scores, before the "but" rule)."""
    analyzer = vader.analyzer()
    sentitext = SentiText(sentence)
    words = sentitext.words_and_emoticons
    out: list[float] = []
    for i, item in enumerate(words):
        low = item.lower()
        if low in BOOSTER_DICT or (low == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
            out.append(0)
            continue
        out = analyzer.sentiment_valence(0, sentitext, item, i, out)
    return out


def _ported(sentence: str) -> list[float]:
    sentitext = SentiText(sentence)
    words = sentitext.words_and_emoticons
    assert vader_fast.words_and_emoticons(sentence) == words
    return vader_fast.word_valences(
        vader.analyzer().lexicon, words, [w.lower() for w in words], sentitext.is_cap_diff
    )


@pytest.mark.parametrize("sentence", TRICKY)
def test_tricky_sentences_match(sentence: str) -> None:
    assert _ported(sentence) == _reference(sentence)


def test_every_sentence_of_the_ground_truth_sets_matches() -> None:
    texts = [
        t for file in SENTIMENT_SETS.values() for _, t in load_sentiment_truth(shared_file("sentiment", file))
    ]
    texts += [t for t, _, _ in load_complaints(shared_file("complaints", "complaints-data.csv"))][:2000]
    checked = 0
    for text in texts:
        for sentence in vader.sentences(vader.prepare(text)):
            assert _ported(sentence) == _reference(sentence), sentence
            checked += 1
    assert checked > 10_000


def test_compound_and_negative_share_match_vaders_score_valence() -> None:
    texts = [
        t for file in SENTIMENT_SETS.values() for _, t in load_sentiment_truth(shared_file("sentiment", file))
    ]
    texts += [*TRICKY, "Great!!!!! really?? no way???? ok", "bad?!"]
    for text in texts:
        prepared = vader.prepare(text)
        valences = vader.valences_of(prepared)
        expected = vader.score(valences, prepared)
        assert vader.compound_neg(valences, prepared) == (expected["compound"], expected["neg"]), text


def test_ported_textblob_assessments_match() -> None:
    from desktop_app.scoring.sentiment import _PATTERN_TOKENS, _pattern

    sentiment = _pattern()
    texts = [
        t for file in SENTIMENT_SETS.values() for _, t in load_sentiment_truth(shared_file("sentiment", file))
    ]
    texts += [t for t, _, _ in load_complaints(shared_file("complaints", "complaints-data.csv"))]
    texts += [":-D <3 8-) not very good!! really not bad (!) 24/7 x-d", "never ever really nice :( ok."]
    for text in texts:
        tokens = _PATTERN_TOKENS.findall(text.lower())
        expected = [a[1] for a in sentiment.assessments(((w, None) for w in tokens), True)]
        assert pattern_fast.polarities(sentiment, tokens) == expected, text
