"""Casualty mentions in one sentence: the trigger, its victims and their count.

A *mention* is what a sentence says on its own; extract.py turns mentions into Claims,
adding attribution, events and references to earlier claims.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from tolltrack.extract.lexicon import (
    ADJ_TRIGGERS,
    FATAL_MODIFIERS,
    NOUN_TRIGGERS,
    NUMBER_WORDS,
    PERSON_ONLY,
    TOLL_NOUNS,
    VERB_TRIGGERS,
)
from tolltrack.extract.numbers import count_from_number
from tolltrack.extract.victims import is_person_like, is_victim_like, listed_nouns
from tolltrack.model import CountKind, Outcome, VictimGroup

from .captives import STATUS_NOUNS, status_mentions
from .custody import WORDS as CUSTODY_WORDS
from .custody import custody_mentions
from .headlines import toll_list_mentions
from .lives import TAKING_VERBS, lives_taken
from .mentions import Mention, build_mention, has_child, person_subject, same_attribute, shared_subject
from .nouns import CUSTODY_NOUNS, noun_mention
from .patterns import BODY_PARTS, pattern_mentions
from .phrasal import phrasal_outcome
from .relative_lists import fold_relative_lists
from .release import (
    RELEASE_VERBS,
    bail_victims,
    captivity_or_custody,
    freedom_victims,
    release_outcome,
    released_again,
)
from .subsets import subset_mentions
from .toll_updates import PUT_VERBS, put_at, toll_mentions
from .unasserted import told_as_rate, unasserted
from .whereabouts import whereabouts_mentions

TRIGGER_WORDS = set(VERB_TRIGGERS) | set(ADJ_TRIGGERS) | set(NOUN_TRIGGERS)
# Words that make a casualty verb hypothetical or not an event: "tried to kill", "threatened to kill".
IRREALIS_HEADS = {
    "try",
    "attempt",
    "threaten",
    "plan",
    "vow",
    "want",
    "seek",
    "plot",
    "intend",
    "fear",
    "mean",
    "going",
    "able",
    "refuse",
    "prevent",
    "wish",
    "hope",
    "decide",
    "agree",
    "conspire",
    "willing",  # "a man willing to kill a child"
    "ready",
    "prepared",
}
# Words that never name real victims: "to hurt anyone", "kill anybody".
GENERIC_VICTIMS = {"anyone", "anybody", "whoever", "everybody"}
IRREALIS_AUX = {"would", "could", "might", "should"}


def _outcome_for_verb(tok: Token) -> Outcome:
    base = VERB_TRIGGERS[tok.lemma_.lower()]
    if base is Outcome.INJURED and tok.lemma_.lower() in ("shoot", "stab", "wound", "injure"):
        for c in tok.children:
            if c.lower_ in FATAL_MODIFIERS or (
                c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
            ):
                return Outcome.KILLED
    return base


def _inverted(tok: Token) -> Token | None:
    """'Killed were Ann Cole, 19, and ...', 'Injured were a man and a woman', 'Among the dead were two
    children': the victims follow the copula as its attribute."""
    lead = tok.doc[tok.sent.start : tok.i]  # nothing but adverbs before: "Also wounded were ..."
    among = tok.head.head if tok.dep_ == "acl" and tok.head.dep_ == "pobj" else None
    if among is not None and among.lower_ == "among" and tok.head.lower_ in ("those", "them"):
        be = among.head  # "Among those arrested were Ann Cole, a nurse, and ...": the people listed
        if be.lemma_.lower() == "be" and be.i > tok.i:
            return has_child(be, ("attr", "nsubj"))
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ == "among":
        be = tok.head.head
    elif tok.i + 1 < len(tok.doc) and all(t.dep_ in ("advmod", "cc") for t in lead):
        be = tok.doc[tok.i + 1]  # "Killed were ...", "Also wounded were ..."
    else:
        return None
    if be.lemma_.lower() != "be" or be.lower_ not in ("were", "was", "are", "is", "include", "included"):
        return None
    return has_child(be, ("attr",))


