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

MIB = 1024 * 1024
DB_HELP = "Store URL (sqlite:///file.db or postgresql+psycopg://...); default $TOLLTRACK_DB or sqlite:///tolltrack.db"


class Scope(StrEnum):
    incident = "incident"
    other = "other"
    background = "background"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    ucdp = "ucdp"


def _open(db: str | None, create: bool = False):
    """The ledger at ``db``. Only a command that writes (``create``) makes a new store, and says so;
    the others stop with status 2 on a missing SQLite file (a mistyped path)."""
    from tolltrack.ledger.api import Ledger

    try:
        ledger = Ledger(db, create=create)
    except FileNotFoundError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except Exception as exc:
        typer.echo(f"error: cannot open the store {db or '(default)'}: {exc}", err=True)
        raise typer.Exit(2) from exc
    if ledger.created:
        typer.echo(f"created a new store at {ledger.store_name}", err=True)
    return ledger


_FEED_ENTRY = re.compile(rb"<(?:item|entry)[\s>]")


def _reports_in(path: Path) -> int:
    """About how many reports a file holds, read cheaply for the progress bar: the non-blank lines
    of JSON Lines, the items of a feed, else one."""
    try:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if path.suffix.lower() in (".xml", ".rss", ".atom"):
            return max(1, len(_FEED_ENTRY.findall(path.read_bytes()[:50_000_000])))
    except OSError:
        pass
    return 1


def _count_reports(paths: list[Path]) -> int:
    from tolltrack.ingest.sources import not_a_report

    n = 0
    for p in paths:
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = [d for d in dirs if not not_a_report(d)]
                n += sum(_reports_in(Path(root) / f) for f in files if not not_a_report(f))
        else:
            n += _reports_in(p)
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
    max_mb: float | None = typer.Option(
        None, min=0.001, help="Size limit per report (a file, or a JSONL line) in MiB (default 20)."
    ),
    update: bool = typer.Option(
        False,
        "--update",
        help="Store known reports again when --published, --outlet or their own "
        "metadata (title, URL, date) changed: claims extracted anew, incidents relinked.",
    ),
) -> None:
    """Read reports into the ledger: extract claims, link incidents, store (idempotent).

    Folders leave out README*, LICENSE*, hidden files and Markdown (listed as skipped); name such a
    file on the command line to read it. Exit status: 0 when every input was read, 1 when any input
    failed (the others are stored all the same), 2 when the store is unavailable."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from tolltrack.ledger.write import StoreUnavailable

    pub = date.fromisoformat(published) if published else None
    console = Console(stderr=True)
    ledger = _open(db, create=True)
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("reports  {task.description}"), TimeElapsedColumn(), TextColumn("eta"),
               TimeRemainingColumn())  # fmt: skip
    try:
        with Progress(*columns, console=console, transient=False, refresh_per_second=4) as bar:
            task = bar.add_task("", total=_count_reports(paths) or None)

            def progress(summary, item) -> None:
                done = summary.new + summary.known + len(summary.failed)
                status = f"new {summary.new}  known {summary.known}  failed {len(summary.failed)}"
                total = max(bar.tasks[0].total or 0, done)  # the count before reading is an estimate
                bar.update(task, completed=done, total=total, description=status)

            summary = ledger.ingest(
                paths, published=pub, outlet=outlet, workers=workers, scheduler=scheduler, progress=progress,
                batch_size=batch_size, max_bytes=int(max_mb * MIB) if max_mb else None, update=update,
            )  # fmt: skip
            done = summary.new + summary.known + len(summary.failed)
            bar.update(task, completed=done, total=done)
    except StoreUnavailable as exc:
        typer.echo(f"error: {exc}; the reports stored so far are kept, run the command again", err=True)
        raise typer.Exit(2) from exc
    finally:
        ledger.close()
    if summary.skipped:
        typer.echo(
            f"skipped {len(summary.skipped)} (not reports: README, LICENSE, hidden, Markdown; name one "
            f"to read it): {', '.join(summary.skipped)}",
            err=True,
        )
    for err in summary.failed:
        typer.echo(f"failed: {err.source}: {err.reason}", err=True)
    typer.echo(
        f"documents: {summary.new} new, {summary.known} already known, {len(summary.failed)} failed"
        + (f", {len(summary.updated)} updated" if update else "")
        + f"; claims added: {summary.claims_added}; incidents touched: {len(summary.incidents)}"
        + (f"; reports without claims attached: {summary.attached}" if summary.attached else "")
    )
    if summary.new + summary.known + len(summary.updated) == 0:
        typer.echo("error: no report could be read", err=True)
        raise typer.Exit(1)
    if summary.failed:
        typer.echo(f"error: {len(summary.failed)} input(s) failed; the others were stored", err=True)
        raise typer.Exit(1)


@app.command()
def forget(
    reports: list[str] = typer.Argument(..., help="Report ids (or unique prefixes) or URLs."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Remove reports with their claims and incident links; the other reports of their incidents
    are relinked. Each report is removed in one transaction."""
    failed = 0
    with _open(db) as ledger:
        for key in reports:
            try:
                res = ledger.forget(key)
            except KeyError as exc:
                typer.echo(f"error: {exc.args[0]}", err=True)
                failed += 1
                continue
            typer.echo(
                f"forgot {res.forgotten[0]}; relinked {len(res.relinked)} other report(s) into "
                f"{len(res.incidents)} incident(s)"
            )
    if failed:
        raise typer.Exit(1)


