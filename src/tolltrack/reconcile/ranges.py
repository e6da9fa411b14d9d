"""An incident's claims → low / best / high figures per victim group and outcome, a timeline, flags.

The rule follows UCDP's low/best/high idea (docs/reconcile.md has worked examples):

What a claim says, by count kind (``lo`` = lower bound asserted, ``hi`` = figure claimed, ``point``
= the figure as an estimate):
    exact 32        lo 32  hi 32  point 32       zero ("no casualties")  lo 0  hi 0  point 0
    at least 40     lo 40  hi 40  point 40       about 30   hi 30  point 30
    range 30–40     lo 30  hi 40  point 35       up to 12   hi 12
    vague "dozens"  lo (the word's implied minimum) only; unquantified: nothing, but listed.
A zero count of "casualties" is a zero for killed and for injured. A claim about several victim groups
counts for the most specific group containing them all ("soldiers and civilians" → "all").

A claimant's *current* figures are those of its most recent report (by publication date): a later
report supersedes its earlier figures, and the figures of one report hold together ("at least 24
... up to 35").

- low  = the largest current ``lo`` of a named claimant (anyone but an unnamed source; unnamed ones
         only when nobody named gives a bound), raised to the low of any subgroup (32 Cubans killed
         means at least 32 killed in all).
- best = the most recent exact/about/zero figure from an official source (a government or an office
         holder), preferring the government or officials of the victims' country (or, for groups
         without a nationality, of the country the incident happened in); when no official gave one,
         the median (lower middle) of the current point figures of named claimants; then of unnamed
         ones. Best is never below low; when only bounds exist, best = low.
- high = the largest figure anyone ever claimed (upper ends of ranges included), never below best.

Each value carries a reason naming the claimant, the reporting chain and the report's date.

Flags: ``disagreement`` when the current figures of two claimants cannot both be true and differ by
more than ``ratio`` (1.5); ``subgroup exceeds total`` when a subgroup's low is above everything
claimed for its total; ``downward revision`` when a claimant's figure drops in a later report.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tolltrack.config import SETTINGS
from tolltrack.extract.scope import INCIDENT
from tolltrack.geo.places import resolve_place
from tolltrack.model import (
    Claim,
    Count,
    CountKind,
    Document,
    Figure,
    Incident,
    Outcome,
    Source,
    SourceKind,
    Status,
    TimelinePoint,
    claim_group,
    is_subgroup,
)

from .outcomes import fatal_share, injured_part, is_hit

RATIO = SETTINGS.disagreement_ratio
OFFICIAL_KINDS = (SourceKind.GOVERNMENT, SourceKind.OFFICIAL)
PRECISE_KINDS = (CountKind.EXACT, CountKind.ZERO, CountKind.ABOUT)
OUTCOME_ORDER = list(Outcome)
STATUSES = {s.value for s in Status if s is not Status.UNKNOWN}


# --------------------------------------------------------------------------- observations


@dataclass
class Obs:
    """One claim's numbers for one group and outcome, with who said it and when it was first printed."""

    claim: Claim
    group: str
    outcome: Outcome
    claimant: str  # display: "Venezuelan officials (via US media)"
    key: str  # identity of the claimant across reports: "government:Cuba", "us media"
    kind: SourceKind
    country: str | None  # the claimant's country, for governments and officials
    reported: date | None
    outlet: str | None
    lo: int | None
    hi: int | None
    point: int | None

    @property
    def where(self) -> str:
        when = self.reported.isoformat() if self.reported else "undated report"
        return f"{self.claimant}, {self.outlet + ', ' if self.outlet else ''}{when}"

    @property
    def sort_key(self) -> tuple:
        return (self.reported or date.min, self.claim.doc_id, self.claim.index)

    @property
    def interval(self) -> tuple[float, float]:
        lo = self.lo if self.lo is not None else (self.point if self.point is not None else 0)
        hi = (
            self.hi if self.claim.count.kind in (*PRECISE_KINDS, CountKind.RANGE, CountKind.AT_MOST) else None
        )
        return float(lo), float(hi) if hi is not None else float("inf")


def count_numbers(c: Count) -> tuple[int | None, int | None, int | None]:
    """(lo, hi, point) a count contributes, as in the module docstring."""
    k = c.kind
    if k is CountKind.ZERO:
        return 0, 0, 0
    if k is CountKind.EXACT:
        v = c.value if c.value is not None else c.low
        return v, v, v
    if k is CountKind.AT_LEAST:
        v = c.low if c.low is not None else c.value
        return v, v, v
    if k is CountKind.ABOUT:
        return None, c.value, c.value
    if k is CountKind.AT_MOST:
        return None, c.high if c.high is not None else c.value, None
    if k is CountKind.RANGE and c.low is not None and c.high is not None:
        return c.low, c.high, (c.low + c.high) // 2
    if k is CountKind.VAGUE:
        return c.low, None, None
    return None, None, None


