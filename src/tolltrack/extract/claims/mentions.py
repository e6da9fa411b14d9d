"""A casualty mention (what one sentence says about victims) and how one is built from a trigger
and its victim tokens: victim groups, one count for coordinated victims, negation."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from tolltrack.extract.victims import conjuncts, is_person_like, is_victim_like, make_group
from tolltrack.model import Count, CountKind, Outcome, VictimGroup

from .coordination import bare_title, listed_with, singular_titles

ANAPHORIC = {"those", "these", "they", "them", "the", "both"}


@dataclass
class Mention:
    trigger: Token
    outcome: Outcome
    count: Count
    victims: list[VictimGroup]
    victim_tokens: list[Token] = field(default_factory=list)
    anaphoric: bool = False  # "those killed", "the Cubans were killed": refers to victims named before
    older: bool = False  # the figure a toll moved from ("rose to 45 from 30": 30), superseded in its sentence
    rate: bool = False  # "four were killed every week": a frequency on its verb (extract.scope.RATE)


def has_child(tok: Token, deps: tuple[str, ...], words: set[str] | None = None) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps and (words is None or c.lower_ in words):
            return c
    return None


def shared_subject(tok: Token) -> Token | None:
    """The subject a coordinated verb shares with the verb it is joined to: 'the girl turned the gun on
    herself and died', 'the victim was shot and pronounced dead'."""
    cur = tok
    while cur.dep_ == "conj" and cur.head is not cur:
        cur = cur.head
        subj = has_child(cur, ("nsubj", "nsubjpass"))
        if subj is not None:
            return subj
    return None


def build_mention(
    tok: Token,
    outcome: Outcome,
    vtoks: list[Token],
    resolve_possessive,
    spread: bool = True,
    denied: bool = True,
) -> Mention:
    """``denied``: a negation of the trigger makes the count zero (not in 'was never seen again')."""
    victims: list[VictimGroup] = []
    all_toks: list[Token] = []
    counts: list[Count] = []
    anaphoric = False
    vtoks = [w for w in (_before_separator(v, tok) for v in vtoks) if w is not None]
    for v in vtoks:
        for c in [*conjuncts(v), *listed_with(v, tok)] if spread else [v]:
            if any(t.i == c.i for t in all_toks):
                continue  # "Child, man shot": listed once
            if c is not v and not (is_person_like(c) or _org_name(c) or bare_title(c, v, tok)):
                continue  # "left one woman dead and four injured in a shooting"
            g, cnt = make_group(c, resolve_possessive)
            victims.append(g)
            all_toks.append(c)
            counts.append(cnt)
            det = has_child(c, ("det",))
            if cnt is None and (c.lower_ in ANAPHORIC or (det is not None and det.lower_ in ANAPHORIC)):
                anaphoric = True
    if len(counts) > 1 and counts[0] is not None and all(bare_plural(t) for t in all_toks[1:]):
        counts = counts[:1]  # "238 writers, academics and intellectuals": the number is the list's
    count = _combine(counts, victims[: len(counts)])
    if count.kind is CountKind.UNQUANTIFIED and len(counts) > 1:  # "Ann Cole, 36, and Joe Cole, 5, died"
        count = coordinated_count(all_toks, counts, victims) or count
    one = len(all_toks) > 1 and (
        _one_person_many_titles(tok, all_toks)
        or _titles_of_one_name(tok, all_toks)
        or singular_titles(tok, all_toks)
    )
    if one:
        count = Count(CountKind.EXACT, 1, 1, 1, all_toks[0].text)  # "the editor and founder ... was held"
    neg = has_child(tok, ("neg",))
    if denied and neg is not None and count.kind in (CountKind.UNQUANTIFIED, CountKind.EXACT):
        count = Count(CountKind.ZERO, 0, 0, 0, f"{neg.text} {tok.text}")
        anaphoric = False
    return Mention(tok, outcome, count, victims, all_toks, anaphoric=anaphoric)


SINGULAR_AUX = {"was", "is", "has", "remains"}
PLURAL_AUX = {"were", "are", "have", "remain"}


def _titles_of_one_name(verb: Token, nouns: list[Token]) -> bool:
    """'a journalist and lawyer, Ann Cole, was detained', 'detained activist and blogger Ann Cole':
    two titles joined before one name are that one person (not with a plural verb, nor when the
    second title has a determiner of its own: 'a teacher and a nurse, Ann Cole')."""
    if len(nouns) != 2:
        return False
    first, second = nouns
    if first.tag_ != "NN" or has_child(second, ("det", "poss", "nummod")) is not None:
        return False
    names = [c for c in first.children if c.dep_ == "appos" and c.tag_ == "NNP"]
    apposed = bool(names)
    if apposed and _a_name(second) and second not in names:
        return False  # "the politician Ann Cole and journalist Joe Brent": each title has its name
    named = apposed and second.tag_ in ("NN", "NNP")
    titled = second.tag_ == "NNP" and any(c.dep_ == "compound" and c.tag_ == "NN" for c in second.children)
    if not (named or titled):
        return False
    return not any(
        v.tag_ == "VBP" or v.lower_ in PLURAL_AUX or any(c.lower_ in PLURAL_AUX for c in v.children)
        for v in _verb_group(verb)
    )