def _victim_tokens_for_verb(tok: Token) -> list[Token]:
    inverted = _inverted(tok) if tok.tag_ == "VBN" else None
    if inverted is not None:
        return [inverted]
    found = tok.head if tok.dep_ in ("xcomp", "oprd") and tok.tag_ == "VBN" else None
    if tok.dep_ in ("ccomp", "dep") and tok.tag_ == "VBN" and tok.head.lemma_.lower() == "leave":
        found = tok.head  # headline "Shooting in park leaves five teens injured", parsed as a complement
    if found is not None and has_child(tok, ("oprd", "acomp"), {"dead"}) is not None:
        return []  # "found shot dead": the adjective tells it
    stated = found is not None and found.lemma_.lower() in STATED_VERBS
    if stated and has_child(found, ("auxpass",)) is not None:
        subj = person_subject(found, ("nsubjpass",))
        if subj is not None:
            return [subj]
    if found is not None and found.lemma_.lower() in FOUND_VERBS:  # "a man was found shot inside a car"
        victim = has_child(found, ("dobj",)) or person_subject(found, ("nsubjpass", "nsubj"))
        if victim is not None:
            return [victim]
    if tok.tag_ == "VBN" and not has_child(tok, ("aux",), {"have", "has", "had", "'ve"}):
        subj = has_child(tok, ("nsubj",))
        if subj is not None:  # elliptical passive: "one was killed and three others hurt"
            return [subj]
    passive = has_child(tok, ("auxpass", "nsubjpass")) is not None or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")
    )
    if tok.dep_ in ("acl", "amod") and (tok.tag_ == "VBN" or tok.lemma_.lower() in VICTIM_VERBS):
        own = person_subject(tok, ("nsubj", "nsubjpass"))  # headline "Update: 4 people shot in Allen"
        if own is not None and not has_child(tok, ("dobj",)):
            return [own]
        return _listed(tok.head)
    own = has_child(tok, ("nsubjpass",)) if tok.dep_ == "relcl" else None
    if tok.dep_ == "relcl" and passive and (own is None or own.lower_ in RELATIVES):  # "a man who was killed"
        return [tok.head]  # not "a reporter whose camera was seized", "whose son was killed"
    if passive:
        subj = person_subject(tok, ("nsubjpass",))
        if subj is not None and subj.pos_ == "VERB" and not is_victim_like(subj):
            subj = person_subject(subj, ("nsubj",)) or subj  # mis-parse: "a fugitive wanted for ... was held"
        if subj is not None:
            return [subj]
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in RAISING:  # "continues to be held in prison"
            subj = person_subject(tok.head, ("nsubj", "nsubjpass"))
            if subj is not None:
                return [subj]
        gov = tok.head.head if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" else None
        if gov is not None and gov.pos_ in ("VERB", "AUX"):  # "were rescued after being abducted"
            if gov.dep_ == "relcl" and has_child(gov, ("nsubj", "nsubjpass"), RELATIVES) is not None:
                return [gov.head]  # "the nurse, who was killed after being kidnapped"
            subj = person_subject(gov, ("nsubjpass", "nsubj"))
            if subj is not None:
                return [subj]
        left = _noun_on_left(tok)
        if left is not None:  # mis-parse: "said between 20 and 25 people were injured"
            return [left]
    lemma = tok.lemma_.lower()
    vanished = lemma in VANISHING and has_child(tok, ("dobj",)) is None  # "two activists disappeared"
    if lemma in ("die", "perish", "drown", "succumb") or vanished:
        clause = has_child(tok, ("csubj",))  # headline "One of two men shot Monday dies"
        subj = has_child(tok, ("nsubj",)) or shared_subject(tok)
        if subj is None and clause is not None:
            subj = has_child(clause, ("nsubj", "nsubjpass"))
        if subj is None and tok.dep_ == "advcl" and tok.head.lemma_.lower() in VICTIM_VERBS:
            subj = has_child(tok.head, ("nsubj", "nsubjpass"))  # headline "Woman shot Sunday dies"
        if subj is not None and subj.lower_ == "shot" and has_child(subj, ("nsubj", "compound")):
            subj = has_child(subj, ("nsubj", "compound"))  # headline "Teen shot in Miami dies"
        if subj is not None:
            return [subj]
        if tok.dep_ == "relcl":
            return [tok.head]
    headline = _headline_passive(tok) or _headline_topic(tok)
    if headline is not None:
        return [headline]
    obj = has_child(tok, ("dobj",))
    reflexive = obj is not None and obj.lower_ in ("himself", "herself", "themselves")
    if reflexive and tok.lemma_.lower() == "kill" and has_child(tok, ("aux",), {"to"}) is not None:
        return []  # "drove her to kill herself": a suicide told as such is no casualty claim
    if obj is not None and _self_object(obj):
        subj = has_child(tok, ("nsubj",))  # "a boy accidentally shot himself", headline "man shoots own leg";
        # "shot himself and a girl": both, by the conjuncts of the reflexive
        listed = obj.conjuncts and has_child(obj, ("cc",), {"and", "&"}) is not None  # not "himself or"
        return [obj if listed or subj is None else subj]
    if obj is not None:
        return [obj]
    # Shared arguments: "was shot and killed", "shot and wounded two men", headline "Man shot, killed".
    participle = tok.dep_ == "advcl" and tok.tag_ == "VBN" and has_child(tok, ("nsubj", "mark")) is None
    if (tok.dep_ == "conj" or participle) and tok.head.pos_ in ("VERB", "AUX"):
        head = tok.head
        if (participle or (tok.tag_ == "VBN" and not passive)) and _headline_passive(head) is not None:
            return [_headline_passive(head)]  # "Man shot, killed", "Boy shot and killed by a relative"
        subj = has_child(head, ("nsubjpass",)) if passive or has_child(head, ("auxpass",)) else None
        custody = VERB_TRIGGERS.get(tok.lemma_.lower()) in (Outcome.DETAINED, Outcome.MISSING)
        if subj is None and custody and tok.dep_ == "conj" and has_child(tok, ("auxpass",)) is not None:
            subj = person_subject(head, ("nsubj",))  # "he lost money and was jailed": the subject, not
        if subj is not None:  # the first verb's object
            return [subj]
        obj = has_child(head, ("dobj",))
        if obj is not None:
            return [obj]
        if head.dep_ == "acomp" and head.tag_ == "VBN" and head.head.lemma_.lower() == "be":
            subj = person_subject(head.head, ("nsubj",))  # "was handcuffed and detained", the first read
            if subj is not None:  # as an adjective
                return [subj]
    if tok.dep_ == "conj" and tok.tag_ == "VBN":  # "was threatened, arrested, kidnapped and dumped"
        top = tok
        while top.dep_ == "conj" and top.head is not top:
            top = top.head
        if has_child(top, ("auxpass",)) is not None:
            subj = has_child(top, ("nsubjpass",))
            if subj is not None:
                return [subj]
    return []


