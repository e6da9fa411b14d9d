"""Claims → incidents: which claims, across reports, are about the same real-world event.

docs/linking.md states the rule with examples; in short:

1. Within one report (``document_groups``). The report's *dominant event* is the country most of its
   claims name (a claim with a place in it counts twice), the most common place there and its date;
   when the claims name no known place the report's text gives one (``linking.names.report_places``).
   Each claim inherits what it leaves out and joins the dominant event unless it is clearly about
   another: a city in another country, a date outside the window, another kind of event. Places in
   the same country do not split a report; a country named alone names a claimant or the victims;
   a claim that elaborates an earlier one (``Claim.refers_to``) goes with it.

2. Across reports (``IncidentIndex.assign``). Each group joins the best-scoring compatible incident
   (``linking.match.match_score``: limits on country, place, time, event type, actor and target;
   evidence from the same place, dates, type and the rare names both share), or founds a new one.
   A shooting that names streets joins no incident naming others unless they share names.

3. Blocking. Candidates come from an index keyed by region (places, country, town) and week bucket,
   and from the incidents sharing a rare name: never every document against every other. The keys
   are strings (``block_key``, ``name_key``) that a store can keep beside each incident, so that an
   index over a large store loads only the incidents under the keys a batch of reports asks for
   (``IncidentIndex(stored=N)``, ``wanted``, ``fill``) instead of every stored incident.

4. Identity. An incident's id is ``inc-`` + 12 hex digits of sha256 of its founding claim's id.
   Incidents only grow and are never merged, so ``link`` takes reports by publication date, then id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from tolltrack.model import Claim, Document, Incident

from .groups import document_groups, dominant_event, report_signature
from .match import (
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
from .names import streets, weight

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

GENERIC_TRIGGERS = frozenset({"operation", "attack", "incident", "war", "conflict", "accident", "drone"})
TRIGGER_NAMES = {"airstrike": "air strike", "quake": "earthquake", "flooding": "flood"}


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


TALLIES = ("dates", "places", "countries", "triggers", "actors", "targets")


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
        for p in sorted(sig.places | ({sig.place} if sig.place else set())):  # ties: not by hash order
            self.places[p] += 1
        for tally, value in (
            (self.dates, sig.date),
            (self.countries, sig.country),
            (self.actors, sig.actor),
            (self.targets, sig.target),
        ):
            if value:
                tally[value] += 1
        for t in sorted(sig.triggers):
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

    def tallies(self) -> dict[str, list[list]]:
        """The tallies, JSON-ready: [value, count] pairs in the order they were first counted (ties
        between the most common values go to the first)."""
        return {
            k: [[v.isoformat() if isinstance(v, date) else v, n] for v, n in getattr(self, k).items()]
            for k in TALLIES
        }

    def restore(self, tallies: Mapping[str, Iterable[Iterable]]) -> None:
        for k in TALLIES:
            pairs = [(date.fromisoformat(v) if k == "dates" else v, n) for v, n in tallies.get(k, ())]
            setattr(self, k, Counter(dict(pairs)))

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


def block_key(kind: str, region: str, bucket: int | None) -> str:
    """A blocking key: kind (C country, P place, T town), week bucket, region."""
    return f"{kind}{'' if bucket is None else bucket}:{region}"


def name_key(name: str) -> str:
    return f"N:{name}"


def first_published(inc: Incident, published: Mapping[str, date | None]) -> date | None:
    """The first publication date among an incident's reports (``published``: by report id)."""
    dates = [published[d] for d in inc.doc_ids if published.get(d)]
    return min(dates) if dates else None


def _stored_entry(inc: Incident, first: date | None, names: Iterable[Iterable[str]], tallies) -> _Entry:
    """The index's entry of a stored incident: its names per report and tallies as stored (without
    tallies, only its summary fields, each as often as it has reports)."""
    reports = [frozenset(r) for r in names if r]
    entry = _Entry(inc, names=set().union(*reports), reports=reports)
    if tallies:
        entry.restore(tallies)
    else:
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
    entry.published = first
    return entry


def _bucket(d: date | None, config: LinkConfig) -> int | None:
    """The week bucket of a date: the same for the keys an incident is stored under and those a
    report's search reads."""
    return d.toordinal() // config.bucket_days if d else None