def _claimant(claim: Claim, doc: Document | None) -> tuple[str, str, SourceKind, str | None]:
    """(display name, identity key, kind, country) of who asserts a claim."""
    chain = claim.attribution.named_chain()
    src = chain[-1] if chain else None
    if src is None or src.kind is SourceKind.NARRATOR:
        name = (src.name if src else None) or (doc.outlet if doc and doc.outlet else "the report")
        return name, f"narrator:{name.lower()}", SourceKind.NARRATOR, None
    country = _source_country(src)
    display = src.name + (
        f" ({src.title})" if src.title and src.title.lower() not in src.name.lower() else ""
    )
    if len(chain) > 1:
        display += " (via " + " → ".join(s.name for s in chain[:-1]) + ")"
    if src.kind is SourceKind.GOVERNMENT and country:
        key = f"government:{country}"
    else:
        key = src.name.lower().removeprefix("the ").strip()
    return display, key, src.kind, country


def _source_country(src: Source) -> str | None:
    """'Cuba' / 'Havana' / 'the Venezuelan government' / 'Cuban foreign minister' → the country."""
    if src.kind not in OFFICIAL_KINDS:
        return None
    for text in (src.name, src.title or ""):
        found = resolve_place(text)
        if found and found[1]:
            return found[1]
        for word in text.replace("'s", "").split()[:3]:
            found = resolve_place(word) if word[:1].isupper() else None
            if found and found[1]:
                return found[1]
    return None


def observations(claims: Iterable[Claim], docs: Mapping[str, Document]) -> list[Obs]:
    """Each claim's numbers per group and outcome, killed and injured disjoint (``outcomes``): a hit
    figure ("four people were shot") counts for the injured what is left once the dead it names
    ("one fatally", also a killed figure) or the most dead its report states are taken away."""
    claims = list(claims)
    dead: dict[str, int] = {}
    for c in claims:
        if c.outcome is Outcome.KILLED:
            point = count_numbers(c.count)[2]
            dead[c.doc_id] = max(dead.get(c.doc_id, 0), point or 0)
    out = []
    for claim in claims:
        if claim.outcome is None:
            continue  # a description of earlier victims, not a count of its own
        doc = docs.get(claim.doc_id)
        name, key, kind, country = _claimant(claim, doc)
        lo, hi, point = count_numbers(claim.count)
        numbers = {claim.outcome: (lo, hi, point)}
        if claim.outcome is Outcome.CASUALTIES and claim.count.kind is CountKind.ZERO:
            numbers = {Outcome.KILLED: (0, 0, 0), Outcome.INJURED: (0, 0, 0)}
        elif is_hit(claim):
            share = fatal_share(claim)
            gone = share if share is not None else dead.get(claim.doc_id, 0)
            numbers = {Outcome.INJURED: tuple(injured_part(v, gone) for v in (lo, hi, point))}
            if share is not None:
                numbers[Outcome.KILLED] = (share, share, share)
        for outcome, (lo, hi, point) in numbers.items():
            out.append(
                Obs(
                    claim,
                    claim_group(claim),
                    outcome,
                    name,
                    key,
                    kind,
                    country,
                    doc.published if doc else None,
                    doc.outlet if doc else None,
                    lo,
                    hi,
                    point,
                )  # fmt: skip
            )
    return out


def _numbered(o: Obs) -> bool:
    return o.lo is not None or o.hi is not None or o.point is not None


def current(obs: list[Obs]) -> list[Obs]:
    """Each claimant's figures in its most recent report (that report supersedes its earlier ones;
    the figures of one report hold together: "at least 24 ... up to 35"). Claims without a number
    ('killed soldiers') supersede nothing."""
    latest: dict[str, tuple] = {}
    for o in obs:
        if _numbered(o):
            when = (o.reported or date.min, o.claim.doc_id)
            if o.key not in latest or when > latest[o.key]:
                latest[o.key] = when
    return sorted(
        (o for o in obs if _numbered(o) and latest.get(o.key) == (o.reported or date.min, o.claim.doc_id)),
        key=lambda o: o.sort_key,
    )