def _a_name(tok: Token) -> bool:
    """A person's name, also one the tagger took for a plural ('Farai Chikwanha' NNPS)."""
    return tok.tag_ == "NNP" or (tok.tag_ == "NNPS" and tok.ent_type_ == "PERSON")


def _verb_group(verb: Token) -> list[Token]:
    """The verb whose number tells how many are meant, with the one it completes ('who remains jailed')."""
    return [verb, verb.head] if verb.dep_ in ("acomp", "oprd", "xcomp") else [verb]


def _one_person_many_titles(verb: Token, nouns: list[Token]) -> bool:
    """'the blogger and activist who was detained', 'The editor and founder of the site was arrested':
    singular titles under one determiner with a singular verb are one person."""
    first, rest = nouns[0], nouns[1:]
    if first.tag_ != "NN" or has_child(first, ("det", "poss")) is None:
        return False
    if any(t.tag_ != "NN" or has_child(t, ("det", "poss", "nummod")) is not None for t in rest):
        return False
    return any(
        v.tag_ == "VBZ"
        or v.lower_ == "was"
        or any(c.dep_ in ("aux", "auxpass") and c.lower_ in SINGULAR_AUX for c in v.children)
        for v in _verb_group(verb)
    )


def bare_plural(tok: Token) -> bool:
    """'academics' in '238 writers, academics and intellectuals': no number, determiner or name of its own."""
    return tok.tag_ == "NNS" and not any(c.dep_ in ("nummod", "det", "poss", "amod") for c in tok.children)


def coordinated_count(
    vtoks: list[Token], counts: list[Count | None], victims: list[VictimGroup]
) -> Count | None:
    """'her mom and the boyfriend' = 2: a singular noun without a number counts one."""
    ones = [
        c or (Count(CountKind.EXACT, 1, 1, 1, v.text) if v.tag_ in ("NN", "NNP") or _a_name(v) else None)
        for v, c in zip(vtoks, counts, strict=True)
    ]
    total = _combine(ones, victims)
    return None if total.kind is CountKind.UNQUANTIFIED else total


def _combine(counts: list[Count | None], victims: list[VictimGroup]) -> Count:
    """One count for coordinated victims: 'Maduro and his wife' = 2; numbers add up when all exact."""
    if len(counts) == 1:
        return counts[0] or Count(CountKind.UNQUANTIFIED)
    if all(c is not None and c.kind is CountKind.EXACT for c in counts):
        total = sum(c.value for c in counts)  # type: ignore[union-attr]
        return Count(CountKind.EXACT, total, total, total, " and ".join(c.text for c in counts))  # type: ignore
    known = [c for c in counts if c is not None and c.kind is not CountKind.UNQUANTIFIED]
    if known and len(known) == len(counts):
        low = sum(c.low or 0 for c in known)
        return Count(CountKind.AT_LEAST, low, low, None, " and ".join(c.text for c in known))
    return Count(CountKind.UNQUANTIFIED)


def person_subject(tok: Token, deps: tuple[str, ...]) -> Token | None:
    """The child in one of ``deps`` that stands for a person, else the first such child: a dateline the
    parser makes a second subject ('CHICAGO — Four men were shot') is not the victim."""
    found = [c for c in tok.children if c.dep_ in deps]
    return next((c for c in found if is_victim_like(c)), found[0] if found else None)


def same_attribute(adj: Token, noun: Token) -> list[Token]:
    """'one deceased male and one female victim': an attribute belongs to its own noun and to the
    conjuncts that repeat it ('an injured girl and an injured woman', read once, at the first)."""

    def has_it(n: Token) -> bool:
        return any(c.dep_ == "amod" and c.lower_ == adj.lower_ for c in n.children)

    group = [noun, *[c for c in noun.conjuncts if has_it(c)]]
    if any(c.i < noun.i for c in group[1:]):
        return []  # told with the first noun that has it
    return group


SEPARATORS = {"-", "–", "—", "|"}


def _before_separator(v: Token, trigger: Token) -> Token | None:
    """A headline's site name after a spaced dash is not part of the victim phrase: 'toddler shoots mom -
    WXYZ.COM News, Weather and Sports' → 'mom'; 'girl shoots herself - Channel 4' → 'herself'."""
    cut = next((t for t in v.subtree if trigger.i < t.i < v.i and _spaced_separator(t)), None)
    if cut is None:
        between = trigger.doc[trigger.i + 1 : v.i] if trigger.i < v.i else []
        return None if any(_spaced_separator(t) for t in between) else v
    prev = v.doc[cut.i - 1]
    return prev if prev.i > trigger.i and prev.pos_ in ("NOUN", "PROPN", "PRON") else None


def _spaced_separator(t: Token) -> bool:
    return t.text in SEPARATORS and t.i > 0 and bool(t.doc[t.i - 1].whitespace_) and bool(t.whitespace_)


STREET_WORDS = {"avenue", "ave", "street", "st", "road", "rd", "drive", "boulevard", "blvd", "lane", "way",
                "court", "place", "parkway", "highway", "square", "park"}  # fmt: skip


def _org_name(tok: Token) -> bool:
    """A person's name the entity recogniser reads as an organisation ('Ann Cole' ORG); never a street."""
    return tok.tag_ == "NNP" and tok.ent_type_ == "ORG" and tok.lower_.rstrip(".") not in STREET_WORDS
