"""Victim groups: who the casualties are (head, nationality, military/civilian, role) and how many."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.geo.lookup import country_of
from tolltrack.model import Count, CountKind, Status, VictimGroup
from tolltrack.nlp.entities import entity_at

from .lexicon import CIVILIAN, EVENT_NOUNS, MILITARY, NUMBER_WORDS, PERSON_NOUNS, VAGUE
from .numbers import count_from_number, vague_count

# Words that take the real victims in an "of" phrase: "32 of its citizens", "a portion of the detail".
PARTITIVES = {"portion", "part", "many", "most", "some", "all", "dozens", "scores", "hundreds",
              "thousands", "number", "lot", "lots", "group", "majority", "handful", "members",
              "member", "one", "two", "three", "several", "few", "rest", "half", "each", "none",
              "tens", "both", "any", "other", "others", "of", "total"}  # fmt: skip
SINGULAR_PRONOUNS = {"he", "she", "him", "her", "who", "himself", "herself"}
PLURAL_PRONOUNS = {"they", "them", "those", "these", "we", "us", "themselves"}
ROLE_MODIFIERS = {"security", "police", "military", "medical", "rescue", "aid", "defence", "defense",
                  "presidential", "border", "fire", "health", "coast", "national", "special", "prison",
                  "armed", "civil", "republican", "army", "navy", "air"}  # fmt: skip


def prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of ``tok``'s prepositions in ``preps``: 'one (of the men)' → men."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _partitive_target(tok: Token) -> Token | None:
    return prep_object(tok, ("of", "among"))


def resolve_head(tok: Token) -> tuple[Token, list[Token]]:
    """Follow partitives down to the real victim noun; return it and the partitive chain."""
    chain = []
    cur = tok
    if tok.lemma_.lower() == "age":  # "three males ages 17, 18 and 22": the people are the compound
        cur = next(
            (c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in PERSON_NOUNS), tok
        )
    for _ in range(3):
        if cur.lemma_.lower() in PARTITIVES or cur.like_num or cur.lower_ in VAGUE:
            nxt = _partitive_target(cur)
            if nxt is not None:
                chain.append(cur)
                cur = nxt
                continue
        break
    return cur, chain


def nationality_of(head: Token, resolve_possessive) -> str | None:
    """'Cuban nationals' → Cuba; 'US casualties' → United States; 'its citizens' → (resolved);
    'another 11 Cubans' → Cuba."""
    if head.ent_type_ == "NORP":
        c = country_of(head.text)
        if c:
            return c
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE"):
            c = country_of(_ent_text(child))
            if c:
                return c
        if child.dep_ == "poss" and child.lower_ in ("its", "their"):
            c = resolve_possessive(child)
            if c:
                return c
        if child.dep_ == "poss" and child.ent_type_ == "GPE":
            return country_of(_ent_text(child))
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            for pobj in child.children:
                if pobj.ent_type_ == "GPE":
                    return country_of(_ent_text(pobj))
    return None


def _ent_text(tok: Token) -> str:
    ent = entity_at(tok)
    return tok.text if ent is None else ent.text


def status_and_role(head: Token) -> tuple[Status, str | None]:
    lemma = head.lemma_.lower()
    mods = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
    mod_lemmas = {m.lemma_.lower() for m in mods}
    role = None
    if mod_lemmas & ROLE_MODIFIERS or lemma in MILITARY:
        role_words = [m.text for m in mods if m.lemma_.lower() in ROLE_MODIFIERS] + [head.text]
        role = " ".join(role_words)
    if "civilian" in mod_lemmas or lemma in CIVILIAN or head.lower_ in CIVILIAN:
        return Status.CIVILIAN, role
    service = "service" in mod_lemmas and lemma in ("member", "man", "woman", "people")  # "service members"
    if (
        mod_lemmas & {"military", "security", "army", "armed"}
        or lemma in MILITARY
        or head.lower_ in MILITARY
        or service
    ):
        return Status.MILITARY, role
    return Status.UNKNOWN, role


def phrase_text(tok: Token) -> str:
    """The noun phrase of a victim token without trailing clauses."""
    keep = [t for t in tok.subtree if not _in_clause(t, tok)]
    if not keep:
        return tok.text
    start, end = keep[0].i, keep[-1].i + 1
    span = tok.doc[start:end]
    return span.text.strip(" ,")


def _in_clause(t: Token, root: Token) -> bool:
    cur = t
    while cur != root:
        if cur.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "conj", "cc") and cur.head == root:
            return True
        if cur.dep_ in ("relcl", "acl", "advcl", "conj", "cc"):
            return True
        cur = cur.head
    return False


COLLECTIVE = {
    "detail",
    "family",
    "crew",
    "staff",
    "army",
    "force",
    "police",
    "military",
    "personnel",
    "group",
    "unit",
    "team",
    "convoy",
    "battalion",
    "brigade",
    "household",
    "side",
    "population",
}


def victim_count(tok: Token, chain: list[Token]) -> Count | None:
    """The count a victim phrase gives on its own ('32 of its citizens', 'two men', 'a man'), or None."""
    if chain:
        first = chain[0]
        if first.like_num or (first.lower_ in NUMBER_WORDS and first.lower_ not in ("a", "an", "no")):
            return count_from_number(first)
        if first.lower_ == "none":
            return Count(CountKind.ZERO, 0, 0, 0, first.text)
        v = vague_count(first)
        if v is not None:
            return v
        if first.lower_ == "total":  # "a total of five people"
            return _own_count(tok)
        return _own_count(first)
    return _own_count(tok)


def is_count_number(tok: Token) -> bool:
    """A number that counts people: not an ordinal, a year, a time or a number of shots."""
    if tok.ent_type_ in ("ORDINAL", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY") and not _counts_people(
        tok
    ):
        return False
    if len(tok.text) == 4 and tok.text.isdigit() and 1900 <= int(tok.text) <= 2100:
        return False  # "the 2014 death of a teen": a year
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ in ("age", "ages", "aged"):
        return False  # "four men, ages 20-27": ages
    if any(t.lemma_.lower() in GALLERY for t in tok.doc[max(0, tok.i - 3) : tok.i]):
        return False  # "Image 4 of 44", "Photo 2 of 9": a picture's number
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "y" and tok.doc[nxt.i + 1 : nxt.i + 3].text == "/o":
        return False  # "a 43 y/o man": an age
    return not (nxt is not None and nxt.lemma_.lower() in NOT_PEOPLE)


def _counts_people(tok: Token) -> bool:
    """'Forty pupils were kidnapped': a number the recogniser took for a date, yet set on a person noun."""
    head = tok.head
    return (
        tok.ent_type_ in ("DATE", "TIME")
        and tok.dep_ == "nummod"
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in PERSON_NOUNS
    )


GALLERY = {"image", "photo", "slide", "picture", "gallery", "video"}
NOT_PEOPLE = {"time", "round", "shot", "bullet", "year", "month", "day", "hour", "minute", "block", "mile",
              "y/o", "yo", "yr", "yrs", "years", "%", "percent"}  # fmt: skip


def _apart(a: Token, b: Token) -> bool:
    """Whether punctuation stands between two tokens ('12 - five')."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_punct for t in a.doc[lo + 1 : hi])


