"""Tone checks on a draft reply: fast enough to run on every keystroke (well under 5 ms for 1,000 chars).

The house rules behind them: answer every public complaint once, in public, quickly; acknowledge,
apologise where due, give a next step, move to a private channel; never argue; never post personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.drafting.channels import channel_for, count_chars, limit_for
from desktop_app.drafting.render import MARKER
from desktop_app.scoring import vader

ERROR = "error"  # must fix before posting
WARNING = "warning"  # should fix; the user decides

COMPLAINT_CATEGORIES = frozenset({"complaint", "crisis"})
NEGATIVE_TONE = -0.4  # VADER compound of the draft's own (non-apology) sentences at or below this


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: str
    message: str  # why it matters
    fix: str  # what to do about it
    span: tuple[int, int] | None = None  # where in the draft, when it is one place


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_APOLOGY = _rx(r"\bsorry\b|\bapologi[sz]e|\bapologies\b|\bregret\b")
_ACK = _rx(
    r"\bthanks?\b|\bthank you\b|sorry (?:to|about|for|that)|\bi hear you\b|\bwe hear you\b|\bunderstand"
    r"|\byou(?:'re| are) right\b|fair point|\bappreciate\b|not the experience|shouldn'?t have happened"
    r"|\bnot (?:ok|okay|good enough|acceptable)\b|letting us know|\bflagging\b|\braising this\b|telling us"
    r"|that sounds (?:frustrating|awful|stressful|upsetting|annoying|scary|worrying|really)"
)
_NEXT_STEP = _rx(
    r"\bwe(?:'ll| will)\b|\bi(?:'ll| will)\b|\blet(?:'s| us| me)\b|\bplease\b|\bcould you\b|\bcan you\b"
    r"|\bwould you\b|\bhappy to\b|\bwe(?:'re| are) (?:looking|checking|fixing|on it|working)"
    r"|\bi(?:'m| am) (?:looking|checking|passing|flagging|sending)|\b(?:we|i)(?:'d| would) (?:like|love) to\b"
    r"|\bnext step|\bhere'?s what\b|\bwe(?:'ve| have) (?:passed|shared|flagged|refunded|fixed|sent)"
)
_PRIVATE = _rx(
    r"\bdms?\b|\bdm'?d\b|direct message|private message|\bmessage (?:us|me)\b|\be-?mail\b|\bphone\b"
    r"|\bcall (?:us|me)\b|\bgive us a (?:call|ring)\b|reach out|send us|get in touch|\bcontact (?:us|me)\b"
    r"|\binbox\b|drop us a (?:line|note)|write to (?:us|me)|\bprivately\b"
)
_DEFENSIVE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (_rx(p), fix)
    for p, fix in (
        (r"\b(?:as )?per our (?:policy|policies|terms)\b", "Say what you can do instead of citing policy."),
        (r"\bour (?:policy|terms) (?:states?|clearly|says|is that)\b", "Explain in your own words, kindly."),
        (
            r"\bas (?:previously |already )?stated\b|\bas we(?:'ve| have)? (?:said|mentioned)\b",
            "Say it again plainly; don't point back.",
        ),
        (r"\baccording to our terms\b", "Say what you can do instead of citing terms."),
        (
            r"\byou should(?:'ve| have)\b|\byou must have\b|\bif you had (?:read|checked|followed)\b",
            "Don't tell them what they did wrong; say what happens next.",
        ),
        (r"\bunfortunately,? you\b", "Make it about what you will do, not what they did."),
        (r"\byou failed to\b|\byou didn'?t (?:read|follow|check)\b", "Drop the blame; offer the next step."),
        (r"\bcalm down\b|\brelax\b", "Never tell an upset person to calm down; acknowledge how they feel."),
        (r"(?:^|[.!?]\s+)actually,", "Start with what you agree with, not a correction."),
        (
            r"\bsorry (?:you feel|if you (?:feel|felt|were)|for any inconvenience)|\bsorry,? but\b",
            'Apologise without conditions: "I\'m sorry this happened."',
        ),
        (
            r"\b(?:it(?:'s| is|was) )?not our fault\b|\bnot our problem\b",
            "Skip blame either way; say what you'll do.",
        ),
        (
            r"\bwith all due respect\b|\bto be fair\b|\byou(?:'re| are) wrong\b|\bthat(?:'s| is) (?:not true|false)\b",
            "Don't argue in public; correct facts gently and offer to talk privately.",
        ),
        (
            r"\bno (?:one|other customer)s? (?:else )?(?:has|have) complained\b",
            "Every complaint counts; leave comparisons out.",
        ),
    )
)
_HOSTILE = _rx(
    r"\bridiculous\b|\bstupid\b|\bidiot\w*|\bliars?\b|\blying\b|\bnonsense\b|\bpathetic\b|\bshut up\b"
    r"|\bget lost\b|\b(?:we|i) don'?t care\b|\bthat'?s your problem\b|\btroll\w*\b|\bdumb\b"
)
_LIABILITY = _rx(
    r"\bour fault\b|\bwe(?:'re| are) (?:fully |entirely )?(?:responsible|liable|to blame)\b|\bnegligen\w*"
    r"|\bwe admit\b|\bour mistake\b|\bwe (?:messed|screwed) up\b|\bliability\b"
)
_EMAIL = _rx(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGIT_RUN = re.compile(r"(?<![\w$£€.,])\+?\d[\d \-().]{7,}\d(?![\w])")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
_ORDER = _rx(
    r"\b(?:order|account|acct|reference|ref|ticket|case|invoice|confirmation|membership|member|tracking)"
    r"\s*(?:no\.?|number|num|id|#)?\s*[:#]?\s*[A-Z]{0,4}-?\d[\dA-Z-]{3,}\b|#\d{5,}\b"
)
_STREET = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive"
    r"|Way|Ct|Court|Pl|Place|Terrace|Crescent)\b\.?"
)
_CAPS_WORD = re.compile(r"\b[A-Z]{4,}\b")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def check(
    draft: str,
    *,
    mention_category: str,
    channel: str | None,
    mention_text: str = "",
    public_contacts: Iterable[str] = (),
) -> list[Finding]:
    """Every problem found in a draft, most serious first. `public_contacts`: the brand's own email or
    phone, which may be posted; `mention_text` lets the check say when the draft repeats their details."""
    if not draft.strip():
        return [Finding("empty", ERROR, "The reply is empty.", "Write a reply, or pick a template.")]
    contacts = [c.strip().lower() for c in public_contacts if c and c.strip()]
    found: list[Finding] = []
    found += _placeholders(draft)
    found += _length(draft, channel)
    found += _personal_data(draft, contacts, mention_text)
    found += _tone(draft)
    found += _defensive(draft)
    found += _shape(draft, mention_category, contacts)
    found += _style(draft, mention_category)
    return sorted(found, key=lambda f: 0 if f.severity == ERROR else 1)


def _placeholders(draft: str) -> list[Finding]:
    names = [m.group(1) for m in MARKER.finditer(draft)]
    if not names:
        return []
    listed = ", ".join(dict.fromkeys(names))
    first = MARKER.search(draft)
    return [
        Finding(
            "unfilled_placeholder",
            ERROR,
            f"The draft still has blanks to fill: {listed}.",
            "Replace each [name?] with the real words, or set the value in the workspace's reply settings.",
            first.span() if first else None,
        )
    ]


def _length(draft: str, channel: str | None) -> list[Finding]:
    used, limit = count_chars(draft, channel), limit_for(channel)
    if used <= limit:
        return []
    name = channel_for(channel)
    return [
        Finding(
            "too_long",
            ERROR,
            f"{used} characters; {name if name != 'generic' else 'this channel'} allows {limit}.",
            f"Cut {used - limit} characters: keep the apology, the next step and where to reach you.",
        )
    ]


def _personal_data(draft: str, contacts: list[str], mention_text: str) -> list[Finding]:
    hits: list[tuple[str, re.Match[str]]] = []
    for m in _EMAIL.finditer(draft):
        if m.group(0).lower() not in contacts:
            hits.append(("an email address", m))
    for m in _DIGIT_RUN.finditer(draft):
        raw = m.group(0).strip()
        digits = re.sub(r"\D", "", raw)
        if _DATE.match(raw) or any(digits and digits == re.sub(r"\D", "", c) for c in contacts):
            continue
        if 13 <= len(digits) <= 19:
            hits.append(("a card-like number", m))
        elif 9 <= len(digits) <= 15:
            hits.append(("a phone number", m))
    hits += [("an order or account number", m) for m in _ORDER.finditer(draft)]
    hits += [("a street address", m) for m in _STREET.finditer(draft)]
    findings: list[Finding] = []
    for kind, m in hits:
        echoed = m.group(0).strip() in mention_text
        why = f"The reply would post {kind} in public ({m.group(0).strip()!r})"
        why += ", repeated from their post." if echoed else "."
        findings.append(
            Finding(
                "personal_data",
                ERROR,
                why,
                "Remove it and ask them to send the details privately (DM or email).",
                m.span(),
            )
        )
    return findings


def _tone(draft: str) -> list[Finding]:
    findings: list[Finding] = []
    hostile = _HOSTILE.search(draft)
    if hostile:
        findings.append(
            Finding(
                "hostile_words",
                ERROR,
                f"{hostile.group(0)!r} reads as hostile or dismissive.",
                "Take it out; say what you understand and what you will do.",
                hostile.span(),
            )
        )
    # Apologies carry negative words ("sorry the coffee was awful"); judge the rest of the draft.
    own = " ".join(s for s in _SENTENCES.split(draft) if s and not _APOLOGY.search(s))
    if own.strip():
        compound = vader.polarity(own)["compound"]
        if compound <= NEGATIVE_TONE:
            findings.append(
                Finding(
                    "negative_tone",
                    WARNING,
                    f"Apart from the apology, the reply reads negative (tone {compound:+.2f}).",
                    "Use warmer words: thank them, say what you will do, and leave complaints about them out.",
                )
            )
    return findings


def _defensive(draft: str) -> list[Finding]:
    findings: list[Finding] = []
    for pattern, fix in _DEFENSIVE:
        m = pattern.search(draft)
        if m:
            phrase = m.group(0).strip(" .!?")
            findings.append(
                Finding(
                    "defensive_phrase",
                    WARNING,
                    f"{phrase!r} sounds defensive or blaming; in public that reads as arguing.",
                    fix,
                    m.span(),
                )
            )
    return findings


def _shape(draft: str, category: str, contacts: list[str]) -> list[Finding]:
    if category not in COMPLAINT_CATEGORIES:
        return []
    lower = draft.lower()
    findings: list[Finding] = []
    if not _ACK.search(draft):
        findings.append(
            Finding(
                "missing_acknowledgement",
                WARNING,
                "The reply does not show you heard what went wrong.",
                'Start by naming their problem: "Thanks for telling us about ..." or "Sorry to hear ...".',
            )
        )
    if not _APOLOGY.search(draft):
        findings.append(
            Finding(
                "missing_apology",
                WARNING,
                "A complaint with no apology reads as brushing it off.",
                'Add a plain apology for how it felt: "I\'m sorry this happened."',
            )
        )
    if not _NEXT_STEP.search(draft):
        findings.append(
            Finding(
                "missing_next_step",
                WARNING,
                "The reply does not say what happens next.",
                'Say what you will do or ask for: "We\'ll look into it today" or "Could you send us ...".',
            )
        )
    if not _PRIVATE.search(draft) and not any(c in lower for c in contacts):
        findings.append(
            Finding(
                "missing_private_channel",
                WARNING,
                "The reply keeps the conversation in public.",
                "Offer a private channel for details: a DM, an email address or a phone number.",
            )
        )
    if category == "crisis":
        m = _LIABILITY.search(draft)
        if m:
            findings.append(
                Finding(
                    "admits_liability",
                    ERROR,
                    f"{m.group(0)!r} could read as admitting legal fault before anyone has the facts.",
                    "Say you are sorry it happened and that a named person will look into it; leave blame out.",
                    m.span(),
                )
            )
    return findings


def _style(draft: str, category: str) -> list[Finding]:
    findings: list[Finding] = []
    caps = _CAPS_WORD.findall(draft)
    letters = [c for c in draft if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    if len(caps) >= 2 or (len(letters) >= 12 and upper / len(letters) > 0.6):
        findings.append(
            Finding(
                "shouting",
                WARNING,
                "Words in capitals read as shouting.",
                "Write in normal case; use words, not capitals, for emphasis.",
            )
        )
    bangs = draft.count("!")
    if "!!" in draft or bangs >= 3:
        findings.append(
            Finding(
                "multiple_exclamations",
                WARNING,
                f"{bangs} exclamation marks read as over-excited or sarcastic.",
                "Keep at most one, and none in a reply to a complaint.",
            )
        )
    if category == "crisis" and bangs:
        findings.append(
            Finding(
                "crisis_exclamation",
                WARNING,
                "An exclamation mark in a reply about safety, legal or data problems reads as flippant.",
                "End every sentence with a full stop.",
                (draft.index("!"), draft.index("!") + 1),
            )
        )
    return findings