def _date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"a date YYYY-MM-DD, not {value!r}", param_hint=name) from None


def _killed(inc) -> tuple[str, str, str]:
    from tolltrack.ledger.export import killed_total

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
    sort: str = typer.Option(
        "date", "--sort", help="date, killed_best, killed_high, injured_best, n_docs, place, country..."
    ),
    ascending: bool = typer.Option(False, "--asc", help="Smallest first (missing values still last)."),
    min_killed: int | None = typer.Option(None, "--min-killed", min=0, help="Best killed at least."),
    since: str | None = typer.Option(None, "--since", help="Incident date on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Incident date on or before (YYYY-MM-DD)."),
    country: str | None = typer.Option(None, "--country", help="Country, whole name (any case)."),
    event_type: str | None = typer.Option(None, "--event-type", help="raid, shooting, air strike..."),
    disputed: bool = typer.Option(False, "--disputed", help="Only incidents whose figures are flagged."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many incidents."),
    unlinked: bool = typer.Option(False, "--unlinked", help="The reports in no incident, with the reason."),
) -> None:
    """List incidents with their low / best / high killed, sorted and filtered in the store."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from tolltrack.ledger.query import INCIDENT_SORTS
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
    if sort not in INCIDENT_SORTS:
        raise typer.BadParameter(f"one of {', '.join(INCIDENT_SORTS)}", param_hint="--sort")
    filters = {
        "min_killed": min_killed, "since": _date_option(since, "--since"),
        "until": _date_option(until, "--until"), "country": country, "event_type": event_type,
        "disputed": True if disputed else None,
    }  # fmt: skip
    filters = {k: v for k, v in filters.items() if v is not None}
    with _open(db) as ledger:
        bundles, _docs = ledger.incidents_with_claims(
            q=q, sort=sort, descending=not ascending, limit=limit, **filters
        )
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
    from .show import print_incident

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
    from tolltrack.ledger.export import render

    with _open(db) as ledger:
        bundles, docs = ledger.incidents_with_claims()
    text = render(fmt.value, bundles, docs)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out} ({len(bundles)} incident(s))", err=True)


@app.command()
def check(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Recompute every incident's figures from its claims, and the keys the linker finds it under,
    and compare them with the stored ones.

    Exit status 1 when any differ (they are listed); the stored figures are written with the claims
    that change them, and recomputed when a ledger opens a store made by other rules."""
    with _open(db) as ledger:
        n = ledger.count_incidents()
        differ = ledger.check()
        keys = ledger.check_keys()
    for inc_id in differ:
        typer.echo(f"differs: {inc_id}")
    for inc_id in keys:
        typer.echo(f"keys differ: {inc_id}")
    typer.echo(f"{n} incident(s) checked; {len(differ)} with stored figures that differ from their claims, "
               f"{len(keys)} with stored linking keys that differ")  # fmt: skip
    if differ or keys:
        raise typer.Exit(1)