def stances(obs: list[Obs]) -> list[tuple[Obs, float, float]]:
    """Each claimant's current position as one interval (what all its current figures allow together),
    with the figure that best stands for it (its last precise one, else its last one)."""
    by: dict[str, list[Obs]] = {}
    for o in current(obs):
        by.setdefault(o.key, []).append(o)
    out = []
    for seq in by.values():
        lo = max(o.interval[0] for o in seq)
        hi = min(o.interval[1] for o in seq)
        precise = [o for o in seq if o.claim.count.kind in PRECISE_KINDS]
        out.append(((precise or seq)[-1], lo, max(hi, lo)))
    return out


# --------------------------------------------------------------------------- low / best / high


def _describe(o: Obs) -> str:
    """'Venezuelan officials (via US media): “at least 40” killed (Al Jazeera, 2026-01-04; hedged: ...)'"""
    c = o.claim.count
    words = c.text or str(c)
    figure = f"“{words}”" if any(ch.isdigit() for ch in words) else f"“{words}” → {c}"
    when = o.reported.isoformat() if o.reported else "undated report"
    src = f"{o.outlet}, {when}" if o.outlet else when
    hedge = f"; hedged: {o.claim.hedge}" if o.claim.hedge else ""
    return f"{o.claimant}: {figure} {o.outcome.value} ({src}{hedge})"


def _low(obs: list[Obs]) -> tuple[int | None, str]:
    """The lowest credible current estimate: each named claimant's current lower figure (the most
    its latest report's figures assert together), and the lowest of these; another claimant's higher
    figure does not raise it. Unnamed sources count only when nobody named gives one."""
    positions = []
    for o, lo, _ in stances(obs):
        mine = [x for x in current(obs) if x.key == o.key and x.lo is not None]
        if mine:
            positions.append((max(mine, key=lambda x: (x.lo, x.sort_key)), lo))
    named = [p for p in positions if p[0].kind is not SourceKind.UNNAMED]
    pool, note = (named, "") if named else (positions, " (unnamed source only)")
    if not pool:
        return None, ""
    low, value = min(pool, key=lambda p: (p[1], p[0].sort_key))
    return int(value), f"lowest current estimate of a named claimant{note}: {_describe(low)}"


def _best(obs: list[Obs], home: str | None) -> tuple[int | None, str]:
    cur = [o for o in current(obs) if o.point is not None]
    cur = list({o.key: o for o in cur}.values())  # one figure per claimant: its last in the report
    official = [o for o in cur if o.kind in OFFICIAL_KINDS and o.claim.count.kind in PRECISE_KINDS]
    own = [o for o in official if home and o.country == home]
    pool = own or official
    if pool:
        top = max(pool, key=lambda o: (o.sort_key, o.point))
        whose = f"{home}'s own officials" if own else "an official source"
        return top.point, f"latest figure from {whose}: {_describe(top)}"
    named = [o for o in cur if o.kind is not SourceKind.UNNAMED]
    pool, note = (named, "named claimants") if named else (cur, "unnamed sources")
    if not pool:
        return None, ""
    mid = statistics.median_low([o.point for o in pool])
    pick = max((o for o in pool if o.point == mid), key=lambda o: o.sort_key)
    if len(pool) == 1:
        return mid, f"the only figure, no official one: {_describe(pick)}"
    return mid, f"median of the latest figures of {len(pool)} {note}: {_describe(pick)}"


def _high(obs: list[Obs]) -> tuple[int | None, str]:
    pool = [o for o in obs if o.hi is not None]
    if not pool:
        return None, ""
    top = max(pool, key=lambda o: (o.hi, -(o.reported or date.max).toordinal()))  # first to claim it
    return top.hi, f"largest figure claimed: {_describe(top)}"


# --------------------------------------------------------------------------- flags


def disagreement(obs: list[Obs], ratio: float = RATIO) -> str | None:
    """Two claimants' current figures that cannot both hold and are more than ``ratio`` apart."""
    cur = [s for s in stances(obs) if s[0].lo is not None or s[0].point is not None or s[1] > 0]
    if len(cur) < 2:
        return None
    low_side, _, a = min(cur, key=lambda s: (s[2], s[0].sort_key))
    high_side, b, _ = max(cur, key=lambda s: (s[1], s[0].sort_key))
    if low_side.key == high_side.key or b <= a:
        return None
    r = b / a if a > 0 else float("inf")
    if r <= ratio:
        return None
    shown = "∞" if r == float("inf") else f"{r:.1f}"
    return (
        f"disagreement: {low_side.claim.count} ({low_side.where}) vs "
        f"{high_side.claim.count} ({high_side.where}), ratio {shown}"
    )