def _clause_antecedent(tok: Token) -> Token | None:
    """'Two men were rescued after they were kidnapped', 'police freed five traders after they were
    abducted': 'they' of a passive clause hanging on the main verb is that verb's patient, when counted."""
    if tok.dep_ != "advcl" or has_child(tok, ("auxpass",)) is None or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    head = tok.head
    passive = has_child(head, ("auxpass",)) is not None
    patient = has_child(head, ("nsubjpass", "nsubj")) if passive else has_child(head, ("dobj",))
    if patient is None and passive:  # the subject parsed under the auxiliary: "Two men were on Monday freed"
        patient = has_child(has_child(head, ("auxpass",)), ("nsubj",))
    if patient is None or patient.pos_ == "PRON" or not is_person_like(patient):
        return None
    return patient if any(c.dep_ == "nummod" for c in patient.children) else None


def _undergoes(v: Token, verb: Token) -> bool:
    """A relative pronoun that suffers the verb ('who were arrested', 'who remain detained', 'whom he
    strangled'), not one that does it ('who shot herself')."""
    return v.dep_ in ("nsubjpass", "dobj") or v.head.i != verb.i


def _relative_antecedent(v: Token) -> Token:
    """'the many journalists who remain detained or who were arrested': the relative pronoun stands for
    the noun its clause hangs on."""
    if v.lower_ not in ("who", "that", "whom") or v.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return v
    clause = v.head
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    noun = clause.head
    listed_after = any(c.i > v.i for c in noun.conjuncts)  # "the killer, Ann Cole, who died, and a third"
    if clause.dep_ == "relcl" and noun.pos_ in ("NOUN", "PROPN") and not listed_after:
        return noun if is_person_like(noun) else v
    return v


def _self_object(obj: Token) -> bool:
    """'himself', headline 'self', 'his own leg': the one who shot is the one hit."""
    if obj.lower_ in ("himself", "herself", "themselves", "self"):
        return True
    return obj.lemma_.lower() in BODY_PARTS and any(c.lower_ == "own" for c in obj.children)


