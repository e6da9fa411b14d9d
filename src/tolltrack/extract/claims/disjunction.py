"""Harms joined by 'or' leave the outcome open: 'several people were killed or abducted', 'three members
were reported missing or found dead', 'gunmen killed or kidnapped 12 villagers' tell one count of people
who met one fate or the other, one claim of casualties (the annotation rules' 'killed or kidnapped'),
not one claim for each fate."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.model import Outcome

from .mentions import Mention


def _verb(tok: Token) -> Token:
    """The verb a predicate adjective hangs on: 'reported missing' → 'reported', 'found dead' → 'found'."""
    if tok.dep_ in ("oprd", "acomp") and tok.head.pos_ in ("VERB", "AUX") and tok.head.lemma_ != "be":
        return tok.head
    return tok


def _or_joined(a: Token, b: Token) -> bool:
    """The two words (or the verbs they complete) are conjuncts joined by 'or' only."""
    a, b = _verb(a), _verb(b)
    if b not in a.conjuncts:
        return False
    lo, hi = min(a.i, b.i), max(a.i, b.i)
    between = [t for t in a.doc[lo + 1 : hi] if t.dep_ == "cc"]
    return bool(between) and all(t.lower_ == "or" for t in between)


def merge_disjoined(mentions: list[Mention]) -> list[Mention]:
    """The sentence's mentions with each pair of different fates joined by 'or', counted alike, made one
    mention of casualties (the first's trigger and victims)."""
    out: list[Mention] = []
    for m in mentions:
        other = next(
            (
                o
                for o in out
                if o.outcome is not m.outcome
                and str(o.count) == str(m.count)
                and _or_joined(o.trigger, m.trigger)
            ),
            None,
        )
        if other is None:
            out.append(m)
        else:
            other.outcome = Outcome.CASUALTIES
    return out
