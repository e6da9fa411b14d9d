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
    no_grouping: bool = typer.Option(
        False,
        "--no-grouping",
        help="Do not link reports into incidents: no grouping score, no incident vote, each report alone.",
    ),
    no_selector: bool = typer.Option(False, "--no-selector", help="Rules only: no learned selector."),
    selector: Path | None = typer.Option(
        None, "--selector", exists=True, dir_okay=False, help="Selector weights (default: the shipped ones)."
    ),
    train_selector: Path | None = typer.Option(
        None,
        "--train-selector",
        dir_okay=False,
        help="Fit selector weights on this split's claims (needs --reuse or --out), print the rules-only, "
        "cross-validated and in-sample figures and write the weights here.",
    ),
) -> None:
    """Killed / injured exact match, errors, confusion by count bucket, baselines and grouping."""
    from tolltrack.evaluate import evaluate_gva, print_summary

    for name in ("articles.jsonl", "incidents.jsonl"):
        if not (split_dir / name).is_file():
            typer.echo(f"error: {split_dir / name} not found", err=True)
            raise typer.Exit(2)
    if train_selector and not (reuse or out):
        typer.echo("error: --train-selector needs the claims: give --reuse FILE or --out FILE", err=True)
        raise typer.Exit(2)
    if no_selector and selector:
        typer.echo("error: --no-selector and --selector exclude each other", err=True)
        raise typer.Exit(2)
    if selector:
        from tolltrack.selector import Selector

        try:
            Selector.load(selector)
        except (ValueError, KeyError, json.JSONDecodeError) as e:
            typer.echo(f"error: {selector}: not usable selector weights ({e})", err=True)
            raise typer.Exit(2) from None
    summary = evaluate_gva(
        split_dir,
        limit=limit,
        workers=workers,
        out=out,
        reuse=reuse,
        grouping=not no_grouping,
        selector=False if no_selector else (selector or True),
    )
    if as_json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_summary(summary)
    if train_selector:
        from tolltrack.selector_train import report, train

        result = train(split_dir, reuse or out, train_selector, limit=limit)
        typer.echo(report(result), err=as_json)
        typer.echo(f"selector weights written to {train_selector}", err=as_json)


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
    from tolltrack.evaluate_claims import (
        GoldError,
        evaluate_claims,
        format_details,
        format_summary,
        write_out,
    )

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
