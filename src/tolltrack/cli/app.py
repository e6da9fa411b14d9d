"""The ``tolltrack`` command line. Commands of other stages live in cli_*.py modules
and are merged in here; heavy dependencies are imported inside commands."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    help="tolltrack: a source-attributed ledger of casualty claims from news reports.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)

# Each module below defines its own ``app = typer.Typer()`` whose commands are merged
# at the top level (tolltrack ingest, tolltrack serve, ...).
COMMAND_MODULES = ("cli_extract", "cli_ledger", "cli_eval", "cli_web")

for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f"tolltrack.{_name}")
    except ModuleNotFoundError as exc:  # a stage not built yet
        if exc.name != f"tolltrack.{_name}":
            raise
        continue
    app.add_typer(_mod.app)
