"""A person whose whereabouts are unknown is missing: "his whereabouts are unknown", "their whereabouts
remain unclear", "the whereabouts of the two men have not been disclosed"; not "information on his
whereabouts" nor "asked about her whereabouts" (nothing is said of them)."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.model import Outcome

from .mentions import Mention, build_mention, has_child

UNKNOWN = {"unknown", "unclear", "uncertain", "undisclosed", "unconfirmed"}
# "have not been revealed": a passive of these, denied
TOLD = {"reveal", "disclose", "know", "establish", "confirm", "determine", "make", "give", "share"}


def _unknown(noun: Token) -> bool:
    if any(c.lower_ in UNKNOWN for c in noun.children):
        return True  # headline "Reporter's whereabouts unknown"
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if nxt is not None and nxt.lower_ in UNKNOWN and noun.dep_ in ("ROOT", "nsubj"):
        return True
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = noun.head
    if verb.lemma_.lower() in ("be", "remain", "stay"):
        return has_child(verb, ("acomp", "attr", "oprd"), UNKNOWN) is not None
    return verb.lemma_.lower() in TOLD and has_child(verb, ("neg",)) is not None


def whereabouts_mentions(tok: Token, resolve_possessive) -> list[Mention]:
    """The owner of unknown whereabouts, as a missing person."""
    if not _unknown(tok):
        return []
    owner = has_child(tok, ("poss",))
    if owner is None:
        of = has_child(tok, ("prep",), {"of"})
        owner = has_child(of, ("pobj",)) if of is not None else None
    if owner is None:
        return []
    m = build_mention(tok, Outcome.MISSING, [owner], resolve_possessive, denied=False)
    m.anaphoric = owner.lower_ == "their"  # "their whereabouts": the people just told of, if any
    return [m]
