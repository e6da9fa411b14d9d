"""Which parts of a report can hold a casualty claim, found without spaCy.

Parsing is the cost of extraction, and most of a news page says nothing about casualties (the
circumstances, the suspect's court dates, menus and related links). ``select_spans`` splits the text
into sentence-like pieces with regular expressions and keeps

- every *trigger piece*: one the extractor's own sentence gate (``prefilter_gate.has_trigger``) lets through
  and that holds a word a claim can start from: an inflected form of a trigger of the lexicon, or one
  of ``EXTRA_CLAIM_WORDS`` ("victims", "struck"); "the shooting", "charged with murder" and "in jail"
  are nouns and do not count, nor do words without the company the claim rules need to make a claim
  of them (``prefilter_gate``: "the victim's family", "murder charges", "his body"), unless the piece
  may name a source or give the event's place or date;
- the context the claim rules read around them: the first pieces naming the event (the document's
  place, date and actor come from them), the last piece naming a source before a trigger piece that
  refers back to one ("he said", "the agency said", "according to officials"), the piece before a
  trigger piece that says "its"/"their" (the possessive is resolved to a country named before), the
  role sentences ("the Cuban nationals were military personnel") after the first trigger piece, and
  the neighbour of a kept piece the parser may read as one sentence with it (a line ending in "and"
  or a comma; ``sentences.line_breaks`` sets other lines apart).

Adjacent kept pieces are merged, so each span is a stretch of the original text: extract.py parses the
spans and maps the claims' character offsets back to the full text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from tolltrack.nlp.sentences import CONTINUING, starts_sentence

from .lexicon import ADJ_TRIGGERS, EVENT_NOUNS, NOUN_TRIGGERS, PERSON_NOUNS, VERB_TRIGGERS
from .prefilter_gate import (
    CARRIERS,
    CONTEXT_WORDS,
    NEVER_SEEN,
    OF_NEXT,
    TRIGGER_RE,
    gate_on,
    in_claim_context,
)
from .quote_marks import marks

# Words outside the lexicon's triggers that claims.py turns into claims ("two shooting victims",
# "struck by gunfire", the headline noun "4 shot"). Keep in step with claims.patterns.pattern_mentions.
EXTRA_CLAIM_WORDS = {"shot", "victim", "victims", "hit", "hits", "struck", "strike", "strikes", "striking",
                     "graze", "grazed", "grazes", "grazing", "double", "triple", "quadruple", "quintuple",
                     "fatal", "deadly", "condition", "suicide", "hitting", "treated",
                     "treatment", "released", "lives", "life", "passed", "custody", "captivity", "hostage",
                     "hostages", "captive", "captives", "bars", "prison", "jail", "gaol", "row", "toll",
                     "tolls", "put", "puts", "putting", "serving", "served", "serves", "prisons",
                     "jails", "freed", "frees", "freeing", "bail", "freedom", "prisoner", "prisoners",
                     "detainee", "detainees", "arrestee", "arrestees", "abductee", "abductees",
                     "whereabouts"}  # fmt: skip
# People carried off ("taken by secret police", "gunmen took them away") or never seen again: the verbs
# count as claim words only in these phrases, not in "took place" or "haven't seen the body"
# (claims.phrasal).
CARRIED_OFF = re.compile(
    rf"\b{NEVER_SEEN}\b|"
    r"\b(?:taken|took|whisked|drove|driven|dragged|bundled|carried|hauled)\s+(?:[\w,]+\s+){0,3}?(?:away|off)\b"
    rf"|\btaken by (?:\w+ )?{CARRIERS}",
    re.IGNORECASE,
)
IRREGULAR = {
    "die": ("dying", "died", "dies"),
    "shoot": ("shot", "shoots", "shooting"),
    "slay": ("slain", "slew", "slays", "slaying"),
    "hurt": ("hurts", "hurting"),
    "hold": ("held", "holds", "holding"),
    "hang": ("hanged", "hangs", "hanging"),
}
# Forms that are nouns far more often than verbs: they count only in a verb's position.
NOUN_FIRST = {"shooting", "murder", "jail"}
NOUN_CUES = {"a", "an", "the", "this", "that", "another", "each", "every", "no", "his", "her", "their",
             "its", "our", "my", "your", "whose", "which", "fatal", "deadly", "mass", "double", "triple",
             "accidental", "apparent", "police", "drive-by", "school", "weekend", "with", "into", "in",
             "attempted", "first-degree", "second-degree", "capital", "county", "city", "state"}  # fmt: skip
VERB_CUES = {"to", "will", "would", "could", "might", "may", "can", "did", "not", "accused", "suspected",
             "charged", "convicted", "guilty", "began", "started", "kept", "stop", "stopped", "fatally",
             "accidentally", "critically", "allegedly", "reportedly", "while", "then", "and", "up", "was",
             "were", "is", "are", "been", "be", "by", "of", "for", "before", "after"}  # fmt: skip

REPORTING_FORMS = (
    r"said|says|say|told|tells|reported|reports|announced|announces|stated|claimed|claims|confirmed|"
    r"according to|citing|cited|quoted|added|estimated|declared|noted|wrote|alleged|revealed|"
    r"indicated|explained|disclosed|tweeted|posted|published|testified|described|acknowledged|suggested"
)
_REPORTING = re.compile(rf"\b(?:{REPORTING_FORMS})\b", re.IGNORECASE)
_BACK_REFERENCE = re.compile(
    rf"\b(?:he|she|it|they|we|him|her|them)\s+(?:\w+\s+)?(?:{REPORTING_FORMS})\b|"
    rf"\b(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{REPORTING_FORMS})\b|"
    r"\baccording to (?:the|him|her|them|it)\b|\bciting (?:the|him|her|them)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"\b(?:its|their)\b", re.IGNORECASE)
_CAPTION = re.compile(r"\s*\d{1,2}:\d{2}\s+(?!a\.?m|p\.?m)[A-Z]")
_WORD_BEFORE = re.compile(r"([\w'’-]+)[^\w]*$")

# Sentence ends: . ! ? (and closing quotes/brackets) before an upper-case word, a digit or a quote;
# a line break ends a piece too. Abbreviations and initials ("St. Louis", "U.S. Army") do not.
_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n(?![ \t]*[a-z])")
# A piece that does not end like a sentence (a headline, a caption) may be one sentence with the
# next piece for the parser, and the piece before may run on into it.
SENTENCE_ENDS = ".!?:;"
_LAST_TOKEN = re.compile(r"(?:\w+|[^\w\s])$")
_LAST_WORD = re.compile(r"([\w.]+?)\.*[.!?]*[\"'”’)\]]*\s*$")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "sgt", "lt", "capt", "col", "gen", "gov", "sen", "rep",
                 "det", "pvt", "cpl", "maj", "jr", "sr", "inc", "co", "corp", "ltd", "ave", "blvd",
                 "rd", "mt", "ft", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
                 "nov", "dec", "vs", "prof", "rev", "hon", "atty", "supt", "insp", "ofc", "dept",
                 "u.s", "u.k", "u.n", "a.m", "p.m", "e.g", "i.e", "approx", "est", "fig"}  # fmt: skip
LEAD_EVENT_PIECES = 5  # at most this many event pieces are read for the document's place and date
# A place named after a preposition ("in Dayton", "at the Burning Tree Apartments", a dateline
# "CHICAGO —") and a date ("on Tuesday", "Jan. 5", "last night"), as the event rules look for them.
_PLACE = re.compile(
    r"\b(?i:in|near|at|outside|inside|across|on|into|around|from)\s+(?:the\s+)?[A-Z]|^[A-Z][A-Z .]+\s+[-—–(]"
)
_DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night|"
    r"this morning|jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\b|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)


def _forms(lemma: str) -> set[str]:
    """The inflected forms whose spaCy lemma can be ``lemma`` (over-generating is harmless)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnpt]$", lemma):  # stab → stabbed, kidnap → kidnapped
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms | set(IRREGULAR.get(lemma, ()))


