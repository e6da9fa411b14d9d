"""Custody and captivity told by where people are, not by a verb: "seven are in custody", "has been behind
bars since 2019", "Israel held 4,207 people in detention", "remains in jail", "were released from
prison" (which asserts the detention), "ten nationals are on death row", "two were held hostage",
"taken captive", "still in captivity", "placed under arrest", "on house arrest"."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.extract.lexicon import VERB_TRIGGERS
from tolltrack.extract.victims import is_person_like, is_victim_like
from tolltrack.model import Count, CountKind, Outcome

from .mentions import Mention, build_mention, has_child, shared_subject

# Places of custody, by the preposition that puts someone there.
PLACES = {
    "custody": Outcome.DETAINED,
    "detention": Outcome.DETAINED,
    "jail": Outcome.DETAINED,
    "prison": Outcome.DETAINED,
    "gaol": Outcome.DETAINED,
    "bars": Outcome.DETAINED,
    "row": Outcome.DETAINED,  # "on death row"
    "captivity": Outcome.MISSING,
}
PLACE_PREPS = {"in", "into", "behind", "on", "from", "to"}  # "to": "was sent to jail"
# States a verb puts its object or subject in: "held hostage", "taken captive".
STATES = {"hostage": Outcome.MISSING, "hostages": Outcome.MISSING, "captive": Outcome.MISSING}
# Verbs that tell a future, a sentence or a risk, not a custody: "faces ten years in prison",
# "was sentenced to five years in jail", "could end up behind bars".
NOT_CUSTODY = {"sentence", "face", "risk", "threaten", "condemn", "order", "demand", "call", "urge", "want",
               "end", "escape", "visit", "die"}  # fmt: skip
# Verbs that put someone "to" jail: "was sent to prison", "taken to jail", "returned to prison".
SENT_TO = {"send", "take", "return", "bring", "transfer", "move", "commit", "remand", "march", "haul", "drag"}
# Verbs that take someone "from" custody: released from it, or moved from one prison to another.
FROM_VERBS = {"release", "free", "escape", "return", "transfer", "move"}
# Verbs that keep someone as a captive: "held two directors captive", "kept them hostage".
KEEP_VERBS = {"hold", "keep", "take"}
IRREALIS = {"could", "would", "might", "may", "will", "should", "must", "'ll"}
STATE_DEPS = {"oprd", "xcomp", "attr", "advmod", "acomp", "npadvmod", "ccomp"}  # not "rescued 30 hostages"
SERVE = {"serve", "serves", "served", "serving"}
# What one serves in custody: "serving a 50-year sentence", "served time", "serving life".
TERMS = {"sentence", "sentences", "term", "terms", "time", "life"}
PLURAL_PLACES = {"prisons": "prison", "jails": "jail", "gaols": "gaol"}  # "moved to four different prisons"
WORDS = frozenset({*PLACES, *STATES, *SERVE, *PLURAL_PLACES, "will", "arrest"})


def custody_mentions(tok: Token, resolve_possessive) -> list[Mention] | None:
    """The mentions a custody place or captive state starts; None when ``tok`` is neither."""
    low = PLURAL_PLACES.get(tok.lower_, tok.lower_)
    if low in SERVE:
        return _serving(tok, resolve_possessive)
    if low in STATES and tok.dep_ in STATE_DEPS:  # "held hostage", "taken captive", "is a hostage"
        return _mention(tok, tok.head, STATES[low], resolve_possessive, state=True)
    if low in STATES and tok.dep_ == "amod" and tok.head.dep_ == "dobj" and _keeps(tok.head.head):
        return _mention(tok, tok.head.head, STATES[low], resolve_possessive, state=True)  # "held two
        # directors captive", the adjective read as the object's
    if low == "will" and tok.dep_ == "pobj" and tok.head.lower_ == "against" and _keeps(tok.head.head):
        return _mention(tok, tok.head.head, Outcome.MISSING, resolve_possessive, state=True)  # "held seven
        # managers against their will"
    if low == "row" and tok.dep_ == "compound" and any(c.lower_ == "death" for c in tok.children):
        return _mention(tok, tok.head, PLACES[low], resolve_possessive)  # "a death row inmate"
    if low == "arrest":  # "was placed under arrest", "a woman on house arrest"
        arrested = tok.dep_ == "pobj" and (tok.head.lower_ == "under" or _house_arrest(tok))
        return _mention(tok, tok.head.head, Outcome.DETAINED, resolve_possessive) if arrested else None
    if low not in PLACES or tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS:
        return None
    prep = tok.head.lower_
    if (low == "bars") != (prep == "behind") or (low == "row") != (prep == "on"):
        return []
    if low == "row" and not any(c.lower_ == "death" for c in tok.children):
        return []
    if prep == "from" and tok.head.head.lemma_.lower() not in FROM_VERBS:
        return []
    sent = tok.head.head.lemma_.lower() in SENT_TO
    if prep == "to" and (low not in ("jail", "prison", "gaol") or not sent):
        return []  # "was sent to prison", "taken to jail"; not "went to prison to visit", "a letter to jail"
    return _mention(tok, tok.head.head, PLACES[low], resolve_possessive)


def _mention(
    tok: Token, head: Token, outcome: Outcome, resolve_possessive, state: bool = False
) -> list[Mention]:
    if head.pos_ in ("NOUN", "PROPN", "PRON"):  # "the 40 journalists in prison", "a hostage"
        victims = [head] if is_person_like(head) and not state else []
    elif head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        gerund = head.tag_ == "VBG" and head.dep_ in ("csubj", "nsubj")  # "throwing reporters in jail
        if lemma in NOT_CUSTODY or _irrealis(head) or gerund:  # sends a message" names no event
            return []
        active = has_child(head, ("auxpass", "nsubjpass")) is None
        if lemma in VERB_TRIGGERS and not (lemma == "hold" and (state or active)):
            return []  # "arrested and held in custody": the verb's own mention tells it
        victim = _kept(head)
        if victim is not None and victim.lower_ in ("who", "that") and head.dep_ == "relcl":
            victim = head.head
        victims = [victim] if victim is not None else []
    else:
        victims = []
    verb = head.pos_ in ("VERB", "AUX")  # a verb's subject may be a name the tagger read as an organisation
    if not victims or not (is_person_like(victims[0]) or (verb and is_victim_like(victims[0]))):
        return []
    m = build_mention(tok, outcome, victims, resolve_possessive)
    if verb and _denied(head):  # "the agency denied that the writer was in its custody"
        m.count = Count(CountKind.ZERO, 0, 0, 0, f"denied: {tok.text}")
    return [m]


def _house_arrest(tok: Token) -> bool:
    """'on house arrest', 'in house arrest'."""
    house = any(c.dep_ in ("compound", "amod") and c.lower_ == "house" for c in tok.children)
    return house and tok.head.lower_ in ("on", "in", "to")


def _denied(verb: Token) -> bool:
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ("deny", "dispute", "reject")


def _keeps(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in KEEP_VERBS


def _kept(verb: Token) -> Token | None:
    """Who a verb of custody keeps: its object ('held 40 people in detention'), else its subject ('spent
    27 years behind bars': the years are a time, not a person), or the subject of the verb it completes
    ('had to spend six months in jail')."""
    obj = has_child(verb, ("dobj",))
    if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
        return obj
    subj = has_child(verb, ("nsubjpass", "nsubj")) or shared_subject(verb)
    if subj is None and verb.dep_ == "xcomp":
        subj = has_child(verb.head, ("nsubj", "nsubjpass"))
    if subj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":  # "14 reporters released from detention"
        subj = verb.head
    return subj


def _irrealis(verb: Token) -> bool:
    cur = verb
    while cur.dep_ in ("conj", "xcomp") and cur.head is not cur:
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in NOT_CUSTODY:
            return True
        cur = cur.head
    return any(c.dep_ == "aux" and c.lower_ in IRREALIS for c in (*verb.children, *cur.children))


def _serving(verb: Token, resolve_possessive) -> list[Mention] | None:
    """'is serving a 50-year sentence', 'served time behind bars', 'serving his first year in prison':
    a sentence being served is a custody; 'was sentenced to' is not (NOT_CUSTODY), nor 'serving his
    second term in office'."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    obj = has_child(verb, ("dobj",))
    served = obj is not None and obj.lower_ in TERMS and not any(t.lower_ == "office" for t in verb.subtree)
    if obj is not None and not served:  # "serving his first year in prison"
        served = any(c.lower_ in PLACES and c.dep_ == "pobj" for p in obj.children for c in p.children)
    if not served:
        return None
    if _irrealis(verb) or verb.lemma_.lower() != "serve":
        return []
    victim = has_child(verb, ("nsubj", "nsubjpass")) or shared_subject(verb)
    if victim is not None and victim.lower_ in ("who", "that") and verb.dep_ == "relcl":
        victim = verb.head
    if victim is None and verb.dep_ == "acl":  # "a writer serving life"
        victim = verb.head
    if victim is None or not is_person_like(victim):
        return []
    return [build_mention(verb, Outcome.DETAINED, [victim], resolve_possessive)]