def _own_count(tok: Token) -> Count | None:
    # nearest first: in "tells 13 News two people were shot" the count is "two"
    for child in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
        if child.like_num and not is_count_number(child):
            continue
        if child.like_num and tok.like_num and _apart(child, tok):
            return count_from_number(tok) if tok.pos_ == "NUM" else None  # "Channel 12 - five injured"
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "compound", "quantmod")):
            return count_from_number(child)
        if child.dep_ == "det" and child.lower_ == "no":
            return Count(CountKind.ZERO, 0, 0, 0, f"no {tok.text}")
        if child.dep_ in ("amod", "det") and child.lower_ in VAGUE:
            return vague_count(child)
        both = child.dep_ in ("det", "predet", "preconj") and child.lower_ == "both"
        if both and not tok.conjuncts:  # "both men"; in "both Ann and Joe" each counts one
            return Count(CountKind.EXACT, 2, 2, 2, f"both {tok.text}")
    low = tok.lower_
    if low in ("nobody", "none") or (low == "one" and any(c.lower_ == "no" for c in tok.children)):
        return Count(CountKind.ZERO, 0, 0, 0, tok.text)
    if tok.like_num:
        return count_from_number(tok)
    if tok.lower_ in VAGUE and (tok.tag_ == "NNS" or next(tok.children, None) is None):
        return vague_count(tok)  # "dozens were hurt", "several were shot"
    if low in ("another", "one") or is_age(tok) or any(is_age(c) for c in tok.children if c.dep_ == "amod"):
        return Count(CountKind.EXACT, 1, 1, 1, tok.text)
    if tok.ent_type_ == "ORDINAL" and any(c.lower_ in ("a", "an") for c in tok.children):
        return Count(CountKind.EXACT, 1, 1, 1, tok.text)
    if low in ("both", "pair", "couple"):
        return Count(CountKind.EXACT, 2, 2, 2, tok.text)
    lemma = tok.lemma_.lower()
    if lemma in COLLECTIVE or low in COLLECTIVE:
        return None
    if tok.ent_type_ != "PERSON" and _name_like(tok):  # "Banks was pronounced dead", a name read as an ORG
        return Count(CountKind.EXACT, 1, 1, 1, tok.text)
    singular = tok.tag_ in ("NN", "NNP") or low in SINGULAR_PRONOUNS
    named = tok.tag_ == "NNP" and (
        tok.ent_type_ not in ("GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME") or has_title(tok)
    )
    if singular and (tok.pos_ == "PRON" or tok.ent_type_ == "PERSON" or lemma in PERSON_NOUNS or named):
        return Count(CountKind.EXACT, 1, 1, 1, tok.text)
    if _one_named_person(tok):
        return Count(CountKind.EXACT, 1, 1, 1, tok.text)
    return None


