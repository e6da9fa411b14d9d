"""Casualty verbs told by a phrase, not by a trigger word of the lexicon: "gunned down" (a shooting),
"rounded up", "locked up", and any verb "to death" ("beaten to death", "hacked to death", "put to death")."""

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
    for c in tok.children:
        if (
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.lower_ == "death" and g.dep_ == "pobj" for g in c.children)
        ):
            return Outcome.KILLED
    return None
