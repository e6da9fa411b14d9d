"""`tolltrack eval gva SPLIT_DIR`: score the ledger's own killed / injured figures on GVA gold data."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

app = typer.Typer()
eval_app = typer.Typer(help="Evaluate tolltrack against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("gva")
def gva(
    split_dir: Path = typer.Argument(
        ..., exists=True, file_okay=False, help="A GVA split: folder with articles.jsonl, incidents.jsonl."
    ),
    limit: int | None = typer.Option(None, "--limit", "-n", min=1, help="Only the first N reports."),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Ingest into this store (default: a fresh temporary SQLite store). Reports "
        "already stored are not extracted again, so a second run re-scores quickly.",
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write one row per report (gold, predicted, incident)."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extractor processes."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON instead of tables."),
    cross_validate: int = typer.Option(
        0, "--cross-validate", min=0, help="Also score the ledger with the selector fitted on K-1 of K folds."
    ),
) -> None:
    """Ingest the split into a ledger and score each report by its incident's figures (group all,
    best killed, best injured) beside two baselines, with errors by category and the grouping."""
    from tolltrack.eval.gva import evaluate_gva, print_summary

    for name in ("articles.jsonl", "incidents.jsonl"):
        if not (split_dir / name).is_file():
            typer.echo(f"error: {split_dir / name} not found", err=True)
            raise typer.Exit(2)
    summary = evaluate_gva(split_dir, limit=limit, db=db, workers=workers, out=out, folds=cross_validate)
    if as_json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_summary(summary)


@eval_app.command("claims")
def claims(
    gold: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="Gold claims (JSONL, ../shared/hrd format)."
    ),
    texts_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of <id>.txt articles."),
    show: bool = typer.Option(False, "--show", help="List misses, extras and claimant disagreements."),
    out: Path | None = typer.Option(None, "--out", help="Write per-article predictions and matches (JSONL)."),
    limit: int | None = typer.Option(None, "--limit", "-n", min=1, help="Only the first N articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Claim precision, recall and F1 (overall, by outcome, by report kind) and claimant agreement."""
    from tolltrack.eval.claims import GoldError, evaluate_claims, format_details, format_summary, write_out

    try:
        summary, articles = evaluate_claims(gold, texts_dir, limit=limit)
    except GoldError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if show:
        typer.echo(format_details(articles))
    if as_json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        typer.echo(format_summary(summary))
    if out:
        write_out(articles, out)