def _one_named_person(tok: Token) -> bool:
    """'another Nigerian, Ann Cole, was held', 'Aung Mya Than, a reporter, was held' (a surname the tagger
    took for a preposition): a word of one person's, with a single person named or described beside it."""
    if tok.tag_ in ("NNS", "NNPS") or tok.ent_type_ in ("GPE", "ORG", "LOC", "FAC", "DATE", "TIME"):
        return False
    name = any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in tok.children)
    if tok.tag_ not in ("NN", "NNP") and not name:
        return False
    if any(c.dep_ == "det" and c.lower_ == "another" for c in tok.children):
        return True  # "another Nigerian", "another of the accused"
    return any(
        c.dep_ == "appos" and not c.conjuncts and c.tag_ in ("NN", "NNP")
        and (c.ent_type_ == "PERSON" or c.lemma_.lower() in PERSON_NOUNS)
        for c in tok.children
    )  # fmt: skip


def is_age(tok: Token) -> bool:
    """'a 17-year-old': an age that stands for one person."""
    return tok.lower_ == "old" and any(c.lemma_.lower() in ("year", "month", "week") for c in tok.children)


def has_title(tok: Token) -> bool:
    """'Mr Ocalan', 'Dr. Lee': a name after a personal title is a person's, whatever the tagger says."""
    return any(c.dep_ == "compound" and c.lower_.rstrip(".") in TITLES for c in tok.children)