@lru_cache(maxsize=1)
def claim_words() -> frozenset[str]:
    """Every word form a claim can start from."""
    words = set(EXTRA_CLAIM_WORDS)
    for lemma in {*VERB_TRIGGERS, *ADJ_TRIGGERS, *NOUN_TRIGGERS}:
        words |= _forms(lemma)
    return frozenset(words)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@lru_cache(maxsize=1)
def _vocab() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    """The extractor's sentence gate, the claim words, the event nouns and the role pattern."""
    events = frozenset(f for n in EVENT_NOUNS for f in (n, n + "s", n + "es"))
    persons = {f for n in PERSON_NOUNS for f in (n, n + "s", n + "es")}
    # "the Cuban nationals were military personnel": a named group said to be persons of some role.
    role = re.compile(
        r"\b(?i:the|these|those)\s+(?:[\w-]+\s+){0,2}?[A-Z][\w-]*\s+(?:[\w-]+\s+){0,2}?"
        rf"(?i:is|are|was|were)\s+(?:[\w-]+\s+){{0,3}}?(?i:{_alternation(persons)})\b"
    )
    return TRIGGER_RE, claim_words(), events, role


def _counts_as_claim_word(
    text: str, m: re.Match[str], start: int = 0, end: int = -1, context: bool = True
) -> bool:
    """A claim word, unless it is one of the noun-first words in a noun's position or a word
    ``prefilter_gate.in_claim_context`` rules out in the piece ``start``-``end`` around it."""
    word = m.group(0).lower()
    gated = context and word in CONTEXT_WORDS
    if word not in NOUN_FIRST and not gated:
        return True
    found = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
    before = found.group(1).lower() if found else ""
    if gated and not in_claim_context(text, m, start, len(text) if end < 0 else end, before):
        return False
    if word not in NOUN_FIRST:
        return True
    if word == "murder" and OF_NEXT.match(text, m.end()):  # "the murder of a judge"
        return True
    if word == "jail" and _PLACE_PREP.search(text, max(0, m.start() - 30), m.start()):
        return True  # "six months in jail", "booked into the county jail" (claims.custody)
    if before.endswith(("'s", "’s")):
        return False
    if before in VERB_CUES and before not in NOUN_CUES:
        return True
    if before in NOUN_CUES:
        return False
    if word == "shooting":  # the verb takes its victim right after it: "shooting him", "shooting two men"
        return _SHOOTING_OBJECT.match(text, m.end()) is not None
    return word != "jail" or before in ("in", "from")


