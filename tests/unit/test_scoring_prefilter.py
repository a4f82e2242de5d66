"""The first-character prefilter and the direct logit: the same matches and the same figures as before."""

from __future__ import annotations

import re

import pytest

from desktop_app.scoring import cues, phrases, sarcasm
from desktop_app.scoring.complaint import load_model
from desktop_app.scoring.features import model_weights, signals
from desktop_app.scoring.regex_prefilter import first_chars, prefiltered
from desktop_app.scoring.sentiment import SentimentScorer

TEXTS = [
    "",
    "@acme my order never arrived, still waiting 3 weeks. Refund please!!",
    "worst. service. ever 😡 I'm switching to Zenith",
    "Oh great, they lost my bag AGAIN. Thanks for nothing @united",
    "is there a way to export my data? asking for a friend",
    "You should add dark mode; it would be nice if the app didn't crash.",
    "They refused to serve my friend because she wears a hijab, called the police",
    "2 hours on hold, then the line went dead. Done with you.",
    "I used to work at Acme and can tell you the managers ignore safety",
    "lawyer says sue them. 'premium support' my foot /s",
    "“quoted” – dashes, ’curly’ apostrophes and n-word stuff #hashtag 100% 24/7",
]
PATTERNS = [
    r"(?<![\w'])(?:\bworst\b|rip ?off|\d+x)",
    r"(?:a|b)?c",
    r"x*",  # may match empty: no prefilter
    r".abc",  # any first character: no prefilter
    r"[^a]bc",  # a negated class: no prefilter
    r"(?:(?<=[.!?] )|^)done[.!]*$",
    r"\?|^(?:how|what)\b",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_prefiltered_pattern_finds_the_same_matches(pattern: str) -> None:
    plain, fast = re.compile(pattern), re.compile(prefiltered(pattern))
    for text in [*TEXTS, "abc", " xabc", "ok. done!", "c", "bc ac", "how? what"]:
        for lower in (text, text.lower()):
            assert [m.span() for m in fast.finditer(lower)] == [m.span() for m in plain.finditer(lower)]


def test_first_chars_are_a_superset_or_nothing() -> None:
    assert first_chars(r"(?:a|b)?c") == "[abc]"
    assert first_chars(r"\d+x|y") == r"[\dy]"
    assert first_chars(r"x*") is None
    assert first_chars(r".abc") is None
    assert first_chars(r"[^a]b") is None
    assert first_chars("abc", re.IGNORECASE) == "[a]"  # compiled with the same flags, it folds case too
    assert first_chars("abc", re.VERBOSE) is None


def test_every_cue_gets_a_prefilter_that_changes_no_match() -> None:
    """Each cue regex (as CueSet compiles it) against its plain form, over every position of real-ish text."""
    groups = (cues.COMPLAINT_CUES, cues.CRISIS_CUES, cues.SITUATION_CUES)
    for group in groups:
        for _reason, pattern in group.values():
            full = rf"(?<![\w'])(?:{pattern})"
            assert first_chars(full) is not None
            plain, fast = re.compile(full), re.compile(prefiltered(full))
            for text in TEXTS:
                low = text.lower()
                assert [m.span() for m in fast.finditer(low)] == [m.span() for m in plain.finditer(low)]
    for rx in (cues.QUESTION, cues.SUGGESTION, sarcasm.MARKERS, sarcasm.PROBLEM, *phrases._COMPILED):
        fast = re.compile(prefiltered(rx.pattern))
        for text in TEXTS:
            low = text.lower()
            assert [m.span() for m in fast.finditer(low)] == [m.span() for m in rx.finditer(low)]


def test_cue_set_find_by_mask_equals_find_by_prefixes() -> None:
    for text in TEXTS:
        low = text.lower()
        words = cues.cue_words(low)
        mask = cues.candidate_mask(words)
        prefixes = cues.word_prefixes(words)
        for cue_set in (cues.COMPLAINTS, cues.CRISES, cues.SITUATIONS):
            assert cue_set.find(low, mask=mask) == cue_set.find(low, words, prefixes)


def test_direct_logit_is_the_models_logit_of_the_features() -> None:
    model = load_model()
    weights = model_weights(model)
    analyser = SentimentScorer()
    for text in TEXTS:
        sentiment = analyser.analyse(text)
        full = signals(text, sentiment)
        fast = signals(text, sentiment, weights)
        assert fast.logit == model.logit(full.features)
        assert fast.features == {}
        assert (fast.complaint_cues, fast.crisis_cues, fast.question, fast.suggestion) == (
            full.complaint_cues,
            full.crisis_cues,
            full.question,
            full.suggestion,
        )
        assert (fast.churn, fast.insider, fast.mishap) == (full.churn, full.insider, full.mishap)


def _plain(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern a prefiltered regex was made from."""
    pattern = rx.pattern
    if pattern.startswith("(?=["):
        pattern = pattern[pattern.index("])(?:") + 5 : -1]
    return re.compile(pattern, rx.flags)


def test_every_prefiltered_module_regex_matches_as_its_plain_pattern() -> None:
    from desktop_app.scoring import sentiment, text, vader

    regexes = [
        cues.QUESTION,
        cues.SUGGESTION,
        *phrases._COMPILED,
        phrases._IRREALIS,
        sarcasm.MARKERS,
        sarcasm.IRONIC_PRAISE,
        sarcasm.PROBLEM,
        sarcasm.RESOLVED,
        sentiment._REFERS_BACK,
        sentiment._SEVERAL_CLAUSES,
        text._URL,
        text._CLAUSE_BREAK,
        text.brand_pattern(("Acme", "@acme", "North Wind")),
        vader._SENTENCE_END,
    ]
    samples = [*TEXTS, "Visit WWW.ACME.com or HTTPS://x.y; but ACME said\nno. North  Wind!", "İt's Kelvin K"]
    for rx in regexes:
        plain = _plain(rx)
        assert rx.pattern != plain.pattern, rx.pattern  # each got a prefilter
        for sample in samples:
            for variant in (sample, sample.lower(), sample.upper()):
                assert [m.span() for m in rx.finditer(variant)] == [m.span() for m in plain.finditer(variant)]


def test_a_leading_word_boundary_is_dropped_only_where_it_always_holds() -> None:
    from desktop_app.scoring.regex_prefilter import after_word_start

    assert after_word_start(r"\bworst\b|\bd\w+|rip ?off") == r"worst\b|d\w+|rip ?off"
    assert after_word_start(r"\b(?:x|y)|\bs?he|\bx{0,2}y|\b\d+") == r"\b(?:x|y)|\bs?he|\bx{0,2}y|\b\d+"
    assert after_word_start(r"a(?:\bb|c)|[|\b]|\bz") == r"a(?:\bb|c)|[|\b]|z"  # top-level alternatives only


def _corpus() -> list[str]:
    from desktop_app.scoring.evaluation import load_complaints
    from tests.support.shared_data import locate_shared_data

    path = locate_shared_data() / "complaints" / "complaints-data.csv"
    return [t.lower() for t, _, _ in load_complaints(path)] if path.is_file() else []


def test_one_pass_of_the_combined_cue_regex_finds_what_the_per_cue_searches_find(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CueSet.find takes one pass of the alternation of all its cues when several are candidates, and a
    search per cue otherwise: both give the same cues with the same reasons, in the same order."""
    texts = [t.lower() for t in TEXTS] + _corpus()
    for cue_set in (cues.COMPLAINTS, cues.CRISES, cues.SITUATIONS):
        combined = []
        for text in texts:
            mask = cues.candidate_mask(cues.cue_words(text))
            monkeypatch.setattr(cues, "COMBINED_FROM", 1)
            one_pass = cue_set.find(text, mask=mask)
            monkeypatch.setattr(cues, "COMBINED_FROM", 10**6)
            searches = cue_set.find(text, mask=mask)
            assert list(one_pass.items()) == list(searches.items()), text
            combined.append(len(one_pass))
        assert sum(combined) > 0


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize(
    "alternatives",
    [
        [r"refund\w*", r"rude\b", r"money back", r"\bworst\b"],
        [r"(?:does|do|did)n'?t work", r"done", r"\d+ hours?", r"(?:two|\d+) days?", r"\btwo\b"],
        [r"a", r"ab", r"(?:a|b)?c", r"'d be", r"x{0,2}y", r"b(?:x|y)z", r"\b(?:ok|\d+x)"],
    ],
)
def test_alternatives_grouped_by_first_char_match_as_the_plain_alternation(alternatives: list[str]) -> None:
    from desktop_app.scoring.regex_prefilter import by_first_char

    body, owners = by_first_char(alternatives, marked=True)
    grouped = re.compile(rf"(?<![\w'])(?:{body})")
    plain = re.compile(rf"(?<![\w'])(?:{'|'.join(f'({a})' for a in alternatives)})")
    samples = [*TEXTS, "a ab abc c bc xxy xy 12 hours two days 3 days didn't work done dont work 'd be ok 7x"]
    for text in samples:
        for variant in (text, text.lower()):
            got = [(m.span(), owners[(m.lastindex or 0) - 1]) for m in grouped.finditer(variant)]
            want = [(m.span(), (m.lastindex or 0) - 1) for m in plain.finditer(variant)]
            assert got == want, variant


def test_cue_regexes_match_as_their_plain_alternations() -> None:
    """The cue sets' per-cue and combined regexes (grouped by first character) against the plain forms."""
    texts = [t.lower() for t in TEXTS] + _corpus()
    for cue_set, group in ((cues.COMPLAINTS, cues.COMPLAINT_CUES), (cues.CRISES, cues.CRISIS_CUES),
                           (cues.SITUATIONS, cues.SITUATION_CUES)):  # fmt: skip
        body = "|".join(f"(?P<{key}>{pattern})" for key, (_, pattern) in group.items())
        plain = re.compile(rf"(?<![\w'])(?:{body})")
        singles = {key: re.compile(rf"(?<![\w'])(?:{pattern})") for key, (_, pattern) in group.items()}
        for text in texts:
            got = [
                (m.span(), cue_set._group_keys[m.lastindex or 0]) for m in cue_set._combined.finditer(text)
            ]
            assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)], text
            for key, single in singles.items():
                assert _spans(cue_set._regexes[key], text) == _spans(single, text), (key, text)


