"""Multi-word sentiment the word lexicon misreads: review and customer-care idioms.

VADER scores words one at a time, so "save your money" reads as praise ("save" +2.2), "thanks for nothing"
as thanks, "can't recommend it enough" as a refusal, and "stopped working" barely registers. Each phrase
here replaces the valences of the words it spans with its own (VADER's -4..+4 scale) before VADER's "but"
rule and normalisation run. Patterns are lower case and match at a word start only.
"""

from __future__ import annotations

from desktop_app.scoring.regex_prefilter import (
    after_word_start,
    compile_prefiltered,
    may_open,
    opening_literals,
)

_NEG = r"(?:do not|don't|dont|did not|didn't|didnt|does not|doesn't|doesnt|would not|wouldn't|wouldnt|will not|won't|wont|cannot|can't|cant|could not|couldn't|couldnt|never)"
_BUY = r"(?:buy|purchase|order|recommend|shop|go back|come back)\w*"
_WORK = r"(?:work|function|play|read|recogni[sz]e|load|connect|charg(?:e|es|ing)(?! (?:you|u|me|us|for|a|extra|anything)\b)|turn on|sync)\w*"
_TIME = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|uses?)"
_WORK_ANCHORS = "work func play read reco load conn char turn sync"
_TIME_ANCHORS = "seco minu hour day week mont year use"

