"""The pre-filter's second gate: words the claim rules turn into a claim only in some company, and
the company they need, looked for with regular expressions in the sentence-like piece around them
("two victims" and "the shooting victim", not "the victim's family"; "lost their lives", not "he lives";
"a deadly crash", "in critical condition", "the arrest of two men", not "murder charges" or "his body").

Over-accepting is harmless (the piece is parsed as it was without the gate); under-accepting loses a
claim, so keep this in step with claims.patterns.pattern_mentions, claims.nouns.noun_mention and the
lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.lex_attrs import _num_words, _ordinal_words

from .claims.patterns import FATAL_EVENTS, HIT_MODIFIERS, HOSPITAL_CONDITIONS

# People never seen again, and who carries people off: shared with the pre-filter's claim words
# (``prefilter.CARRIED_OFF``), where the carrying verbs count only in these phrases.
NEVER_SEEN = r"(?:never|not) (?:been )?seen (?:again|since)"
CARRIERS = r"(?:police|security|soldiers|troops|army|agents|officers|gunmen|armed|masked|kidnappers)"
# The extractor's sentence gate: a stretch of text without any of these stems holds no claim.
TRIGGER_RE = re.compile(
    r"\b(kill|die|dy|dead|death|fatal|casualt|injur|wound|hurt|hospital|shot|shoot|gunshot|stab|murder|slay|slain|"
    r"execut|missing|unaccounted|detain|arrest|captur|abduct|kidnap|drown|perish|bod(y|ies)|toll|jail|"
    r"imprison|massacre|behead|maim|hit|struck|strik|graze|victim|double|triple|quadruple|deadly|condition|suicide|"
    r"treat|deceas|passed away|lost (?:their|his|her) li(?:fe|ves)|held|hold|custody|captiv|hostage|"
    r"behind bars|prison|death row|detention|slaughter|decapitat|mutilat|inmate|gunn?(?:ed|ing|s)? down|"
    r"release of|'s release|’s release|mow(?:ed|n|ing|s)? down|round(?:ed|ing|s)? (?:\w+ )?up|"
    r"lock(?:ed|ing|s)? (?:\w+ )?up|"
    rf"disappear|vanish|whereabouts|{NEVER_SEEN}|"
    r"(?:taken|took|whisk\w*|drove|driven|dragg\w*|bundl\w*|carrie\w*|haul\w*) "
    r"(?:[\w,]+ ){0,3}?(?:away|off)\b|"
    rf"taken by (?:\w+ )?{CARRIERS}|"
    r"lynch|assassin|hang|martyr|strangl|corpse|nab|snatch|seiz|serv(?:e|es|ed|ing) |"
    r"freed|bail|regain\w* (?:\w+ )?freedom|incarcerat|confinement|"
    r"(?:was|were|been|being|be|is|are|get|got) (?:\w+ )?released|released (?:on|after|without|from)\b|"
    r"releas(?:e|es|ed|ing) (?:him|her|them)\b|"
    r"put(?:s|ting)? (?:it|them|the (?:figure|number|tally|total|count)) at|"
    r"(?:claim|cost|t[ao]o?k)\w* (?:[\w,]+ ){0,4}lives)",
    re.IGNORECASE,
)


# Characters re.IGNORECASE takes for an ASCII letter that str.lower() does not turn into one ("İ"
# lowers to two characters; "ı" and "ſ" stay as they are): tests/test_prefilter.py checks the list
# against every code point.
FOLD_ONLY = frozenset("İıſ")


@lru_cache(maxsize=1)
def _folded_gate() -> re.Pattern[str] | None:
    """The extractor's sentence gate without IGNORECASE, for lower-cased text (None when the gate's
    pattern has upper-case letters, which lower-casing would change)."""
    if TRIGGER_RE.pattern != TRIGGER_RE.pattern.lower():
        return None
    return re.compile(TRIGGER_RE.pattern, TRIGGER_RE.flags & ~re.IGNORECASE)


def gate_on(text: str) -> tuple[re.Pattern[str], str]:
    """The gate and the text to search it in: the lower-cased text with the case-sensitive gate when
    that finds the same matches at the same offsets (the gate's pattern is lower-case, the text has
    no character in ``FOLD_ONLY`` and lower-casing kept its length; white space, digits and
    letters stay what they are), four times faster than IGNORECASE; else the gate itself."""
    folded = _folded_gate()
    if folded is not None and (text.isascii() or not FOLD_ONLY.intersection(text)):
        low = text.lower()
        if len(low) == len(text):
            return folded, low
    return TRIGGER_RE, text


def has_trigger(text: str) -> bool:
    """A cheap test for whether a stretch of text can hold a casualty claim (``TRIGGER_RE``, searched
    in the lower-cased text where that is exact and faster: ``gate_on``)."""
    gate, searched = gate_on(text)
    return gate.search(searched) is not None


CONTEXT_WORDS = {"victim", "victims", "life", "lives", "fatal", "deadly", "condition", "murder", "murders",
                 "arrest", "arrests", "body", "bodies"}  # fmt: skip
_NUMBER = re.compile(
    rf"\d|\b(?i:{'|'.join(sorted({*_num_words, *_ordinal_words}, key=len, reverse=True))})\b"
)
# "two shooting victims", "the gunshot victim": claims.patterns._victims_of needs a number or one of these.
_HIT_MODIFIER = re.compile(rf"\b(?i:{'|'.join(sorted(HIT_MODIFIERS))})\b")
# "lost their lives", "claimed the lives of", "took 40 lives", "cost millions of lives"
_LOSE = re.compile(r"\b(?i:los(?:e|es|ing|t)|claim(?:s|ed|ing)?|cost(?:s|ing)?|take|takes|taking|took)\b")
_FATAL_EVENT = re.compile(rf"\b(?i:{'|'.join(sorted(FATAL_EVENTS))})(?:e?s)?\b")  # "a deadly crash"
_HOSPITAL = re.compile(rf"\b(?i:{'|'.join(sorted(HOSPITAL_CONDITIONS))})\b")  # "in critical condition"
_FOUND = re.compile(
    r"\b(?:found|discovered|recovered|retrieved|dumped|exhumed|identified|washed|floating|pulled|dug|"
    r"dredged|seen|spotted|located|returned|handed|buried)\b",
    re.IGNORECASE,
)
_OF_VICTIM = re.compile(r"\b(?:of|among)\b", re.IGNORECASE)  # "the arrest and conviction of the shooter"
# Determiners that leave an arrest or a body uncounted: "the arrest", "his body" (claims.nouns._count_on).
UNCOUNTED = {"the", "a", "an", "his", "her", "their", "its", "this", "that", "whose", "another"}
# Nouns that make "murder", "arrest" and "body" a modifier: "murder charges", "arrest warrant".
MODIFIED = {
    "murder": {"charge", "charges", "count", "counts", "suspect", "suspects", "case", "cases", "trial",
               "conviction", "convictions", "investigation", "indictment", "probe", "rap", "warrant"},
    "arrest": {"warrant", "warrants", "report", "reports", "affidavit", "affidavits", "record", "records",
               "log", "logs"},
    "body": {"camera", "cameras", "cam", "cams", "armor", "armour"},
}  # fmt: skip
# Words before "murder" that make it a noun: "accused of murder", "second degree murder".
MURDER_NOUN_CUES = {"of", "on", "for", "degree"}
_STEM = {"murders": "murder", "arrests": "arrest", "bodies": "body"}
OF_NEXT = re.compile(r"\s+of\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[\s\"'”’)]*([\w-]+)")


def in_claim_context(text: str, m: re.Match[str], start: int, end: int, before: str) -> bool:
    """Whether a word of ``CONTEXT_WORDS`` has the company the claim rules need to make it a claim."""
    word = m.group(0).lower()
    if word in ("victim", "victims"):
        return bool(_NUMBER.search(text, start, m.start()) or _HIT_MODIFIER.search(text, start, m.start()))
    if word in ("life", "lives"):
        return _LOSE.search(text, start, end) is not None
    if word in ("fatal", "deadly"):
        return _FATAL_EVENT.search(text, m.end(), end) is not None
    if word == "condition":
        return _HOSPITAL.search(text, start, end) is not None
    nxt = _NEXT_WORD.match(text, m.end(), end)
    if nxt is not None and nxt.group(1).lower() in MODIFIED[_STEM.get(word, word)]:
        return False
    if word in ("murder", "murders"):
        if OF_NEXT.match(text, m.end(), end):  # "the murder of a police general"
            return True
        return before not in MURDER_NOUN_CUES  # "Ann Cole's murder" names its victim
    # arrest, body: a claim needs a count before it, "of"/"among" someone after it or a named owner
    # ("Ann Cole's arrest"; not "his body", "the victim's body") or, for a body, its finding ("his body
    # was found", "a body floating down the river": claims.bodies)
    if _OF_VICTIM.search(text, m.end(), end):
        return True
    if word == "arrest" and before in ("his", "her", "their"):
        return True  # "his arrest" names its victim (claims.nouns: a custody noun's owner)
    if word in ("body", "bodies") and _FOUND.search(text, m.end(), end):
        return True
    return not (before in UNCOUNTED or (before.endswith(("'s", "’s")) and word in ("body", "bodies")))
