"""Casualty nouns: "32 deaths", "no casualties", "the death toll rose to 40", "a man with a gunshot wound",
"three people suffered injuries": the count and the people who bear them."""

from __future__ import annotations

import re
from itertools import islice

from spacy.tokens import Token

from tolltrack.extract.lexicon import NOUN_TRIGGERS, TOLL_NOUNS, VAGUE
from tolltrack.extract.numbers import count_from_number, vague_count
from tolltrack.extract.victims import (
    conjuncts,
    has_title,
    is_count_number,
    is_person_like,
    is_victim_like,
    make_group,
    prep_object,
)
from tolltrack.model import Count, CountKind, Outcome, VictimGroup

from .bodies import body_mention
from .event_counts import case_count, counted_events, of_hosts, shared_of
from .mentions import Mention, bare_plural, coordinated_count, has_child

DECADE = re.compile(r"^[1-9]0['’]?s$")


def _toll_count(noun: Token) -> tuple[Count | None, Token | None]:
    """'death toll of 40', 'toll rose to 40', 'toll stands at 40', 'the toll was 40'."""
    toll = noun.head if noun.dep_ == "compound" and noun.head.lemma_.lower() in TOLL_NOUNS else noun
    places = [toll]
    if toll.dep_ in ("nsubj", "nsubjpass", "dobj"):  # "the toll rose to 40", "raised the toll to 100"
        places.append(toll.head)
    for p in places:
        for c in p.children:
            decade = next((g for g in c.children if DECADE.match(g.text)), None) if c.lower_ == "in" else None
            if decade is not None:  # "put the death toll in the 20s"
                low = int(decade.text[:-1].rstrip("'’"))
                return Count(CountKind.RANGE, None, low, low + 9, f"in the {decade.text}"), decade
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "at", "past", "above", "over"):
                for g in c.children:
                    if g.like_num:
                        return count_from_number(g), g
            if c.dep_ in ("attr", "dobj", "nummod") and c.like_num:
                return count_from_number(c), c
            if c.dep_ in ("attr", "dobj", "pobj") and any(g.like_num for g in c.children):
                num = next(g for g in c.children if g.like_num)
                return count_from_number(num), num
    return None, None


# Event nouns that are a claim only with their victims: "the kidnapping of five workers", not "a wave of
# kidnappings"; "the arrest of 33 men", not "an arrest".
NEED_VICTIMS = {"body", "arrest", "killing", "kidnapping", "abduction", "disappearance", "execution",
                "assassination", "murder", "slaughter", "beheading", "lynching", "massacre",
                "release", "detention", "incarceration", "imprisonment", "confinement"}  # fmt: skip
# Custody and captivity nouns whose owner is their victim, a pronoun too: "his arrest", "her confinement",
# "Ann Cole's detention"; not when only asked for or avoided ("a warrant for his arrest", "evaded arrest").
CUSTODY_NOUNS = {"arrest", "detention", "incarceration", "imprisonment", "confinement", "abduction",
                 "kidnapping", "disappearance", "release"}  # fmt: skip


# Event nouns told as claims only with "of" their victims: "the murder of a police general".
OF_VICTIMS_ONLY = {"murder", "slaughter", "beheading", "lynching", "massacre", "kidnapping", "abduction",
                   "disappearance", "assassination", "release"}  # fmt: skip
# A release asserts the custody it ends, but not when it is only asked for: "called for the release of".
DEMANDS = {"call", "demand", "urge", "seek", "ask", "appeal", "press", "push", "campaign", "plead", "secure",
           "negotiate", "want", "order", "request", "lobby", "work", "fight", "await", "expect", "pay",
           "ransom", "list", "warrant", "evade", "resist", "avoid", "escape", "prevent", "risk", "face",
           "fear"}  # fmt: skip
CAPTIVES = {"hostage", "captive", "abductee"}
NOT_VICTIM_COUNTS = {"complaint", "allegation", "charge", "accusation", "incident", "count", "wave", "spate",
                     "string", "series"}  # fmt: skip