def _entry_blocks(entry: _Entry, config: LinkConfig) -> set[str]:
    sig = entry.signature()
    anchors = {_bucket(d, config) for d in (sig.date, sig.published) if d} or {None}
    regions = {("C", sig.country or "")} | {("P", p) for p in sig.places}
    regions |= {("T", town(p)) for p in sig.places if specific(p, sig.country)}  # 'Taunton' read elsewhere
    return {block_key(kind, region, b) for kind, region in regions for b in anchors}


def stored_keys(
    inc: Incident,
    first: date | None,
    names: Iterable[Iterable[str]],
    tallies,
    config: LinkConfig | None = None,
) -> list[str]:
    """The keys a stored incident is found under (its blocks and its names), as
    ``IncidentIndex.keys_of`` gives them when the incident is written (``first``: its
    ``first_published``)."""
    entry = _stored_entry(inc, first, names, tallies)
    return _with_names(_entry_blocks(entry, config or LinkConfig()), entry.names)


def _with_names(blocks: set[str], names: Iterable[str]) -> list[str]:
    """An incident's keys: its blocks and its names."""
    return sorted(blocks | {name_key(n) for n in names})


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
    and type only. ``tallies`` gives what ``tallies_of`` returned for them: how often each date, place,
    type... was reported; without it an incident counts only its summary fields, as often as it has
    reports. ``update`` brings in incidents another process created or extended since.

    With ``stored`` (the number of incidents a store holds) the index starts empty and loads stored
    incidents on demand: before linking, ``wanted`` gives the keys whose incidents it lacks for a
    report's signature, and ``fill`` takes the store's incident ids under those keys and loads the
    ones it does not hold. It then links exactly as an index of every stored incident would: a key
    once filled is complete (this index registers what it changes), and a name more than
    ``rare_cap`` stored incidents carry is never rare. ``stale`` forgets which keys are complete
    (another process wrote).
    """

    def __init__(
        self,
        incidents: Iterable[Incident] = (),
        published: Mapping[str, date | None] | None = None,
        config: LinkConfig | None = None,
        names: Mapping[str, Iterable[Iterable[str]]] | None = None,
        tallies: Mapping[str, Mapping[str, Iterable[Iterable]]] | None = None,
        stored: int | None = None,
    ) -> None:
        self.config = config or LinkConfig()
        self._entries: dict[str, _Entry] = {}
        self._blocks: dict[str, set[str]] = {}  # block key → incidents
        self._named: dict[str, set[str]] = {}  # name → incidents whose reports carry it
        self._keys: dict[str, set[str]] = {}  # incident → its blocks
        self._claim_home: dict[str, str] = {}
        self.lazy = stored is not None
        self.stored = stored or 0  # lazy: incidents in the store that this index did not create
        self.created = 0  # incidents this index founded
        self._complete: set[str] = set()  # lazy: keys under which every incident is loaded
        self._common: set[str] = set()  # lazy: names too many stored incidents carry to be rare
        self.update(incidents, published, names, tallies)

    def update(
        self,
        incidents: Iterable[Incident],
        published: Mapping[str, date | None] | None = None,
        names: Mapping[str, Iterable[Iterable[str]]] | None = None,
        tallies: Mapping[str, Mapping[str, Iterable[Iterable]]] | None = None,
    ) -> None:
        """Add stored incidents, or replace the ones the index has by their stored state (another
        process extended them): the index then equals one built from all of them at once."""
        published = published or {}
        names, tallies = names or {}, tallies or {}
        for inc in incidents:
            first = first_published(inc, published)
            entry = _stored_entry(inc, first, names.get(inc.id, ()), tallies.get(inc.id))
            self._unregister(inc.id)
            self._entries[inc.id] = entry
            for cid in inc.claim_ids:
                self._claim_home[cid] = inc.id
            self._register(entry)

    # -- loading from a store (lazy)

    def wanted(self, sig: Signature) -> set[str]:
        """The keys a search for ``sig``'s candidates reads that are not complete yet."""
        if not self.lazy:
            return set()
        return ({name_key(n) for n in sig.names} | set(self._query_blocks(sig))) - self._complete

    def fill(
        self,
        found: Mapping[str, Iterable[str] | None],
        load: Callable[[list[str]], tuple],
        also: Iterable[str] = (),
    ) -> int:
        """Take the stored incidents under each wanted key (``None``: a name more than ``rare_cap``
        stored incidents carry) and load those not held, and the incidents ``also`` names, with
        ``load(ids)``, which returns ``update``'s arguments; returns how many were loaded."""
        need: set[str] = set(also)
        for key, ids in found.items():
            if ids is None:
                self._common.add(key[2:])
            else:
                need.update(ids)
        need -= self._entries.keys()
        if need:
            self.update(*load(sorted(need)))
        self._complete.update(found)
        return len(need)

    def stale(self, stored: int) -> None:
        """Another process wrote: no key is known complete any more; the store holds ``stored``."""
        self._complete.clear()
        self.stored = stored - self.created

    def keys_of(self, incident_id: str) -> list[str]:
        """The keys an incident is found under (its blocks and names), to store beside it."""
        e = self._entries.get(incident_id)
        return _with_names(self._keys.get(incident_id, set()), e.names) if e else []

    @property
    def incidents(self) -> list[Incident]:
        return [e.incident for e in self._entries.values()]

    def get(self, incident_id: str) -> Incident | None:
        e = self._entries.get(incident_id)
        return e.incident if e else None

    def __len__(self) -> int:
        return self.stored + self.created if self.lazy else len(self._entries)

    def names_of(self, incident_id: str) -> list[list[str]]:
        """The distinctive names of each of an incident's reports, to store beside it."""
        e = self._entries.get(incident_id)
        return [sorted(r) for r in e.reports] if e else []

    def tallies_of(self, incident_id: str) -> dict[str, list[list]]:
        """How often each date, place, country, type, actor and target was reported for an incident
        (its summary fields are the most common), JSON-ready, to store beside it."""
        e = self._entries.get(incident_id)
        return e.tallies() if e else {}

    # -- names

    def _rare_limit(self) -> int:
        return max(2, min(self.config.rare_cap, int(self.config.rare_share * len(self))))

    def name_evidence(self, sig: Signature, entry: _Entry) -> int:
        """The weight of the rare names a report shares with the closest of an incident's reports
        (linking.names.weight): an incident of many reports gathers many names, and sharing a few of
        them with each of several reports is no evidence."""
        limit = self._rare_limit()
        best = 0
        for names in entry.reports:
            shared = sig.names & names
            best = max(best, sum(weight(k) for k in shared if self._rare(k, limit)))
        return best

    def _rare(self, name: str, limit: int) -> bool:
        return name not in self._common and len(self._named.get(name, ())) <= limit

    # -- blocking

    def _register(self, entry: _Entry) -> None:
        """File an incident under its blocks as they are now: a block it left (an event date or a
        country its reports no longer give most) no longer finds it, as none would in an index
        rebuilt from the store (``stored_keys``)."""
        inc_id = entry.incident.id
        now = _entry_blocks(entry, self.config)
        for key in self._keys.get(inc_id, set()) - now:
            self._blocks[key].discard(inc_id)
            if not self._blocks[key]:
                del self._blocks[key]
        for key in now:
            self._blocks.setdefault(key, set()).add(inc_id)
        self._keys[inc_id] = now
        for k in entry.names:
            self._named.setdefault(k, set()).add(inc_id)

    def _unregister(self, inc_id: str) -> None:
        """Take an incident out of the blocks and the name index (before it is replaced)."""
        old = self._entries.pop(inc_id, None)
        for key in self._keys.pop(inc_id, ()):
            self._blocks[key].discard(inc_id)
            if not self._blocks[key]:
                del self._blocks[key]
        for k in old.names if old else ():
            self._named[k].discard(inc_id)
            if not self._named[k]:
                del self._named[k]

    def _query_blocks(self, sig: Signature) -> list[str]:
        """The blocks a search for ``sig``'s candidates reads: its region's, in its time window."""
        anchor = sig.date or sig.published
        if anchor is None:
            buckets: list[int | None] = [None]
        else:
            span = max(self.config.publication_window_days, self.config.event_window_days) + 1
            window = (anchor - timedelta(days=span), anchor + timedelta(days=span))
            lo, hi = (_bucket(d, self.config) for d in window)
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
        return [block_key(kind, region, b) for kind, region in regions for b in buckets]

    def candidates(self, sig: Signature) -> list[_Entry]:
        """Incidents in the same region whose time anchors fall within the query's window, and
        incidents sharing a rare name with the report."""
        limit = self._rare_limit()
        ids: set[str] = set()
        for k in sig.names:
            found = self._named.get(k)
            if found and self._rare(k, limit):
                ids |= found
        for key in self._query_blocks(sig):
            ids |= self._blocks.get(key, set())
        return [self._entries[i] for i in sorted(ids)]

    # -- assignment

    def assign(self, doc: Document, claims: list[Claim], groups: list | None = None) -> list[Incident]:
        """Put one report's claims into incidents; return the incidents created or extended.
        ``groups``: ``document_groups(doc, claims, self.config)`` when already made (for ``wanted``)."""
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
        if groups is None or len(fresh) < len(claims):
            groups = document_groups(doc, fresh, self.config)
        for group in groups:
            entry = self._best(group.sig)
            if entry is None:
                inc = Incident(id=incident_id(group.claims[0]))
                if inc.id not in self._entries:
                    self.created += 1
                entry = self._entries.setdefault(inc.id, _Entry(inc))
            entry.add(group.sig, group.claims, doc)
            for c in group.claims:
                self._claim_home[c.id] = entry.incident.id
            self._register(entry)
            touched[entry.incident.id] = entry.incident
        return list(touched.values())

    def attach(self, doc: Document, sig: Signature | None = None) -> Incident | None:
        """A report that yields no claims joins the incident its text matches best (by its places,
        names and publication date), if any; it never founds one. ``sig``: its ``report_signature``
        when already known (then ``doc`` needs only its id and publication date)."""
        sig = sig or report_signature(doc)
        if not sig.country:  # nothing says where: its names alone are too weak a reading
            return None
        entry = self._best(sig)
        if entry is None:
            return None
        entry.add(sig, [], doc)
        self._register(entry)
        return entry.incident

    def _best(self, sig: Signature) -> _Entry | None:
        best, best_score = None, None
        mine = streets(sig.names)
        for entry in self.candidates(sig):
            names = self.name_evidence(sig, entry)
            if sig.local and names < self.config.min_names and _other_streets(mine, entry.names):
                continue
            score = match_score(sig, entry.signature(), self.config, names)
            if score is None or score < self.config.min_score:
                continue
            if best_score is None or score > best_score:
                best, best_score = entry, score
        return best


