"""Cheap sarcasm cues: praise words that mean the opposite ("Oh great, they lost my bag AGAIN").

Two kinds. A marker ("yeah right", "/s", "thanks for nothing", "love that for me", "'24/7 support' my foot",
"thanks for cancelling my order") is sarcastic on its own. Ironic praise ("oh great", "best airline ever",
"great job", "gotta love", 🙄) is sarcastic only next to a reported problem ("lost", "cancelled",
"still waiting", "charged twice"...), so that "Oh great, it's fixed!" stays praise. When either is found,
the text's positive words are turned against it (see sentiment.py).
"""

from __future__ import annotations

import re

from desktop_app.scoring.regex_prefilter import by_first_char, compile_prefiltered, word_start_alternation

_THANKS = r"(?:thanks?|thank you|thx|ty)(?: (?:so much|a lot|again|very much))?(?: @\w+| \w+)?"
_BAD_DEEDS = (
    r"(?:nothing|cancel\w*|los(?:ing|t)|ruin\w*|break\w*|ignor\w*|wast\w*|delet\w*|delay\w*|overcharg\w*"
    r"|charg\w+ me|double charg\w*|mak\w+ me wait\w*|leav\w+ (?:me|us)|screw\w*|messing|strand\w*|the (?:\d+|two"
    r"|three|four|five) ?(?:hours?|hrs?|days?|weeks?|minutes?|mins?)|never (?:replying|answering|responding))"
)
_MARKERS = (
    r"ye+a+h? right|yea right|ya right|sure,? jan"
    r"|love (?:that|this) for (?:me|us)"
    rf"|{_THANKS} for {_BAD_DEEDS}"
    r"|[\"“'‘][^\"”'’]{1,40}[\"”'’] my (?:foot|ass|arse|butt)\b"
    r"|(?:support|service|help|care|quality|guarantee\w*|premium|express|24/7) my foot\b"
    r"|what a (?:joke|surprise)|pay(?:ing)? more for less|less for more"
    r"|(?:would|it'd|'d) be (?:so )?(?:nice|great|lovely|good) if (?:you|they|someone|anyone)(?: guys)?"
    r" (?:actually|ever|bothered|could be bothered|could actually)"
)
MARKERS = compile_prefiltered(rf"(?<![\w'])(?:{word_start_alternation(_MARKERS)})|(?:^|\s)/s\b")
_IRONIC_PRAISE = (
    r"oh (?:great|wonderful|perfect|fantastic|lovely|joy|brilliant|awesome|goody|super|nice|good)"
    r"|just (?:great|perfect|wonderful|fantastic|brilliant|lovely|what i needed)"
    r"|(?:the )?best (?:\w+ )?(?:\w+ )?ever\b|(?:great|nice|good|fantastic|brilliant|amazing) (?:job|work|going)"
    r"|well done|bravo|way to go|(?:gotta|got to|you have to|have to|you gotta) love"
    r"|love (?:it|how|that) (?:when|how|my|you|they|the)\b|thanks a bunch"
    r"|love (?:paying|waiting|being (?:charged|ignored|lied to|put on hold)|spending|getting charged)"
    r"|what a (?:great|wonderful|fantastic|lovely|brilliant)|cool cool|how (?:lovely|wonderful|convenient)"
)
IRONIC_PRAISE = compile_prefiltered(rf"(?<![\w'])(?:{word_start_alternation(_IRONIC_PRAISE)})|🙄|🙃")
_PROBLEM = (
    r"lost|losing|los(?:e|es) (?:my|our)|cancel\w*|delay\w*|stuck|still waiting|waiting (?:for|on)"
    r"|been waiting|on hold|(?:charged|billed) (?:me )?(?:twice|again|double)|overcharg\w*|missing|crash\w*"
    r"|ruin\w*|broke|broken|fail\w*|error|outage|down again|no one|nobody|no (?:response|reply|answer)"
    r"|never (?:arrived|came|showed|replied|responded|answered)|not working|(?:does|do|did|wo|ca)n'?t work"
    r"|(?:wo|ca)n'?t (?:load|log|connect|open)|hours? late|late again|refund|stranded|ignored|rude|worst"
    r"|(?:\d+|two|three|four|five) (?:hours?|hrs|days|weeks)|price (?:hike|increase|rise)s?|paying more"
)
PROBLEM = compile_prefiltered(rf"(?<![\w'])(?:{word_start_alternation(_PROBLEM)})\b|🙄|😒|😤|😡|🤬")
# A problem put right is praise, whatever else the post says ("well done fixing the outage so fast").
_RESOLVED = (
    r"fixed|sorted|resolved|solved|refunded|replaced|got (?:my|a|the) (?:refund|money|replacement)"
    r"|quick(?:ly)?|fast|helped|rescued|saved (?:me|us|the day)|came through|made it right|in no time"
)
RESOLVED = compile_prefiltered(rf"(?<![\w'])(?:{word_start_alternation(_RESOLVED)})\b")
_HINTS = ("right", "/s", "for ", "my ", "what a", "oh ", "just ", "best", "job", "work", "going", "well done",
          "more", "be ")  # fmt: skip
_HINTS2 = ("bravo", "way to", "love", "thank", "thx", "ty ", "cool cool", "sure", "🙄", "🙃")
# One scan for any of them, grouped by first character (~3.4 -> ~2.2 us a mention).
_ANY_HINT = re.compile(by_first_char([re.escape(h) for h in (*_HINTS, *_HINTS2)])[0])


def is_sarcastic(text: str) -> bool:
    """True when the text holds a sarcasm marker, or ironic praise next to a reported problem."""
    low = text.lower().replace("’", "'")
    if _ANY_HINT.search(low) is None:
        return False
    if MARKERS.search(low):
        return True
    return (
        IRONIC_PRAISE.search(low) is not None
        and PROBLEM.search(low) is not None
        and RESOLVED.search(low) is None
    )


def is_resolved(text: str) -> bool:
    """The post says a problem was put right ("fixed", "sorted in no time", "got my refund")."""
    return RESOLVED.search(text.lower()) is not None
