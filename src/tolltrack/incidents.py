"""Claims → incidents: which claims, across reports, are about the same real-world event.

Rules (docs/linking.md explains them with examples):

1. Within one report. A report is usually about one main event. Its *dominant event* is the event
   (country, place, date) that most of its claims name; claims that leave out the place, country,
   date, event type, actor or target inherit them from it. A claim joins the dominant event unless it
   is clearly about something else: a city in another country, an event date outside the window, or
   an incompatible event type. Another place in the same country does not split a report (the
   hospital the wounded were taken to, the victims' home town), and a claim naming only another
   country ("Cuba announced...") names a claimant or victims, not another event. A claim that
   elaborates an earlier one (``Claim.refers_to``) always goes with it.

2. Across reports. Each group of a report joins the best-scoring existing incident it is compatible
   with, or founds a new one. Compatible means all of:
   - location: the same country, and the same place, or one place contains the other (a country
     its cities, a US state its towns). Two different cities never join. A group with no country
     at all never joins an existing incident;
   - time: when both sides know the event date, the dates are at most ``event_window_days`` apart
     (3 days; 1 for frequent local events such as shootings). When one side only has publication
     dates, the report must appear no earlier than a day before the other side's event date (or
     first report) and at most ``publication_window_days`` after it (21 days; 7 for local events);
   - event type: the trigger words' families (military, crime, quake, weather, fire, transport,
     unrest, disease) overlap, or one side names no type;
   - actor/target: not both a different actor and a different target.
   The score adds evidence (same place +3, containing place +1, same country +2, close event dates
   up to +3, publication inside the window +1, same type family +2, same actor/target +1 each,
   different actor or target -1 each); a group joins the highest-scoring candidate with score
   >= ``min_score`` (3).

3. Blocking. Candidates come only from an index keyed by (region, week bucket): region is the
   incident's place (and the country for country-level lookups); the buckets cover the query's time
   window. Linking therefore costs about (number of groups) x (incidents in the same place and few
   weeks), not a comparison of every document with every other.

4. Identity. An incident's id is ``inc-`` + the first 12 hex digits of sha256 of the id of the claim
   that founded it, so rebuilding from the same reports in the same order gives the same ids.
   Incidents only grow; two incidents are never merged afterwards, so the result can depend on the
   order reports arrive in (``link`` orders them by publication date, then id).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from tolltrack.incident_match import (
    FAMILIES,
    LinkConfig,
    Signature,
    event_signature,
    families_of,
    known,
    match_score,
    specific,
    town,
)
from tolltrack.incident_names import Whereabouts, names_in, report_names, report_places, weight
from tolltrack.model import Claim, Document, Incident
from tolltrack.places import US, resolve_place, us_town

__all__ = [
    "FAMILIES",
    "IncidentIndex",
    "LinkConfig",
    "Signature",
    "document_groups",
    "dominant_event",
    "event_signature",
    "families_of",
    "link",
    "match_score",
]

LOCAL_FAMILIES = frozenset({"crime"})  # frequent in one city: tighter time windows
GENERIC_TRIGGERS = frozenset({"operation", "attack", "incident", "war", "conflict", "accident", "drone"})
TRIGGER_NAMES = {"airstrike": "air strike", "quake": "earthquake", "flooding": "flood"}


# --------------------------------------------------------------------------- within one report


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
    if not sig.country or not where.country or sig.country == where.country:
        return sig
    if sig.place and sig.place != sig.country:
        found = resolve_place(sig.place, near=where.country)
        if found and found[1] == where.country:
            return dataclasses.replace(sig, place=found[0], country=found[1], places=frozenset({found[0]}))
    if sig.country not in where.named:
        return dataclasses.replace(sig, place=None, country=None, places=frozenset())
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
    where = report_places(doc.text, doc.title)
    sigs = [_reread(event_signature(c.event, doc.published), where) for c in claims]
    dom = _located(dominant_event(sigs), where)
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
        text = (
            report_names(doc.text, doc.title) if i == 0 else names_in(" ".join(c.sentence for c in g.claims))
        )
        g.sig = dataclasses.replace(g.sig, names=frozenset(text))
    return groups


# --------------------------------------------------------------------------- across reports


def incident_id(claim: Claim) -> str:
    return "inc-" + hashlib.sha256(claim.id.encode("utf-8")).hexdigest()[:12]


def _event_type(triggers: Counter) -> str | None:
    if not triggers:
        return None
    ranked = sorted(triggers.items(), key=lambda kv: (kv[0] in GENERIC_TRIGGERS, -kv[1], kv[0]))
    return TRIGGER_NAMES.get(ranked[0][0], ranked[0][0])


def make_label(inc: Incident, first_reported: date | None = None) -> str:
    where = inc.place or inc.country or "unknown place"
    if inc.country and inc.place and inc.place != inc.country and not inc.place.endswith(inc.country):
        where = f"{inc.place} ({inc.country})"
    when = inc.date.isoformat() if inc.date else f"reported {first_reported}" if first_reported else "undated"
    return f"{inc.event_type or 'incident'}, {where}, {when}"


@dataclass
class _Entry:
    """An incident with the tallies its summary fields are derived from."""

    incident: Incident
    dates: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    triggers: Counter = field(default_factory=Counter)
    actors: Counter = field(default_factory=Counter)
    targets: Counter = field(default_factory=Counter)
    published: date | None = None  # first publication date among its reports
    names: set[str] = field(default_factory=set)  # distinctive names of all its reports
    reports: list[frozenset[str]] = field(default_factory=list)  # and of each report

    def signature(self) -> Signature:
        inc = self.incident
        return Signature(
            date=inc.date,
            published=self.published,
            place=inc.place,
            country=inc.country,
            triggers=frozenset(self.triggers),
            actor=inc.actor,
            target=inc.target,
            places=frozenset(self.places) or (frozenset({inc.place}) if inc.place else frozenset()),
            names=frozenset(self.names),
        )

    def add(self, sig: Signature, claims: list[Claim], doc: Document) -> None:
        inc = self.incident
        for p in sig.places | ({sig.place} if sig.place else set()):
            self.places[p] += 1
        for tally, value in (
            (self.dates, sig.date),
            (self.countries, sig.country),
            (self.actors, sig.actor),
            (self.targets, sig.target),
        ):
            if value:
                tally[value] += 1
        for t in sig.triggers:
            self.triggers[t] += 1
        if sig.names:
            self.names |= sig.names
            self.reports.append(sig.names)
        if doc.published and (self.published is None or doc.published < self.published):
            self.published = doc.published
        if doc.id not in inc.doc_ids:
            inc.doc_ids.append(doc.id)
        for c in claims:
            if c.id not in inc.claim_ids:
                inc.claim_ids.append(c.id)
            c.incident_id = inc.id
        self.refresh()

    def refresh(self) -> None:
        inc = self.incident
        inc.date = _top(self.dates, prefer_low=True)
        inc.country = _top(self.countries)
        spots = Counter({p: n for p, n in self.places.items() if specific(p, inc.country)})
        inc.place = _top(Counter({p: n for p, n in spots.items() if known(p)})) or _top(spots) or inc.country
        inc.event_type = _event_type(self.triggers) or inc.event_type
        inc.actor = _top(self.actors)
        inc.target = _top(self.targets)
        inc.label = make_label(inc, self.published)


def _top(tally: Counter, prefer_low: bool = False):
    if not tally:
        return None
    return max(tally, key=lambda v: (tally[v], -v.toordinal() if prefer_low else 0))


class IncidentIndex:
    """Incidents so far, indexed by (region, week) so that new reports find their candidates fast.

    Build it from the incidents already stored (``published`` maps their document ids to publication
    dates, which the time rules need) and call ``assign`` for each new report. The Incident objects
    it returns are its own: ``assign`` updates them in place and sets ``Claim.incident_id``.
    ``names`` gives the distinctive names of stored incidents, report by report (as ``names_of``
    returned them when they were linked); without them stored incidents are matched on place, time
    and type only.
    """

    def __init__(
        self,
        incidents: Iterable[Incident] = (),
        published: Mapping[str, date | None] | None = None,
        config: LinkConfig | None = None,
        names: Mapping[str, Iterable[Iterable[str]]] | None = None,
    ) -> None:
        self.config = config or LinkConfig()
        self._entries: dict[str, _Entry] = {}
        self._blocks: dict[tuple[str, str, int | None], set[str]] = {}
        self._named: dict[str, set[str]] = {}  # name → incidents whose reports carry it
        self._claim_home: dict[str, str] = {}
        published = published or {}
        names = names or {}
        for inc in incidents:
            reports = [frozenset(r) for r in names.get(inc.id, ()) if r]
            entry = _Entry(inc, names=set().union(*reports), reports=reports)
            weight = max(1, len(inc.doc_ids))
            for tally, value in (
                (entry.dates, inc.date),
                (entry.places, inc.place),
                (entry.countries, inc.country),
                (entry.actors, inc.actor),
                (entry.targets, inc.target),
                (entry.triggers, inc.event_type),
            ):
                if value:
                    tally[value] = weight
            dates = [published[d] for d in inc.doc_ids if published.get(d)]
            entry.published = min(dates) if dates else None
            self._entries[inc.id] = entry
            for cid in inc.claim_ids:
                self._claim_home[cid] = inc.id
            self._register(entry)

    @property
    def incidents(self) -> list[Incident]:
        return [e.incident for e in self._entries.values()]

    def get(self, incident_id: str) -> Incident | None:
        e = self._entries.get(incident_id)
        return e.incident if e else None

    def __len__(self) -> int:
        return len(self._entries)

    def names_of(self, incident_id: str) -> list[list[str]]:
        """The distinctive names of each of an incident's reports, to store beside it."""
        e = self._entries.get(incident_id)
        return [sorted(r) for r in e.reports] if e else []

    # -- names

    def _rare_limit(self) -> int:
        return max(2, int(self.config.rare_share * len(self._entries)))

    def name_evidence(self, sig: Signature, entry: _Entry) -> int:
        """The weight of the rare names a report shares with the closest of an incident's reports
        (incident_names.weight): an incident of many reports gathers many names, and sharing a few of
        them with each of several reports is no evidence."""
        limit = self._rare_limit()
        best = 0
        for names in entry.reports:
            shared = sig.names & names
            best = max(best, sum(weight(k) for k in shared if len(self._named.get(k, ())) <= limit))
        return best

    # -- blocking

    def _bucket(self, d: date | None) -> int | None:
        return d.toordinal() // self.config.bucket_days if d else None

    def _register(self, entry: _Entry) -> None:
        sig = entry.signature()
        anchors = {self._bucket(sig.date), self._bucket(sig.published)} - {None} or {None}
        keys = {("C", sig.country or "")} | {("P", p) for p in sig.places}
        keys |= {("T", town(p)) for p in sig.places if specific(p, sig.country)}  # 'Taunton' read elsewhere
        for kind, region in keys:
            for b in anchors:
                self._blocks.setdefault((kind, region, b), set()).add(entry.incident.id)
        for k in entry.names:
            self._named.setdefault(k, set()).add(entry.incident.id)

    def candidates(self, sig: Signature) -> list[_Entry]:
        """Incidents in the same region whose time anchors fall within the query's window, and
        incidents sharing a rare name with the report."""
        limit = self._rare_limit()
        ids: set[str] = set()
        for k in sig.names:
            found = self._named.get(k)
            if found and len(found) <= limit:
                ids |= found
        anchor = sig.date or sig.published
        if anchor is None:
            buckets: list[int | None] = [None]
        else:
            span = max(self.config.publication_window_days, self.config.event_window_days) + 1
            lo, hi = self._bucket(anchor - timedelta(days=span)), self._bucket(anchor + timedelta(days=span))
            buckets = list(range(lo, hi + 1))
        if not sig.country:
            regions = [("P", sig.place)] if sig.place else []
        elif specific(sig.place, sig.country):
            regions = [("P", sig.place), ("P", sig.country)]
            if sig.country == "United States" and "," in (sig.place or ""):
                regions.append(("P", sig.place.rsplit(", ", 1)[1]))  # the state
            # Incidents known only by country or state are stored under that region.
        else:
            regions = [("C", sig.country)]
        if specific(sig.place, sig.country):
            regions.append(("T", town(sig.place)))
        for kind, region in regions:
            for b in buckets:
                ids |= self._blocks.get((kind, region, b), set())
        return [self._entries[i] for i in sorted(ids)]

    # -- assignment

    def assign(self, doc: Document, claims: list[Claim]) -> list[Incident]:
        """Put one report's claims into incidents; return the incidents created or extended."""
        touched: dict[str, Incident] = {}
        fresh = []
        for c in claims:
            home = self._claim_home.get(c.id)
            if home is not None:  # the report was linked before: keep its claims where they are
                c.incident_id = home
                touched[home] = self._entries[home].incident
            else:
                fresh.append(c)
        if not fresh:
            return list(touched.values())
        for group in document_groups(doc, fresh, self.config):
            entry = self._best(group.sig)
            if entry is None:
                inc = Incident(id=incident_id(group.claims[0]))
                entry = self._entries.setdefault(inc.id, _Entry(inc))
            entry.add(group.sig, group.claims, doc)
            for c in group.claims:
                self._claim_home[c.id] = entry.incident.id
            self._register(entry)
            touched[entry.incident.id] = entry.incident
        return list(touched.values())

    def _best(self, sig: Signature) -> _Entry | None:
        best, best_score = None, None
        for entry in self.candidates(sig):
            score = match_score(sig, entry.signature(), self.config, self.name_evidence(sig, entry))
            if score is None or score < self.config.min_score:
                continue
            if best_score is None or score > best_score:
                best, best_score = entry, score
        return best


def link(
    docs_with_claims: Iterable[tuple[Document, list[Claim]]], config: LinkConfig | None = None
) -> list[Incident]:
    """Link a batch of reports from scratch: reports in publication order, then by id."""
    index = IncidentIndex(config=config)
    pairs = sorted(docs_with_claims, key=lambda p: (p[0].published or date.max, p[0].id))
    for doc, claims in pairs:
        index.assign(doc, claims)
    return index.incidents