def _noun_mention(tok: Token, resolve_possessive) -> Mention | None:
    if any(c.lower_ in ("attempted", "attempt", "failed", "foiled", "planned") for c in tok.children):
        return None  # "the attempted murder of an officer", "a foiled kidnapping"
    # "269 complaints of arbitrary arrests": complaints are counted, not people; "a wave of 2,000 arrests"
    # counts the arrests
    of_counts = tok.head.head.lemma_.lower() in NOT_VICTIM_COUNTS
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and of_counts and _count_on(tok) is None:
        return None
    outcome = NOUN_TRIGGERS[tok.lemma_.lower()]
    if tok.lemma_.lower() in CUSTODY_NOUNS and _asked_for(tok):
        return None
    if outcome is Outcome.INJURED and any(c.lower_ in ("fatal", "mortal") for c in tok.children):
        outcome = Outcome.KILLED  # "a fatal gunshot wound"
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in TOLL_NOUNS:
        count, _ = _toll_count(tok)
        if count is None:
            return None  # "did not provide a casualty figure": no claim, a note at most
        return Mention(tok, outcome, count, [VictimGroup(head="people", text="people")])
    # "murder charges", "bodies" or "an arrest" with no count and no victims named: no claim.
    cases = case_count(tok)  # "36 cases of civilian detentions"
    counted = _counted_deaths(tok) or counted_events(tok) or cases is not None
    if tok.lemma_.lower() in OF_VICTIMS_ONLY and _of_victim(tok) is None and not counted:
        return None  # "linked to two other murders", "first-degree murder is ...": no victims told
    bare = tok.dep_ == "compound" or (
        tok.lemma_.lower() in NEED_VICTIMS and not _count_on(tok) and not _vague_lot(tok) and cases is None
    )
    if bare and not (tok.lemma_.lower() in NEED_VICTIMS and _of_victim(tok)):
        return None
    victims, vtoks, count = [], [], _count_on(tok) or cases
    of = _of_victim(tok)
    target = of or _bearer(tok)
    if target is not None and of is None:
        count = None  # "a man suffering from several gunshot wounds": the wounds are counted, not people
    if target is not None:
        counts = []
        for v in conjuncts(target):
            if v is not target and not is_victim_like(v):
                continue  # "found four women suffering from wounds and a bullet-ridden car"
            g, c = make_group(v, resolve_possessive)
            victims.append(g)
            vtoks.append(v)
            counts.append(c)
        if len(counts) > 1 and counts[0] is not None and all(bare_plural(v) for v in vtoks[1:]):
            counts = counts[:1]  # "the arrest of 53 politicians and activists": the number is the list's
        if count is None:
            count = counts[0] if len(counts) == 1 else coordinated_count(vtoks, counts, victims)
        if of is not None and tok.lemma_.lower() in OF_VICTIMS_ONLY and _one_named(of, count):
            # "the murder of an Eight Trey Crip": one person
            count = Count(CountKind.EXACT, 1, 1, 1, of.text)
        if of is not None and tok.tag_ == "NN" and count is None and _named_one(of):
            count = Count(CountKind.EXACT, 1, 1, 1, of.text)  # "the murder of Ann Brothers" (a plural name)
    if tok.lemma_.lower() == "release" and any(v.lemma_.lower() in CAPTIVES for v in vtoks):
        outcome = Outcome.MISSING  # "the release of the hostages"
    told = bool(victims)
    if not victims:
        nat_mod = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ != "NUM"]
        text = " ".join(t.text for t in tok.subtree if t.dep_ != "det" and t.i <= tok.i)
        g, _ = make_group(tok, resolve_possessive)
        g.head = "people"
        g.text = text if nat_mod else "people"
        where = _existential_place(tok)
        if where is not None:  # "there was a lot of death on the other side"
            g, _ = make_group(where, resolve_possessive)
            told = True
        victims.append(g)
    if count is None:
        lot = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if lot is not None and lot.head.lower_ in VAGUE:
            count = vague_count(lot.head)
    if count is None and tok.tag_ == "NN" and tok.lower_ in ("death", "killing", "dead"):
        if not has_child(tok, ("det", "poss")) and not vtoks:
            return None  # generic: "resulting in death", "shot to death", "death penalty"
        det = has_child(tok, ("det",))
        if det is not None and det.lower_ in ("each", "every", "any", "which", "what"):
            return None  # "documented each death": no figure
        if not vtoks:
            count = Count(CountKind.EXACT, 1, 1, 1, tok.text)
    if count is None and not told:
        return None  # "deaths occurred", "severe injuries", "arbitrary detention": no victims, no figure
    count = count or Count(CountKind.UNQUANTIFIED)
    # "the death" with no victim told refers to a death told before, when there is one
    the = has_child(tok, ("det",), {"the"}) is not None
    told_before = the and not vtoks and tok.lower_ in ("death", "killing")
    return Mention(tok, outcome, count, victims, vtoks, anaphoric=told_before)