def is_person_like(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return (
        is_age(tok)
        or any(is_age(c) for c in tok.children if c.dep_ == "amod")
        or (tok.ent_type_ == "ORDINAL" and tok.pos_ in ("NOUN", "ADJ"))  # "a fifth was shot"
        or (tok.tag_ == "NNP" and tok.ent_type_ not in ("GPE", "ORG", "DATE", "TIME", "LOC", "FAC", "EVENT"))
        or lemma in PERSON_NOUNS
        or tok.lower_ in PERSON_NOUNS
        or tok.ent_type_ in ("PERSON", "NORP")
        or has_title(tok)
        or tok.lower_ in SINGULAR_PRONOUNS | PLURAL_PRONOUNS
        or (
            tok.like_num
            and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "meta", "npadvmod", "ROOT", "conj", "appos")
            and is_count_number(tok)
        )
        or (  # headline "One killed, six injured in ...": the number heads its participle
            tok.like_num
            and is_count_number(tok)
            and (
                any(c.dep_ == "acl" and c.tag_ == "VBN" for c in tok.children)
                or (tok.dep_ == "nummod" and tok.head.lower_ in ("dead", "injured", "wounded", "hurt"))
            )  # "UPDATE: 1 dead, 4 injured"
        )
        or (tok.lower_ in VAGUE and tok.tag_ == "NNS")  # "left scores missing", "dozens were hurt"
        or (
            tok.lower_ in VAGUE and tok.dep_ in ("nsubj", "nsubjpass") and next(tok.children, None) is None
        )  # "several were"
        or (resolve_head(tok)[0] is not tok and is_person_like(resolve_head(tok)[0]))
    )


def is_victim_like(tok: Token) -> bool:
    """A person, or a word the tagger or the entity recogniser got wrong that stands for one in a victim's
    place: a surname read as a plural noun ('Banks was pronounced dead'), a name read as an organisation
    ('Cattron was pronounced dead'), a name with a person in apposition ('Woods, a local resident, ...')."""
    if is_person_like(tok):
        return True
    if tok.text.isupper() or tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return False  # a dateline ("ORANGE COUNTY, Fla. - A teenager who ...") is no victim
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" and is_person_like(c) for c in tok.children):
        return True  # "Aung Mya Than, a reporter, ...", whatever the tagger made of the last name
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return _name_like(tok)


TITLES = {"mr", "mrs", "ms", "miss", "dr"}  # a name after one is a person's, whatever the tagger says
NOT_NAME_HEADS = {"department", "office", "police", "company", "school", "university", "club", "bar", "store",
                  "church", "center", "centre", "hospital", "house", "home", "car", "vehicle", "city",
                  "county", "state", "team", "agency", "court", "bureau", "service", "image",
                  "photo"}  # fmt: skip
SINGULAR_AUX = {"was", "is", "has", "remains", "remained", "died", "dies"}


def _name_like(tok: Token) -> bool:
    """A capitalised word, not an all-capitals dateline, tagged as a plural or as a name of no person
    ('Banks was', 'Gaines died'), whose verb agrees with a single person."""
    text = tok.text
    lemma = tok.lemma_.lower()
    if not text[:1].isupper() or text.isupper() or len(text) < 3 or lemma in NOT_NAME_HEADS | EVENT_NOUNS:
        return False
    if tok.ent_type_ in ("GPE", "DATE", "TIME", "NORP", "EVENT", "MONEY", "CARDINAL", "ORDINAL"):
        return False
    subj = tok.head if tok.dep_ == "conj" else tok  # "Stewart and Hampton were struck"
    if tok.tag_ not in ("NNP", "NNPS", "NNS") or subj.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if subj is not tok:
        return tok.tag_ == "NNP"
    verb = tok.head
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} | {verb.lower_}
    return bool(words & SINGULAR_AUX) or (tok.tag_ == "NNP" and not words & {"were", "are", "have"})


def _predicate_subject(tok: Token) -> Token | None:
    """'The girl is another shooting victim', 'He was the third victim': a victim named in the
    predicate is the subject, not someone new."""
    if tok.dep_ != "attr" or tok.lemma_.lower() not in ("victim", "casualty") or tok.head.lemma_ != "be":
        return None
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.lower_ in SINGULAR_PRONOUNS | PLURAL_PRONOUNS or is_person_like(subj)):
        return None
    return subj


