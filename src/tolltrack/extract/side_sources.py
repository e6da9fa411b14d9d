"""Sources told beside a casualty rather than above it: a clause hung on the claim's own words that
says who reported or counted it ('..., as reported by the watchdog', 'as the group said', 'the 45
deaths recorded by the ministry', 'the 40 jailed journalists the group found')."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import NOUN_TRIGGERS, PERSON_NOUNS
from .reporting_verbs import is_reporting

# Verbs of counting and finding that name who established a figure, beside the verbs of saying.
FINDING = {"find", "document", "record", "count", "verify", "confirm", "identify", "register", "list",
           "tally", "log", "track", "compile", "report"}  # fmt: skip
RELATIVE = {"that", "which", "who", "whom", "whose"}


def _finding(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and (verb.lemma_.lower() in FINDING or is_reporting(verb))


def _by_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _counted_noun(tok: Token) -> bool:
    """A word a counted casualty can stand on: a casualty noun ('deaths', 'arrests') or people."""
    lemma = tok.lemma_.lower()
    counted = lemma in NOUN_TRIGGERS or lemma in PERSON_NOUNS or tok.tag_ == "NNS"
    return tok.pos_ in ("NOUN", "PROPN") and counted


def side_source(tok: Token, below: Token | None) -> tuple[Token, str] | None:
    """A source told in a clause hung on ``tok`` (a word on the casualty's path, ``below`` the child the
    path came up through): its word and cue."""
    for child in tok.children:
        if child is below or not _finding(child):
            continue
        if (
            child.dep_ == "advcl"
            and child.tag_ in ("VBN", "VBD", "VBZ", "VBP")
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children)
        ):
            # "..., as reported by the watchdog" / "..., as the group said"
            src = _by_agent(child) or next((c for c in child.children if c.dep_ == "nsubj"), None)
            if src is not None and src.lower_ not in RELATIVE:
                return src, child.text
        sibling = below is not None and below.dep_ == "conj"
        if not _counted_noun(tok) or child.lemma_.lower() == "claim" or sibling:
            continue  # "an attack claimed by X" is no count; "seven cases reported by X, and two killings"
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() != "find":
            # "the 45 deaths recorded by the ministry"; not "bodies found by the river"
            src = _by_agent(child)
            if src is not None:
                return src, child.text
        if child.dep_ == "relcl" and not any(c.dep_ in ("dobj", "ccomp") for c in child.children):
            # "the 40 jailed journalists the group found": the noun is what the clause's subject found
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in RELATIVE and child.lemma_.lower() != "say":
                return subj, child.text
    return None