def _other_streets(mine: set[str], theirs: Iterable[str]) -> bool:
    """Whether a report and an incident each name streets and none in common: in one city, two
    shootings (reports of one shooting give its street or block alike)."""
    other = streets(theirs)
    return bool(mine) and bool(other) and not mine & other


def replayed(events: Iterable[tuple[Signature, Document]]) -> tuple[list[list[str]], dict[str, list[list]]]:
    """``names_of`` and ``tallies_of`` of an incident that received these events of reports (the
    signatures of ``document_groups``), in order: for incidents stored before these were kept."""
    entry = _Entry(Incident(id=""))
    for sig, doc in events:
        entry.add(sig, [], doc)
    return [sorted(r) for r in entry.reports], entry.tallies()


def report_order(doc: Document) -> tuple[date, str]:
    """The order reports are linked in: by publication (undated last), then id."""
    return (doc.published or date.max, doc.id)


def link(
    docs_with_claims: Iterable[tuple[Document, list[Claim]]], config: LinkConfig | None = None
) -> list[Incident]:
    """Link a batch of reports from scratch: reports in publication order, then by id."""
    index = IncidentIndex(config=config)
    pairs = sorted(docs_with_claims, key=lambda p: report_order(p[0]))
    for doc, claims in pairs:
        if claims:
            index.assign(doc, claims)
    for doc, claims in pairs:  # reports without claims, once every incident is known
        if not claims:
            index.attach(doc)
    return index.incidents
