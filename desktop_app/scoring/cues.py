"""Phrase cues: what a mention asks for or threatens, each with the reason a user reads.

Each group is one regex alternative; a single `finditer` pass over the LOWER-CASED text finds every group
(first match wins the reason's wording). Matches start at a word start only, which makes the scan ~5x
faster. Reasons may contain "{w}", filled with the words that matched. Patterns are lower case.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from desktop_app.scoring.regex_prefilter import (
    by_first_char,
    compile_prefiltered,
    may_open,
    opening_literals,
    prefiltered,
    word_start_alternatives,
)

_N = r"(?:n'?t|n’t| not)"  # negation suffix: doesn't / does not
# What a refusal "because ..." must name to be discrimination (not "because I had no receipt").
_PROTECTED = (
    r"\b(?:race|racial|black|brown|skin|colou?r|ethnic\w*|hijab|turban|headscarf|niqab|kippah|yarmulke|religio\w*"
    r"|muslim|jewish|sikh|hindu|christian|gay|lesbian|bi|trans|transgender|queer|disab\w+|wheelchair|service dog"
    r"|guide dog|deaf|blind|autis\w+|pregnan\w+|breastfeed\w*|accent|nationality|immigra\w+|asian|arab|latin[oa]"
    r"|hispanic|african|indian|mexican|chinese|age|elderly|old|too old)\b"
)

COMPLAINT_CUES: dict[str, tuple[str, str]] = {
    "refund": ("asks for a refund", r"\brefund\w*|money back|charge ?back|reimburs\w+|compensat\w+"),
    "cancel": ("wants to cancel", r"\bcancel\w*"),
    "broken": (
        "says something is broken",
        r"\bbroken\b|\bbroke\b|\bdamaged\b|\bfaulty\b|\bdefective\b|\bcracked\b|stopped working|\bglitch\w*|\bcrash\w*|\bbug(?:s|gy)?\b",
    ),
    "not_working": (
        "says it doesn't work",
        rf"(?:does|do|did|is|wo|ca|could|will){_N} (?:work|load|open|connect|let|log|sign|charge|turn|respond)\w*|(?:cannot|unable to|not able to) \w+|\bnot working\b|\berror\b|\bfail(?:s|ed|ing|ure)?\b|\boutage\b|\bdown again\b",
    ),
    "waiting": (
        "still waiting",
        r"still (?:waiting|no\b|not|have\w*|nothing|ha\w*n'?t)|been waiting|waiting (?:for|since|on)|\bon hold\b|\bhours? (?:later|now)\b",
    ),
    "duration": (
        'mentions "{w}"',
        r"\b(?:\d+|two|three|four|five|six|several)\s*(?:hours?|hrs?|days?|weeks?|months?)\b",
    ),
    "no_response": (
        "no one answered",
        rf"\bno (?:one|body|response|reply|answer|help|update)\b|\bnobody\b|never (?:got|received|heard|responded|replied|answered)|ha(?:ve|s){_N} (?:heard|received|got|responded|replied)|\bignor(?:ed|ing)\b|\bno-one\b",
    ),
    "delay": ("reports a delay", r"\bdelay\w*|\blate\b|\boverdue\b|\bmissed\b|\bstuck\b"),
    "harsh": (
        'calls it "{w}"',
        r"\bworst\b|\bterrible\b|\bawful\b|\bhorrible\b|\bdisgust\w*|\bpathetic\b|\bridiculous\b|\bunacceptable\b|\bshocking\b|\bappalling\b|\bjoke\b|\bscam\b|\brip ?off\b|\bsucks?\b|\bcrap\b|\buseless\b|\bincompetent\b|waste of (?:\w+ )?(?:money|time)",
    ),
    "leaving": (
        "threatens to leave",
        r"never again|never (?:buy|buying|use|using|fly|flying|shop|shopping|order|ordering|be)\w*|switch\w* to (?!(?:the|a|an|your|dark|light|annual|monthly|yearly|premium|pro|basic|new)\b)|taking my business|lost a customer|last time i\b|\bdone with\b",
    ),
    "billing": (
        "billing problem",
        r"(?:double|over|wrongly|twice) ?charged|charged (?:me )?(?:twice|double|again)|overcharg\w+|\bbilled\b|\bbilling\b|\bcharged\b",
    ),
    "service": (
        "mentions customer service",
        r"customer (?:service|support|care)|\bcall cent(?:er|re)\b|\bhelpline\b|\bmanager\b|\bagent\b",
    ),
    "lost": (
        "order lost or wrong",
        rf"\blost\b|\bmissing\b|never (?:arrived|came|showed|delivered)|ha(?:s|ve){_N} (?:arrived|come|shipped)|not (?:arrived|delivered|received)|wrong (?:item|order|size|product|address)",
    ),
    "rude": (
        "staff were rude",
        r"\brude\b|\bunprofessional\b|\bdisrespect\w*|\bunhelpful\b|\bliar\w*|\blied\b",
    ),
    "frustrated": (
        "sounds frustrated",
        r"disappoint\w*|frustrat\w*|thanks? (?:you )?for nothing|fed up|sick (?:of|and tired)|tired of|annoy\w*|\bangry\b|\bfurious\b|\bupset\b|\bwtf\b|\bhate\b",
    ),
    "repeat": (
        "keeps happening",
        r"yet again|again and again|every (?:single )?time|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|\bagain\b|\bstill\b",
    ),
    "fix": (
        "wants it fixed",
        r"please (?:fix|help|sort|respond|reply)|fix (?:this|it|your)|sort (?:this|it) out|what(?:'s| is) going on|why (?:is|does|do|can|can't|won't|isn't|would)\b|\bexplain\b",
    ),
}

CRISIS_CUES: dict[str, tuple[str, str]] = {
    "legal": (
        'legal threat ("{w}")',
        r"\blawyers?\b|\battorneys?\b(?! general)|\bsu(?:e|ing) (?:you|u|them|the|this|your|for|over)\b|\bsued\b|\blawsuits?\b|legal action|class action|small claims|\blitigation\b",
    ),
    "safety": (
        'safety issue ("{w}")',
        r"\binjur\w+|\bhospitali[sz]ed\b|\bin (?:the )?hospital\b|food poisoning|allergic reaction|anaphyla\w+|caught fire|\bon fire\b|fire hazard|burst into flames|\bexplod\w+|\bexplosion\b|\belectrocut\w+|choking hazard|\bunsafe\b|\bdangerous\b|\bburn(?:ed|t) (?:me|my|his|her)\b|\bcarbon monoxide\b",
    ),
    "discrimination": (
        'alleges discrimination ("{w}")',
        r"discriminat\w+|\bracis[tm]\w*|\bsexis[tm]\w*|homophob\w*|transphob\w*|islamophob\w*|antisemit\w*"
        r"|\bharass\w+|\bbigot\w*|\bslurs?\b|\bn-word\b|hate (?:speech|crimes?)|racial(?:ly)? (?:profil\w+|abus\w+)"
        r"|\bprofiled\b|\b(?:refus\w*|denied|wouldn't|would not|won't|will not)(?: \w+){0,2} (?:serve|seat|admit|let \w+ in"
        r"|rent|hire|help|service)\w*[^.!?]{0,60}\b(?:because|for being|since|cause|cuz|due to)\b[^.!?]{0,40}"
        rf"{_PROTECTED}|\b(?:kicked|threw|thrown|turned|asked)\b(?: \w+){{0,3}} (?:out|away|to leave)\b[^.!?]{{0,60}}"
        rf"\b(?:because|for being|since|cause|cuz|due to)\b[^.!?]{{0,40}}{_PROTECTED}",
    ),
    "data": (
        'data breach ("{w}")',
        r"data breach|\bbreach\w*|\bhacked\b|\bleaked\b|\bleak\b|identity theft|unauthori[sz]ed (?:charge|transaction|access|purchase)s?|(?:data|details|information|card|account) (?:was |were |got |has been )?(?:stolen|exposed|compromised)",
    ),
    "press": (
        'going to the press or a regulator ("{w}")',
        r"\bbbb\b|better business bureau|\bftc\b|attorney general|trading standards|ombudsman|\bcfpb\b|\bfcc\b|consumer protection|\breporters?\b|\bjournalists?\b|\bthe press\b|\bthe news\b|going viral|\bregulator\b",
    ),
}

_QUESTION_OPENING = (
    r"(?:@\w+\s+)*(?:how|what|where|when|why|who|which|can|could|does|do|is|are|will|would|should)\b(?!['’])"
)
_QUESTION_PHRASES = ("how do i", "does anyone know", "anyone know", "is there a way")  # plain text
_CAN_ASK = r"can (?:i|you|someone)\b"
QUESTION = compile_prefiltered(rf"\?|^{_QUESTION_OPENING}|{'|'.join(_QUESTION_PHRASES)}|{_CAN_ASK}")
_OPENING_RE = re.compile(_QUESTION_OPENING)
_CAN_ASK_RE = re.compile(_CAN_ASK)


def is_question(lower_text: str) -> bool:
    """`QUESTION.search(lower_text) is not None`, one alternative at a time: "?" and the phrases by substring,
    the opening only at the start ("^" without MULTILINE) (~2.4 -> ~0.6 us a mention)."""
    return (
        "?" in lower_text
        or _OPENING_RE.match(lower_text) is not None
        or "how do i" in lower_text
        or "anyone know" in lower_text  # "does anyone know" holds it
        or "is there a way" in lower_text
        or ("can " in lower_text and _CAN_ASK_RE.search(lower_text) is not None)
    )


SUGGESTION = compile_prefiltered(
    r"\b(?:you|u|y'?all)(?: guys| all| really| seriously| honestly| definitely| totally| just)* (?:should|ought to)"
    r"(?: really| seriously| honestly| definitely| totally| just| consider| think about)*"
    r" (?:add|make|offer|bring|consider|do(?! better)|let|allow|support|introduce|include|open|sell|stock|carry|launch"
    r"|release|hire|extend|expand)\w*|\b(?:you|u) should have (?!(?:been|told|warned|known|said|called|let|given|sent"
    r"|done|checked|informed|notified|listened|thought|asked)\b)|(?:would|'d) be (?:so |really |very )?(?:nice|great|cool"
    r"|awesome|good|helpful|amazing|lovely) (?:if(?! (?:you|they|someone|anyone)(?: guys)? (?:actually|ever"
    r"|bothered|could be bothered))|to have)|(?:pl(?:ease|s|z)|can you|could you) (?:please )?"
    r"(?:add|bring back|consider|introduce|offer)\b"
    r"|please (?:add|bring back|make|consider|support|allow)|feature request|\bi wish (?:you|there|it)|it would help if"
    r"|why not (?:add|make|offer)|how about (?:adding|making|a)\b|\bsuggestion\b|consider adding|would love (?:to see|it if|a)",
)


# What a post says beyond the complaint model's cues: a customer saying they are leaving (worth an answer
# whatever the words' tone: "Switching to Zenith. Done."), a (former) employee speaking from the inside, or
# something the brand did to the customer's things ("lost my parcel", "keeps logging me out"; not "I lost my").
_SUBJECT = (
    r"(?:i|we|i'm|im|i am|we're|we are|i'll|we'll|i will|we will|i've|we've|gonna|going to|about to|time to)"
)
SITUATION_CUES: dict[str, tuple[str, str]] = {
    "churn": (
        "threatens to leave",
        r"(?:cancel\w*|clos(?:e|ed|ing)|terminat\w+|end(?:ed|ing)?|quit(?:ting)?|leav(?:e|ing))"
        r" (?:my|our|the) (?:\w+ )?(?:subscription|account|membership|plan|contract|policy|card|service|sub)s?\b"
        rf"|(?:(?:(?<=[.!?] )|^)|{_SUBJECT}(?: just| finally| now)? )(?:(?:switch\w*|port(?:ing|ed)?(?: my number)?)"
        r"(?: over| back)?|mov(?:e|ed|ing) (?:over|my (?:account|business|money|number|service|savings|contract"
        r"|custom|mortgage|subscription))) to (?!(?:the|a|an|your|dark|light|annual|monthly|yearly|premium|pro"
        r"|basic|another plan|paperless|autopay|manual|raw|spot|\d)\b)[a-z0-9@#][\w&@#.-]*"
        r"|taking my (?:business|money|custom) (?:elsewhere|somewhere else)|(?:you(?:'ve| have| just)?|just) lost"
        r" (?:a|another|me as a|my) (?:\w+ )?(?:customer|business|custom)|lost a customer|last straw"
        r"|(?:i'm|im|i am|we're|we are) (?:so )?(?:leaving|switching|cancell?ing|done waiting)\b"
        r"|(?:i'm|im|i am|we're|we are)(?: so| totally| officially| completely)? done with (?:you|them|your\b"
        r"|this (?:company|bank|airline|place|app|service|store|brand))|(?:(?<=[.!?] )|^)done[.!]*$|unsubscrib\w*"
        r"|(?:will|gonna|going to|about to|planning to|time to) (?:cancel|switch (?:to|providers|banks|carriers)"
        r"|leave (?:for|this (?:company|bank|airline|provider|place))|close my|find a new"
        r"|take my (?:business|money|custom))"
        r"|never (?:buying|flying|shopping|ordering|using|booking|staying) (?:from |with |at )?(?:you|them|this"
        r"|here|again)|(?:looking for|finding|found|trying) (?:a |an )?(?:new|another|different|better)"
        r" (?:provider|carrier|bank|company|airline|isp|supplier|service|brand|store|app|network)",
    ),
    "insider": (
        "an employee or ex-employee speaking",
        r"(?:former|ex|ex-)[ -]?(?:\w+ ){0,2}(?:employee|worker|staff(?:er)?|manager|barista|cashier|agent|engineer"
        r"|driver|contractor|insider|team member)|i used to work (?:at|for)"
        r"|i (?:worked|work) (?:at|for) (?:\w+ ){0,3}(?:for \w+ (?:years?|months?)|and (?:can|i can) (?:tell|confirm))"
        r"|(?:current|an?) employee here|(?:insider|employee) (?:here|speaking)",
    ),
    "mishap": (
        'reports "{w}"',
        r"(?<!\bi )(?<!\bwe )(?<!\bi've )(?<!\bi'd )(?<!\bwe'd )(?<!\bi had )(?<!\bi just )(?:lost|deleted|wiped|erased|broke|damaged|destroyed|ruined"
        r"|smashed|crushed|cancell?ed|threw|thrown|dropped|stole|leaked|overcharged) (?:my|our|all my|all our"
        r"|both my|both our) (?!(?:heart|mind|voice|temper|way|keys?|wallet|patience|job|cool|appetite|sleep|breath"
        r"|life|head|sanity|faith|balance|nerve)\b)(?:\w+ )?(?!(?:on|in|at|over|again|the|and|to|for|with|while"
        r"|when|after)\b)\w+|keeps? (?:on )?(?:crashing|freezing|failing|logging me out|kicking me out|signing me out"
        r"|disconnecting|dropping|buffering|lagging|charging me|cancell?ing|deleting|restarting|rebooting)",
    ),
}
SITUATION_ANCHORS: dict[str, str] = {
    "churn": "canc clos term end quit leav swit port move movi taki lost stra done fini unsu find take neve look"
    " foun tryi",
    "insider": "form ex used work empl insi",
    "mishap": "lost dele wipe eras brok dama dest ruin smas crus canc thre thro drop stol leak over keep",
}


class Cue(NamedTuple):
    key: str
    reason: str


# Anchors: for each cue, word prefixes (2 to 4 letters) one of which every match of that cue holds at the
# start of a word ("#" = a word starting with a digit). A set lookup per word picks the cues worth trying, and
# only their alternatives run, in the same order: the same cues are found at about half the cost (checked on
# the complaints corpus and the VADER sets), and most mentions skip the crisis regex entirely.
COMPLAINT_ANCHORS: dict[str, str] = {
    "refund": "refu mone char reim comp",
    "cancel": "canc",
    "broken": "brok dama faul defe crac stop glit cras bug",
    "not_working": "work load open conn let log sign char turn resp cann unab able erro fail outa down",
    "waiting": "stil wait hold hour",
    "duration": "hour hrs hr day days week mont #",
    "no_response": "one body resp repl answ help upda nobo neve hear rece got igno",
    "delay": "dela late over miss stuc",
    "harsh": "wors terr awfu horr disg path ridi unac shoc appa joke scam rip ripo suck crap usel inco wast",
    "leaving": "neve swit taki lost last done",
    "billing": "char doub over wron twic bill",
    "service": "cust call help mana agen",
    "lost": "lost miss neve arri come ship deli rece wron",
    "rude": "rude unpr disr unhe liar lied",
    "frustrated": "disa frus than noth fed sick tire anno angr furi upse wtf hate",
    "repeat": "agai ever time stil #",
    "fix": "plea fix sort goin why expl",
}
CRISIS_ANCHORS: dict[str, str] = {
    "legal": "lawy atto sue sui laws lega clas smal liti",
    "safety": "inju hosp pois alle anap fire flam burs expl elec chok unsa dang burn carb",
    "discrimination": "disc raci sexi homo tran isla anti hara bigo slur word hate prof refu deni woul won will kick"
    " thre thro turn aske",
    "data": "brea hack leak iden unau stol expo comp",
    "press": "bbb bett ftc atto trad ombu cfpb fcc cons repo jour pres news vira regu",
}
_WORD_RUNS = re.compile(r"[\w']+")  # a cue match starts where one of these starts


def cue_words(lower_text: str) -> list[str]:
    return _WORD_RUNS.findall(lower_text)


def _short(matched: str, limit: int = 24) -> str:
    """The words a cue matched, cut to fit a reason ("refused to serve my…")."""
    words = matched.split()
    text = " ".join(words)
    while len(text) > limit and len(words) > 1:
        words = words[:-1]
        text = " ".join(words) + "…"
    return text


COMBINED_FROM = 3  # candidate cues from which one pass of the combined regex is cheaper than a search each


class CueSet:
    """A group of cues: `find` returns every group that matched, with its reason, exactly as one pass of the
    alternation of all groups would (leftmost match first, earlier group on a tie, no overlaps), but tries
    only the groups whose anchor words occur, each with its own small compiled regex."""

    def __init__(self, cues: dict[str, tuple[str, str]], anchors: dict[str, str], first_bit: int = 0) -> None:
        self._reasons = {key: reason for key, (reason, _) in cues.items()}
        self._order = tuple(cues)
        self._rank = {key: i for i, key in enumerate(cues)}
        self._regexes = {
            key: re.compile(
                prefiltered(rf"(?<![\w'])(?:{by_first_char(word_start_alternatives(pattern))[0]})")
            )
            for key, (_, pattern) in cues.items()
        }
        # What every match of a cue opens with (None: not known): a text with none of them skips its search.
        self._openings = {key: opening_literals(pattern) for key, (_, pattern) in cues.items()}
        table: dict[str, set[str]] = {}
        for key in cues:
            for prefix in anchors[key].split():
                table.setdefault(prefix, set()).add(key)
        self._anchors = {prefix: frozenset(keys) for prefix, keys in table.items()}
        # Each cue's bit in a candidate mask (see candidate_mask), so that the cue sets share one lookup per word.
        self._bits = {key: 1 << (first_bit + i) for i, key in enumerate(cues)}
        self._prefix_bits = {prefix: sum(self._bits[k] for k in keys) for prefix, keys in table.items()}
        self.mask = sum(self._bits.values())
        self.next_bit = first_bit + len(cues)
        self._keys_by_mask: dict[int, tuple[str, ...]] = {}
        # The alternation of every cue as one regex: one pass finds what `find` simulates, and beats a search
        # per cue once a few cues are worth trying (~13 us against ~31 on a post with seven candidate cues).
        # Each alternative ends in an empty group: the match's last group names its cue.
        owned = [(key, alt) for key, (_, pattern) in cues.items() for alt in word_start_alternatives(pattern)]
        body, owners = by_first_char([alt for _, alt in owned], marked=True)
        self._combined = re.compile(prefiltered(rf"(?<![\w'])(?:{body})"))
        self._group_keys = ("", *(owned[i][0] for i in owners))  # group number -> cue key

    def word_mask(self, word: str) -> int:
        """The bits of the cues whose anchors the word holds (as a `word_prefixes` lookup would find them)."""
        bits = self._prefix_bits
        prefixes = {word[:4], word[:3], word[:2]}
        if word[:1].isdigit():
            prefixes.add("#")
        mask = 0
        for prefix in prefixes:
            mask |= bits.get(prefix, 0)
        return mask

    def _keys_for(self, mask: int) -> tuple[str, ...]:
        mask &= self.mask
        keys = self._keys_by_mask.get(mask)
        if keys is None:
            keys = self._keys_by_mask[mask] = tuple(k for k in self._order if mask & self._bits[k])
        return keys

    @property
    def keys(self) -> tuple[str, ...]:
        return self._order

    def _candidates(self, prefixes: set[str]) -> frozenset[str]:
        anchors = self._anchors
        found: set[str] = set()
        for prefix in prefixes & anchors.keys():
            found |= anchors[prefix]
        return frozenset(found)

    def find(
        self,
        lower_text: str,
        words: list[str] | None = None,
        prefixes: set[str] | None = None,
        mask: int | None = None,
    ) -> dict[str, Cue]:
        """Cues in a lower-cased text. `words` is `cue_words(lower_text)`, `prefixes` is `word_prefixes(words)`
        and `mask` is `candidate_mask(words)`, when the caller has them already (one computation for every
        cue set)."""
        found: dict[str, Cue] = {}
        keys: Collection[str]
        if mask is not None:
            keys = self._keys_for(mask)
        else:
            if prefixes is None:
                prefixes = word_prefixes(cue_words(lower_text) if words is None else words)
            keys = self._candidates(prefixes)
        if not keys:
            return found
        reasons = self._reasons
        if len(keys) >= COMBINED_FROM:
            group_keys = self._group_keys
            for match in self._combined.finditer(lower_text):
                key = group_keys[match.lastindex or 0]
                if key and key not in found:
                    found[key] = Cue(key, reasons[key].format(w=_short(match.group(0))))
                    if len(found) == len(keys):
                        break  # only the candidates can match (their anchors say so): nothing more to find
            return found
        regexes, rank = self._regexes, self._rank
        # (start, rank, key, match) of each cue's next match; the smallest is the one the alternation takes
        openings = self._openings
        upcoming = [
            (m.start(), rank[key], key, m)
            for key in keys
            if may_open(lower_text, openings[key]) and (m := regexes[key].search(lower_text)) is not None
        ]
        while upcoming:
            start, _, key, match = min(upcoming)  # ranks are unique: matches are never compared
            if key not in found:
                found[key] = Cue(key, reasons[key].format(w=_short(match.group(0))))
            if all(item[2] in found for item in upcoming):
                break  # the cues left were all found already: their later matches add nothing
            end = max(match.end(), start + 1)
            following = []
            for item in upcoming:
                if item[0] >= end:
                    following.append(item)
                elif (m := regexes[item[2]].search(lower_text, end)) is not None:
                    following.append((m.start(), item[1], item[2], m))
            upcoming = following
        return found


def word_prefixes(words: list[str]) -> set[str]:
    """Every word's 2-, 3- and 4-letter prefix, and "#" when a word starts with a digit."""
    out = {p for word in words for p in (word[:4], word[:3], word[:2])}
    if any(word[:1].isdigit() for word in words):
        out.add("#")
    return out


