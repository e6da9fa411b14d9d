"""`tolltrack extract FILE...`: print the claims of reports without storing them."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

app = typer.Typer()


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


CSV_FIELDS = ["doc", "index", "count", "count_kind", "low", "high", "outcome", "victims", "nationality",
              "status", "role", "claimant", "chain", "hedge", "refers_to", "place", "country", "event_date",
              "start", "end", "sentence", "notes"]  # fmt: skip


def _row(doc_name: str, c) -> dict:
    v = c.victims
    return {
        "doc": doc_name, "index": c.index, "count": str(c.count), "count_kind": c.count.kind.value,
        "low": c.count.low, "high": c.count.high, "outcome": c.outcome.value if c.outcome else "",
        "victims": c.victim_text, "nationality": "; ".join(x.nationality or "" for x in v),
        "status": "; ".join(x.status.value for x in v), "role": "; ".join(x.role or "" for x in v),
        "claimant": c.attribution.claimant.name if c.attribution.claimant else "(narrator)",
        "chain": c.attribution.describe(), "hedge": c.hedge or "", "refers_to": c.refers_to,
        "place": c.event.place, "country": c.event.country,
        "event_date": c.event.date.isoformat() if c.event.date else "", "start": c.start, "end": c.end,
        "sentence": c.sentence, "notes": " | ".join(c.notes),
    }  # fmt: skip


def _chain(c) -> str:
    parts = []
    for s in c.attribution.chain:
        bits = [s.name, f"[{s.kind.value}]"]
        if s.cue:
            bits.append(f'"{s.cue}"')
        if s.channel:
            bits.append(f"on {s.channel}")
        parts.append(" ".join(bits))
    return " → ".join(parts) or "(the report itself)"


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="Reports: text, HTML, JSONL or RSS/Atom files, or folders."),
    published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for relative dates."),
    outlet: str | None = typer.Option(None, help="The outlet that published the reports."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
) -> None:
    """Extract casualty claims from reports and print them (nothing is stored)."""
    from tolltrack.extract.document import extract_many
    from tolltrack.ingest.sources import iter_documents
    from tolltrack.model import Document, IngestError

    pub = date.fromisoformat(published) if published else None
    docs: list[Document] = []
    failed = 0
    for item in iter_documents(files, published=pub, outlet=outlet):
        if isinstance(item, IngestError):
            typer.echo(f"error: {item}", err=True)
            failed += 1
        else:
            docs.append(item)
    results = list(extract_many(docs))
    if fmt is Format.json:
        from tolltrack.model import to_dict

        out = [{"document": {k: v for k, v in to_dict(d).items() if k != "text"},
                "claims": [c.to_dict() for c in claims]} for d, claims in results]  # fmt: skip
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt is Format.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS)
        w.writeheader()
        for d, claims in results:
            for c in claims:
                w.writerow(_row(d.source_path or d.id[:12], c))
    else:
        _print_tables(results)
    if failed and not docs:
        raise typer.Exit(1)


def _victims(c) -> str:
    parts = []
    for v in c.victims:
        tags = [
            x for x in (v.nationality, v.status.value if v.status.value != "unknown" else None, v.role) if x
        ]
        parts.append((v.text or v.head) + (f" [{', '.join(tags)}]" if tags else ""))
    return "; ".join(parts)


def _print_tables(results) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 140)
    for d, claims in results:
        title = f"{d.source_path or d.id[:12]} — {len(claims)} claim(s)"
        if d.published:
            title += f", published {d.published}"
        t = Table(title=escape(title), show_lines=True, expand=True)
        for col, ratio in (("#", 1), ("count", 3), ("outcome", 2), ("victims", 6), ("claimant chain", 6),
                           ("hedge", 2), ("event", 3)):  # fmt: skip
            t.add_column(col, ratio=ratio, overflow="fold")
        for c in claims:
            ev = ", ".join(str(x) for x in (c.event.place, c.event.country, c.event.date) if x)
            ref = f" → #{c.refers_to}" if c.refers_to is not None else ""
            t.add_row(
                f"{c.index}{ref}", _count(c.count), c.outcome.value if c.outcome else "—",
                escape(_victims(c)), escape(_chain(c)), escape(c.hedge or ""), escape(ev),
            )  # fmt: skip
        console.print(t)
        for c in claims:
            console.print(f"[bold]#{c.index}[/] [dim][{c.start}:{c.end}][/] {escape(_short(c.sentence))}")
            for n in c.notes:
                console.print(f"    [dim]note:[/] {escape(_short(n))}")
        console.print()


def _count(count) -> str:
    shown, kind = str(count), count.kind.value
    return shown if shown == kind else f"{shown} ({kind})"


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
