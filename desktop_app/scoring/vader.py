"""VADER, scored sentence by sentence and summed, so its negation window ("never replied. Worst ...")
and its "but" rule stay inside one sentence. On one-sentence texts this is exactly VADER."""

from __future__ import annotations

from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, allcap_differential

from desktop_app.scoring import phrases, vader_fast
from desktop_app.scoring.regex_prefilter import compile_prefiltered

_SENTENCE_END = compile_prefiltered(r"(?<=[.!?])\s+(?=\S)|\n+")

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
_EXTRA_WORDS: dict[str, float] = {
    "saves": 2.2,
    "lifesavers": 2.8,
    # customer-care words VADER's lexicon has no valence for
    "crashes": -1.7,
    "crashed": -1.7,
    "crashing": -1.7,
    "outage": -1.5,
    "glitch": -1.2,
    "glitches": -1.2,
    "glitchy": -1.4,
    "buggy": -1.5,
    "nightmare": -2.4,
    "canceled": -1.0,
    "shoutout": 1.8,
}


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """One VADER with our emoji and word additions (built once: loading the lexicon is the slow part)."""
    vader = SentimentIntensityAnalyzer()
    for emoji, (token, valence) in _EMOJI_VALENCE.items():
        vader.emojis[emoji] = token
        vader.lexicon[token] = valence
    vader.lexicon.update(_EXTRA_WORDS)
    return vader


SARCASM_FLIP = -0.5  # in a sarcastic text a positive word counts this many times its valence


def prepare(text: str) -> str:
    """The text as VADER reads it: emoji replaced by words, stripped."""
    return _emoji_to_words(analyzer(), text).strip()


def sentences(prepared: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(prepared) if s]


def _emoji_to_words(vader: SentimentIntensityAnalyzer, text: str) -> str:
    if text.isascii():
        return text
    emojis = vader.emojis
    return "".join(f" {emojis[ch]} " if ch in emojis else ch for ch in text)


def _sentence_valences(vader: SentimentIntensityAnalyzer, sentence: str) -> list[float]:
    words = vader_fast.words_and_emoticons(sentence)
    if sentence.lower() == sentence:  # no capital anywhere: the words are their own lower case, none is caps
        lower, caps = words, False
    else:
        lower, caps = [w.lower() for w in words], allcap_differential(words)
    sentiments = vader_fast.word_valences(vader.lexicon, words, lower, caps)
    sentiments = phrases.damp_irrealis(sentence, phrases.apply(sentence, words, sentiments))
    if "but" not in lower:  # VADER's "but" rule has nothing to do (it lower-cases every word to find out)
        return list(sentiments)
    return list(vader._but_check(words, sentiments))


@lru_cache(maxsize=8192)
def sentence_valences(sentence: str, sarcastic: bool = False) -> tuple[float, ...]:
    """One valence per whitespace token of the sentence (a sentence of `prepared` text). Depends on the
    sentence alone, so a repeated sentence (a title quoted in its text, a retweet) is a lookup.
    In a sarcastic text positive words count against it (SARCASM_FLIP)."""
    valences = _sentence_valences(analyzer(), sentence)
    if sarcastic:
        return tuple(v * SARCASM_FLIP if v > 0 else v for v in valences)
    return tuple(valences)


def score(valences: list[float] | tuple[float, ...], text: str) -> dict[str, float]:
    """VADER's dict (compound, pos, neg, neu) for these valences of `text` (punctuation emphasis from it)."""
    return dict(analyzer().score_valence(valences, text))


def valences_of(prepared: str, sarcastic: bool = False) -> list[float]:
    """Every sentence's valences, in order, for a `prepare`d text."""
    valences: list[float] = []
    for sentence in sentences(prepared):
        valences.extend(sentence_valences(sentence, sarcastic))
    return valences


def compound_neg(valences: list[float] | tuple[float, ...], text: str) -> tuple[float, float]:
    """VADER's compound and negative share for these valences of `text` (as `score` gives them, faster)."""
    return vader_fast.compound_neg(valences, text)


def polarity(text: str, sarcastic: bool = False) -> dict[str, float]:
    """VADER's dict (compound, pos, neg, neu) for a text of any number of sentences."""
    text = prepare(text)
    return score(valences_of(text, sarcastic), text)
