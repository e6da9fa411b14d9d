"""One claim per (claimant, victims, figure): a later sentence that repeats a claim already made, by the
same claimant about the same victims with the same figure, is folded into it ("at least 40 died" ...
"the 40 victims"; "Floyd's death" told again and again)."""

from __future__ import annotations

import re

from tolltrack.model import Claim, CountKind

from .lexicon import NOUN_TRIGGERS

_NAME = re.compile(r"\b[A-Z][a-z]{2,}")
_NOT_NAMES = {"The", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "One", "Two",
              "Three", "Another", "Some", "Many", "Mr", "Mrs", "Ms", "Dr", "President", "Police", "She",
              "Him", "Later", "After", "When", "Then", "However", "But", "And"}  # fmt: skip


def claimant_key(c: Claim) -> str:
    chain = c.attribution.named_chain() or c.attribution.chain
    return chain[-1].name.lower() if chain else ""


_WORD = re.compile(r"[^\W_]+")


def same_claimant(a: Claim, b: Claim) -> bool:
    """One source named twice, its punctuation aside: 'Philippine National Police (PNP)' and 'Philippine
    National Police (PNP' (a name cut at a parenthesis). A shorter name ('the Army' after 'the Nigerian
    Army') is not taken for the same source: 'Little' may be the serial killer Samuel Little or his
    victim's brother."""
    ka, kb = claimant_key(a), claimant_key(b)
    return ka == kb or _WORD.findall(ka) == _WORD.findall(kb)


def _numbers(c: Claim) -> frozenset[int]:
    """The figures a count gives: 'at least 40' and 'the 40' both give 40."""
    k = c.count
    return frozenset(n for n in (k.value, k.low, k.high) if n is not None)


NUMBERLESS = (CountKind.UNQUANTIFIED, CountKind.VAGUE)


def _names(c: Claim) -> set[str]:
    return {w for v in c.victims for w in _NAME.findall(v.text or "") if w not in _NOT_NAMES}


def _victim_texts(c: Claim) -> set[str]:
    return {(v.text or v.head).lower() for v in c.victims}


def is_headline(c: Claim, title: str | None) -> bool:
    """A claim of the title line: the document's title, or an unpunctuated first line."""
    if title and c.sentence.strip() == title.strip():
        return True
    return c.start == 0 and not c.sentence.rstrip().endswith((".", "!", "?", '"', "”", "'", "’"))


def restated(new: Claim, earlier: list[Claim], title: str | None = None) -> Claim | None:
    """The earlier claim ``new`` repeats, if any. A title rounds or shortens what the body tells, so
    the body's claim is never folded into the title's."""
    if new.outcome is None:
        return None
    ref = _event_reference(new, earlier, title)
    if ref is not None:
        return ref
    kind = new.count.kind
    for c in reversed(earlier):
        if c.outcome is not new.outcome or not same_claimant(c, new) or is_headline(c, title):
            continue
        if (c.count.kind is CountKind.ZERO) != (kind is CountKind.ZERO):
            continue
        if (c.count.kind in NUMBERLESS) != (kind in NUMBERLESS):
            continue
        if kind is CountKind.ZERO:
            return c
        if kind in NUMBERLESS:
            if _victim_texts(c) == _victim_texts(new) or (_names(new) and _names(new) <= _names(c)):
                return c
            continue
        if _numbers(c) != _numbers(new):
            continue
        if _same_date(c, new) and ((_names(new) & _names(c)) or _refers_back(new, c) or _named_later(new, c)):
            return c  # one person told again, maybe at a finer place: "Ann Cole" ... "Cole"; "he"
        if _same_date(c, new) and _numbered_reference(new):
            return c  # "two Indian engineers were kidnapped" ... "the two Indians were kidnapped"
        if not _same_event(c, new):
            continue
        if (new.count.value or new.count.low or 0) >= 2 and _same_people(c, new):
            return c
    return None


GENERIC = {"people", "person", "victim", "other", "one"}


def _same_people(a: Claim, b: Claim) -> bool:
    """'40 people' ~ 'the 40 victims' ~ '40 people killed'; not 'five engineers' ~ 'five sailors'."""
    ha, hb = {v.head for v in a.victims}, {v.head for v in b.victims}
    return bool(ha & hb) or bool((ha | hb) & GENERIC)


def _same_date(a: Claim, b: Claim) -> bool:
    return not (a.event.date and b.event.date and a.event.date != b.event.date)


def _same_event(a: Claim, b: Claim) -> bool:
    """Nothing says the two are different events: no two different dates or places."""
    ea, eb = a.event, b.event
    return _same_date(a, b) and not (ea.place and eb.place and ea.place != eb.place)


PRONOUNS = {"he", "she", "him", "her"}
DEFINITE = ("the ", "this ", "that ")
# Words that refer back to one person already told: "the suspect", "the victim", "the detainee".
ROLE_WORDS = {"suspect", "victim", "detainee", "prisoner", "hostage", "captive", "deceased"}


