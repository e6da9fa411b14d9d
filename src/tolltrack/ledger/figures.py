"""Reconciled figures stored with each incident, so that incidents sort and filter in the database.

``refresh(conn, ids)`` reconciles the given incidents from their stored claims
(``tolltrack.reconcile.ranges``) and writes the result to their rows: the "all" group's low /
best / high killed and injured,
``disputed`` (some figure is flagged), the first and last publication dates of their reports, and
the whole reconciliation as JSON (``reconciled``). The writer calls it in the transaction that
stores the claims which change those incidents, so the figures are never behind the claims.

The rules that reconcile change between versions of tolltrack. The store remembers which rules
computed its figures (``ledger_state`` key ``figures_version``, a hash of the reconciling module);
``ensure_current`` recomputes every incident when it differs (a store made before the figures
columns existed has none), under the write lock. ``check`` recomputes and lists the incidents whose
stored figures differ from a fresh reconciliation.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import inspect
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select

from tolltrack.config import SETTINGS
from tolltrack.model import Claim, Document, Figure, Incident, Outcome, TimelinePoint, from_dict, to_dict
from tolltrack.reconcile import ranges as reconcile_module
from tolltrack.reconcile.ranges import reconcile
from tolltrack.reconcile.toll_vote import unread
from tolltrack.store.rows import (
    chunks,
    document_from_row,
    incident_from_row,
    load_claims,
    load_documents,
    load_incidents,
)
from tolltrack.store.schema import claims, incidents, read_state, set_state, write_transaction

STATE_KEY = "figures_version"
OUTCOMES = (Outcome.KILLED, Outcome.INJURED)
BOUNDS = ("low", "best", "high")
FIGURE_COLUMNS = [f"{o.value}_{b}" for o in OUTCOMES for b in BOUNDS]
COLUMNS = [
    *FIGURE_COLUMNS, "disputed", "n_claimants", "first_reported", "last_reported", "reconciled", "brief",
    "timeline",
]  # fmt: skip
BRIEF_FIELDS = ("group", "outcome", "low", "best", "high", "flags")


def source_imports(
    module: str, source: str, is_package: bool, top_level_only: bool = False
) -> list[tuple[str, list[str]]]:
    """(imported module, imported names) for each tolltrack import in a module's source, relative
    imports resolved against ``module`` (a package's own ``__init__`` when ``is_package``); only the
    statements at the top of the module with ``top_level_only``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    tree = ast.parse(source)
    found = []
    for node in tree.body if top_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            found.append((base, [a.name for a in node.names]))
    return [(m, n) for m, n in found if m == "tolltrack" or m.startswith("tolltrack.")]


@functools.cache
def rules_version() -> int:
    """A number that changes when the reconciling rules do: 28 bits of a hash of the source of
    ``reconcile.ranges`` and of every tolltrack module it imports, directly or not, and of the shipped
    data (the selector's weights) and of the settings (``tolltrack.config``)."""
    root = Path(inspect.getfile(reconcile_module)).parents[1]
    digest = hashlib.sha256()
    todo, seen = [reconcile_module.__name__], set()
    while todo:
        name = todo.pop()
        rel = Path(*name.split(".")[1:])
        path, is_package = root / rel.with_suffix(".py"), False
        if not path.is_file():
            path, is_package = root / rel / "__init__.py", True
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        text = path.read_bytes()
        digest.update(name.encode() + b"\0" + text)
        for base, names in source_imports(name, text.decode("utf-8"), is_package):
            todo += [m for m in (base, *(f"{base}.{n}" for n in names)) if m.startswith("tolltrack.")]
    for data in sorted((root / "data").glob("*")):
        digest.update(data.name.encode() + b"\0" + data.read_bytes())
    digest.update(repr(SETTINGS).encode())  # thresholds set from the environment
    return int(digest.hexdigest()[:7], 16)


def claimant_name(claim: Claim, outlet: str | None = None) -> str:
    """Who asserts the figure: the innermost named source, else the report's outlet."""
    chain = claim.attribution.named_chain()
    if chain and chain[-1].kind.value != "narrator":
        return chain[-1].name
    return outlet or "the report"


def headline_figure(incident: Incident, outcome: Outcome = Outcome.KILLED) -> Figure | None:
    """The figure for everyone ('all') with this outcome, else the widest group's largest one: what
    the incident lists show, sort and filter by."""
    figures = [f for f in incident.figures if f.outcome == outcome]
    if not figures:
        return None
    for f in figures:
        if f.group == "all":
            return f
    depth = min(f.group.count(":") for f in figures)
    top = [f for f in figures if f.group.count(":") == depth]
    return max(top, key=lambda f: max(v for v in (f.high, f.best, f.low, -1) if v is not None))


def summary(inc: Incident) -> dict[str, Any]:
    """The incident-row columns of a reconciled incident."""
    row: dict[str, Any] = dict.fromkeys(FIGURE_COLUMNS)
    for outcome in OUTCOMES:
        f = headline_figure(inc, outcome)
        for b in BOUNDS:
            row[f"{outcome.value}_{b}"] = getattr(f, b) if f else None
    reported = [p.reported for p in inc.timeline if p.reported is not None]
    row["disputed"] = int(bool(inc.flags))
    row["n_claimants"] = inc.claimants
    row["first_reported"] = min(reported, default=None)
    row["last_reported"] = max(reported, default=None)
    row["reconciled"] = {
        "figures": to_dict(inc.figures),
        "flags": list(inc.flags),
        "claimants": inc.claimants,
    }
    row["brief"] = brief(row["reconciled"])
    row["timeline"] = to_dict(inc.timeline)
    return row


def brief(stored: dict[str, Any]) -> dict[str, Any]:
    """What the incident lists show of a stored reconciliation: each figure without its reasons and
    claim ids, the flags, the number of claimants. Stored beside it (``incidents.brief``), a tenth of
    its size, so that a list page decodes no reasons."""
    return {
        "figures": [{k: f.get(k) for k in BRIEF_FIELDS} for f in stored.get("figures", [])],
        "flags": list(stored.get("flags", [])),
        "claimants": stored.get("claimants", 0),
    }


def reconciled(conn: Connection, found: Sequence[Incident]) -> list[Incident]:
    """``found`` reconciled from their stored claims. ``reconcile`` also reads each of their reports
    whole (every claim of the report, whatever its incident, and its text: a report's own toll,
    ``reconcile.toll_vote``), so those are loaded too (the texts of the reports whose reading the
    writer keeps are not: they are not read again)."""
    ids = [i.id for i in found]
    rows = []
    for chunk in chunks(ids, 500):
        stmt = select(claims).where(claims.c.incident_id.in_(list(chunk)))
        rows.extend(conn.execute(stmt.order_by(claims.c.doc_id, claims.c.idx)).mappings().all())
    doc_ids = list(dict.fromkeys([*(r["doc_id"] for r in rows), *(d for i in found for d in i.doc_ids)]))
    known = {(r["doc_id"], r["idx"]) for r in rows}
    for chunk in chunks(doc_ids, 500):
        stmt = select(claims).where(claims.c.doc_id.in_(list(chunk)))
        more = conn.execute(stmt.order_by(claims.c.doc_id, claims.c.idx)).mappings().all()
        rows.extend(r for r in more if (r["doc_id"], r["idx"]) not in known)
    reports: dict[str, list[Claim]] = {d: [] for d in doc_ids}
    for c in load_claims(conn, rows):
        reports[c.doc_id].append(c)
    docs = load_documents(conn, doc_ids, with_text=False)  # the text of those not read before only
    docs.update(load_documents(conn, unread(docs, reports)))
    return _reconciled(found, reports, docs)


def _reconciled(
    found: Sequence[Incident], reports: dict[str, list[Claim]], docs: dict[str, Document]
) -> list[Incident]:
    """``found`` reconciled, given every claim of each of their reports (``reports``: doc id → its
    claims) and those reports."""
    by_incident: dict[str, list[Claim]] = {i.id: [] for i in found}
    for doc_id in sorted(reports):  # the claims of an incident in (document, index) order
        of_report = reports[doc_id]
        of_report.sort(key=lambda c: c.index)
        for c in of_report:
            if c.incident_id in by_incident:
                by_incident[c.incident_id].append(c)
    out = []
    for inc in found:
        mine = by_incident[inc.id]
        report_claims = {d: reports[d] for d in dict.fromkeys([*inc.doc_ids, *(c.doc_id for c in mine)])}
        done = reconcile(inc, mine, docs, reports=report_claims)
        outlets = {d: docs[d].outlet if d in docs else None for d in done.doc_ids}
        done.claimants = len({claimant_name(c, outlets.get(c.doc_id)).lower() for c in mine})
        out.append(done)
    return out


@dataclass
class Written:
    """What one write stores, as the store gives it back: its reports (each documents row read back by
    ``store.rows``, not from the database) and all their claims, and the incidents it founded. An
    incident founded by the write has all its reports and claims there, so its figures need no query.
    The claims are those the writer stores, not copies read back from their rows: the store keeps every
    field of a claim and gives back an equal one (tests/test_store.py), and reading 6,500 claims back
    cost the write path a twelfth of its CPU."""

    docs: dict[str, Document] = field(default_factory=dict)
    reports: dict[str, list[Claim]] = field(default_factory=dict)  # doc id → all its claims
    founded: dict[str, Incident] = field(default_factory=dict)

    def add(self, doc_row: dict, found: list[Claim]) -> None:
        """A stored report: its documents row and all its claims, as stored."""
        self.docs[doc_row["id"]] = document_from_row(doc_row)
        self.reports[doc_row["id"]] = list(found)

    def found(self, row: dict, members: list[str]) -> None:
        """An incident the write founded: its incidents row and its reports, in the order they joined."""
        inc = incident_from_row(row)
        inc.doc_ids = list(members)
        inc.claim_ids = [
            c.id for d in members for c in sorted(self.reports.get(d, ()), key=lambda c: c.index)
            if c.incident_id == inc.id
        ]  # fmt: skip
        self.founded[inc.id] = inc

    def reconciled(self, ids: Sequence[str]) -> list[Incident]:
        found = [self.founded[i] for i in ids]
        doc_ids = dict.fromkeys(d for i in found for d in i.doc_ids)
        for claims_ in self.reports.values():  # a claim placed apart in another report's incident
            for c in claims_:
                if c.incident_id in self.founded:
                    doc_ids.setdefault(c.doc_id)
        reports = {d: list(self.reports[d]) for d in doc_ids}
        return _reconciled(found, reports, {d: self.docs[d] for d in doc_ids})


def refresh(conn: Connection, ids: Iterable[str], written: Written | None = None) -> int:
    """Recompute and store the figures of these incidents (inside a write transaction); those that
    ``written`` founded are reconciled from it, without reading their claims back."""
    return _store(conn, summaries(conn, ids, written))


def summaries(conn: Connection, ids: Iterable[str], written: Written | None = None) -> dict[str, dict]:
    """The figure columns (``summary``) of these incidents reconciled anew: those ``written`` founded
    from it (they need not be stored yet), the others from the store."""
    out: dict[str, dict] = {}
    ids = list(dict.fromkeys(ids))
    fresh = [i for i in ids if written is not None and i in written.founded]
    stored = [i for i in ids if written is None or i not in written.founded]
    for chunk in chunks(fresh, 200):
        out.update((inc.id, summary(inc)) for inc in written.reconciled(chunk))
    for chunk in chunks(stored, 200):
        rows = conn.execute(select(incidents).where(incidents.c.id.in_(list(chunk)))).mappings().all()
        out.update((inc.id, summary(inc)) for inc in reconciled(conn, load_incidents(conn, rows)))
    return out


def _store(conn: Connection, done: dict[str, dict]) -> int:
    updates = [{"_id": inc_id, **row} for inc_id, row in done.items()]
    if updates:  # one statement for all of them (executemany)
        conn.execute(incidents.update().where(incidents.c.id == bindparam("_id")), updates)
    return len(updates)


def apply(inc: Incident, stored: dict[str, Any], timeline: list[dict] | None = None) -> Incident:
    """``inc`` with the figures, flags (and timeline, when given) of its stored reconciliation."""
    inc.figures = [from_dict(Figure, f) for f in stored.get("figures", [])]
    inc.flags = list(stored.get("flags", []))
    inc.timeline = [from_dict(TimelinePoint, p) for p in timeline or []]
    inc.claimants = stored.get("claimants", 0)
    return inc


def apply_brief(inc: Incident, stored: dict[str, Any]) -> Incident:
    """``inc`` with the figures (no reasons, no claim ids) and flags of its stored ``brief``."""
    inc.figures = [
        Figure(f["group"], Outcome(f["outcome"]), f["low"], f["best"], f["high"], flags=list(f["flags"]))
        for f in stored.get("figures", [])
    ]
    inc.flags = list(stored.get("flags", []))
    inc.claimants = stored.get("claimants", 0)
    return inc


def fill_briefs(conn: Connection) -> int:
    """Data step of 0007: the brief of every stored reconciliation that has none; how many."""
    done = 0
    while True:
        rows = conn.execute(
            select(incidents.c.id, incidents.c.reconciled)
            .where(incidents.c.brief.is_(None), incidents.c.reconciled.is_not(None))
            .limit(2000)
        ).all()
        if not rows:
            return done
        updates = [{"_id": i, "brief": brief(stored)} for i, stored in rows]
        conn.execute(incidents.update().where(incidents.c.id == bindparam("_id")), updates)
        done += len(updates)


def ensure_current(engine: Engine, progress: Callable[[int, int], None] | None = None) -> int:
    """Recompute every incident's figures when the store's were made by other rules; the number
    recomputed (0 when they are current)."""
    version = rules_version()
    with engine.connect() as conn:
        if read_state(conn, STATE_KEY) == version:
            return 0
    with write_transaction(engine) as conn:
        if read_state(conn, STATE_KEY) == version:  # another process did it meanwhile
            return 0
        ids = list(conn.execute(select(incidents.c.id).order_by(incidents.c.id)).scalars())
        done = 0
        for chunk in chunks(ids, 200):
            done += refresh(conn, chunk)
            if progress:
                progress(done, len(ids))
        set_state(conn, STATE_KEY, version)
        return done


def check(engine: Engine) -> list[str]:
    """The incidents whose stored figures differ from their claims' reconciliation now."""
    differ = []
    with engine.connect() as conn:
        ids = list(conn.execute(select(incidents.c.id).order_by(incidents.c.id)).scalars())
        for chunk in chunks(ids, 200):
            rows = conn.execute(select(incidents).where(incidents.c.id.in_(list(chunk)))).mappings().all()
            stored = {r["id"]: {k: r[k] for k in COLUMNS} for r in rows}
            for inc in reconciled(conn, load_incidents(conn, rows)):
                if _as_stored(summary(inc)) != stored[inc.id]:
                    differ.append(inc.id)
    return differ


def _as_stored(row: dict[str, Any]) -> dict[str, Any]:
    """A summary row as the store gives it back (its JSON through one round trip)."""
    return {**row, **{k: json.loads(json.dumps(row[k])) for k in ("reconciled", "brief", "timeline")}}


__all__ = [
    "COLUMNS",
    "FIGURE_COLUMNS",
    "headline_figure",
    "apply",
    "apply_brief",
    "brief",
    "check",
    "fill_briefs",
    "ensure_current",
    "reconciled",
    "refresh",
    "summaries",
    "rules_version",
    "summary",
]
