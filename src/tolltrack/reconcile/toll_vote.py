"""Each report's own reading of its incident's toll, and the incident's toll voted from them.

A report states its incident's toll many times over and in many shapes ("four people were shot, one
fatally", "a man was killed ... another man was wounded"): ``figures.read_report`` turns the report's
claims (its headline's first) into one killed and one injured figure by rules, and the learned
selector (``selector.py``, weights shipped in ``tolltrack/data/selector.json``) chooses among the
figures the claims offer, weighing what the other reports of the incident say ("peers"). These are
*report tolls*: killed and injured are disjoint (a person shot who died is killed, not injured too).

The incident's toll is then voted among the reports that are mainly about it (``incident_toll``):
deaths come in later (a report outdated by a same-day or later one with more dead and as many hit in
all, or the same wounded and one more dead, takes the later figures); a killed figure that two or
more later reports raised, and nobody repeated since, is overtaken; killed is the figure most of
the other reports give; injured the figure most of the reports that give one above zero give (a court story
that names only the dead says nothing of the wounded). Ties go to the figure of the latest report.
The selector chooses only for reports whose rules' figures are within its size cap (it learnt on
local shootings); a report of a war's toll keeps the rules' figures.
``reconcile`` makes this the incident's best killed and injured for the group "all".
"""

from __future__ import annotations

import dataclasses
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from tolltrack.extract.report import is_headline, split_headline
from tolltrack.model import Claim, Document, Outcome

from .report_figures import Reading, read_report
from .selector import SIZE_CAP

CASUALTY = (Outcome.KILLED, Outcome.INJURED, Outcome.CASUALTIES)


@dataclass(frozen=True)
class ReportToll:
    doc_id: str
    killed: int
    injured: int
    published: date | None
    rules: tuple[int, int]  # the rules' own figures, before the selector


@lru_cache(maxsize=1)
def _shipped():
    from .selector import shipped

    return shipped()


_chosen: list = []  # a selector put in place of the shipped one (``use_selector``)


def _selector():
    return _chosen[-1] if _chosen else _shipped()


@contextmanager
def use_selector(selector) -> Iterator[None]:
    """Read report tolls with ``selector`` instead of the shipped one (cross-validation scores the
    ledger with weights that never saw the reports scored)."""
    _chosen.append(selector)
    try:
        yield
    finally:
        _chosen.pop()


def main_incident(claims: Sequence[Claim]) -> str | None:
    """The incident most of a report's casualty claims went to (else most of its claims); a tie goes
    to the one more of its claims went to, then to the one of its first casualty claim (else its
    first claim, the headline's first): what a report leads with is what it is about."""
    linked = sorted(
        (c for c in claims if c.incident_id),
        key=lambda c: (c.outcome not in CASUALTY, not is_headline(c), c.index),
    )
    if not linked:
        return None
    casualty = Counter(c.incident_id for c in linked if c.outcome in CASUALTY)
    every = Counter(c.incident_id for c in linked)
    rank = {}
    for n, c in enumerate(linked):
        rank.setdefault(c.incident_id, n)
    return max(every, key=lambda i: (casualty[i], every[i], -rank[i]))


class KeptReadings:
    """Reports' readings (``read_report``) kept by report id, the most recently used ``size`` of them,
    each with what it was read from (the report's id, title, date and claim ids: a stored report's claims
    are made from its text and do not change while it is stored). Its owner, a writer, drops them
    when it removes reports (``ledger.repair``)."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._kept: OrderedDict[str, tuple[tuple, Reading]] = OrderedDict()
        self.read = self.reused = 0

    def clear(self) -> None:
        self._kept.clear()

    def reading(self, doc: Document, claims: list[Claim]) -> Reading:
        kept = self._held(doc, claims)
        if kept is not None:
            self._kept.move_to_end(doc.id)
            self.reused += 1
            return kept
        body, headline = split_headline(claims)
        found = read_report(doc, body, headline)
        self.read += 1
        self._keep(doc.id, _read_from(doc, claims), found)
        return found

    def holds(self, doc: Document, claims: list[Claim]) -> bool:
        """Whether the reading of this report and these claims (in their order) is kept."""
        return self._held(doc, claims) is not None

    def _held(self, doc: Document, claims: list[Claim]) -> Reading | None:
        hit = self._kept.get(doc.id)
        return hit[1] if hit is not None and hit[0] == _read_from(doc, claims) else None

    def offer(self, doc: Document, claims: list[Claim]) -> None:
        """Keep the reading carried with ``doc`` (``read_toll``) if it was read from this report and
        these claims (all of them; a report's claims are read in their order in it)."""
        carried = doc.toll
        claims = sorted(claims, key=lambda c: c.index)
        if isinstance(carried, CarriedToll) and carried.key == (doc.id, _read_from(doc, claims)):
            self._keep(doc.id, carried.key[1], carried.reading)

    def _keep(self, doc_id: str, key: tuple, reading: Reading) -> None:
        self._kept[doc_id] = (key, reading)
        self._kept.move_to_end(doc_id)
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)


