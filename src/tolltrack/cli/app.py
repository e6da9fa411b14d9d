"""The ``tolltrack`` command line. Commands live in the modules beside this one
and are merged in here; heavy dependencies are imported inside commands."""

from __future__ import annotations

import typer

from . import evaluate, extract, ledger, serve

app = typer.Typer(
    help="tolltrack: a source-attributed ledger of casualty claims from news reports.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)

# Each command module defines its own ``app = typer.Typer()`` whose commands are merged at the top
# level (tolltrack ingest, tolltrack serve, ...).
for _module in (extract, ledger, evaluate, serve):
    app.add_typer(_module.app)