def test_sarcasm_regexes_match_as_their_plain_alternations() -> None:
    plain = {
        sarcasm.MARKERS: rf"(?<![\w'])(?:{sarcasm._MARKERS})|(?:^|\s)/s\b",
        sarcasm.IRONIC_PRAISE: rf"(?<![\w'])(?:{sarcasm._IRONIC_PRAISE})|🙄|🙃",
        sarcasm.PROBLEM: rf"(?<![\w'])(?:{sarcasm._PROBLEM})\b|🙄|😒|😤|😡|🤬",
        sarcasm.RESOLVED: rf"(?<![\w'])(?:{sarcasm._RESOLVED})\b",
        sarcasm._ANY_HINT: "|".join(re.escape(h) for h in (*sarcasm._HINTS, *sarcasm._HINTS2)),
    }
    texts = [*TEXTS, *_corpus()]
    for rx, pattern in plain.items():
        reference = re.compile(pattern)
        for text in texts:
            for variant in (text, text.lower().replace("’", "'")):
                assert _spans(rx, variant) == _spans(reference, variant), (pattern[:40], variant)


def test_is_question_is_the_question_regex() -> None:
    for text in [*TEXTS, *_corpus(), "how are you", "@a @b why", "can't you", "it's? ok", "whos there"]:
        low = text.lower()
        assert cues.is_question(low) == (cues.QUESTION.search(low) is not None), low


def test_every_match_opens_with_one_of_the_opening_literals() -> None:
    from desktop_app.scoring.regex_prefilter import may_open, opening_literals

    patterns = [
        p for group in (cues.COMPLAINT_CUES, cues.CRISIS_CUES, cues.SITUATION_CUES) for _, p in group.values()
    ]
    patterns += [p for p, _, _ in phrases.PHRASES]
    texts = [t.lower().replace("’", "'") for t in [*TEXTS, *_corpus()]]
    assert opening_literals(r"charged (?:me )?twice|(?:double|over) ?charged") == (
        "charged ",
        "double",
        "over",
    )
    assert opening_literals(r"(?<!\bi )lost|\d+ days") is None
    assert opening_literals(r"(?<!\bi )(?:lost|broke) my") == ("lost my", "broke my")
    known = 0
    for pattern in patterns:
        openings = opening_literals(pattern)
        known += openings is not None
        rx = re.compile(rf"(?<![\w'])(?:{pattern})")
        for text in texts:
            for m in rx.finditer(text):
                assert openings is None or m.group(0).startswith(openings), (pattern[:40], m.group(0))
            if rx.search(text):
                assert may_open(text, openings)
    assert known > len(patterns) // 2
