"""What happened, where and when: the event a casualty sentence reports."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from tolltrack.dates import resolve
from tolltrack.geo import country_of, place_of
from tolltrack.lexicon import EVENT_NOUNS
from tolltrack.model import Event

PLACE_PREPS = {"in", "near", "at", "outside", "inside", "across", "on", "into", "around", "from"}


def _ent(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def event_nouns(sent: Span) -> list[Token]:
    return [t for t in sent if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in EVENT_NOUNS]


def _actor(noun: Token) -> str | None:
    """'the United States military operation' → United States; 'the US attack' → United States."""
    for child in noun.children:
        if child.dep_ in ("compound", "nmod", "amod", "poss") and child.ent_type_ in ("GPE", "NORP"):
            ent = _ent(child)
            name = ent.text if ent is not None else child.text
            return country_of(name) or _strip_the(name)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                for t in pobj.subtree:
                    if t.ent_type_ in ("GPE", "NORP"):
                        ent = _ent(t)
                        name = ent.text if ent is not None else t.text
                        return country_of(name) or _strip_the(name)
    return None


def sentence_event(sent: Span, trigger: Token | None, published: date | None) -> Event:
    """The event a sentence talks about, as far as the sentence says it."""
    nouns = event_nouns(sent)
    ev = Event(triggers=sorted({n.lemma_.lower() for n in nouns}))
    for n in nouns:
        ev.actor = ev.actor or _actor(n)
    # Places: GPE/LOC/FAC named after a locative preposition, else any GPE that is not the actor.
    candidates = []
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        prep = ent.root.head
        score = 2 if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS else 1
        if ent.root.dep_ in ("compound", "nmod") or ent.root.head.lemma_.lower() in EVENT_NOUNS:
            score = 0  # "the US attack": an actor, not a place
        candidates.append((score, ent))
    candidates.sort(key=lambda x: (-x[0], x[1].start))
    for score, ent in candidates:
        if score == 0:
            continue
        found = place_of(ent.text)
        ev.place = found[0] if found else ent.text
        ev.country = found[1] if found else None
        break
    if ev.actor and ev.country and ev.actor != ev.country:
        ev.target = ev.country
    # Dates: an event date is one attached to the trigger or an event noun, not to a reporting verb.
    anchors = {t.i for t in nouns}
    if trigger is not None:
        anchors.add(trigger.i)
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        heads = {a.i for a in ent.root.ancestors}
        if heads & anchors or ent.root.head.i in anchors:
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
        if not event_nouns(sent) and not main.place:
            continue
        ev = sentence_event(sent, None, published)
        main = merge_event(main, ev) if (main.place or main.triggers) else ev
        if main.place and main.triggers and main.date:
            break
    return main


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name
