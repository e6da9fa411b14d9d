"""Deaths told as lives an event took: 'the blast claimed the lives of three students', 'the floods
took 40 lives', 'the wars have cost millions of lives', 'the feud has claimed lives on both sides'."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.lexicon import VAGUE
from tolltrack.extract.numbers import count_from_number, vague_count
from tolltrack.extract.victims import is_count_number, is_person_like
from tolltrack.model import Count, CountKind, Outcome, VictimGroup

from .mentions import Mention, build_mention, has_child

TAKING_VERBS = {"claim", "cost", "take"}


def lives_taken(tok: Token, resolve_possessive) -> list[Mention]:
    """The killing a verb of ``TAKING_VERBS`` tells when its object is lives; [] otherwise."""
    obj = has_child(tok, ("dobj",))
    if obj is None or tok.pos_ not in ("VERB", "AUX"):
        return []
    lives, amount = obj, None
    for _ in range(2):  # "millions of lives", "hundreds of thousands of lives"
        if lives is None or lives.lemma_.lower() == "life":
            break
        of = has_child(lives, ("prep",), {"of"})
        amount, lives = amount or lives, has_child(of, ("pobj",)) if of is not None else None
    if lives is None or lives.lemma_.lower() != "life" or has_child(lives, ("amod",), {"own"}) is not None:
        return []  # "took his own life": a suicide
    of = has_child(lives, ("prep",), {"of"})
    owners = has_child(of, ("pobj",)) if of is not None else has_child(lives, ("poss",))
    if owners is not None and is_person_like(owners):  # "the lives of three students", "their lives"
        return [build_mention(tok, Outcome.KILLED, [owners], resolve_possessive)]
    if lives.tag_ != "NNS":
        return []  # "claimed a life"? too rare to read
    count = _amount(amount) if amount is not None else _amount_on(lives)
    group = VictimGroup(head="people", text=" ".join(t.text for t in obj.subtree))
    return [Mention(tok, Outcome.KILLED, count, [group], [])]


def _amount(word: Token) -> Count:
    """'millions (of lives)', 'dozens', 'thousands', 'hundreds of thousands'."""
    vague = vague_count(word)
    if vague is not None:
        return vague
    return count_from_number(word) if word.like_num else Count(CountKind.UNQUANTIFIED)


def _amount_on(lives: Token) -> Count:
    """'40 lives', 'many lives', 'hundreds of lives' (handled above), bare 'lives'."""
    for c in lives.children:
        if c.dep_ == "nummod" and c.like_num and is_count_number(c):
            return count_from_number(c)
        if c.dep_ in ("amod", "det") and c.lower_ in VAGUE:
            return vague_count(c) or Count(CountKind.UNQUANTIFIED)
    return Count(CountKind.UNQUANTIFIED)