def _asked_for(tok: Token) -> bool:
    """'called for the release of', 'demanding the immediate release of', 'efforts to secure the release',
    'take measures for the release of'."""
    return any(
        cur.pos_ in ("VERB", "NOUN") and cur.lemma_.lower() in DEMANDS | {"effort", "plea", "measure", "step"}
        for cur in islice(tok.ancestors, 6)
    )


BEARING_VERBS = {
    "suffer",
    "sustain",
    "receive",
    "survive",
    "treat",
    "take",
    "transport",
    "rush",
    "hospitalize",
    "hospitalise",
    "airlift",
    "fly",
    "die",
    "succumb",
    "find",
    "release",
    "admit",
    "bring",
    "have",
    "arrive",  # "arrived at a hospital with a gunshot wound"
    "show",
    "walk",
    "come",
    "stumble",
}


def _bearer(tok: Token) -> Token | None:
    """Who has the injuries: 'a man with a gunshot wound', 'three people suffered injuries',
    'eight people were taken to hospital with injuries'."""
    poss = has_child(tok, ("poss",))
    if poss is not None and is_person_like(poss):  # "his injuries are not life-threatening"
        return poss
    if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "from", "of", "for"):
        attach = tok.head.head
    elif tok.dep_ == "dobj":
        attach = tok.head
    else:
        return None
    if attach.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and is_person_like(attach):
        return attach
    while (
        attach.pos_ in ("NOUN", "PROPN")
        and attach.dep_ in ("pobj", "dobj", "npadvmod")
        and attach.head != attach
    ):
        attach = attach.head.head if attach.dep_ == "pobj" else attach.head  # "taken to hospital with ..."
    if attach.pos_ in ("VERB", "AUX") and attach.lemma_.lower() in BEARING_VERBS:
        subj = (
            has_child(attach, ("nsubjpass",))
            or (has_child(attach, ("dobj",)) if tok.dep_ == "pobj" else None)
            or has_child(attach, ("nsubj",))
            or _carrier(attach)
        )
        if subj is not None and is_victim_like(subj):
            return subj
    return None


def _carrier(verb: Token) -> Token | None:
    """Who a subjectless participle is about: 'a man suffering from wounds', 'was found suffering from'."""
    if verb.dep_ == "acl":
        return verb.head
    if verb.dep_ in ("xcomp", "advcl", "oprd", "conj"):
        return has_child(verb.head, ("nsubjpass", "dobj")) or has_child(verb.head, ("nsubj",))
    return None


def _existential_place(tok: Token) -> Token | None:
    """The 'on'/'among' phrase of an existential sentence a casualty noun sits in."""
    cur = tok
    for _ in range(4):
        if cur.lemma_.lower() == "be" or cur.dep_ == "ROOT":
            break
        cur = cur.head
    if cur.lemma_.lower() != "be":
        return None
    return prep_object(cur, ("on", "among"))


def _one_named(victim: Token, count: Count | None) -> bool:
    """A singular victim noun whose count says more than one read a number inside a name."""
    if count is None or (count.value or 0) <= 1 or victim.tag_ not in ("NN", "NNP") or victim.conjuncts:
        return False
    return has_child(victim, ("det",), {"a", "an"}) is not None


COUNTED_DEATHS = {"murder", "assassination", "lynching", "beheading"}


