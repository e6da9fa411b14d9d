"""`tolltrack show INCIDENT`: an incident as tables (figures with reasons, flags, timeline, claims)."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tolltrack.model import Claim, Document, Incident

from .extract import chain_text


def _value(v: int | None) -> str:
    return "—" if v is None else str(v)


def print_incident(inc: Incident, claims: list[Claim], docs: Mapping[str, Document | None]) -> None:
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(f"[bold]{escape(inc.label or inc.id)}[/]  [dim]{inc.id}[/]")
    facts = [("date", inc.date), ("place", inc.place), ("country", inc.country), ("event", inc.event_type),
             ("actor", inc.actor), ("target", inc.target), ("reports", len(inc.doc_ids)),
             ("claims", len(claims))]  # fmt: skip
    console.print("  ".join(f"{k}: {escape(str(v))}" for k, v in facts if v not in (None, "")))

    figures = Table(title="Figures (low / best / high) per victim group", show_lines=True, expand=True)
    for col, ratio in (("group", 2), ("outcome", 2), ("low", 1), ("best", 1), ("high", 1), ("reasons", 12)):
        figures.add_column(col, ratio=ratio, overflow="fold")
    for f in inc.figures:
        reasons = "\n".join(
            f"{name}: {escape(r)}"
            for name, r in (("low", f.low_reason), ("best", f.best_reason), ("high", f.high_reason))
            if r  # fmt: skip
        )
        figures.add_row(
            escape(f.group), f.outcome.value, _value(f.low), _value(f.best), _value(f.high), reasons
        )
    console.print(figures)

    if inc.flags:
        console.print("[bold]Flags[/]")
        for flag in inc.flags:
            console.print(f"  [red]![/] {escape(flag)}")

    timeline = Table(title="Timeline (first reported)", expand=True)
    for col in ("reported", "claimant", "outcome", "group", "count"):
        timeline.add_column(col, overflow="fold")
    for p in sorted(inc.timeline, key=lambda p: (p.reported is None, p.reported)):
        timeline.add_row(
            str(p.reported or "undated"), escape(p.claimant), p.outcome.value if p.outcome else "—",
            escape(p.group), escape(str(p.count)),
        )  # fmt: skip
    console.print(timeline)

    about = [c for c in claims if c.scope == "incident"]
    apart = [c for c in claims if c.scope != "incident"]
    _claims_table(console, "Claims", about, docs)
    if apart:
        title = "Claims about another incident or background figures (in no figure)"
        _claims_table(console, title, apart, docs)


def _revised(c: Claim, claims: list[Claim]) -> str:
    """The figure a toll update revises: 'revises 30 (#3)', the older claim of the same report."""
    old = next((o for o in claims if o.doc_id == c.doc_id and o.index == c.supersedes), None)
    return f"{old.count} (#{c.supersedes})" if old is not None else f"#{c.supersedes}"


def _claims_table(console: Console, title: str, claims: list[Claim], docs: Mapping[str, Document | None]):
    table = Table(title=title, show_lines=True, expand=True)
    for col, ratio in (("claim", 2), ("report", 3), ("count", 1), ("outcome", 1), ("victims", 3),
                       ("claimant chain", 5)):  # fmt: skip
        table.add_column(col, ratio=ratio, overflow="fold")
    for c in claims:
        doc = docs.get(c.doc_id)
        report = ", ".join(str(x) for x in (doc.outlet, doc.published) if x) if doc else ""
        hedge = f" (hedge: {c.hedge})" if c.hedge else ""
        hedge += f" [{c.scope}: {c.scope_reason}]" if c.scope != "incident" else ""
        hedge += f" [revises {_revised(c, claims)}]" if c.supersedes is not None else ""
        table.add_row(
            c.id, escape(report or c.doc_id[:12]), escape(str(c.count)),
            c.outcome.value if c.outcome else "—", escape(c.victim_text), escape(chain_text(c) + hedge),
        )  # fmt: skip
    console.print(table)
