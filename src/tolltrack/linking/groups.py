"""Claims of one report → the events they are about: the dominant event and any others.

Rule 1 of docs/linking.md: the report's *dominant event* is the country most of its claims name (a
claim with a place in that country counts twice, one naming only the country once), the most common
place there and its date; when the claims name no known place the report's text gives one. Each
claim inherits what it leaves out and joins the dominant event unless it is clearly about another:
a city in another country, a date outside the window, another kind of event. Places in one country
do not split a report; a country named alone names a claimant or the victims; a claim that
elaborates an earlier one (``Claim.refers_to``) goes with it.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tolltrack.extract.scope import INCIDENT
from tolltrack.geo.places import US, resolve_place, us_town
from tolltrack.model import Claim, Document

from .match import TRIGGER_FAMILIES, LinkConfig, Signature, event_signature, known, match_score, specific
from .names import Whereabouts, names_in
from .reading import TextReading, text_reading


def _mode(values: Iterable, default=None):
    c = Counter(v for v in values if v)
    if not c:
        return default
    best = max(c.values())
    return next(v for v in c if c[v] == best)  # first seen among the most common


def _inherit(sig: Signature, dom: Signature) -> Signature:
    """Fill what a claim leaves out from its report's dominant event.

    A claim that names only a country other than the dominant one ("Cuba announced...") usually
    names the claimant's or the victims' country, not another event, so it inherits the location
    too; a claim that names another city keeps it.
    """
    place, country = sig.place, sig.country
    if not specific(place, country) and (country is None or country != dom.country):
        place, country = dom.place, dom.country
    elif country is None:
        country = dom.country
    return Signature(
        date=sig.date or dom.date,
        published=sig.published,
        place=place or country,
        country=country,
        triggers=sig.triggers or dom.triggers,
        actor=sig.actor or dom.actor,
        target=sig.target or dom.target,
        places=frozenset({place or country}) if (place or country) else frozenset(),
    )


def dominant_event(sigs: list[Signature]) -> Signature:
    """The event most of a report's claims name: the country most named (a claim naming a place in it
    counts twice, one naming only the country once: a country alone often names the claimant or the
    victims), then the most common place in it (known places before unknown ones) and the date."""
    votes: Counter = Counter()
    for s in sigs:
        if s.country:
            votes[s.country] += 2 if specific(s.place, s.country) else 1
    country = max(votes, key=lambda c: (votes[c], -list(votes).index(c))) if votes else None
    own = [s for s in sigs if s.country == country] or sigs
    spots = [s.place for s in own if specific(s.place, s.country)]
    place = _mode(p for p in spots if known(p)) or _mode(spots) or country
    dated = [s for s in own if s.place in (place, country, None)] or own
    return Signature(
        date=_mode(s.date for s in dated),
        published=next((s.published for s in sigs if s.published), None),
        place=place,
        country=country,
        triggers=frozenset().union(*(s.triggers for s in own)) if own else frozenset(),
        actor=_mode(s.actor for s in own),
        target=_mode(s.target for s in own),
        places=frozenset({place}) if place else frozenset(),
    )


def _reread(sig: Signature, where: Whereabouts) -> Signature:
    """A claim's place read in the report's main country when the name exists there ('Georgia', the
    state, in an American report), and a town in the report's main US state ('Evanston' in a report
    about Cincinnati, Ohio); a place in a country the report never names unambiguously
    ('Police' read as the Polish town) is dropped as doubtful."""
    if sig.country == where.country == US and where.state and sig.place and ", " in sig.place:
        town, state = sig.place.rsplit(", ", 1)
        if state != where.state:  # 'Evanston' read as Illinois in a report about Ohio
            found = us_town(town, where.state)
            if found:
                return dataclasses.replace(sig, place=found, places=frozenset({found}))
            if state not in where.states:  # a town of a state the report never mentions: misread
                return dataclasses.replace(sig, place=US, places=frozenset({US}))
    if not sig.country or sig.country == where.country:
        return sig
    if sig.place and sig.place != sig.country and where.country:
        found = resolve_place(sig.place, near=where.country)
        if found and found[1] == where.country:
            return dataclasses.replace(sig, place=found[0], country=found[1], places=frozenset({found[0]}))
    if sig.country not in where.named:
        return dataclasses.replace(sig, place=None, country=None, places=frozenset())
    return sig


_WEAPON_TRIGGERS = (("shot", "shooting"), ("shoot", "shooting"), ("gun", "shooting"), ("stab", "stabbing"))


def _typed(sig: Signature, claim: Claim) -> Signature:
    """An event the sentence names no kind of takes it from the casualty word: 'two men were shot' is
    a shooting, 'stabbed' a stabbing."""
    if sig.families:
        return sig
    word = claim.trigger.lower()
    kind = next((k for prefix, k in _WEAPON_TRIGGERS if word.startswith(prefix)), None)
    return dataclasses.replace(sig, triggers=sig.triggers | {kind}) if kind else sig


def _dated(sig: Signature, cfg: LinkConfig) -> Signature:
    """An event date after the report was published, or before the longest follow-up window, is a
    misreading (or another event's): the report's own event is then known by its publication only."""
    if sig.date and sig.published:
        gap = (sig.published - sig.date).days
        if gap < -1 or gap > cfg.followup_window_days:
            return dataclasses.replace(sig, date=None)
    return sig


def _located(dom: Signature, where: Whereabouts) -> Signature:
    """A report whose claims name no known place below the country: the place its text names most
    (in the claims' country when they name one), beside the unknown places (streets) they name."""
    if any(specific(p, dom.country) and known(p) for p in dom.places):
        return dom
    spots = [p for p in where.places if dom.country in (None, p[1])]
    if not spots:
        return dom
    place, country = spots[0]
    return dataclasses.replace(dom, place=place, country=country, places=dom.places | {place})


@dataclass
class _Group:
    sig: Signature
    claims: list[Claim] = field(default_factory=list)


def _same_report_event(sig: Signature, group: Signature, cfg: LinkConfig) -> bool:
    """Whether a claim of a report belongs to one of the report's groups (rule 1: places in the same
    country do not split a report)."""
    if sig.country and sig.country == group.country:
        sig = dataclasses.replace(sig, place=group.place, places=group.places)
    return match_score(sig, group, cfg, located=False) is not None


def document_groups(doc: Document, claims: list[Claim], cfg: LinkConfig | None = None) -> list[_Group]:
    """Split one report's claims by the event they are about: the dominant event first."""
    cfg = cfg or LinkConfig()
    reading = text_reading(doc)
    where = reading.where
    sigs = [_typed(_reread(event_signature(c.event, doc.published), where), c) for c in claims]
    sigs = [_dated(s, cfg) for s in sigs]
    dom = _located(dominant_event(sigs), where)
    if dom.country in (None, where.country) and where.titled:  # the title's towns join its places
        dom = dataclasses.replace(dom, places=dom.places | set(where.titled))
    groups = [_Group(dom)]
    by_index: dict[int, _Group] = {}
    for claim, sig in zip(claims, sigs, strict=True):
        ref = by_index.get(claim.refers_to) if claim.refers_to is not None else None
        if ref is None:
            sig = _inherit(sig, dom)
            ref = next((g for g in groups if _same_report_event(sig, g.sig, cfg)), None)
            if ref is None:
                ref = _Group(sig)
                groups.append(ref)
        ref.claims.append(claim)
        by_index[claim.index] = ref
    groups = [g for g in groups if g.claims]
    # Names: the report's for its main event; a side event's from its own sentences.
    for i, g in enumerate(groups):
        names = reading.names if i == 0 else names_in(" ".join(c.sentence for c in g.claims))
        g.sig = dataclasses.replace(g.sig, names=frozenset(names))
    return groups


def read_links(doc: Document, claims: list[Claim], cfg: LinkConfig | None = None) -> TextReading:
    """What linking reads in a report, to carry with it (``Document.reading``, set here too): its
    text's places and names and the groups of its claims about an incident of its own
    (``document_groups`` with ``cfg``), read at extraction, on its workers when it has some."""
    cfg = cfg or LinkConfig()
    doc.reading = text_reading(doc)
    about = [c for c in claims if c.scope == INCIDENT]
    groups = tuple(document_groups(doc, about, cfg)) if about else ()
    return dataclasses.replace(doc.reading, groups=groups, grouped_with=(cfg, doc.published))


def report_groups(doc: Document, claims: list[Claim], cfg: LinkConfig) -> list[_Group]:
    """``document_groups(doc, claims, cfg)``: the groups carried with the report (``read_links``) when
    they hold these very claims (the objects the writer links) and were grouped with this config and
    date, else grouped here."""
    kept = doc.reading
    if (
        isinstance(kept, TextReading)
        and kept.doc_id == doc.id
        and kept.title == doc.title
        and kept.grouped_with == (cfg, doc.published)
        and sorted(id(c) for g in kept.groups for c in g.claims) == sorted(id(c) for c in claims)
    ):
        return list(kept.groups)
    return document_groups(doc, claims, cfg)


_EVENT_WORD = re.compile(
    r"\b(shot|shoot\w*|gun\w*|stab(?:s|bed|bing)?|" + "|".join(sorted(TRIGGER_FAMILIES)) + r")\b", re.I
)


def report_signature(doc: Document) -> Signature:
    """What a report that yields no claims says of its event: the place its text names most, the
    kinds of event its title and opening name, its distinctive names; dated by publication only."""
    reading = text_reading(doc)
    where = reading.where
    head = f"{doc.title or ''} {doc.text[:600]}"
    triggers = set()
    for m in _EVENT_WORD.finditer(head):
        word = m.group(1).lower()
        triggers.add(next((k for prefix, k in _WEAPON_TRIGGERS if word.startswith(prefix)), word))
    place, country = where.places[0] if where.places else (where.country, where.country)
    return Signature(
        published=doc.published,
        place=place,
        country=country,
        triggers=frozenset(t for t in triggers if t in TRIGGER_FAMILIES),
        places=frozenset({place}) if place else frozenset(),
        names=reading.names,
    )