def _counted_deaths(tok: Token) -> bool:
    """'convicted of eight murders', 'his numerous murders': counted killings are people killed; not
    'two other murders' (other events) nor 'murders per year' (a rate)."""
    if tok.lemma_.lower() not in COUNTED_DEATHS or tok.tag_ != "NNS":
        return False
    if any(c.lower_ in ("other", "more", "further") for c in tok.children):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in ("per", "a", "each", "every", "annually"):
        return False
    if has_child(tok, ("det", "poss"), {"the", "these", "those"}) is not None:
        return False  # "some of the murders", "the 435 murders of 2011": told before or a year's total
    count = _count_on(tok)
    return (count is not None and count.kind is not CountKind.ZERO) or _vague_lot(tok)


def _named_one(victim: Token) -> bool:
    """A person's name, told once: 'Ann Brothers' (tagged a plural), not 'Ann and Joe Brothers'."""
    return victim.ent_type_ == "PERSON" and victim.tag_ in ("NNP", "NNPS") and not victim.conjuncts


def _vague_lot(tok: Token) -> bool:
    """'dozens of bodies', 'hundreds of arrests'."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in VAGUE


def _count_on(tok: Token) -> Count | None:
    for c in tok.children:
        if c.like_num and not is_count_number(c):
            continue  # "the 2014 death of a teen"
        if c.dep_ == "nummod" or (c.like_num and c.dep_ in ("amod", "compound")):
            return count_from_number(c)
        if c.dep_ == "det" and c.lower_ == "no":
            return Count(CountKind.ZERO, 0, 0, 0, f"no {tok.text}")
        if c.dep_ in ("amod", "det") and c.lower_ in VAGUE:
            return vague_count(c)
    return None


def _of_victim(tok: Token) -> Token | None:
    for host in of_hosts(tok):  # "the kidnapping and murder of a reporter": both name the reporter
        for c in host.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "among") and shared_of(host, tok, c):
                for g in c.children:
                    if g.dep_ == "pobj" and (is_person_like(g) or g.like_num):
                        return g
    poss = has_child(tok, ("poss",)) if tok.lemma_.lower() in NEED_VICTIMS - {"body"} else None
    if poss is None and tok.dep_ == "conj" and tok.lemma_.lower() in NEED_VICTIMS - {"body"}:
        poss = has_child(tok.head, ("poss",))  # "Ann Cole's kidnapping and killing"
    pronoun = poss is not None and poss.pos_ == "PRON" and tok.lemma_.lower() in CUSTODY_NOUNS  # "his arrest"
    owner = poss is not None and (poss.ent_type_ not in NOT_PEOPLE or has_title(poss))  # "Mr Ocalan's"
    if poss is not None and (poss.pos_ in ("NOUN", "PROPN") or pronoun) and owner:
        of = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)  # "the group's kidnapping of"
        if is_person_like(poss) and not of:  # "the columnist's assassination", "Ann Cole's kidnapping"
            return poss
    return None


NOT_PEOPLE = {"ORG", "GPE", "NORP", "LOC", "FAC"}  # "the group's kidnapping of ...", "Syria's executions"


WITHHELD_VERBS = {"give", "provide", "release", "disclose", "offer", "publish", "confirm", "have", "issue"}


def _withheld(tok: Token) -> bool:
    """'Washington has not given an estimate of deaths': a figure not given is no claim."""
    for cur in islice(tok.ancestors, 4):
        if cur.pos_ in ("VERB", "AUX"):
            return cur.lemma_.lower() in WITHHELD_VERBS and has_child(cur, ("neg",)) is not None
    return False


def noun_mention(tok: Token, key: str, resolve_possessive) -> Mention | None:
    if _withheld(tok):
        return None
    found = body_mention(tok, resolve_possessive)  # "his body was found", "a body was found"
    if found is not None:
        return found
    if key != tok.lemma_.lower():
        outcome = NOUN_TRIGGERS[key]
        victims = [VictimGroup(head="people", text=tok.text)]
        count = _count_on(tok) or Count(CountKind.UNQUANTIFIED)
        return Mention(
            tok, outcome, count, victims, [], anaphoric=has_child(tok, ("det",), {"the"}) is not None
        )
    return _noun_mention(tok, resolve_possessive)