def _listed(noun: Token) -> list[Token]:
    """Headline 'Child, man shot during robbery': the verb hangs on the second of the listed nouns."""
    first = noun.head
    if noun.dep_ == "appos" and is_person_like(first) and any(c.i == noun.i for c in listed_nouns(first)):
        return [first, noun]
    return [noun]


RELATIVES = {"who", "that", "which", "whom"}
# Verbs of going missing whose subject is the victim when they take no object ("the army disappeared him")
VANISHING = {"disappear", "vanish"}
# Verbs whose subject is the subject of their infinitive: "continues to be held", "appears to be detained".
RAISING = {"continue", "remain", "appear", "seem", "happen", "keep", "tend"}
FOUND_VERBS = {"find", "discover", "leave", "report", "locate"}
# "were confirmed killed", "are believed abducted", "was presumed killed": the subject is the victim.
STATED_VERBS = {"confirm", "believe", "presume", "fear", "declare", "know", "think", "understand"}
VICTIM_VERBS = {"kill", "shoot", "wound", "injure", "hurt", "stab", "murder", "slay"}
TARGET_PREPS = {"at", "into", "through", "toward", "towards"}


def _headline_passive(tok: Token) -> Token | None:
    """Headlines drop the auxiliary: 'Teen killed, another injured', 'man shot to death by stepson'. A
    victim verb with a subject but no object, target ('shot at') or object-taking conjunct is passive."""
    if tok.lemma_.lower() not in VICTIM_VERBS or tok.tag_ not in ("VBD", "VBN"):
        return None
    subj = has_child(tok, ("nsubj",))
    if subj is None or has_child(tok, ("dobj", "aux", "xcomp")) is not None:
        return None
    ccomp = has_child(tok, ("ccomp",))  # "Man killed, 3 others shot" parses as a complement
    if ccomp is not None and ccomp.lemma_.lower() not in VICTIM_VERBS | {"leave", "die"}:
        return None
    if any(c.dep_ == "prep" and c.lower_ in TARGET_PREPS and not _venue(c) for c in tok.children):
        return None
    if any(c.dep_ == "conj" and has_child(c, ("dobj",)) is not None for c in tok.children):
        return None
    return subj if subj.pos_ in ("NOUN", "PROPN", "NUM") else None


VENUES = {"party", "home", "house", "residence", "school", "bar", "club", "nightclub", "park", "store",
          "station", "apartment", "apartments", "complex", "restaurant", "mall", "church", "lounge", "hotel",
          "motel", "gathering", "event", "festival", "game", "funeral", "vigil", "concert", "parade",
          "armory", "base", "shop", "market", "lot", "intersection", "corner", "block", "scene", "hospital",
          "campus", "service", "memorial", "celebration", "reunion", "cookout", "barbecue",
          "wedding"}  # fmt: skip


def _venue(prep: Token) -> bool:
    """'shot at a house party', 'shot at National Guard Armory': 'at' a place, not a target."""
    obj = has_child(prep, ("pobj",))
    if prep.lower_ != "at" or obj is None:
        return False
    return obj.ent_type_ in ("GPE", "FAC", "ORG", "LOC") or obj.lemma_.lower() in VENUES


def _headline_topic(tok: Token) -> Token | None:
    """Headline 'Boy, 14, fatally shot in ...' parsed with the noun as an interjection or a loose
    dependent of a subjectless participle: the noun that opens the headline is the victim."""
    if tok.dep_ != "ROOT" or tok.tag_ != "VBN" or tok.lemma_.lower() not in VICTIM_VERBS:
        return None
    if has_child(tok, ("nsubj", "nsubjpass", "dobj", "aux", "auxpass")) is not None:
        return None
    for c in tok.lefts:  # "Boy, 14, fatally shot", "1-year-old injured in Wichita shooting"
        opening = c.left_edge.i == tok.sent.start
        if opening and c.dep_ in ("intj", "dep", "npadvmod", "amod") and is_person_like(c):
            return c
    return None


