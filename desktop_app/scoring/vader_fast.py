"""VADER's per-word valence rules, ported to work on one lower-cased word list per sentence.

vaderSentiment lower-cases the whole sentence again for every negation and idiom check of every opinion
word (quadratic in the sentence's length); these functions give the same valences (checked word for word
on the four VADER ground-truth sets and the complaints corpus, see tests/unit/test_scoring_vader_fast.py)
at about half the cost. Rules, constants and their order are VADER's own.
"""

from __future__ import annotations

import math
import string

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    normalize,
    scalar_inc_dec,
)

_NEGATE = frozenset(NEGATE)
_PUNCTUATION = string.punctuation


def words_and_emoticons(sentence: str) -> list[str]:
    """SentiText's words: whitespace tokens with leading and trailing punctuation stripped, unless that
    leaves two characters or fewer (then it was likely an emoticon, ":)", and stays as it was)."""
    return [
        token if len(stripped := token.strip(_PUNCTUATION)) <= 2 else stripped for token in sentence.split()
    ]


def _negated(word: str) -> bool:
    return word in _NEGATE or "n't" in word


def word_valences(
    lexicon: dict[str, float], words: list[str], lower: list[str], is_cap_diff: bool
) -> list[float]:
    """One valence per word, before VADER's "but" rule (what its polarity_scores loop builds)."""
    out: list[float] = []
    n = len(words)
    for i, low in enumerate(lower):
        if low in BOOSTER_DICT or (low == "kind" and i < n - 1 and lower[i + 1] == "of"):
            out.append(0)
        elif low in lexicon:
            out.append(_valence(lexicon, words, lower, i, is_cap_diff))
        else:
            out.append(0)
    return out


def _valence(
    lexicon: dict[str, float], words: list[str], lower: list[str], i: int, is_cap_diff: bool
) -> float:
    """SentimentIntensityAnalyzer.sentiment_valence for a lexicon word."""
    low = lower[i]
    valence = lexicon[low]
    if low == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
        valence = 0.0
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
    ):
        valence = lexicon[low] * N_SCALAR
    if is_cap_diff and words[i].isupper():
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for start_i in range(3):
        if i > start_i and (before := lower[i - (start_i + 1)]) not in lexicon:
            # scalar_inc_dec is 0.0 for a word that is no booster: the call skipped (~10% of word_valences)
            s = (
                scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                if before in BOOSTER_DICT
                else 0.0
            )
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, lower, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, lower, i)
    return _least_check(valence, lexicon, lower, i)


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    if start_i == 0 and _negated(lower[i - 1]):
        valence = valence * N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
            lower[i - 1] == "so" or lower[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * N_SCALAR
    return valence


# Every word of a multi-word idiom or booster: a check whose four words hold none of them can match nothing.
_IDIOM_WORDS = frozenset(w for key in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in key for w in key.split())


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    w0, w1, w2, w3 = lower[i], lower[i - 1], lower[i - 2], lower[i - 3]
    if (
        w0 not in _IDIOM_WORDS
        and w1 not in _IDIOM_WORDS
        and w2 not in _IDIOM_WORDS
        and w3 not in _IDIOM_WORDS
    ):
        return valence  # every sequence below holds w0 or w1, or is "w3 w2"
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    n = len(lower)
    if n - 1 > i:
        zeroone = f"{w0} {lower[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _least_check(valence: float, lexicon: dict[str, float], lower: list[str], i: int) -> float:
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def _amplify_ep(text: str) -> float:
    """SentimentIntensityAnalyzer._amplify_ep: up to four "!" add emphasis."""
    return min(text.count("!"), 4) * 0.292


def _amplify_qm(text: str) -> float:
    """SentimentIntensityAnalyzer._amplify_qm: two or more "?" add emphasis."""
    qm_count = text.count("?")
    if qm_count <= 1:
        return 0
    return qm_count * 0.18 if qm_count <= 3 else 0.96


def compound_neg(sentiments: list[float] | tuple[float, ...], text: str) -> tuple[float, float]:
    """SentimentIntensityAnalyzer.score_valence's "compound" and "neg", rounded as it rounds them."""
    if not sentiments:
        return 0.0, 0.0
    amplifier = _amplify_ep(text) + _amplify_qm(text)
    sum_s = float(sum(sentiments))
    if sum_s > 0:
        sum_s += amplifier
    elif sum_s < 0:
        sum_s -= amplifier
    compound = normalize(sum_s)
    pos_sum = neg_sum = 0.0
    neu_count = sentiments.count(0)
    if neu_count < len(sentiments):
        for s in sentiments:
            if s > 0:
                pos_sum += float(s) + 1
            elif s < 0:
                neg_sum += float(s) - 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return round(compound, 4), round(math.fabs(neg_sum / total), 3)
