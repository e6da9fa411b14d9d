"""People listed together whom the parser did not join as conjuncts: two subjects of one verb ('Ann
Lee, raised in Leeds, and photographer Joe Brent were seized'), a conjunct hung on a name in apposition
('a doctor, Ann Cole, and her husband were killed') and bare titles before a plural verb ('the paper's
editor and publisher were arrested': two people)."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.victims import is_person_like

SUBJECTS = ("nsubj", "nsubjpass")
PLURAL_AUX = {"were", "are", "have", "remain"}


def listed_with(v: Token, verb: Token) -> list[Token]:
    """The people listed with the victim token ``v`` that its conjuncts miss."""
    return [*_split_subjects(v), *_apposed_conjuncts(v)]


def _split_subjects(v: Token) -> list[Token]:
    """A second subject of the same verb after 'and': the parser split 'A and B were taken'."""
    if v.dep_ not in SUBJECTS or v.conjuncts:
        return []
    out = []
    for other in v.head.children:
        if other.i <= v.i or other.dep_ != v.dep_ or not is_person_like(other):
            continue
        between = v.doc[v.i + 1 : other.left_edge.i]
        verbs = [t for t in between if t.pos_ in ("VERB", "AUX")]
        participle = all(
            t.tag_ in ("VBN", "VBG") and v.is_ancestor(t) for t in verbs
        )  # "Ann Lee, raised in Leeds,"
        if any(t.lower_ == "and" for t in between) and participle:
            out.append(other)
    return out


def _apposed_conjuncts(v: Token) -> list[Token]:
    """'a local doctor Ann Cole and her husband Joe': the husband is joined to the name in apposition."""
    if v.conjuncts or v.tag_ not in ("NN", "NNP") or any(c.dep_ == "nummod" for c in v.children):
        return []  # "three other people, Ann Cole, 28, and Joe Brent": the names are the three
    out = []
    for a in v.children:
        if a.dep_ == "appos" and a.tag_ == "NNP" and a.i > v.i:
            out += [c for c in a.conjuncts if c.i > a.i and c.pos_ in ("NOUN", "PROPN") and is_person_like(c)]
    return out


def bare_title(c: Token, first: Token, verb: Token) -> bool:
    """'the paper's editor and publisher were arrested': a singular title with no determiner of its own,
    joined to a person noun under a plural verb, is a second person."""
    if c.tag_ != "NN" or any(g.dep_ in ("det", "poss", "nummod", "compound") for g in c.children):
        return False
    if first.tag_ != "NN" or not is_person_like(first):
        return False
    group = [verb, verb.head] if verb.dep_ in ("acomp", "oprd", "xcomp") else [verb]
    return any(
        v.lower_ in PLURAL_AUX or v.tag_ == "VBP" or any(a.lower_ in PLURAL_AUX for a in v.children)
        for v in group
    )


SINGULAR_AUX = {"was", "is", "has", "remains"}


def singular_titles(verb: Token, nouns: list[Token]) -> bool:
    """'An Itsekiri chief and head of the guild, Chief Ann Cole, has been detained': titles without a
    number of their own joined under a singular verb are one person (not 'two men and a boy were')."""
    if len(nouns) < 2 or any(n.tag_ not in ("NN", "NNP") or n.ent_type_ == "PERSON" for n in nouns):
        return False
    if any(c.dep_ == "nummod" for n in nouns for c in n.children):
        return False
    if not any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for n in nouns for c in n.subtree):
        return False  # the name the titles belong to
    group = [verb, verb.head] if verb.dep_ in ("acomp", "oprd", "xcomp") else [verb]
    return any(
        v.tag_ == "VBZ"
        or v.lower_ == "was"
        or any(a.dep_ in ("aux", "auxpass") and a.lower_ in SINGULAR_AUX for a in v.children)
        for v in group
    ) and not any(a.lower_ in PLURAL_AUX for v in group for a in v.children)
