"""`tolltrack eval gva SPLIT_DIR`: score tolltrack's killed / injured figures on GVA gold data."""

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
    out: Path | None = typer.Option(None, "--out", help="Write per-report predictions and claims (JSONL)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extractor processes."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON instead of tables."),
    reuse: Path | None = typer.Option(
        None, "--reuse", exists=True, dir_okay=False, help="Take claims from an earlier --out file."
    ),
    no_grouping: bool = typer.Option(False, "--no-grouping", help="Skip the incident grouping score."),
) -> None:
    """Killed / injured exact match, errors, confusion by count bucket, baselines and grouping."""
    from tolltrack.evaluate import evaluate_gva, print_summary

    for name in ("articles.jsonl", "incidents.jsonl"):
        if not (split_dir / name).is_file():
            typer.echo(f"error: {split_dir / name} not found", err=True)
            raise typer.Exit(2)
    summary = evaluate_gva(
        split_dir, limit=limit, workers=workers, out=out, reuse=reuse, grouping=not no_grouping
    )
    if as_json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_summary(summary)
