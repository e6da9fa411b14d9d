"""Tolls that move and tolls put by someone: "the death toll has risen to 45 from 30" (two claims, the
newer superseding the older), "revised the toll down to 12 from 20", "the toll rose to 9", "the number
of missing has risen to 17", "local media put it at 31"."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.lexicon import ADJ_TRIGGERS, NOUN_TRIGGERS, TOLL_NOUNS, VERB_TRIGGERS
from tolltrack.extract.numbers import count_from_number
from tolltrack.model import Count, Outcome, VictimGroup

from .mentions import Mention, has_child

# What "the number of ..." counts: "the number of missing", "the number of arrests".
COUNTED = {**NOUN_TRIGGERS, **ADJ_TRIGGERS, "detainee": Outcome.DETAINED, "hostage": Outcome.MISSING,
           "prisoner": Outcome.DETAINED, "victim": Outcome.CASUALTIES}  # fmt: skip
PUT_VERBS = {"put", "place", "estimate", "set"}  # "put the toll at 31", "put it at 50"


def _number_after(prep: Token) -> Token | None:
    """The number a preposition introduces: 'to 45', 'at between 5,000-6,000', 'at 50 and ...'."""
    for t in prep.subtree:
        if t.i > prep.i and t.like_num:
            return t
    return None


def _preps(verb: Token, words: tuple[str, ...]) -> list[Token]:
    """The verb's prepositions among ``words``, also those hanging on a particle ('revised down to 12')."""
    out = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in words]
    for prt in (c for c in verb.children if c.dep_ in ("prt", "advmod")):
        out += [c for c in prt.children if c.dep_ == "prep" and c.lower_ in words]
    return out


def older_figure(toll: Token) -> Token | None:
    """The figure a toll moved from: 'has risen to 45 from 30' → 30."""
    verb = toll.head if toll.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if verb is None or not _preps(verb, ("to",)):
        return None
    for prep in _preps(verb, ("from",)):
        num = _number_after(prep)
        if num is not None:
            return num
    return None


def _outcome(toll: Token) -> Outcome | None:
    """What a toll counts: 'death toll', 'the toll' (deaths), 'the number of missing'."""
    for c in toll.children:
        if c.dep_ == "compound" and c.lemma_.lower() in NOUN_TRIGGERS:
            return NOUN_TRIGGERS[c.lemma_.lower()]
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                key = g.lemma_.lower() if g.lemma_.lower() in COUNTED else g.lower_
                if g.dep_ == "pobj" and key in COUNTED:
                    return COUNTED[key]
        if c.dep_ in ("acl", "amod") and c.tag_ == "VBN" and c.lemma_.lower() in VERB_TRIGGERS:
            return VERB_TRIGGERS[c.lemma_.lower()]  # "the total executed this year", "the number arrested"
    if toll.lemma_.lower() == "toll":
        return Outcome.KILLED
    return None


def toll_mentions(tok: Token) -> list[Mention]:
    """The claims a toll noun makes that the casualty-noun rules do not: a toll without a casualty word
    before it ('the toll rose to 9', 'the number of missing ...'), the older figure of a moved toll, and
    'X put it at N'."""
    if tok.lemma_.lower() not in TOLL_NOUNS or tok.pos_ not in ("NOUN", "PRON"):
        return []
    outcome = _outcome(tok)
    compound = any(c.dep_ == "compound" and c.lemma_.lower() in NOUN_TRIGGERS for c in tok.children)
    out = []
    verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if outcome is not None and not compound and verb is not None:  # the casualty-noun rules read the rest
        to = _preps(verb, ("to", "at"))
        for c in tok.children if not to else ():  # "brings the total executed this year to 92"
            to = _preps(c, ("to",)) if c.dep_ == "acl" and not to else to
        num = _number_after(to[0]) if to else None
        if num is not None:
            out.append(_mention(tok, outcome, count_from_number(num)))
    older = older_figure(tok) if outcome is not None else None
    if older is not None:
        out.insert(0, _mention(tok, outcome, count_from_number(older), older=True))
    return out


def put_at(verb: Token) -> list[Mention]:
    """'a religious leader put it at 50': a figure put by someone, its outcome left open."""
    if verb.lemma_.lower() not in PUT_VERBS or verb.pos_ != "VERB":
        return []
    obj = has_child(verb, ("dobj",))
    if obj is None or not (obj.lower_ in ("it", "them") or obj.lemma_.lower() in TOLL_NOUNS):
        return []
    if obj.lower_ not in ("it", "them") and any(c.dep_ == "compound" for c in obj.children):
        return []  # "put the death toll at 31": the casualty-noun rules read it
    at = _preps(verb, ("at",))
    num = _number_after(at[0]) if at else None
    if num is None:
        return []
    return [
        _mention(num, Outcome.CASUALTIES, count_from_number(num))
    ]  # the number: its speaker is put's subject


def _mention(tok: Token, outcome: Outcome, count: Count, older: bool = False) -> Mention:
    group = VictimGroup(head="people", text="people")
    return Mention(tok, outcome, count, [group], [], older=older)
