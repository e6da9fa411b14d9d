"""`tolltrack ingest | incidents | show | export`: the ledger from the command line."""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

app = typer.Typer()

DB_HELP = "Store URL (sqlite:///file.db or postgresql+psycopg://...); default $TOLLTRACK_DB or sqlite:///tolltrack.db"
_SUFFIX = re.compile(r"(:\d+|:entry \d+|\[\d+\])$")  # 'file.jsonl:12', 'feed.xml:entry 3', 'a.json[0]'


class Scope(StrEnum):
    incident = "incident"
    other = "other"
    background = "background"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    ucdp = "ucdp"


def _open(db: str | None):
    from tolltrack.ledger import Ledger

    try:
        return Ledger(db)
    except Exception as exc:
        typer.echo(f"error: cannot open the store {db or '(default)'}: {exc}", err=True)
        raise typer.Exit(2) from exc


def _count_files(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        if p.is_dir():
            for _root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                n += sum(1 for f in files if not f.startswith("."))
        else:
            n += 1
    return n


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(
        ..., help="Reports: files or folders (text, HTML, JSON/JSONL, RSS/Atom)."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    published: str | None = typer.Option(
        None, help="Publication date (YYYY-MM-DD) for reports that give none."
    ),
    outlet: str | None = typer.Option(None, help="Outlet for reports that name none."),
    workers: int = typer.Option(1, min=1, help="Extract on a local Dask cluster of N worker processes."),
    scheduler: str | None = typer.Option(None, help="Extract on an existing Dask cluster: tcp://host:8786."),
    batch_size: int = typer.Option(32, min=1, help="Reports per write transaction."),
    max_mb: float | None = typer.Option(None, help="Size limit per report in MB (default 20)."),
) -> None:
    """Read reports into the ledger: extract claims, link incidents, store (idempotent)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tolltrack.ledger_write import StoreUnavailable

    pub = date.fromisoformat(published) if published else None
    console = Console(stderr=True)
    ledger = _open(db)
    files_seen: set[str] = set()
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("files  {task.description}"), TimeElapsedColumn())  # fmt: skip
    try:
        with Progress(*columns, console=console, transient=False) as bar:
            task = bar.add_task("", total=_count_files(paths) or None)

            def progress(summary, item) -> None:
                source = getattr(item, "source_path", None) or getattr(item, "source", "") or ""
                files_seen.add(_SUFFIX.sub("", source))
                status = f"new {summary.new}  known {summary.known}  failed {len(summary.failed)}"
                bar.update(task, completed=len(files_seen), description=status)

            summary = ledger.ingest(
                paths, published=pub, outlet=outlet, workers=workers, scheduler=scheduler, progress=progress,
                batch_size=batch_size, max_bytes=int(max_mb * 1_000_000) if max_mb else None,
            )  # fmt: skip
            bar.update(task, completed=bar.tasks[0].total or len(files_seen))
    except StoreUnavailable as exc:
        typer.echo(f"error: {exc}; the reports stored so far are kept, run the command again", err=True)
        raise typer.Exit(2) from exc
    finally:
        ledger.close()
    for err in summary.failed:
        typer.echo(f"failed: {err.source}: {err.reason}", err=True)
    typer.echo(
        f"documents: {summary.new} new, {summary.known} already known, {len(summary.failed)} failed; "
        f"claims added: {summary.claims_added}; incidents touched: {len(summary.incidents)}"
        + (f"; reports without claims attached: {summary.attached}" if summary.attached else "")
    )
    if summary.new + summary.known == 0:
        typer.echo("error: no report could be read", err=True)
        raise typer.Exit(1)


def _killed(inc) -> tuple[str, str, str]:
    from tolltrack.ledger_export import killed_total

    f = killed_total(inc)
    return tuple("" if v is None else str(v) for v in (f.low, f.best, f.high)) if f else ("", "", "")


def _claimants(claims) -> list[str]:
    """Who asserts the incident's figures: the innermost source of each claim's chain."""
    names = {
        c.attribution.claimant.name if c.attribution.claimant else "the report" for c in claims if c.outcome
    }
    return sorted(names)


def _disagrees(inc) -> bool:
    return any("disagreement" in flag for flag in inc.flags)


@app.command()
def incidents(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    q: str | None = typer.Option(
        None, "--q", help="Only incidents whose label, place or country contain this."
    ),
    unlinked: bool = typer.Option(False, "--unlinked", help="The reports in no incident, with the reason."),
) -> None:
    """List incidents with their low / best / high killed."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from tolltrack.model import to_dict

    if unlinked:
        with _open(db) as ledger:
            found = ledger.unlinked()
        if as_json:
            out = [{"id": d.id, "title": d.title, "published": str(d.published or ""), "reason": why}
                   for d, why in found]  # fmt: skip
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        table = Table(title=f"{len(found)} report(s) in no incident")
        for col in ("report", "published", "title", "reason"):
            table.add_column(col, overflow="fold")
        for d, why in found:
            table.add_row(d.id[:12], str(d.published or ""), escape(d.title or ""), escape(why))
        Console(width=None if sys.stdout.isatty() else 140).print(table)
        return
    with _open(db) as ledger:
        bundles, _docs = ledger.incidents_with_claims(q=q)
    if as_json:
        out = [{**to_dict(inc), "claimants": _claimants(claims)} for inc, claims in bundles]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(bundles)} incident(s)")
    for col in ("id", "date", "place", "event", "reports", "claimants", "low", "best", "high", ""):
        table.add_column(
            col, justify="right" if col in ("reports", "claimants", "low", "best", "high") else "left"
        )
    for inc, claims in bundles:
        where = inc.place or inc.country or ""
        if inc.country and inc.place and inc.place != inc.country:
            where = f"{inc.place} ({inc.country})"
        badge = "[bold red]disagreement[/]" if _disagrees(inc) else ""
        table.add_row(
            inc.id[:12], str(inc.date or ""), escape(where), escape(inc.event_type or ""),
            str(len(inc.doc_ids)), str(len(_claimants(claims))), *_killed(inc), badge,
        )  # fmt: skip
    Console(width=None if sys.stdout.isatty() else 140).print(table)