# "in jail", "into the county jail", "to the Central Jail": a place preposition a few words before it.
_PLACE_PREP = re.compile(
    r"\b(?:in|into|from|to)\s+(?:(?:the|a|[A-Z]\w*|county|city|state|district|local|central)\s+){0,3}$"
)
_SHOOTING_OBJECT = re.compile(
    r"\s+(?:him|her|them|himself|herself|themselves|a|an|his|their|one|two|three|four|five|six|\d+|"
    r"[A-Z][a-z]+\s+[A-Z])\b"
)


def split_pieces(text: str) -> list[tuple[int, int]]:
    """Sentence-like pieces (start, end) of the text, without surrounding white space."""
    cuts, pos = [], 0
    for m in _END.finditer(text):
        if m.group(0) != "\n":
            last = _LAST_WORD.search(text, max(0, m.start() - 12), m.end())
            stem = last.group(1).lower() if last else ""
            if stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
                continue
        cuts.append((pos, m.end()))
        pos = m.end()
    cuts.append((pos, len(text)))
    pieces = []
    for start, end in cuts:
        s = start
        while s < end and text[s].isspace():
            s += 1
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            pieces.append((s, e))
    return pieces


def _claim_word_kind(text: str, start: int, end: int) -> int:
    """2 when the piece holds a claim word, 1 when its claim words are all ruled out by their context
    (``CONTEXT_WORDS``), 0 when it holds none."""
    words, kind = claim_words(), 0
    if CARRIED_OFF.search(text, start, end):
        return 2
    for m in _WORD.finditer(text, start, end):
        word = m.group(0).lower()
        if word not in words or not _counts_as_claim_word(text, m, start, end, context=False):
            continue
        if word not in CONTEXT_WORDS or _counts_as_claim_word(text, m, start, end):
            return 2
        kind = 1
    if kind and any(
        (w in NOUN_FIRST and w not in CONTEXT_WORDS) or ("-" in w and any(p in words for p in w.split("-")))
        for w in map(str.lower, _WORD.findall(text, start, end))
    ):
        # "a murder-suicide victim": the parser splits the word and the claim rules read its parts;
        # "Victim of accidental shooting": the noun-first words are guessed nouns, and a claim word
        # outside them keeps the piece as it did before the second gate.
        return 2
    return kind


