"""Casualty verbs told by a phrase, not by a trigger word of the lexicon: "gunned down" (a shooting),
"rounded up", "locked up", any verb "to death" ("beaten to death", "hacked to death", "put to death"),
a person "never seen again" (a disappearance), and people taken away by the police (a custody) or by
armed men (a captivity): "was taken by secret police", "gunmen took them away", "whisked him away"."""

from __future__ import annotations

from spacy.tokens import Token

from tolltrack.model import Outcome

from .mentions import has_child

# (verb lemma, particle) → outcome; "gunned down" is a shooting, not always fatal ("gunned down four
# friends" who survived), read like "shot": a killing verb beside it tells the death
PHRASAL = {
    ("gun", "down"): Outcome.INJURED,
    ("mow", "down"): Outcome.INJURED,
    ("round", "up"): Outcome.DETAINED,
    ("lock", "up"): Outcome.DETAINED,
}
# Verbs "to death" that tell no death: a sentence, or a figure of speech ("bored to death").
NOT_DEATHS = {"sentence", "condemn", "bore", "scare", "frighten", "worry", "love", "tickle", "threaten",
              "face", "doom", "drink", "talk"}  # fmt: skip


def phrasal_outcome(tok: Token) -> Outcome | None:
    """The outcome a verb phrase tells, when the verb is no trigger word on its own."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    prt = has_child(tok, ("prt",))
    if prt is not None and (lemma, prt.lower_) in PHRASAL:
        return PHRASAL[(lemma, prt.lower_)]
    if lemma in NOT_DEATHS:
        return None
    if lemma == "see" and _never_seen_again(tok):
        return Outcome.MISSING
    if lemma in CARRYING:
        return _taken_by(tok, lemma, prt)
    for c in tok.children:
        if (
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.lower_ == "death" and g.dep_ == "pobj" for g in c.children)
        ):
            return Outcome.KILLED
    return None


def _never_seen_again(tok: Token) -> bool:
    """'he was never seen again', 'has not been seen since': a passive 'seen' denied, with 'again' or
    'since' (not 'was not seen at the rally')."""
    if has_child(tok, ("auxpass",)) is None or has_child(tok, ("neg",)) is None:
        return False
    since = has_child(tok, ("advmod", "prep"), {"again", "since"})
    if since is None or any(t.lower_ == "public" for t in tok.subtree):
        return False  # "has not been seen in public since her arrest": a custody, told by its noun
    held = has_child(since, ("pobj",))
    return held is None or held.lemma_.lower() not in ("detention", "arrest", "imprisonment", "jailing")


# Verbs of carrying someone off, and who does it: the state holds its captives, others abduct them.
CARRYING = {"take", "whisk", "drive", "drag", "bundle", "carry", "haul"}
STATE_AGENTS = {"police", "policeman", "policemen", "officer", "soldier", "troop", "army", "military",
                "agent", "force", "authority", "gendarme", "guard", "security", "intelligence"}  # fmt: skip
ARMED_AGENTS = {"gunman", "gunmen", "kidnapper", "abductor", "bandit", "militant", "man", "men", "assailant",
                "attacker", "rebel", "insurgent", "fighter", "thug", "hooligan", "gang", "captor",
                "militia", "militiaman", "jihadist", "terrorist", "pirate"}  # fmt: skip


UNKNOWN_MEN = {"armed", "masked", "unknown", "unidentified", "hooded", "gun-wielding"}
SEIZING = {"detain", "arrest", "abduct", "kidnap", "seize", "snatch", "capture", "grab"}


def _taken_by(tok: Token, lemma: str, prt: Token | None) -> Outcome | None:
    """'was taken by secret police' (detained), 'gunmen took them away', 'kidnappers whisked him away'
    (missing): a person carried off by the state or by armed men; not 'taken to hospital by ambulance'
    nor 'police took away his phone' (no person: the caller checks the victim)."""
    agent = has_child(tok, ("agent",))
    by = has_child(agent, ("pobj",)) if agent is not None else None
    if by is None:
        away = prt if prt is not None else has_child(tok, ("advmod",), {"away", "off"})
        if away is None or away.lower_ not in ("away", "off") or has_child(tok, ("dobj",)) is None:
            return None
        by = has_child(tok, ("nsubj",)) or _first_subject(tok)
    if by is None or any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return None  # "taken to hospital by relatives", "taken to a police station" (told by the station)
    if tok.dep_ == "conj" and tok.head.lemma_.lower() in SEIZING:
        return None  # "detained the activist and drove her away": the first verb tells it
    word = by.lemma_.lower()
    if word in STATE_AGENTS or by.lower_ in STATE_AGENTS:
        return Outcome.DETAINED
    if word in ("man", "men") and not any(c.lower_ in UNKNOWN_MEN for c in by.children):
        return None  # "the man took his family away"
    if word in ARMED_AGENTS or by.lower_ in ARMED_AGENTS:
        return Outcome.MISSING
    return None


def _first_subject(tok: Token) -> Token | None:
    """The subject a verb shares with the verb it is coordinated with: 'attacked and whisked him away'."""
    cur = tok
    while cur.dep_ == "conj" and cur.head is not cur:
        cur = cur.head
        subj = has_child(cur, ("nsubj",))
        if subj is not None:
            return subj
    return None
