"""Counted parts of a counted group, each its own claim (the README's "a subset is a separate claim"):
'30 people, including 11 children, were abducted' (30 and 11); 'Of the 40 killed, 31 were soldiers
and nine civilians' (40, 31 and 9); 'three of those arrested were students' (3)."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.numbers import count_from_number
from tolltrack.extract.victims import is_person_like, make_group, resolve_head
from tolltrack.model import Count, CountKind

from .mentions import Mention, has_child, shared_subject

INCLUDING = {"including", "among"}


def subset_mentions(m: Mention, resolve_possessive) -> list[Mention]:
    """The counted parts of ``m``'s victims, with ``m``'s outcome."""
    out: list[Mention] = []
    seen = {t.i for t in m.victim_tokens}
    # "931 people, including union member Chan Kyaw", "Ann Cole was among the 50 held": one named person
    for names in [*_named_parts(m), *_named_member(m)]:
        if not seen & {t.i for t in names}:
            seen.update(t.i for t in names)
            groups = [make_group(t, resolve_possessive)[0] for t in names]
            n = len(names)
            count = Count(CountKind.EXACT, n, n, n, " and ".join(t.text for t in names))
            out.append(Mention(m.trigger, m.outcome, count, groups, names))
    for part in [*_included(m), *_partitive(m)]:
        if part.i in seen:
            continue
        seen.add(part.i)
        group, count = make_group(part, resolve_possessive)
        if count is None and part.like_num:
            count = count_from_number(part)
        if count is None or count.kind in (CountKind.UNQUANTIFIED, CountKind.ZERO):
            continue
        if count == m.count:
            continue
        out.append(Mention(m.trigger, m.outcome, count, [group], [part]))
    return out


def _included(m: Mention) -> list[Token]:
    """'120 protesters, including 14 students'; 'many were arrested, including at least 14 of the
    signatories'; 'among them two children'; 'those arrested included a journalist'."""
    found = []
    for holder in [*m.victim_tokens, m.trigger]:
        if holder.dep_ == "nsubj" and holder.head.lemma_.lower() == "include":  # "those held included two"
            obj = has_child(holder.head, ("dobj",))
            if obj is not None and _counted(obj):
                found.append(obj)
                found.extend(c for c in obj.conjuncts if _counted(c))
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in INCLUDING:
                continue
            if prep.lower_ == "among" and not any(c.lower_ == "them" for c in prep.children):
                continue
            obj = has_child(prep, ("pobj",))
            if obj is not None and _counted(obj):
                found.append(obj)
                found.extend(c for c in obj.conjuncts if _counted(c))
    return found


def _named_parts(m: Mention) -> list[list[Token]]:
    """'killing 931 people, including union member Chan Kyaw' (1); 'arrested in raids, including the
    journalist Ann Cole and the poet Joe Brent' (2); 'dozens of activists, such as the publisher Jimmy
    Lai' (1): the people named in an 'including' or 'such as' phrase of a counted group, as many as named."""
    if m.count.kind in (CountKind.UNQUANTIFIED, CountKind.ZERO):
        return []
    holders = [*m.victim_tokens, *(resolve_head(v)[0] for v in m.victim_tokens), m.trigger]
    holders += [g for c in m.trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    found = []
    for holder in holders:
        for prep in holder.children:
            such_as = prep.lower_ == "as" and has_child(prep, ("amod", "advmod"), {"such"}) is not None
            if prep.dep_ != "prep" or not (prep.lower_ == "including" or such_as):
                continue
            obj = has_child(prep, ("pobj",))
            names = [] if obj is None else [n for n in [obj, *obj.conjuncts] if _name(n)]
            if names and len(names) == 1 + len(obj.conjuncts) and not _cut_list(names):
                found.append(names)
    return found


def _named_member(m: Mention) -> list[list[Token]]:
    """'Ann Cole was among the 50 arrested', 'Joe Brent was among those killed': the named subject is
    one of the group, a claim of one of its own."""
    for v in m.victim_tokens:
        among = v.head if v.dep_ == "pobj" else None
        if among is None or among.lower_ != "among" or among.head.lemma_.lower() != "be":
            continue
        subj = has_child(among.head, ("nsubj",)) or shared_subject(among.head)  # "... and was among"
        if subj is not None and _name(subj) and not subj.conjuncts:
            return [[subj]]
    return []


def _name(tok: Token) -> bool:
    """A named person: 'Chan Kyaw', 'the journalist Ann Cole' (a title with the name in apposition)."""
    if tok.ent_type_ == "PERSON" and tok.tag_ == "NNP":
        return True
    return tok.tag_ == "NN" and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children)


def _cut_list(names: list[Token]) -> bool:
    """'including Ann Cole and, more recently, Joe Brent' parsed apart, or an 'and' inside one name's
    phrase: a list the parse cut short or tangled."""
    heads = {t.i for t in names}
    joins = [t for n in names for t in n.subtree if t.lower_ in ("and", "or")]
    if any(t.head.i not in heads for t in joins) or (joins and len(names) == 1):
        return True
    last = names[-1]
    doc, after = last.doc, last.right_edge.i + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    return after < len(doc) and doc[after].lower_ in ("and", "or")


def _partitive(m: Mention) -> list[Token]:
    """'Of the 40 people killed, 31 were soldiers and nine were civilians'; 'three of those arrested
    were students'; not 'one of those arrested, Ann Cole, ...' (a name, not a count)."""
    found = []
    for v in m.victim_tokens:
        of = v.head if v.dep_ == "pobj" else None
        if of is None or of.lower_ != "of":
            continue
        above = of.head
        if above.like_num:  # "three of those arrested were ...", "Of the 40 killed, 31 were ..."
            if _named(above, of) or above.dep_ != "nsubj":
                continue
            above = above.head
        elif of.i > above.i:
            continue
        if above.lemma_.lower() != "be" or has_child(above, ("attr", "acomp")) is None:
            continue
        for verb in _copulas(above):
            for c in verb.children:
                if c.dep_ in ("nsubj", "attr") and c.like_num:
                    found.append(c)
                elif c.dep_ == "attr":
                    found.extend(n for n in c.conjuncts if n.like_num)
    return found


def _named(num: Token, of: Token) -> bool:
    """'One of those arrested in May, Ann Cole, ...': the part is a named person, not a count."""
    if has_child(num, ("appos",)) is not None or any(
        t.dep_ == "appos" and t.ent_type_ == "PERSON" for t in of.subtree
    ):
        return True
    after = max(num.i, of.right_edge.i) + 1
    doc = num.doc
    return after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].pos_ == "PROPN"


def _copulas(verb: Token) -> list[Token]:
    """The copulas joined in one sentence: '40 were X, nine were Y and one was Z' (parsed as
    complements and conjuncts of each other)."""
    top = verb
    while top.dep_ in ("ccomp", "conj") and top.head.lemma_.lower() == "be":
        top = top.head
    out = [top]
    for w in top.subtree:
        if w is not top and w.lemma_.lower() == "be" and w.dep_ in ("ccomp", "conj") and w.head in out:
            out.append(w)
    return out


def _counted(tok: Token) -> bool:
    if tok.like_num:
        return True
    return is_person_like(tok) and any(c.dep_ == "nummod" for c in tok.children)
