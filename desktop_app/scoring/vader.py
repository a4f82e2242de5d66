"""VADER, scored sentence by sentence and summed, so its negation window ("never replied. Worst ...")
and its "but" rule stay inside one sentence. On one-sentence texts this is exactly VADER."""

from __future__ import annotations

import re
from functools import lru_cache

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

from desktop_app.scoring import phrases

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")

# Emoji VADER describes with words it has no valence for: emoji -> our token with a valence.
_EMOJI_VALENCE: dict[str, tuple[str, float]] = {
    "😡": ("emojirage", -2.7),
    "🤬": ("emojirage", -2.7),
    "😤": ("emojihuff", -1.6),
    "😠": ("emojiangry", -2.3),
    "👎": ("emojithumbsdown", -1.9),
    "👍": ("emojithumbsup", 1.9),
    "💩": ("emojipoo", -1.8),
    "🤮": ("emojivomit", -2.2),
    "🙄": ("emojieyeroll", -1.3),
    "😒": ("emojiunamused", -1.5),
    "🙏": ("emojithanks", 1.2),
    "😍": ("emojiloveeyes", 2.6),
    "💯": ("emojihundred", 1.5),
}
_EXTRA_WORDS: dict[str, float] = {"saves": 2.2, "lifesavers": 2.8}


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """One VADER with our emoji and word additions (built once: loading the lexicon is the slow part)."""
    vader = SentimentIntensityAnalyzer()
    for emoji, (token, valence) in _EMOJI_VALENCE.items():
        vader.emojis[emoji] = token
        vader.lexicon[token] = valence
    vader.lexicon.update(_EXTRA_WORDS)
    return vader


def _emoji_to_words(vader: SentimentIntensityAnalyzer, text: str) -> str:
    if text.isascii():
        return text
    emojis = vader.emojis
    return "".join(f" {emojis[ch]} " if ch in emojis else ch for ch in text)


def _sentence_valences(vader: SentimentIntensityAnalyzer, sentence: str) -> list[float]:
    sentitext = SentiText(sentence)
    words = sentitext.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(words):
        low = item.lower()
        if low in BOOSTER_DICT or (low == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
            sentiments.append(0)
            continue
        sentiments = vader.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = phrases.damp_irrealis(sentence, phrases.apply(sentence, words, sentiments))
    return list(vader._but_check(words, sentiments))


@lru_cache(maxsize=8192)
def _cached_valences(sentence: str) -> tuple[float, ...]:
    """A sentence's valences depend on the sentence alone, and the brand-weighted path scores each sentence
    twice (in the whole text and as a segment): the second time is a lookup."""
    return tuple(_sentence_valences(analyzer(), sentence))


def polarity(text: str) -> dict[str, float]:
    """VADER's dict (compound, pos, neg, neu) for a text of any number of sentences."""
    vader = analyzer()
    text = _emoji_to_words(vader, text).strip()
    valences: list[float] = []
    for sentence in _SENTENCE_END.split(text):
        if sentence:
            valences.extend(_cached_valences(sentence))
    return dict(vader.score_valence(valences, text))
