"""Ledger exports: one row per incident, victim group and outcome (csv, json), or one row per
incident in the shape of the UCDP Georeferenced Event Dataset (ucdp).

The UCDP-like columns: ``id``, ``date_start``/``date_end`` (the event date, else the first report's
date), ``country``, ``where_description`` (the place), ``type`` (the event type: raid, shooting...),
``side_a`` (the actor), ``side_b`` (the target), ``deaths_a``/``deaths_b`` (best killed of the actor's
and the target's side: the group named by its country, else its military), ``deaths_civilians``,
``deaths_unknown`` (best minus the three, never below 0), ``best``/``low``/``high`` (killed, all
victims: the "all" figure, else the largest of the groups), ``source_article`` (number of reports).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date

from tolltrack.model import Claim, Document, Figure, Incident, Outcome

ROW_FIELDS = [
    "incident_id", "label", "date", "place", "country", "event_type", "actor", "target", "group",
    "outcome", "low", "best", "high", "low_reason", "best_reason", "high_reason", "flags", "reports",
    "claims", "sources", "first_reported", "last_reported",
]  # fmt: skip
UCDP_FIELDS = [
    "id", "date_start", "date_end", "country", "where_description", "type", "side_a", "side_b",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high", "source_article",
]  # fmt: skip

Bundle = tuple[Incident, list[Claim]]


def chain_text(c: Claim) -> str:
    return c.attribution.describe() if c.attribution.chain else "(the report itself)"


def _dates(inc: Incident, docs: Mapping[str, Document]) -> list[date]:
    return sorted(d.published for i in inc.doc_ids if (d := docs.get(i)) and d.published)


def figure_rows(bundles: Iterable[Bundle], docs: Mapping[str, Document]) -> list[dict]:
    """One row per incident, victim group and outcome with low/best/high, reasons and sources (the
    claimant chains of its claims); ``flags`` and ``sources`` are lists."""
    rows = []
    for inc, claims in bundles:
        by_id = {c.id: c for c in claims}
        dates = _dates(inc, docs)
        for f in inc.figures:
            chains = dict.fromkeys(chain_text(by_id[i]) for i in f.claim_ids if i in by_id)
            rows.append({
                "incident_id": inc.id, "label": inc.label, "date": _iso(inc.date), "place": inc.place,
                "country": inc.country, "event_type": inc.event_type, "actor": inc.actor,
                "target": inc.target,
                "group": f.group, "outcome": f.outcome.value, "low": f.low, "best": f.best, "high": f.high,
                "low_reason": f.low_reason, "best_reason": f.best_reason, "high_reason": f.high_reason,
                "flags": list(f.flags), "reports": len(inc.doc_ids), "claims": len(f.claim_ids),
                "sources": list(chains), "first_reported": _iso(dates[0]) if dates else None,
                "last_reported": _iso(dates[-1]) if dates else None,
            })  # fmt: skip
    return rows


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def killed_total(inc: Incident) -> Figure | None:
    """The killed figure for all victims, else the killed group with the largest best (or low)."""
    killed = [f for f in inc.figures if f.outcome is Outcome.KILLED]
    total = next((f for f in killed if f.group == "all"), None)
    if total is not None or not killed:
        return total
    return max(killed, key=lambda f: (f.best if f.best is not None else f.low or 0, f.high or 0))


def _side_best(inc: Incident, country: str | None) -> int | None:
    if not country:
        return None
    by_group = {f.group: f for f in inc.figures if f.outcome is Outcome.KILLED}
    for key in (country, f"{country}:military"):
        if key in by_group and by_group[key].best is not None:
            return by_group[key].best
    return None


def _civilians(inc: Incident) -> int | None:
    civ = [f for f in inc.figures if f.outcome is Outcome.KILLED and f.best is not None]
    plain = next((f.best for f in civ if f.group == "civilian"), None)
    if plain is not None:
        return plain
    parts = [f.best for f in civ if f.group.endswith(":civilian")]
    return sum(parts) if parts else None


def ucdp_rows(bundles: Iterable[Bundle], docs: Mapping[str, Document]) -> list[dict]:
    rows = []
    for inc, _claims in bundles:
        total = killed_total(inc)
        dates = _dates(inc, docs)
        when = inc.date or (dates[0] if dates else None)
        a, b, civ = _side_best(inc, inc.actor), _side_best(inc, inc.target), _civilians(inc)
        best = total.best if total else None
        unknown = max(0, best - sum(x or 0 for x in (a, b, civ))) if best is not None else None
        rows.append({
            "id": inc.id, "date_start": _iso(when), "date_end": _iso(when), "country": inc.country,
            "where_description": inc.place, "type": inc.event_type, "side_a": inc.actor, "side_b": inc.target,
            "deaths_a": a, "deaths_b": b, "deaths_civilians": civ, "deaths_unknown": unknown,
            "best": best, "low": total.low if total else None, "high": total.high if total else None,
            "source_article": len(inc.doc_ids),
        })  # fmt: skip
    return rows


def render(fmt: str, bundles: list[Bundle], docs: Mapping[str, Document]) -> str:
    """The export as text: ``csv``, ``json`` (figure rows) or ``ucdp`` (CSV, one row per incident)."""
    if fmt == "json":
        return json.dumps(figure_rows(bundles, docs), ensure_ascii=False, indent=2) + "\n"
    if fmt == "ucdp":
        rows, fields = ucdp_rows(bundles, docs), UCDP_FIELDS
    elif fmt == "csv":
        rows = [
            {**r, "flags": " | ".join(r["flags"]), "sources": "; ".join(r["sources"])}
            for r in figure_rows(bundles, docs)
        ]
        fields = ROW_FIELDS
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