def downward_revisions(obs: list[Obs]) -> list[str]:
    """A claimant whose figure for the group drops from one report to a later one."""
    flags = []
    by_claimant: dict[str, list[Obs]] = {}
    for o in sorted(obs, key=lambda o: o.sort_key):
        by_claimant.setdefault(o.key, []).append(o)
    for seq in by_claimant.values():
        vals = [(o, o.point if o.point is not None else o.lo) for o in seq]
        vals = [(o, v) for o, v in vals if v is not None]
        for (prev, pv), (nxt, nv) in zip(vals, vals[1:], strict=False):
            if nv < pv and (nxt.reported or date.min) > (prev.reported or date.min):
                flags.append(
                    f"downward revision: {prev.claimant} said {prev.claim.count} on {prev.reported}, "
                    f"then {nxt.claim.count} on {nxt.reported}"
                )
    return flags


# --------------------------------------------------------------------------- the incident


def _depth(group: str) -> int:
    return 0 if group == "all" else 2 if ":" in group else 1


def _home(group: str, incident: Incident) -> str | None:
    nat = group.split(":", 1)[0]
    if nat not in STATUSES and nat != "all":
        return nat
    return incident.country


def _doc_map(documents: Mapping[str, Document] | Iterable[Document]) -> Mapping[str, Document]:
    if isinstance(documents, Mapping):
        return documents
    return {d.id: d for d in documents}


def reconcile(
    incident: Incident,
    claims: Iterable[Claim],
    documents: Mapping[str, Document] | Iterable[Document],
    ratio: float = RATIO,
    reports: Mapping[str, list[Claim]] | None = None,
) -> Incident:
    """A copy of ``incident`` with figures, timeline and flags computed from its claims.

    ``reports``: every claim (of any incident, the headline's included) of the reports that have
    claims in this incident or belong to it, by document id; the documents must then carry their
    text. The toll those mainly about this incident vote for (``reconcile.toll_vote``) is the best killed
    and injured of the group "all"; without ``reports`` the reports are read from ``claims`` alone.
    Claims about another incident or a background aggregate (``Claim.scope``) enter no figure and
    no timeline; they stay among the incident's claims."""
    docs = _doc_map(documents)
    claims = list(claims)
    counted = [c for c in claims if c.scope == INCIDENT]  # other events and aggregates: listed only
    obs = observations(counted, docs)
    cells: dict[tuple[str, Outcome], list[Obs]] = {}
    for o in obs:
        cells.setdefault((o.group, o.outcome), []).append(o)
    listed: dict[tuple[str, Outcome], list[str]] = {}
    for c in counted:
        if c.outcome is not None:
            zero = c.outcome is Outcome.CASUALTIES and c.count.kind is CountKind.ZERO
            outs = [Outcome.KILLED, Outcome.INJURED] if zero or fatal_share(c) is not None else [c.outcome]
            for out in outs:
                listed.setdefault((claim_group(c), out), []).append(c.id)

    figures: dict[tuple[str, Outcome], Figure] = {}
    for cell in sorted(listed, key=lambda k: (-_depth(k[0]), k[0], OUTCOME_ORDER.index(k[1]))):
        group, outcome = cell
        o = cells.get(cell, [])
        fig = Figure(group=group, outcome=outcome, claim_ids=list(dict.fromkeys(listed[cell])))
        fig.low, fig.low_reason = _low(o)
        fig.best, fig.best_reason = _best(o, _home(group, incident))
        fig.high, fig.high_reason = _high(o)
        _apply_subgroups(fig, figures, o)
        _clamp(fig)
        flag = disagreement(o, ratio)
        fig.flags.extend([flag] if flag else [])
        fig.flags.extend(downward_revisions(o))
        figures[cell] = fig

    _apply_vote(figures, incident, claims, docs, reports)
    ordered = sorted(
        figures.values(), key=lambda f: (OUTCOME_ORDER.index(f.outcome), _depth(f.group), f.group)
    )
    flags = [f"{f.group}/{f.outcome.value}: {x}" for f in ordered for x in f.flags]
    return dataclasses.replace(
        incident,
        figures=ordered,
        timeline=timeline(counted, docs),
        flags=flags,
        claim_ids=incident.claim_ids or [c.id for c in claims],
        doc_ids=incident.doc_ids or list(dict.fromkeys(c.doc_id for c in claims)),
    )


