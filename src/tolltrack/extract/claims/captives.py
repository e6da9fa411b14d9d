"""People named by their custody or captivity: "40 prisoners", "174 prisoners of conscience", "he is a
political prisoner", "detainee Ann Cole", "the 17 hostages", "his four captive children". A status noun
is a claim when it is counted or names its person; not a bare generic ("prisoners' rights", "a prisoner
swap", "hostages are often freed")."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.victims import is_person_like
from tolltrack.model import Outcome

from .mentions import Mention, build_mention, has_child

STATUS_NOUNS = {
    "prisoner": Outcome.DETAINED,
    "detainee": Outcome.DETAINED,
    "arrestee": Outcome.DETAINED,
    "hostage": Outcome.MISSING,
    "captive": Outcome.MISSING,
    "abductee": Outcome.MISSING,
}
RELATIVES = {"who", "that"}


def status_mentions(tok: Token, resolve_possessive) -> list[Mention]:
    """The mention a custody status noun makes: of the person it names or of the people it counts."""
    outcome = STATUS_NOUNS[tok.lemma_.lower()]
    if tok.pos_ == "ADJ":  # "his four captive children": the people it qualifies, when counted
        if tok.dep_ != "amod" or not is_person_like(tok.head):
            return []
        numbered = _numbered(tok.head)
        return [build_mention(tok, outcome, [tok.head], resolve_possessive, spread=False)] if numbered else []
    victim = _named(tok)
    if victim is not None:
        return [build_mention(tok, outcome, [victim], resolve_possessive)]
    if tok.pos_ != "NOUN" or tok.dep_ in ("compound", "poss", "nmod"):
        return []  # "a prisoner swap", "prisoners' rights"
    if not _numbered(tok):
        return []  # "prisoners", "the hostages", "a prisoner", "each hostage": no figure and no one named
    return [build_mention(tok, outcome, [tok], resolve_possessive, spread=False)]


def _numbered(noun: Token) -> bool:
    """'40 prisoners', 'the original 17 hostages': a number stands before the noun."""
    return any(c.dep_ == "nummod" and c.like_num for c in noun.children)


def _named(tok: Token) -> Token | None:
    """'detainee Ann Cole', 'Ann Cole, a political prisoner,', 'he is a prisoner of conscience', 'a lawyer
    who was a political prisoner': the person the status noun is said of."""
    head = tok.head
    if tok.dep_ == "compound" and head.ent_type_ == "PERSON":
        return head
    if tok.dep_ in ("appos", "conj") and head.ent_type_ == "PERSON" and head.pos_ == "PROPN":
        return head
    if tok.dep_ == "attr" and head.lemma_.lower() == "be" and has_child(tok, ("det",), {"a", "an"}):
        subj = has_child(head, ("nsubj",))
        if subj is not None and subj.lower_ in RELATIVES and head.dep_ == "relcl":
            subj = head.head
        if subj is not None and is_person_like(subj) and subj.tag_ != "NNS":
            return subj
    return None