_NUMBERED = re.compile(r"^the (?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)


def _numbered_reference(new: Claim) -> bool:
    """'the two', 'the three victims': a definite article before the number points back."""
    return len(new.victims) == 1 and _NUMBERED.match((new.victims[0].text or "").strip()) is not None


def _refers_back(new: Claim, earlier: Claim) -> bool:
    """'A 45-year-old man was arrested' ... 'the 45-year-old man', 'he', 'the suspect': one person, told
    again with a pronoun or a definite description, by the same claimant."""
    if len(new.victims) != 1 or len(earlier.victims) != 1 or new.count.value != 1:
        return False
    v, e = new.victims[0], earlier.victims[0]
    text = (v.text or "").strip().lower()
    if text in PRONOUNS:  # not when the sentence opens with someone else: "Kassig, 26, ... when he was"
        opening = _NAME.match(new.sentence.strip())
        return opening is None or opening.group() in _NOT_NAMES or opening.group() in _names(earlier)
    return text.startswith(DEFINITE) and (v.head == e.head or v.head in ROLE_WORDS)


def _named_later(new: Claim, earlier: Claim) -> bool:
    """'Police detained a journalist, Ann Cole, on Monday' ... 'Cole was arrested without a warrant': one
    person told first by a description beside the name (or by a pronoun after it), then by the name."""
    if len(new.victims) != 1 or len(earlier.victims) != 1 or new.count.value != 1 or earlier.count.value != 1:
        return False
    names = _names(new)
    if not names or not _described(earlier.victims[0]) or (new.event.date and not earlier.event.date):
        return False  # a date of its own may tell another time: "released her on bail on June 8, 2020"
    return names <= _apposed_names(earlier.victims[0].text or "", earlier.sentence)


def _described(v) -> bool:
    """The phrase's head is written in lower case: 'a local journalist', 'he'; not 'Ann Cole'."""
    head = (v.head or "").lower()
    words = re.findall(r"[^\W\d_]+", v.text or "")
    return any(w.lower() == head and w.islower() for w in words)


_AFTER = re.compile(r"\s*,\s*([^,;()]{1,60})")
_BEFORE = re.compile(r"([^,;()]{1,60}),\s*$")


def _apposed_names(victim: str, sentence: str) -> set[str]:
    """The names set beside a description ('Ann Cole, a poet,' / 'a poet, Ann Cole,') or before a pronoun
    ('Ann Cole said police beat her')."""
    at = sentence.find(victim) if victim else -1
    if at < 0:
        return set()
    if victim.strip().lower() in PRONOUNS:
        return set(_NAME.findall(sentence[:at]))
    after, before = _AFTER.match(sentence, at + len(victim)), _BEFORE.search(sentence[:at])
    return {w for m in (after, before) if m is not None for w in _NAME.findall(m.group(1))}


POSSESSIVE = ("'s", "’s", "s'", "s’")


def _event_reference(new: Claim, earlier: list[Claim], title: str | None) -> Claim | None:
    """'Cole's arrest', 'the journalist's death': an event noun owned by its one victim refers to the
    harm told before about that person, whoever speaks of it now ('the union said Cole's arrest was
    part of a crackdown'); the first telling stays the claim."""
    if len(new.victims) != 1 or new.count.value != 1 or new.trigger.lower() not in NOUN_TRIGGERS:
        return None
    text = (new.victims[0].text or "").strip()
    if not text.endswith(POSSESSIVE) or _confirmed(new):
        return None
    names = _names(new)
    for c in reversed(earlier):
        if c.outcome is not new.outcome or is_headline(c, title) or c.count.kind is CountKind.ZERO:
            continue
        one = c.count.value == 1 and len(c.victims) == 1 and (c.victims[0].text or "").lower() not in PRONOUNS
        named = _names(c) | (set(_NAME.findall(c.sentence)) if one else set())
        if names and names & named:
            return c  # "Cole's arrest" after "police arrested the poet Ann Cole"
        if not names and text.lower().startswith(DEFINITE) and c.count.value == 1:
            return c  # "the journalist's death" after "journalist Ann Cole died"
    return None


_CONFIRMS = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|announc(?:e|es|ed|ing)|acknowledg(?:e|es|ed|ing)|admit(?:s|ted|ting)?|"
    r"report(?:s|ed|ing)?|verif(?:y|ies|ied))\b[^;]{0,40}$",
    re.IGNORECASE,
)


def _confirmed(c: Claim) -> bool:
    """'police confirmed Cole's arrest': a source that asserts the harm makes its own claim."""
    at = c.trigger_start - c.start
    return 0 <= at <= len(c.sentence) and _CONFIRMS.search(c.sentence[max(0, at - 60) : at]) is not None
