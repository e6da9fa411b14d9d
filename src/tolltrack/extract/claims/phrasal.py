"""Casualty verbs told by a phrase, not by a trigger word of the lexicon: "gunned down" (a shooting),
"rounded up", "locked up", any verb "to death" ("beaten to death", "hacked to death", "put to death"),
and a person "never seen again" (a disappearance)."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.model import Outcome

from .mentions import has_child

# (verb lemma, particle) → outcome; "gunned down" is a shooting, not always fatal ("gunned down four
# friends" who survived), read like "shot": a killing verb beside it tells the death
PHRASAL = {
    ("gun", "down"): Outcome.INJURED,
    ("mow", "down"): Outcome.INJURED,
    ("round", "up"): Outcome.DETAINED,
    ("lock", "up"): Outcome.DETAINED,
}
# Verbs "to death" that tell no death: a sentence, or a figure of speech ("bored to death").
NOT_DEATHS = {"sentence", "condemn", "bore", "scare", "frighten", "worry", "love", "tickle", "threaten",
              "face", "doom", "drink", "talk"}  # fmt: skip


def phrasal_outcome(tok: Token) -> Outcome | None:
    """The outcome a verb phrase tells, when the verb is no trigger word on its own."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    prt = has_child(tok, ("prt",))
    if prt is not None and (lemma, prt.lower_) in PHRASAL:
        return PHRASAL[(lemma, prt.lower_)]
    if lemma in NOT_DEATHS:
        return None
    if lemma == "see" and _never_seen_again(tok):
        return Outcome.MISSING
    for c in tok.children:
        if (
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.lower_ == "death" and g.dep_ == "pobj" for g in c.children)
        ):
            return Outcome.KILLED
    return None


def _never_seen_again(tok: Token) -> bool:
    """'he was never seen again', 'has not been seen since': a passive 'seen' denied, with 'again' or
    'since' (not 'was not seen at the rally')."""
    if has_child(tok, ("auxpass",)) is None or has_child(tok, ("neg",)) is None:
        return False
    return has_child(tok, ("advmod", "prep"), {"again", "since"}) is not None