COMPLAINTS = CueSet(COMPLAINT_CUES, COMPLAINT_ANCHORS)
CRISES = CueSet(CRISIS_CUES, CRISIS_ANCHORS, COMPLAINTS.next_bit)
SITUATIONS = CueSet(SITUATION_CUES, SITUATION_ANCHORS, CRISES.next_bit)
_SETS = (COMPLAINTS, CRISES, SITUATIONS)
_WORD_MASKS: dict[str, int] = {}
WORD_MASK_CACHE = 200_000  # distinct words remembered (a few MB); cleared when full
_DIGIT_BITS = sum(cue_set.word_mask("0") for cue_set in _SETS)  # what "#" stands for


def candidate_mask(words: list[str]) -> int:
    """The cues of every cue set worth trying on a text with these `cue_words`: one dict lookup per word."""
    cache = _WORD_MASKS
    mask = 0
    for word in words:
        bits = cache.get(word)
        if bits is None:
            if word[:1].isdigit():  # "5", "24h", "2nd": all alike (no anchor starts with a digit), not cached
                bits = _DIGIT_BITS
            else:
                if len(cache) >= WORD_MASK_CACHE:
                    cache.clear()
                bits = cache[word] = sum(cue_set.word_mask(word) for cue_set in _SETS)
        mask |= bits
    return mask