@app.command()
def show(
    incident: str = typer.Argument(..., help="Incident id or a unique prefix of it."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    scope: Scope | None = typer.Option(
        None, "--scope", help="Only claims of this scope: incident, other (another incident), background."
    ),
) -> None:
    """One incident: figures per victim group with reasons, flags, timeline and claims."""
    with _open(db) as ledger:
        ids = ledger.incident_ids(incident)
        if len(ids) != 1:
            why = "no incident" if not ids else f"several incidents ({', '.join(ids[:5])}…)"
            typer.echo(f"error: {why} match {incident!r}", err=True)
            raise typer.Exit(1)
        inc = ledger.incident(ids[0])
        claims = ledger.claims(incident=inc.id, scope=scope.value if scope else None)
        docs = {d: ledger.document(d) for d in inc.doc_ids}
    if as_json:
        from tolltrack.model import to_dict

        typer.echo(
            json.dumps(
                {**to_dict(inc), "claims": [c.to_dict() for c in claims]}, ensure_ascii=False, indent=2
            )
        )
        return
    from tolltrack.cli_ledger_show import print_incident

    print_incident(inc, claims, docs)


@app.command()
def export(
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="csv, json or ucdp."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write to this file instead of standard output."
    ),
) -> None:
    """Export figures: one row per incident, victim group and outcome (ucdp: one row per incident)."""
    from tolltrack.ledger_export import render

    with _open(db) as ledger:
        bundles, docs = ledger.incidents_with_claims()
    text = render(fmt.value, bundles, docs)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out} ({len(bundles)} incident(s))", err=True)
