"""What happened, where and when: the event a casualty sentence reports."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.symbols import NOUN, PROPN
from spacy.tokens import Span, Token

from tolltrack.geo.lookup import country_of, place_of
from tolltrack.model import Event
from tolltrack.nlp.entities import entities_in, entity_at

from .dates import resolve
from .lexicon import EVENT_NOUNS, REPORTING_VERBS

PLACE_PREPS = {"in", "near", "at", "outside", "inside", "across", "on", "into", "around", "from"}


GUNFIRE_VERBS = {"open", "return", "exchange", "trade", "hold", "cease", "spray", "draw"}


def _gunfire(tok: Token) -> bool:
    """'opened fire', 'returned fire', 'came under fire': shooting, not a blaze."""
    if tok.lemma_.lower() != "fire":
        return False
    head = tok.head
    return (tok.dep_ == "dobj" and head.lemma_.lower() in GUNFIRE_VERBS) or head.lower_ == "under"


def event_nouns(sent: Iterable[Token]) -> list[Token]:
    """The event nouns of a sentence (a Span, or its tokens)."""
    return [t for t in sent if t.pos in _NOUNS and t.lemma_.lower() in EVENT_NOUNS and not _gunfire(t)]


_NOUNS = (NOUN, PROPN)


def _nation(tok: Token) -> str | None:
    """The country a modifier names when it names a nation (a demonym or a country), else None."""
    ent = entity_at(tok)
    name = ent.text if ent is not None else tok.text
    found = place_of(name)
    if tok.ent_type_ == "NORP" or (found is not None and found[0] == found[1]):
        return country_of(name) or _strip_the(name)
    return None  # a city ("the Caracas raid") names the place, not who did it


def _actor(noun: Token) -> str | None:
    """'the United States military operation' → United States; 'the US attack' → United States;
    'the attack by Israeli forces' → Israel. A city before the noun ('the Caracas raid') is no actor."""
    for child in noun.children:
        if child.dep_ in ("compound", "nmod", "amod", "poss") and child.ent_type_ in ("GPE", "NORP"):
            nation = _nation(child)
            if nation:
                return nation
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                for t in pobj.subtree:
                    if t.ent_type_ in ("GPE", "NORP"):
                        return _nation(t) or _strip_the(t.text)
    return None


def _is_agent(ent: Span) -> bool:
    """A place name that does or says something ('Cuba announced', 'Washington has not given', 'Venezuela's
    government said') names a claimant or an actor by metonymy, not where the event happened."""
    root = ent.root
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return True
    head = root.head
    return root.dep_ == "poss" and head.dep_ == "nsubj" and head.ent_type_ not in ("GPE", "LOC", "FAC")


def _place_score(ent: Span) -> int:
    """2 after a locative preposition or as a city before an event noun ('the Caracas raid'), 1 for another
    mention, 0 for a mention that is no place (an actor, a claimant)."""
    root = ent.root
    if _is_agent(ent):
        return 0
    if root.dep_ in ("compound", "nmod", "amod", "poss") or root.head.lemma_.lower() in EVENT_NOUNS:
        return 0 if _nation(root) else 2
    prep = root.head
    return 2 if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS else 1


def _date_rank(ent: Span, nouns: set[int], trigger: Token | None) -> int | None:
    """How surely a date expression dates the event: 0 attached to an event noun ('Saturday's raid', 'the
    raid on January 3', 'the shooting happened on Sunday'), 1 attached to the casualty trigger ('killed on
    Sunday'); None when it dates a report instead ('said on Monday') or nothing the sentence reports."""
    node = ent.root
    while node.head.i != node.i:
        node = node.head
        if node.i in nouns:
            return 0
        if trigger is not None and node.i == trigger.i:
            return 1
        if node.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.i in nouns for c in node.children):
                return 0
            if node.lemma_.lower() in REPORTING_VERBS:
                return None
    return None


_STATE_AFTER = re.compile(r",\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\b")


def _with_state(ent: Span) -> tuple[str, str | None] | None:
    """A place read with the state or country written right after it: 'Denmark, South Carolina' is
    a town in the United States, not the country Denmark."""
    # the few tokens after the entity, not Doc.text (which makes a Token of every word per call)
    after = ent[-1].whitespace_ + "".join(t.text_with_ws for t in ent.doc[ent.end : ent.end + 6])
    m = _STATE_AFTER.match(after)
    if m is None:
        return None
    found = place_of(f"{ent.text}, {m.group(1)}")
    return found if found and "," in found[0] else None  # the state or country was understood


def sentence_event(
    sent: Span,
    trigger: Token | None,
    published: date | None,
    nouns: list[Token] | None = None,
    ents: list[Span] | None = None,
) -> Event:
    """The event a sentence talks about, as far as the sentence says it (``nouns`` and ``ents``: its
    ``event_nouns`` and ``entities_in`` when the caller has them)."""
    nouns = event_nouns(sent) if nouns is None else nouns
    ents = entities_in(sent) if ents is None else ents
    ev = Event(triggers=sorted({n.lemma_.lower() for n in nouns}))
    for n in nouns:
        ev.actor = ev.actor or _actor(n)
    # Places: GPE/LOC/FAC named after a locative preposition first, then other mentions; never a place
    # name that stands for an actor or a claimant.
    candidates = [(_place_score(e), e) for e in ents if e.label_ in ("GPE", "LOC", "FAC")]
    candidates.sort(key=lambda x: (-x[0], x[1].start))
    for score, ent in candidates:
        if score == 0:
            continue
        found = _with_state(ent) or place_of(ent.text)
        ev.place = found[0] if found else ent.text
        ev.country = found[1] if found else None
        break
    if ev.actor and ev.country and ev.actor != ev.country:
        ev.target = ev.country
    # Dates: the one most surely attached to the event, not to a reporting verb.
    noun_ids = {t.i for t in nouns}
    dated = []
    for ent in ents:
        if ent.label_ != "DATE":
            continue
        rank = _date_rank(ent, noun_ids, trigger)
        if rank is not None:
            dated.append((rank, ent.start, ent))
    for _, _, ent in sorted(dated, key=lambda x: x[:2]):
        d = resolve(ent.text, published)
        if d is not None:
            ev.date, ev.date_text = d, ent.text
            break
    return ev


def merge_event(ev: Event, default: Event) -> Event:
    """Fill what a sentence leaves out from the document's main event."""
    return Event(
        triggers=ev.triggers or list(default.triggers),
        place=ev.place or default.place,
        country=ev.country or default.country,
        date=ev.date or default.date,
        date_text=ev.date_text or default.date_text,
        actor=ev.actor or default.actor,
        target=ev.target or default.target,
    )


def document_event(sents: list[Span], published: date | None) -> Event:
    """The document's main event: the first place, actor and event date its sentences give."""
    main = Event()
    for sent in sents:
        nouns = event_nouns(sent)
        if not nouns and not main.place:
            continue
        ev = sentence_event(sent, None, published, nouns)
        main = merge_event(main, ev) if (main.place or main.triggers) else ev
        if main.place and main.triggers and main.date:
            break
    return main


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name