def _apply_vote(
    figures: dict[tuple[str, Outcome], Figure],
    incident: Incident,
    claims: list[Claim],
    docs: Mapping[str, Document],
    reports: Mapping[str, list[Claim]] | None,
) -> None:
    """The reports' voted toll as the best killed and injured of the group "all"; low and high
    widen to hold it."""
    from .toll_vote import describe, incident_toll, main_incident, report_tolls

    if reports is None:
        reports = {}
        for c in claims:
            reports.setdefault(c.doc_id, []).append(c)
    members = {}
    for doc_id in dict.fromkeys([*incident.doc_ids, *reports]):
        found = reports.get(doc_id, [])
        main = main_incident(found)
        if doc_id in docs and (main == incident.id or (main is None and doc_id in incident.doc_ids)):
            members[doc_id] = (docs[doc_id], found)
    tolls = report_tolls(members)
    voted = incident_toll(tolls)
    if voted is None:
        return
    reason = describe(tolls)
    for outcome, value in voted.items():
        fig = figures.get(("all", outcome))
        if fig is None:
            if not value:
                continue
            fig = figures[("all", outcome)] = Figure(group="all", outcome=outcome)
        fig.best, fig.best_reason = value, reason
        if fig.low is None or fig.low > value:
            fig.low, fig.low_reason = value, f"lowered to the voted toll: {reason}"
        if fig.high is None or fig.high < value:
            fig.high, fig.high_reason = value, f"raised to the voted toll: {reason}"


def _src(reason: str) -> str:
    """The source part of a reason ('<rule>: <claimant>: <figure> (<outlet>, <date>)')."""
    return reason.split(": ", 1)[1] if ": " in reason else reason


def _apply_subgroups(fig: Figure, done: dict[tuple[str, Outcome], Figure], obs: list[Obs]) -> None:
    """Raise a total's low to its largest subgroup low; flag a subgroup above everything the claims
    for the total allow ('up to 20' killed in all, but 32 Cubans: 'at least 20' allows 32)."""
    subs = [s for (g, out), s in done.items() if out is fig.outcome and is_subgroup(g, fig.group)]
    subs = [s for s in subs if s.low is not None]
    if not subs:
        return
    top = max(subs, key=lambda s: s.low)
    capped = [o.interval[1] for o in obs if o.lo is not None or o.hi is not None]
    cap = max(capped) if capped else None
    if cap == 0 and top.low > 0:  # "no US casualties" against "seven US troops injured": claimants differ
        nay = next(o for o in obs if o.interval[1] == 0)
        fig.flags.append(
            f"disagreement: {top.group} at least {top.low} ({_src(top.low_reason)}) vs none for "
            f"{fig.group} ({nay.where})"
        )
    elif cap is not None and top.low > cap:
        fig.flags.append(
            f"subgroup exceeds total: {top.group} at least {top.low}, "
            f"but nobody claims more than {cap:g} for {fig.group}"
        )
    if fig.low is None or top.low > fig.low:
        fig.low = top.low
        fig.low_reason = f"raised to the low of subgroup {top.group}: {_src(top.low_reason)}"


def _clamp(fig: Figure) -> None:
    """best ≥ low and high ≥ best (or low), saying why a value was raised."""
    if fig.low is not None and (fig.best is None or fig.best < fig.low):
        if fig.best is None:
            fig.best_reason = f"no estimate beyond the lower bound, best = low: {_src(fig.low_reason)}"
        else:
            fig.best_reason = f"raised to the low (estimate {fig.best} is below it): {_src(fig.low_reason)}"
        fig.best = fig.low
    top, reason = (fig.best, fig.best_reason) if fig.best is not None else (fig.low, fig.low_reason)
    if top is not None and (fig.high is None or fig.high < top):
        what = "best estimate" if fig.best is not None else "low"
        fig.high_reason = f"raised to the {what}, nobody claimed more: {_src(reason)}"
        fig.high = top


# --------------------------------------------------------------------------- timeline


def timeline(claims: Iterable[Claim], docs: Mapping[str, Document]) -> list[TimelinePoint]:
    """One point per figure a claimant gave, dated by the first report that carried it."""
    first: dict[tuple, tuple[tuple, TimelinePoint]] = {}
    for c in claims:
        if c.outcome is None or c.count.kind is CountKind.UNQUANTIFIED:
            continue
        doc = docs.get(c.doc_id)
        name, key, _, _ = _claimant(c, doc)
        group = claim_group(c)
        reported = doc.published if doc else None
        point = TimelinePoint(reported, name, c.outcome, group, c.count, c.id, c.doc_id)
        ident = (key, c.outcome, group, str(c.count))
        order = (reported or date.max, c.doc_id, c.index)
        if ident not in first or order < first[ident][0]:
            first[ident] = (order, point)
    return [p for _, p in sorted(first.values(), key=lambda x: (x[0][0], x[1].group, x[1].claimant))]