def _noun_on_left(tok: Token) -> Token | None:
    """The nearest person noun just before a verb's auxiliaries, when the parser lost the subject."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    if i >= 3 and tok.doc[i].text == "," and tok.doc[i - 1].like_num and tok.doc[i - 2].text == ",":
        i -= 3  # an age in between: "after girl, 15, is killed"
    if i >= 0 and tok.doc[i].pos_ in ("NOUN", "PROPN", "PRON") and is_person_like(tok.doc[i]):
        return tok.doc[i]
    return None


def _victim_tokens_for_adj(tok: Token) -> list[Token]:
    prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    if prev is not None and prev.dep_ == "dobj" and prev.head.lemma_.lower() == "leave":
        return [prev]  # headline "after shooting leaves four wounded", the adjective parsed apart
    own = person_subject(tok, ("nsubj", "nsubjpass"))
    if own is not None:  # "dozens of people were missing" parsed with 'missing' as the verb
        return [own]
    inverted = _inverted(tok)
    if inverted is not None:
        return [inverted]
    head = tok.head
    if tok.dep_ == "oprd" and head.dep_ == "xcomp" and not has_child(head, ("dobj",)):
        subj = person_subject(head.head, ("nsubjpass", "nsubj"))  # "four people were found shot dead"
        if subj is not None:
            return [subj]
    if tok.dep_ == "dobj" and head.lemma_.lower() == "leave":  # "left another dead", "left two dead"
        quantity = has_child(tok, ("det", "nummod"), {"another", *NUMBER_WORDS}) or has_child(
            tok, ("nummod",)
        )
        if quantity is not None and quantity.lower_ not in ("a", "an", "no"):
            return [quantity]
    if tok.dep_ == "oprd":  # "left one man dead", "found him dead"
        obj = has_child(head, ("dobj",))
        if obj is not None:
            return [obj]
    if tok.dep_ in ("acomp", "oprd", "xcomp", "advcl", "conj"):
        subj = person_subject(head, ("nsubj", "nsubjpass"))
        if subj is not None:
            return [subj]
        obj = has_child(head, ("dobj",))
        if obj is not None:
            return [obj]
        subj = shared_subject(head)  # "was shot and pronounced dead"
        if subj is not None:
            return [subj]
    if tok.dep_ == "amod" and head.dep_ == "compound" and head.head.ent_type_ == "PERSON":
        return [head.head]  # "murdered columnist Ann Cole": the person named
    if tok.dep_ == "amod" and is_person_like(head):  # "two injured officers"
        return [head]
    if tok.dep_ in ("ROOT", "conj") or tok.dep_ == "appos":
        num = has_child(tok, ("nummod", "npadvmod", "nsubj", "meta"))
        if num is not None:  # headline style "3 dead, 2 injured"
            return [num]
    return []


def _irrealis(tok: Token) -> bool:
    cur = tok
    while cur.dep_ == "conj" and cur.head is not cur:  # "intended to hurt or kill"
        cur = cur.head
    if cur.dep_ in ("xcomp", "ccomp", "advcl") and cur.head.lemma_.lower() in IRREALIS_HEADS:
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
    if infinitive and cur.dep_ in ("acl", "xcomp", "advcl") and cur.head.pos_ in ("NOUN", "ADJ"):
        return True  # "the right to detain its leaders", "quick to jail its opponents", "efforts to arrest"
    # "could have killed her", "could have hit her in the heart and killed her"
    aux = [c.lower_ for c in (*tok.children, *cur.children) if c.dep_ in ("aux", "auxpass")]
    return bool(set(aux) & IRREALIS_AUX) and "have" in aux


def sentence_mentions(sent: Span, resolve_possessive, toks: list[Token]) -> list[Mention]:
    """Every casualty mention in one sentence (``toks``: its tokens)."""
    out: list[Mention] = []
    for tok in toks:
        lemma = tok.lemma_.lower()
        low = tok.lower_
        special = pattern_mentions(tok, resolve_possessive, low, lemma)
        if special is not None:  # headline shapes, "struck by gunfire", "a double shooting", ...
            out.extend(special)
            continue
        if low in CUSTODY_WORDS:
            found = custody_mentions(tok, resolve_possessive)
            if found is not None:  # "seven are in custody", "held hostage", "on death row"
                out.extend(found)
                continue
        if (lemma in RELEASE_VERBS and tok.pos_ in ("VERB", "AUX")) or low in ("bail", "freedom"):
            out.extend(_release_mentions(tok, resolve_possessive))  # "was released after three days"
            continue
        if low == "whereabouts":  # "their whereabouts are unknown"
            out.extend(whereabouts_mentions(tok, resolve_possessive))
            continue
        if lemma in STATUS_NOUNS and tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            out.extend(status_mentions(tok, resolve_possessive))  # "40 prisoners", "detainee Ann Cole"
            continue
        if lemma in TAKING_VERBS:  # "the blast claimed the lives of three students"
            taken = lives_taken(tok, resolve_possessive)
            if taken:
                out.extend(taken)
                continue
        if lemma in TOLL_NOUNS:  # "the toll rose to 9", "has risen to 45 from 30", "the number of missing"
            out.extend(toll_mentions(tok))
        elif lemma in PUT_VERBS:  # "a religious leader put it at 50"
            out.extend(put_at(tok))
        if lemma not in TRIGGER_WORDS and low not in TRIGGER_WORDS:
            phrasal = phrasal_outcome(tok)  # "gunned down", "rounded up", "beaten to death"
            vtoks = _victim_tokens_for_verb(tok) if phrasal is not None and not _irrealis(tok) else []
            unseen = phrasal is Outcome.MISSING  # "was never seen again": the negation is the claim
            if unseen and not vtoks and shared_subject(tok) is not None:
                vtoks = [shared_subject(tok)]  # "left for the border and was never seen again"
            vtoks = [_relative_antecedent(v) if _undergoes(v, tok) else v for v in vtoks]
            if vtoks and is_person_like(vtoks[0]) and vtoks[0].lower_ not in GENERIC_VICTIMS:
                out.append(build_mention(tok, phrasal, vtoks, resolve_possessive, denied=not unseen))
            continue
        if tok.pos_ in ("VERB", "AUX") and lemma in VERB_TRIGGERS and tok.dep_ != "amod":
            if _irrealis(tok) or (lemma == "hold" and not _held(tok)):
                continue
            vtoks = _victim_tokens_for_verb(tok)
            if not vtoks and low in ADJ_TRIGGERS and tok.dep_ in ("acomp", "oprd"):
                vtoks = _victim_tokens_for_adj(tok)  # "two, aid workers A and B, were slain"
            if vtoks and vtoks[0].lower_ == "they":
                vtoks = [_clause_antecedent(tok) or vtoks[0]]
            vtoks = [_relative_antecedent(v) if _undergoes(v, tok) else v for v in vtoks]
            if not vtoks or not is_victim_like(vtoks[0]) or vtoks[0].lower_ in GENERIC_VICTIMS:
                continue
            if lemma in PERSON_ONLY and not is_person_like(vtoks[0]):
                continue
            victims = vtoks + _along_with(tok, vtoks)
            m = build_mention(tok, _outcome_for_verb(tok), victims, resolve_possessive)
            out.append(m)
            out.extend(_fatal_subset(m, resolve_possessive))
        elif (tok.pos_ == "ADJ" or tok.tag_ in ("JJ", "VBN", "VBG")) and low in ADJ_TRIGGERS:
            vtoks = [_relative_antecedent(v) for v in _victim_tokens_for_adj(tok)]
            if tok.dep_ == "amod" and vtoks:
                vtoks = same_attribute(tok, vtoks[0])
            if vtoks and tok.dep_ == "amod" and low in CUSTODY_ATTRIBUTES and not _counted_noun(vtoks[0]):
                continue  # "the detained men" refers back; "a detained politician", "40 jailed men" count
            if vtoks and is_victim_like(vtoks[0]):
                spread = tok.dep_ != "amod"
                out.append(build_mention(tok, ADJ_TRIGGERS[low], vtoks, resolve_possessive, spread=spread))
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in NOUN_TRIGGERS or low in NOUN_TRIGGERS):
            # "the injured", "the dead": the lemma may be a verb form, so try the word too.
            key = lemma if lemma in NOUN_TRIGGERS else low
            m = noun_mention(tok, key, resolve_possessive)
            if m is not None:
                out.append(m)
    out += [part for m in list(out) for part in subset_mentions(m, resolve_possessive)]
    tolls = toll_list_mentions(sent, toks)  # "2 dead, 6 injured": by its shape, whatever the parse says
    if tolls:
        taken = {m.trigger.i for m in tolls}
        out = [m for m in out if m.trigger.i not in taken] + tolls
    # (no victims: a headline's site name was all there was)
    out = [m for m in out if m.victims and not _unreal(m.trigger) and not _habitual(m) and not unasserted(m)]
    for m in out:
        m.rate = told_as_rate(m.trigger)
    natural = [m.outcome is Outcome.KILLED and m.trigger.lemma_.lower() in NATURAL_DEATH for m in out]
    if any(natural) and DISEASE.search(sent.text):  # "28 Covid-19 deaths", "died of a stroke in custody"
        out = [m for m, drop in zip(out, natural, strict=True) if not drop]  # not violence
    out = [m for m in out if not any(v.text.lower().startswith(("how ", "exactly how ")) for v in m.victims)]
    return fold_relative_lists(_drop_shadowed(released_again(out)))  # "how many people died" asks


def _release_mentions(tok: Token, resolve_possessive) -> list[Mention]:
    """A release of people, or a bail refused or granted them, asserts the custody it ends."""
    if tok.lower_ in ("bail", "freedom"):
        vtoks, outcome = bail_victims(tok) or freedom_victims(tok), captivity_or_custody(tok)
        if tok.lower_ == "bail":
            outcome = Outcome.DETAINED
    else:
        outcome = release_outcome(tok)
        vtoks = _victim_tokens_for_verb(tok) if outcome is not None and not _irrealis(tok) else []
    vtoks = [_relative_antecedent(v) if _undergoes(v, tok) else v for v in vtoks]
    if not vtoks or not is_victim_like(vtoks[0]) or vtoks[0].lower_ in GENERIC_VICTIMS:
        return []
    return [build_mention(tok, outcome, vtoks, resolve_possessive)]


CUSTODY_ATTRIBUTES = {"detained", "jailed", "imprisoned", "incarcerated", "kidnapped", "abducted", "murdered",
                      "slain", "assassinated", "executed"}  # fmt: skip


def _counted_noun(noun: Token) -> bool:
    """'a detained politician', '40 jailed men', 'imprisoned journalist Ann Cole'; not 'the detained men'."""
    if any(c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in ("a", "an")) for c in noun.children):
        return True
    return noun.tag_ in ("NN", "NNP") and not any(c.dep_ in ("det", "poss") for c in noun.children)


def _held(tok: Token) -> bool:
    """'were held for nine days', 'is being held without bond'; not 'held responsible', 'held up',
    'held hostage' (a captivity: claims.custody) or 'held a rally'."""
    if has_child(tok, ("auxpass", "nsubjpass")) is None and not (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "conj")
    ):
        return False  # active "holding a baby", "held a rally": custody is told in the passive
    if has_child(tok, ("prt", "acomp", "oprd", "ccomp", "xcomp")) is not None:
        return False
    if any(t.lower_ in ("accountable", "responsible", "account", "liable") for t in tok.subtree):
        return False  # "held to account", "held accountable"
    return not any(c.lower_ in CUSTODY_WORDS for c in tok.children)


DISEASE = re.compile(
    r"\b(?:covid|coronavirus|virus|pandemic|epidemic|disease|illness|cancer|stroke|heart attack|cardiac|"
    r"infection|ebola|cholera|malaria|tuberculosis|measles|flu|influenza)",
    re.IGNORECASE,
)
# "the pandemic has claimed 88,000 lives": a taking verb tells a death too
NATURAL_DEATH = {"death", "die", "dead", "fatality", "succumb", "pass", "perish", *TAKING_VERBS}
# "'d" is "would" only before a bare verb (_unreal): "he'd killed" is "had"
FUTURE_AUX = {"would", "could", "might", "will", "shall", "'ll", "wo", "ca", "must", "should", "can", "may"}
CONDITIONS = {"if", "unless", "whether"}
RISK_HEADS = {"face", "risk", "threaten", "avoid", "prevent", "warn"}


def _unreal(tok: Token) -> bool:
    """A casualty told as a future, a condition, a question or a risk: 'would not be executed if
    convicted', 'could face similar casualties', 'will be killed', 'if he is arrested', 'are we to wait
    for someone to be killed?'; not 'could have killed' (told by _irrealis)."""
    if tok.sent.text.rstrip(" \n\"”’'").endswith("?"):
        return True
    if tok.lemma_.lower() in CUSTODY_NOUNS and tok.pos_ == "NOUN" and has_child(tok, ("poss",)) is not None:
        return False  # "Ann Cole's detention will have a chilling effect": the detention is no future
    cur, via = tok, ""
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") and has_child(cur, ("mark",), CONDITIONS) is not None:
            return True
        if cur.pos_ in ("VERB", "AUX"):
            aux = {c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass")}
            if "'d" in aux and cur.tag_ == "VB":  # "he'd be dead" (would), not "he'd killed" (had)
                aux.add("would")
            if aux & FUTURE_AUX and "have" not in aux:
                return True
            if cur is not tok and via != "conj" and cur.lemma_.lower() in RISK_HEADS:
                return True
            if cur.dep_ not in ("xcomp", "conj"):
                return False
        if cur.head is cur:
            return False
        via, cur = cur.dep_, cur.head
    return False


def _habitual(m: Mention) -> bool:
    """A generic or habitual present with no figure: 'the army arrests people when it sees them',
    'young men are kidnapped to join the insurgents'; not 'are being detained' (an ongoing event)."""
    tok = m.trigger
    if m.count.kind is not CountKind.UNQUANTIFIED or tok.pos_ not in ("VERB", "AUX"):
        return False
    if not tok.sent.text.rstrip().endswith((".", "!", "?", '"', "”")):
        return False  # a headline tells a past event in the present: "Police arrest protesters in Minsk"
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ in ("VBZ", "VBP") and not aux:
        return True  # "arrests people"
    return tok.tag_ == "VBN" and [a.lower_ for a in aux] in (["is"], ["are"])  # "are kidnapped"


def _fatal_subset(m: Mention, resolve_possessive) -> list[Mention]:
    """'shot six people, one fatally': the one is also a killing."""
    if m.outcome is not Outcome.INJURED:
        return []
    out = []
    for v in [*m.victim_tokens, m.trigger]:
        for c in v.children:
            quantity = c.dep_ in ("appos", "npadvmod", "advmod", "conj") and c.like_num
            if quantity and any(g.lower_ in FATAL_MODIFIERS for g in c.children):
                count = count_from_number(c)
                group = VictimGroup(head=m.victims[0].head, text=f"{c.text} fatally")
                out.append(Mention(m.trigger, Outcome.KILLED, count, [group], [c]))
    return out


def _along_with(tok: Token, vtoks: list[Token]) -> list[Token]:
    """'Ellis was shot along with three others', 'Ann Cole, along with two colleagues, was arrested': the
    others are victims of the same verb, whether the phrase hangs on the verb or on its victim."""
    preps = []
    for head in [tok, *vtoks]:
        withs = [c for c in head.children if c.lower_ == "with" and c.i > 0]
        preps += [c for c in withs if c.nbor(-1).lower_ in TOGETHER]
        for c in head.children:  # "along" parsed as the head of "with"
            if c.lower_ in TOGETHER:
                preps += [g for g in c.children if g.lower_ == "with"]
        preps += [c for c in head.children if c.dep_ == "prep" and c.lower_ == "alongside"]
    for prep in preps:
        others = has_child(prep, ("pobj",))
        if others is not None and is_person_like(others) and is_victim_like(others):
            return [others]
    return []


TOGETHER = ("along", "together")


def _drop_shadowed(mentions: list[Mention]) -> list[Mention]:
    """'was shot and killed', 'died from bullet wounds': one victim, one claim (the killing); a 'shot'
    or a wound of the same people goes, and so does a second killing verb ('was murdered, shot dead')."""
    killed_victims = {t.i for m in mentions if m.outcome is Outcome.KILLED for t in m.victim_tokens}
    out, killed_told = [], set()
    for m in mentions:
        victims = {t.i for t in m.victim_tokens}
        same = bool(victims) and victims <= killed_victims
        if m.outcome is Outcome.INJURED and m.trigger.lemma_.lower() in WOUNDINGS and same:
            continue
        if (
            m.outcome is Outcome.KILLED
            and victims
            and frozenset(victims) in killed_told
            and m.count.kind is CountKind.EXACT
        ):
            continue
        if m.outcome is Outcome.KILLED and victims:
            killed_told.add(frozenset(victims))
        out.append(m)
    return out


WOUNDINGS = {"shoot", "stab", "wound", "injury", "gun", "mow"}
