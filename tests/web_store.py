"""A demo store for the web tests: the seed report and the example reports of examples/."""

from __future__ import annotations

from pathlib import Path

from tolltrack.ledger import Ledger

EXAMPLES = Path(__file__).parents[1] / "examples"


def build_demo_store(url: str) -> Ledger:
    ledger = Ledger(url)
    ledger.ingest([EXAMPLES / "caracas-raid-cuba-32.txt"], published="2026-01-04")
    ledger.ingest([EXAMPLES / "raid", EXAMPLES / "other"])
    return ledger
