"""A body found tells a death: 'his body was found in the river', 'Ann Cole, whose body was found off a
road', 'a body bearing the same scars was found nearby', 'another body floating down the river'. Not
'his body was covered in bruises' (no finding), 'a body of evidence' nor 'an independent body'."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.victims import is_person_like, make_group
from tolltrack.model import Count, CountKind, Outcome, VictimGroup

from .mentions import Mention, has_child

BODY_NOUNS = {"body", "corpse", "corps"}  # "corpses" is lemmatised "corps"
# What is done to or seen of a dead body: "was found", "were recovered", "washed up", "floating".
FINDING_VERBS = {"find", "discover", "recover", "retrieve", "dump", "exhume", "identify", "wash", "float",
                 "pull", "dig", "dredge", "see", "spot", "locate", "return", "hand", "bury"}  # fmt: skip
ONE = {"a", "an", "another"}


def body_mention(tok: Token, resolve_possessive) -> Mention | None:
    """The death a found body tells, when the body is someone's or one counted by its article."""
    if tok.lemma_.lower() not in BODY_NOUNS or tok.lower_ == "corps" or not _found(tok):
        return None
    if has_child(tok, ("prep",), {"of"}) is not None:
        return None  # "the body of a man", "a body of evidence": claims.nouns reads the 'of'
    owner = has_child(tok, ("poss",))
    single = tok.tag_ == "NN"
    if owner is not None:
        person = _relative_antecedent(owner)
        if person is None:
            return None
        group, count = make_group(person, resolve_possessive) if person.pos_ != "PRON" else (None, None)
        if group is None:
            group = VictimGroup(head="people", text=owner.text)
        if single and (count is None or count.kind is CountKind.UNQUANTIFIED):
            count = Count(CountKind.EXACT, 1, 1, 1, f"{owner.text} {tok.text}")
        return Mention(tok, Outcome.KILLED, count or Count(CountKind.UNQUANTIFIED), [group], [person])
    det = has_child(tok, ("det",))
    if single and det is not None and det.lower_ in ONE:
        text = f"{det.text} {tok.text}"
        one = Count(CountKind.EXACT, 1, 1, 1, text)
        return Mention(tok, Outcome.KILLED, one, [VictimGroup("people", text)], [])
    return None


def _found(tok: Token) -> bool:
    """A finding verb governs the body ('was found', 'they found her body') or hangs on it ('a body
    floating down', 'the body found in the car')."""
    verbs = [c for c in tok.children if c.dep_ in ("acl", "relcl")]
    if tok.dep_ in ("nsubjpass", "dobj", "nsubj"):
        verbs.append(tok.head)
    return any(v.pos_ == "VERB" and v.lemma_.lower() in FINDING_VERBS for v in verbs)


def _relative_antecedent(owner: Token) -> Token | None:
    """'whose' stands for the noun its clause hangs on ('Ann Cole, whose body was found'); a person
    possessive stands for itself ('his', 'the activist's')."""
    if owner.lower_ == "whose":
        clause = next((a for a in owner.ancestors if a.dep_ == "relcl"), None)
        noun = clause.head if clause is not None else None
        return noun if noun is not None and is_person_like(noun) else None
    if owner.lower_ in ("his", "her") or is_person_like(owner):
        return owner
    return None