def make_group(tok: Token, resolve_possessive) -> tuple[VictimGroup, Count | None]:
    tok = _predicate_subject(tok) or tok
    head, chain = resolve_head(tok)
    status, role = status_and_role(head)
    nat = nationality_of(head, resolve_possessive)
    text = phrase_text(tok)
    lemma = head.lemma_.lower() if head.pos_ != "PRON" else head.lower_
    group = VictimGroup(head=lemma, text=text, nationality=nat, status=status, role=role)
    return group, victim_count(head, chain)


def conjuncts(tok: Token) -> list[Token]:
    """A noun and the nouns coordinated with it: 'soldiers, civilians and a portion of ...'."""
    out = [tok]
    ages = is_age(tok)  # "a 17-year-old, a 19-year-old and a 21-year-old"
    for c in [*tok.conjuncts, *_listed_names(tok), *listed_nouns(tok), *_stray_conjunct(tok)]:
        if (c.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or (ages and is_age(c))) and c not in out:
            out.append(c)
    return out


def _stray_conjunct(tok: Token) -> list[Token]:
    """'shooting Ann Cole, 31, and her daughter', 'killing his wife and four daughters': the parser may
    join the second person to a word above the first (the verb); a person noun with a determiner,
    possessive or number right after the first one's phrase and 'and' is listed with it. Not after a
    relative clause ('the girl who had been shot, and the boy'): the phrase must not hold a verb."""
    after = tok.right_edge.i + 1
    doc = tok.doc
    if after < len(doc) and doc[after].text == ",":
        after += 1
    if tok.conjuncts or after >= len(doc) or doc[after].lower_ != "and":
        return []
    if any(t.pos_ in ("VERB", "AUX") for t in doc[tok.left_edge.i : tok.right_edge.i + 1]):
        return []
    above = set(tok.ancestors)
    for h in doc[after + 1 : min(after + 10, len(doc))]:
        if h.dep_ == "conj" and h.left_edge.i == after + 1 and h.head in above:
            marked = any(c.dep_ in ("det", "poss", "nummod", "amod") for c in h.children)
            return [h] if marked and h.pos_ == "NOUN" and is_person_like(h) else []
    return []


def listed_nouns(tok: Token) -> list[Token]:
    """Headline lists of bare nouns parsed as apposition: 'deaths of mother, brother', 'Child, man shot'."""
    if tok.pos_ != "NOUN" or any(c.dep_ in ("det", "nummod") for c in tok.children):
        return []
    out = []
    for c in tok.children:
        adjacent = c.i == tok.i + 2 and tok.doc[tok.i + 1].text == ","
        bare = not any(g.dep_ in ("det", "nummod", "poss") for g in c.children)
        if c.dep_ == "appos" and c.pos_ == "NOUN" and adjacent and bare and c.lower_ in PERSON_NOUNS:
            out.append(c)
    return out


def _listed_names(tok: Token) -> list[Token]:
    """A list of names written with ages between them: 'Ann Lotts, 24, Mia Bates, 16, and Joe Wall, 25'
    parses the second name as an apposition of the first; a name in apposition to a name is another
    person when the list goes on with a conjunct or the first name carries an age."""
    if tok.pos_ != "PROPN":
        return []
    out = []

    def aged_name(n: Token) -> bool:  # "Ann Cole, 24," or "24-year-old Ann Cole"
        return any((c.dep_ == "appos" and c.like_num) or (c.dep_ == "amod" and is_age(c)) for c in n.children)

    aged = aged_name(tok)
    for c in tok.children:
        if c.dep_ != "appos" or c.pos_ != "PROPN":
            continue
        person = c.ent_type_ == "PERSON" or aged_name(c)
        if person and (aged or c.conjuncts):
            out.append(c)
            out.extend(g for g in c.conjuncts if g.pos_ == "PROPN")
    return out