PHRASES: tuple[tuple[str, float, str], ...] = (
    # praise the lexicon reads as negative or neutral
    (
        rf"(?:{_NEG}|can't|cant) (?:recommend|praise|thank|say enough good)\w*(?: \w+){{0,4}} enough",
        3.2,
        "enou",
    ),
    (r"(?:does|do|did)(?: not|n'?t) get (?:any |much )?better", 3.0, "bett"),
    (
        r"(?:could|can)(?: not|n'?t) (?:be|have been) (?:happier|more (?:happy|pleased|satisfied))",
        3.2,
        "happ plea sati",
    ),
    (r"(?:can|could)(?: not|n'?t|not) go wrong", 2.6, "wron"),
    (r"(?:can|could)(?: not|n'?t|not) (?:ask for|beat|fault)\w*", 2.6, "ask beat faul"),
    (
        r"hard to beat|worth every (?:penny|cent|dollar)|money well spent|best purchase",
        3.0,
        "beat wort spen purc",
    ),
    (r"no (?:complaints?|regrets?|issues?|problems?)\b", 1.6, "comp regr issu prob"),
    (r"kicks? (?:\w+ ){0,2}(?:butt|ass)|blows? (?:\w+ ){0,2}away|blown away", 2.8, "kick blow"),
    (r"(?:can't|cannot|can not) put (?:it|this) down|(?:above and|far) beyond", 2.6, "put beyo"),
    (
        r"(?:would|will|'d|'ll) (?:definitely |gladly |happily )?(?:buy|order|purchase|fly|stay) (?:\w+ )?again",
        2.4,
        "agai",
    ),
    (
        r"(?:five|5|ten|10) stars?|(?:4|5|four|five)(?:\.5)? out of (?:5|five)|(?:9|10) out of (?:10|ten)",
        3.0,
        "star out",
    ),
    (r"(?:four|4|4\.5) stars?", 2.2, "star"),
    # customer-care praise
    (
        r"(?:made|makes|make) my (?:day|week|morning|year)|saved (?:the|my) (?:day|trip|bacon|life)",
        2.6,
        "made make save",
    ),
    (
        r"(?:sorted|fixed|resolved|solved|replaced|refunded)(?: \w+){0,3} (?:in no time|quickly|fast|right away"
        r"|immediately|straight away|within (?:minutes|an hour)|in minutes|same day"
        r"|(?:in|within) (?:\d+|a few|two|five|ten|twenty) (?:minutes|mins|seconds))|in no time",
        2.4,
        "sort fixe reso solv repl refu time",
    ),
    (
        r"shout ?-?outs? (?:to|for)|big ups? (?:to|for)|props to|hats off to|kudos to|huge thanks to|mad props",
        2.4,
        "shou big prop hats kudo huge mad",
    ),
    (
        r"(?:can't|cant|cannot|can not|couldn't|could not) believe how (?:good|great|amazing|awesome|fast|quick|easy"
        r"|nice|well|helpful|friendly|smooth|delicious|beautiful|much better|kind|lovely)",
        2.6,
        "beli",
    ),
    (
        r"(?:can't|cant|cannot|can not|couldn't|could not) believe how (?:bad|rude|slow|awful|terrible|long"
        r"|expensive|useless|poor|hard|difficult|broken)",
        -2.4,
        "beli",
    ),
    (
        r"(?:can't|cant|cannot|can not) stop (?:smiling|raving|eating|using|listening|recommending|playing)",
        2.2,
        "stop",
    ),
    (r"not (?:too |that |so |half )?bad(?: at all)?\b", 1.9, "bad"),
    # complaints the lexicon reads as praise or misses
    (
        r"save (?:your|ur|yourself(?: the| some)?) (?:\w+ )?(?:money|cash|time|trouble|aggravation|aggrivation|headache|bucks)",
        -2.8,
        "save",
    ),
    (r"save (?:your|yourself|ur)self", -2.4, "save"),
    (r"thank(?:s| you) for nothing", -2.8, "noth"),
    (r"(?:a |total |complete |utter )?waste of (?:\w+ )?(?:money|time|cash|space|effort)", -2.8, "wast"),
    (r"piece of (?:junk|crap|garbage|trash|shit|sh\W*|s\W+t|\*+)", -3.2, "piec"),
    (r"(?:junk|trash|garbage|rubbish)\b", -2.2, "junk tras garb rubb"),
    (rf"{_NEG} (?:ever |even )?{_BUY}", -2.3, "buy purc orde reco shop back"),
    (r"never again|last time i (?:\w+ )?(?:buy|order|use|fly|shop|book)\w*", -2.4, "agai last"),
    (
        r"stay away|buyer beware|look elsewhere|shop elsewhere|avoid (?:this|these|it|them|at all costs)",
        -2.6,
        "away bewa else avoi",
    ),
    (
        r"avoid\b|more trouble than (?:it's|its|it is) worth|should (?:have been|be) (?:a )?recall\w*",
        -2.4,
        "avoi trou reca",
    ),
    (
        r"(?:find|buy|get) (?:a |something )(?:much |far |a lot )?better|(?:find|buy) (?:much |far )?better",
        -1.6,
        "bett",
    ),
    (
        r"(?:won't|will not|wouldn't|would not|did not|didn't|never|don't|do not|doesn't|does not) (?:even )?(?:respond|answer|reply|return (?:my |our )?(?:calls?|emails?)|call (?:me )?back|get back)\w*",
        -2.0,
        "resp answ repl call back emai",
    ),
    (
        r"(?:doesn't|does not|don't|do not|didn't|did not) make (?:any )?sense|busy signal|when it work(?:ed|s)",
        -1.6,
        "sens busy work",
    ),
    (r"not worth (?:it|the|a|any|buying|the money|your|my)", -2.4, "wort"),
    (r"you get what you pay for", -1.8, "pay"),
    (r"(?:nice|expensive|fancy|great|good) paperweight|(?:is|was|are|were) a joke", -2.4, "pape joke"),
    (
        rf"(?:stopped|quit|ceased) {_WORK}|no longer {_WORK}|(?:never|barely|rarely) {_WORK}",
        -2.3,
        _WORK_ANCHORS,
    ),
    (
        rf"(?:does|do|did|would|will|wo|could|ca|is|was)(?: not|n'?t) (?:even |always |really )?{_WORK}",
        -2.0,
        _WORK_ANCHORS,
    ),
    (rf"(?:broke|died|failed|broken|dead) (?:after|within|in) (?:\w+ ){{0,2}}{_TIME}", -2.6, _TIME_ANCHORS),
    (rf"for (?:the first|about|only) (?:\w+ ){{0,2}}{_TIME}|while it lasted", -1.6, _TIME_ANCHORS + " last"),
    (
        r"(?:returned|returning|return) (?:it|this|them|mine)\b|sent (?:it|them) back|(?:ask|asked|want|get|got|getting) (?:for )?(?:a |my )?refund",
        -1.8,
        "retu back refu",
    ),
    (r"(?:zero|0|one|1|no|half a) stars?|(?:0|1|one|zero) out of (?:5|five|10|ten)", -2.8, "star out"),
    (r"(?:two|2) stars?", -1.6, "star"),
    (
        r"better luck|(?:another|different|other|better(?: known)?|more (?:reliable|reputable|trusted)) brand|spend (?:a (?:little|bit) )?more (?:money )?(?:on|for|and)",
        -1.4,
        "luck bran spen",
    ),
    (
        r"should (?:have|'ve) (?:bought|gone|gotten|listened|read|known|returned)|wish i (?:had|would have|hadn't|had not|never|could return)",
        -1.8,
        "shou wish",
    ),
    (
        r"(?:still|been|keep) waiting|on hold (?:for|again)|no (?:response|reply|answer|one (?:answers|responded|replied|called))",
        -1.6,
        "wait hold resp repl answ one",
    ),
    (r"never (?:arrived|received|came|showed|got back|heard back|responded|replied)", -2.0, "neve"),
    (
        r"(?:charged|billed) (?:me )?(?:twice|double|again)|(?:double|over) ?charged",
        -2.0,
        "char bill over doub",
    ),
    (r"(?:non-?existent|nonresponsive|non-responsive|unresponsive)", -1.8, "none non- nonr unre"),
)

