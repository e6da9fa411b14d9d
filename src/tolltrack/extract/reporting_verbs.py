"""Which words say something: verbs of saying (the lexicon's and a few that say only in some forms:
'pointed out', 'referred to', 'made reference to', 'made his death public', 'the statement reads'),
and which of a reporting verb's dependents carry what it says ('the group said that ...', 'reported on
the killings') and which only tell the circumstances ('denied bail for four men held ...')."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import CHANNELS, REPORTING_VERBS, TOLL_NOUNS
from .speech_frames import MORE_REPORTING

# Documents whose issuer is the source: "a report released by PEN Watch", "the group's tally".
DOCUMENTS = {"report", "study", "survey", "census", "tally", "count", "data", "figure", "statistic",
             "estimate", "finding", "record", "index", "document"}  # fmt: skip


# Nouns a light verb turns into saying: "made reference to", "made mention of", "made a statement".
SAYING_NOUNS = {"reference", "mention", "statement", "announcement", "allegation", "claim"}
# Objects that make "claim" a verb of killing, not of saying: "the blast claimed 12 lives".
CLAIMED_LIVES = {"life", "victim"}
# What a source puts at a figure: "put the toll at 40", "put it at 40", "put the number of dead at 40".
PUT_FIGURES = {"it", "toll", "number", "figure", "count", "total", "tally", "estimate"}


def is_reporting(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma == "claim":
        return not any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIMED_LIVES for c in tok.children)
    if lemma == "put":  # "put the toll at 40", "put it at 40"; not "putting pressure on the media"
        return any(c.lower_ == "at" or c.lemma_.lower() in PUT_FIGURES for c in tok.children)
    if lemma in REPORTING_VERBS or lemma in MORE_REPORTING:
        return True
    return _phrasal_saying(tok, lemma)


def _phrasal_saying(tok: Token, lemma: str) -> bool:
    """'pointed out that', 'referred to', 'made reference to', 'made his death public', 'the
    statement reads': verbs that say something only in these forms."""
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    if lemma == "refer":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    if lemma == "make":
        return any(
            (c.dep_ == "dobj" and c.lemma_.lower() in SAYING_NOUNS)
            or (c.lower_ == "public" and c.dep_ != "amod")
            for c in tok.children
        )
    if lemma == "read":  # "the statement reads", "her letter read in part"
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in CHANNELS | DOCUMENTS for c in tok.children)
    return False


# Prepositions that give a circumstance of what a verb does to its own object ("denied bail for four
# men held since May", "sent a report despite ..."); others ("from", "in") the parser often hangs on the
# verb although they belong in its object.
CIRCUMSTANCE_PREPS = {"for", "despite", "amid", "during"}


def says_through(verb: Token, child: Token) -> bool:
    """Whether what hangs on ``verb`` through its dependent ``child`` is said by the verb's subject:
    not a second predicate of the speaker ('Ann Cole reported on the war and was among those held')
    nor the circumstance of a verb whose own object is what it says or does ('a court denied bail
    for four men held since May')."""
    if child.dep_ == "conj" and child.i > verb.i and _own_state(child):
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
    if child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPS:  # not "gave a figure for the dead"
        return not any(
            c.dep_ == "dobj" and c.lemma_.lower() not in DOCUMENTS | TOLL_NOUNS for c in verb.children
        )
    return True


def _own_state(verb: Token) -> bool:
    """A copula or a passive ('... and was among those held', '... and was later detained'): what
    befell the subject, not an act the parser may have hung on the wrong verb."""
    return verb.lemma_ == "be" or any(c.dep_ == "auxpass" for c in verb.children)