@dataclass(frozen=True)
class CarriedToll:
    key: tuple  # the document's id and what its reading was read from (``_read_from``)
    reading: Reading


def read_toll(doc: Document, claims: list[Claim]) -> CarriedToll:
    """A report's own reading of its toll, to carry with it (``Document.toll``): made at extraction,
    whose workers run in parallel, and offered to the writer's kept readings (``KeptReadings.offer``),
    so that the writer, which links and reconciles one batch at a time under the store's write lock,
    reads no report. A document that arrives without it is read there: the reading is the same."""
    claims = sorted(claims, key=lambda c: c.index)
    body, headline = split_headline(claims)
    reading = read_report(doc, body, headline)
    chooser = _selector()
    if chooser is not None and max(reading.figures.killed, reading.figures.injured) <= SIZE_CAP:
        _choice(chooser, reading)  # the choice for the report alone in its incident (the most often)
    return CarriedToll((doc.id, _read_from(doc, claims)), reading)


def _choice(chooser, reading: Reading) -> tuple[int, int]:
    """``chooser.choose(reading)``, remembered with the reading for these peers (``Reading.chosen``;
    the choice weighs how many peers give each figure, not their order): a report alone in its
    incident is chosen for at extraction (``read_toll``), and an incident reconciled again with the
    same reports chooses nothing again."""
    key = (chooser.key, tuple(sorted(reading.peers)))
    found = reading.chosen.get(key)
    if found is None:
        found = reading.chosen[key] = chooser.choose(reading)
    return found


def _read_from(doc: Document, claims: Sequence[Claim]) -> tuple:
    """What a report's reading depends on besides its text (a stored report's text does not change):
    its title, date and claims."""
    return (doc.title, doc.published, tuple(c.id for c in claims))


# the readings kept for the reconciliations under way in this thread or task (``keep_readings``):
# a context variable, so that two writers in threads of one process never read each other's
_keeping: ContextVar[KeptReadings | None] = ContextVar("tolltrack_kept_readings", default=None)


@contextmanager
def keep_readings(kept: KeptReadings) -> Iterator[None]:
    """Within (in this thread or task): each report's reading is taken from ``kept`` when it was read
    before, and kept there when it is read, so that reconciling an incident that gained a report does
    not read every report of it again."""
    token = _keeping.set(kept)
    try:
        yield
    finally:
        _keeping.reset(token)


def unread(docs: Mapping[str, Document], reports: Mapping[str, list[Claim]]) -> list[str]:
    """The ids of these reports (``reports``: doc id → all its claims) whose reading is not kept
    (``keep_readings``): reconciling them reads them, so their text is needed; the others' documents
    may come without it. All of them when they outnumber the readings kept (some would be dropped
    before they are used)."""
    kept = _keeping.get()
    if kept is None or len(docs) >= kept.size:
        return list(docs)
    return [d for d, doc in docs.items() if not kept.holds(doc, sorted(reports[d], key=lambda c: c.index))]


def _reading(doc: Document, claims: list[Claim]) -> Reading:
    kept = _keeping.get()
    if kept is not None:
        return dataclasses.replace(kept.reading(doc, claims))  # a copy: its peers are set per use
    body, headline = split_headline(claims)
    return read_report(doc, body, headline)