_NEGATORS = frozenset({"not", "no", "never", "isn't", "wasn't", "aren't", "isnt", "wasnt", "hardly"})
_COMPILED = tuple(
    compile_prefiltered(rf"(?<![\w'])(?:{after_word_start(pattern)})") for pattern, _, _ in PHRASES
)
_VALENCES = tuple(valence for _, valence, _ in PHRASES)
# What every match of a phrase opens with ("charged ", "billed ", ...), or None: a sentence with none of
# them skips the phrase's scan (its anchors are looser: "refund" is a candidate for "refunded quickly").
_OPENINGS = tuple(opening_literals(pattern) for pattern, _, _ in PHRASES)


def _by_anchor() -> dict[str, tuple[int, ...]]:
    """Anchor prefix (3 or 4 letters) -> the phrases holding a word that starts with it."""
    table: dict[str, list[int]] = {}
    for index, (_, _, anchors) in enumerate(PHRASES):
        for anchor in anchors.split():
            table.setdefault(anchor, []).append(index)
    return {anchor: tuple(indices) for anchor, indices in table.items()}


# Every phrase names the word prefixes one of which any match must hold: a set lookup per word picks the
# few phrases worth trying, so most sentences run no regex at all.
_ANCHORS = _by_anchor()


def _candidates(tokens: list[str]) -> list[int]:
    """The phrases whose anchors the tokens hold, in phrase order: one cached lookup per token."""
    cache = _TOKEN_BITS
    mask = 0
    for token in tokens:
        bits = cache.get(token)
        if bits is None:
            if len(cache) >= TOKEN_CACHE:
                cache.clear()
            bits = cache[token] = _token_bits(token)
        mask |= bits
    if not mask:
        return []
    found = _BY_MASK.get(mask)
    if found is None:
        if len(_BY_MASK) >= TOKEN_CACHE:
            _BY_MASK.clear()
        found = _BY_MASK[mask] = [i for i in range(len(PHRASES)) if mask >> i & 1]
    return list(found)


def _token_bits(token: str) -> int:
    low = token.lower()
    bits = 0
    for prefix in (low[:4], low[:3]):
        for index in _ANCHORS.get(prefix, ()):
            bits |= 1 << index
    return bits


_TOKEN_BITS: dict[str, int] = {}
_BY_MASK: dict[int, list[int]] = {}
TOKEN_CACHE = 200_000  # distinct tokens remembered; cleared when full


def _matches(lower: str, candidates: list[int]) -> list[tuple[int, int, int]]:
    """(start, end, phrase) of non-overlapping matches, leftmost first, earlier phrases winning ties."""
    hits = sorted(
        (m.start(), i, m.end())
        for i in candidates
        if may_open(lower, _OPENINGS[i])
        for m in _COMPILED[i].finditer(lower)
    )
    chosen: list[tuple[int, int, int]] = []
    end = -1
    for start, index, stop in hits:
        if start >= end:
            chosen.append((start, stop, index))
            end = stop
    return chosen


def apply(sentence: str, tokens: list[str], valences: list[float]) -> list[float]:
    """Valences (one per whitespace token of `sentence`) with every phrase's span replaced by its valence."""
    candidates = _candidates(tokens)
    if not candidates:
        return valences
    lower = sentence.lower().replace("’", "'")
    matches = _matches(lower, candidates)
    if not matches:
        return valences
    out = list(valences)
    for start, stop, index in matches:
        first = len(lower[:start].split())
        if start and not lower[start - 1].isspace():
            first = max(first - 1, 0)
        last = max(first, len(lower[:stop].split()) - 1)
        if first >= len(out):
            continue
        valence = _VALENCES[index]
        if first and tokens[first - 1].lower() in _NEGATORS:
            valence *= -0.74  # VADER's N_SCALAR: "not a waste of money"
        for i in range(first, min(last + 1, len(out))):
            out[i] = 0.0
        out[first] = valence
    return out


_IRREALIS = compile_prefiltered(
    r"\b(?:i wish|wish (?:it|they|there|i)|i hope|hopefully|would be (?:nice|great|good|better)|if only"
    r"|(?:should|would|could) have|(?:should|would|could)'ve)\b"
)
IRREALIS_DAMPING = 0.5  # measured: lifts r on all four VADER sets (tweets, Amazon, movie, NYT)


def damp_irrealis(sentence: str, valences: list[float]) -> list[float]:
    """Praise in a wish or a hope is praise of what is missing ("a better design would be nice", "I hope
    the next one lasts"): positive valences in such a sentence count half."""
    low = sentence.lower()
    if not ("wish" in low or "hope" in low or "ould" in low or "if only" in low) or not _IRREALIS.search(
        low.replace("’", "'")
    ):
        return valences
    return [v * IRREALIS_DAMPING if v > 0 else v for v in valences]
