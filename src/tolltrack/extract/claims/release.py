"""A release asserts the custody or captivity it ends: "was released after three days", "released on
bail", "two hostages were freed", "the kidnappers released the pastor", "regained his freedom", "was
denied bail". Not a discharge from hospital ("treated and released"), nor a release of things ("released
a video"), nor one only asked for or expected (claims.nouns._asked_for, triggers._unreal)."""

from __future__ import annotations

from itertools import islice

from spacy.tokens import Token

from tolltrack.model import Outcome

from .custody import PLACES, PLURAL_PLACES
from .mentions import has_child
from .nouns import DEMANDS

RELEASE_VERBS = {"release", "free"}
# Words that tell a captivity ("the hostages were released", "the kidnappers freed the pastor") and words
# that tell a custody ("arrested", "released on bail"): the nearest decides what a release ends.
CAPTIVITY = {"hostage", "captive", "captivity", "captor", "kidnap", "kidnapper", "kidnapping", "abduct",
             "abductor", "abduction", "abductee", "ransom"}  # fmt: skip
CUSTODY = {"arrest", "detain", "detention", "detainee", "jail", "prison", "prisoner", "custody", "bail",
           "bond", "police", "imprison", "charge", "court", "parole"}  # fmt: skip
ON_TERMS = {"bail", "bond", "parole", "probation", "licence", "license"}  # "released on bail"
# What a release "from" may end other than custody (claims.custody reads "released from prison").
NOT_CUSTODY_FROM = {"hospital", "clinic", "care", "treatment", "contract", "duty", "obligation", "team",
                    "rubble", "wreckage", "debris", "vehicle", "car"}  # fmt: skip
# A bail told as refused or granted states a custody: "was denied bail", "the court granted him bail".
BAIL_VERBS = {"deny", "refuse", "grant"}


def release_outcome(verb: Token) -> Outcome | None:
    """The outcome a release verb with a person released tells: a captivity ended (missing) or a custody
    ended (detained); None when it is no release of a person from either."""
    if verb.lemma_.lower() not in RELEASE_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.lemma_.lower() == "treat" for c in (verb.head, *verb.children) if c.dep_ in ("conj",)) or (
        verb.dep_ == "conj" and verb.head.lemma_.lower() == "treat"
    ):
        return None  # "treated and released": a discharge from hospital
    if any(a.lemma_.lower() in DEMANDS for a in islice(verb.ancestors, 3)):
        return None  # "demanded that the activists be released"
    if has_child(verb, ("neg",)) is not None or has_child(verb, ("aux",), {"to"}) is not None:
        return None  # "has not been released" (still held: told where the captivity is); "to free"
    if [a.lower_ for a in verb.children if a.dep_ == "auxpass"] in (["is"], ["are"]):
        return None  # "when prisoners are released": a generic or future release
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"):
        obj = has_child(prep, ("pobj",))
        if obj is None or obj.lemma_.lower() in NOT_CUSTODY_FROM or _custody_place(obj):
            return None  # "released from hospital"; "released from prison" is told by claims.custody
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"):
        if any(g.lower_ in ON_TERMS for g in prep.children):
            return Outcome.DETAINED
    return captivity_or_custody(verb)


def captivity_or_custody(tok: Token) -> Outcome:
    """Missing when the release ends a captivity, detained when it ends a custody: told by the sentence's
    own words when they tell only one, else by the nearest such word before it in the report."""
    sent = tok.sent
    cap, cus = _cues(sent)
    if cap != cus:
        return Outcome.MISSING if cap else Outcome.DETAINED
    for t in reversed(tok.doc[: sent.start]):
        lemma = t.lemma_.lower()
        if lemma in CAPTIVITY:
            return Outcome.MISSING
        if lemma in CUSTODY:
            return Outcome.DETAINED
    return Outcome.DETAINED


def _cues(toks) -> tuple[bool, bool]:
    lemmas = {t.lemma_.lower() for t in toks}
    return bool(lemmas & CAPTIVITY), bool(lemmas & CUSTODY)


def _custody_place(obj: Token) -> bool:
    return obj.lower_ in PLACES or obj.lower_ in PLURAL_PLACES


def bail_victims(tok: Token) -> list[Token]:
    """'Four journalists were denied bail', 'the court denied bail to two reporters', 'granted him bail'."""
    verb = tok.head
    if tok.lower_ != "bail" or tok.dep_ != "dobj" or verb.lemma_.lower() not in BAIL_VERBS:
        return []
    victim = has_child(verb, ("nsubjpass", "dative"))
    if victim is not None and victim.dep_ == "dative" and victim.lower_ == "to":
        victim = has_child(victim, ("pobj",))
    if victim is None:
        to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        victim = has_child(to, ("pobj",)) if to is not None else None
    return [victim] if victim is not None else []


def freedom_victims(tok: Token) -> list[Token]:
    """'regained his freedom', 'regained freedom after meeting bail conditions': who was held."""
    verb = tok.head
    if tok.lower_ != "freedom" or tok.dep_ != "dobj" or verb.lemma_.lower() != "regain":
        return []
    subj = has_child(verb, ("nsubj",))
    return [subj] if subj is not None else []


def is_release(tok: Token) -> bool:
    return tok.lemma_.lower() in RELEASE_VERBS or tok.lower_ in ("bail", "freedom")


def released_again(mentions: list) -> list:
    """'were kidnapped ... but were released', 'arrested on May 1 and released on May 13': the release of
    people whose custody the same sentence tells is that custody's claim, not a second one."""
    held = {
        t.i
        for m in mentions
        if not is_release(m.trigger) and m.outcome in (Outcome.MISSING, Outcome.DETAINED)
        for t in m.victim_tokens
    }
    return [m for m in mentions if not (is_release(m.trigger) and {t.i for t in m.victim_tokens} & held)]