def report_tolls(reports: Mapping[str, tuple[Document, list[Claim]]]) -> list[ReportToll]:
    """The toll each report gives (``reports``: doc id → the document and all its claims, the
    headline's included), with the selector weighing the others' figures as peers."""
    readings = []
    for doc_id, (doc, claims) in reports.items():
        readings.append((doc_id, doc, _reading(doc, claims)))
    own = [(r.figures.killed, r.figures.injured) for _, _, r in readings]
    chooser = _selector()
    out = []
    for i, (doc_id, doc, reading) in enumerate(readings):
        reading.peers = own[:i] + own[i + 1 :]
        # the selector learnt on local shootings: a toll beyond its size cap is the rules' to read
        inside = chooser is not None and max(own[i]) <= SIZE_CAP
        killed, injured = _choice(chooser, reading) if inside else own[i]
        out.append(ReportToll(doc_id, killed, injured, doc.published, own[i]))
    return out


def died_later(tolls: Sequence[ReportToll]) -> list[tuple[int, int]]:
    """Each report's figures, or those of the report published the same day or later that states the
    most dead among those that outdate it."""
    figs = [(t.killed, t.injured) for t in tolls]
    out = list(figs)
    for i, old in enumerate(tolls):
        later = [
            j for j, new in enumerate(tolls) if _outdates(figs[j], new.published, figs[i], old.published)
        ]
        if later:
            out[i] = figs[max(later, key=lambda j: (figs[j][0], tolls[j].published))]
    return out


def _outdates(new: tuple[int, int], new_date, old: tuple[int, int], old_date) -> bool:
    if new_date is None or old_date is None or new_date < old_date or new[0] <= old[0]:
        return False
    return sum(new) == sum(old) or (new[1] == old[1] and new[0] == old[0] + 1)


def _not_overtaken(killed: Sequence[int], published: Sequence[date | None]) -> list[bool]:
    """Which reports' killed figures still stand: a figure is overtaken when every report that gives
    it was published before the first of two or more reports giving a higher one (the toll rose and
    nobody repeated the old figure since). Undated reports, and figures never overtaken, stand."""
    dates: dict[int, list[date]] = {}
    for k, d in zip(killed, published, strict=True):
        if d is not None:
            dates.setdefault(k, []).append(d)
    rose = {k: min(ds) for k, ds in dates.items() if len(ds) >= 2}  # a toll two reports give, from
    out = [
        d is None or not any(w > k and start > max(dates[k]) for w, start in rose.items())
        for k, d in zip(killed, published, strict=True)
    ]
    return out if any(out) else [True] * len(killed)


def _mode(values: Sequence[int], order: Sequence) -> int | None:
    """The value given most often; a tie goes to the one the latest report gives."""
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    tied = {v for v, n in counts.items() if n == top}
    return max((o, v) for v, o in zip(values, order, strict=True) if v in tied)[1]


def incident_toll(tolls: Sequence[ReportToll]) -> dict[Outcome, int] | None:
    """Killed and injured voted among the reports of one incident (see the module's docstring);
    None without reports."""
    if not tolls:
        return None
    figs = died_later(tolls)
    order = [(t.published or date.min, t.doc_id) for t in tolls]
    current = _not_overtaken([k for k, _ in figs], [t.published for t in tolls])
    killed = _mode([k for k, c in zip((k for k, _ in figs), current, strict=True) if c],
                   [o for o, c in zip(order, current, strict=True) if c])  # fmt: skip
    hurt = [(i, o) for (_, i), o in zip(figs, order, strict=True) if i > 0]
    injured = _mode([i for i, _ in hurt], [o for _, o in hurt]) or 0
    return {Outcome.KILLED: killed, Outcome.INJURED: injured}


def describe(tolls: Sequence[ReportToll]) -> str:
    """What the reports' own readings of the toll say, for the reason of a voted figure."""
    said = Counter(died_later(tolls))
    return (
        f"voted among {len(tolls)} report{'s' if len(tolls) > 1 else ''} of the incident "
        f"(each report's own reading of the toll: "
        + ", ".join(f"{n}× {k} killed/{i} injured" for (k, i), n in said.most_common(8))
        + ")"
    )
