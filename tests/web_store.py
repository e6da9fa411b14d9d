"""A store for the web tests: the seed report (published 2026-01-04), the example reports of
examples/raid and examples/other, and the small reports of tests/data/reports."""

from __future__ import annotations

from pathlib import Path

from tolltrack.ledger.api import Ledger

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
REPORTS = ROOT / "tests" / "data" / "reports"


def build_demo_store(url: str, *, small_reports: bool = True) -> Ledger:
    ledger = Ledger(url)
    ledger.ingest([EXAMPLES / "caracas-raid-cuba-32.txt"], published="2026-01-04")
    ledger.ingest([EXAMPLES / "raid", EXAMPLES / "other"])
    if small_reports:
        ledger.ingest(sorted(REPORTS.glob("*.txt")), published="2026-02-02")
    return ledger