def _has_word(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    return any(w.lower() in words for w in _WORD.findall(text, start, end))


def trigger_pieces(text: str, pieces: list[tuple[int, int]]) -> list[int]:
    """The pieces the extractor's gate lets through that hold a claim word, captions excepted."""
    return _trigger_and_gated(text, pieces)[0]


def _trigger_and_gated(text: str, pieces: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The trigger pieces, and the pieces whose claim words the context rules out (``CONTEXT_WORDS``)."""
    gate, searched = gate_on(text)
    starts = [s for s, _ in pieces]
    found: list[int] = []
    gated: list[int] = []
    pos = 0
    while (m := gate.search(searched, pos)) is not None:
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or m.end() > pieces[i][1]:
            pos = m.start() + 1
            continue
        s, e = pieces[i]
        if _CAPTION.match(text, s, e) is None:
            kind = _claim_word_kind(text, s, e)
            if kind == 2:
                found.append(i)
            elif kind == 1:
                gated.append(i)
        pos = e  # the piece is decided: on to the next one
    return found, gated


def _context_triggers(text: str, pieces: list[tuple[int, int]], events: frozenset[str]) -> list[int]:
    """The trigger pieces, with the pieces the second gate rules out that the claim rules may still read
    as context: one naming a source (``attribution.remember_sources`` keeps it for later claims) and,
    until the event lead has given a place and a date, one giving either (``events.document_event``
    reads every parsed sentence until it has both)."""
    found, gated = _trigger_and_gated(text, pieces)
    if not gated:
        return found
    old = sorted({*found, *gated, *_event_lead(text, pieces, events)})
    place = date = False
    event_end = len(pieces)
    for i in old:
        s, e = pieces[i]
        if not place and not _has_word(text, s, e, events):
            continue
        place = place or _PLACE.search(text, s, e) is not None
        date = date or _DATE.search(text, s, e) is not None
        if place and date:
            event_end = i
            break
    rescued = [
        i
        for i in gated
        if (_REPORTING.search(text, *pieces[i]) and _LATER_CAPITAL.search(text, *pieces[i]))
        or (i <= event_end and (_PLACE.search(text, *pieces[i]) or _DATE.search(text, *pieces[i])))
    ]
    return sorted({*found, *rescued})


# "..., Chief Fred Fletcher says": a reporting verb and a capitalised word past the first.
_LATER_CAPITAL = re.compile(r"\S\s+[A-Z]")


def select(text: str, pieces: list[tuple[int, int]]) -> list[bool]:
    """Which pieces to parse: the trigger pieces and the context the claim rules read."""
    _, _, events, role = _vocab()
    triggers = _context_triggers(text, pieces, events)
    keep = [False] * len(pieces)
    if not triggers:
        return keep
    for i in triggers:
        keep[i] = True
    for i in _event_lead(text, pieces, events):
        keep[i] = True
    first, trigger_set = triggers[0], set(triggers)
    for i in range(first, len(pieces)):
        s, e = pieces[i]
        is_role = i > first and role.search(text, s, e) is not None
        if i not in trigger_set and not is_role:
            continue
        keep[i] = True
        if _BACK_REFERENCE.search(text, s, e):
            j = _last_source(text, pieces, i)
            if j is not None:
                keep[j] = True
        if i in trigger_set and i > 0 and _POSSESSIVE.search(text, s, e):
            keep[i - 1] = True
        if i in trigger_set:
            for j in _quotation_ends(text, pieces, i):
                keep[j] = True
    return _with_run_ons(text, pieces, keep)


def _quotation_ends(text: str, pieces: list[tuple[int, int]], i: int) -> list[int]:
    """The pieces where a quotation running through piece ``i`` opens and closes, within its paragraph:
    the speaker is named there ('"... They took 12 pupils," the headmaster said'; quotations.py)."""
    s, e = pieces[i]
    para = text.rfind("\n", 0, s) + 1
    opened_at = _open_quote(text, para, s)
    out = []
    if opened_at is not None:
        out.append(bisect_right(pieces, (opened_at, len(text))) - 1)
        if para > 0 and not text[para:opened_at].strip():  # a paragraph that opens on a quotation: its
            last = len(text[:para].rstrip()) - 1  # speaker may end the paragraph before (quotations.py)
            out.append(bisect_right(pieces, (last, len(text))) - 1)
    if opened_at is not None or _open_quote(text, s, e) is not None:
        stop = text.find("\n", e)
        stop = len(text) if stop < 0 else stop
        for k in range(i + 1, len(pieces)):
            if pieces[k][0] >= stop:
                break
            if _open_quote(text, para, pieces[k][1]) is None:
                out.append(k)
                break
    return [j for j in out if 0 <= j < len(pieces) and j != i]


def _open_quote(text: str, start: int, end: int) -> int | None:
    """Where the quotation left open at ``end`` (reading from ``start``) opened, if one is."""
    at = None
    for k, effect in marks(text[start:end]):
        at = start + k if effect == "open" or (effect == "toggle" and at is None) else None
    return at


def _with_run_ons(text: str, pieces: list[tuple[int, int]], keep: list[bool]) -> list[bool]:
    """Add the neighbour a kept piece may form one sentence with (``_runs_on``)."""
    out = list(keep)
    for i, kept in enumerate(keep):
        if not kept:
            continue
        if i > 0 and _runs_on(text, pieces[i - 1], pieces[i]):
            out[i - 1] = True
        if i + 1 < len(pieces) and _runs_on(text, pieces[i], pieces[i + 1]):
            out[i + 1] = True
    return out


def _open_end(text: str, start: int, end: int) -> bool:
    r"""Whether the piece does not end like a sentence: its last character is none of
    ``SENTENCE_ENDS`` (what ``[^.!?:;]["'”’)\]]*$`` finds: closing quotes and brackets are none of
    them, so the character before them never counts)."""
    return end > start and text[end - 1] not in SENTENCE_ENDS


def _runs_on(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the parser may read two pieces as one sentence: the first does not end like a sentence
    and they are not on two lines that ``sentences.line_breaks`` sets apart (a line not ending on a
    word like "and" or a comma, followed by one that starts like a sentence)."""
    if not _open_end(text, *first):
        return False
    if "\n" not in text[first[1] : second[0]]:
        return True
    last = _LAST_TOKEN.search(text, *first)
    return (last.group(0).lower() if last else "") in CONTINUING or not starts_sentence(text[second[0] :])


def _event_lead(text: str, pieces: list[tuple[int, int]], events: frozenset[str]) -> list[int]:
    """The pieces the document's event is read from: the pieces naming an event, in order, until one
    has given a place and one a date (at most ``LEAD_EVENT_PIECES``)."""
    lead: list[int] = []
    place = date = False
    for i, (s, e) in enumerate(pieces):
        if not _has_word(text, s, e, events):
            continue
        lead.append(i)
        place = place or _PLACE.search(text, s, e) is not None
        date = date or _DATE.search(text, s, e) is not None
        if (place and date) or len(lead) >= LEAD_EVENT_PIECES:
            break
    return lead


def _last_source(text: str, pieces: list[tuple[int, int]], before: int) -> int | None:
    """The nearest piece before ``before`` with a reporting verb or "according to"."""
    for j in range(before - 1, -1, -1):
        if _REPORTING.search(text, *pieces[j]):
            return j
    return None


def select_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` to parse, in order; adjacent kept pieces form one stretch."""
    pieces = split_pieces(text)
    spans: list[tuple[int, int]] = []
    prev = False
    for (start, end), kept in zip(pieces, select(text, pieces), strict=True):
        if kept and prev:
            spans[-1] = (spans[-1][0], end)
        elif kept:
            spans.append((start, end))
        prev = kept
    return spans
