"""benchmarks/ledger_copies.py, which fills the scale benchmark's store with copies of its stored rows:
a copy is a store the writer could have made (``tolltrack check`` finds no figures or linking keys to
recompute), with ids of its own, later dates, and pages that read as the base's do; on SQLite and
PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tolltrack.ledger.api import Ledger

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from ledger_copies import code, fill  # noqa: E402


@pytest.mark.timeout(300)
def test_copies_of_the_stored_rows_are_a_store_the_writer_could_have_made(db_url):
    with Ledger(db_url) as ledger:
        ledger.ingest([ROOT / "examples" / "raid", ROOT / "examples" / "pemba"])
        base = ledger.stats()
        before = {i.id: i for i in ledger.incidents()}
        have = fill(ledger.engine, 3 * base["documents"], say=lambda _: None)
        after = ledger.stats()
        assert have == after["documents"] == 3 * base["documents"]
        assert after["claims"] == 3 * base["claims"] and after["incidents"] == 3 * base["incidents"]
        assert ledger.check() == []  # every copy's stored figures are what its claims give
        assert ledger.check_keys() == []  # and its linking keys what the linker computes for it

        copies = [i for i in ledger.incidents() if i.id not in before]
        assert {i.id[4:7] for i in copies} == {code(1), code(2)}
        for inc in copies:
            orig = next(i for b, i in before.items() if b[4:13] == inc.id[7:16])
            shift = inc.date - orig.date if inc.date else None
            assert shift is None or shift.days > 0
            assert [(f.group, f.outcome, f.low, f.best, f.high) for f in inc.figures] == [
                (f.group, f.outcome, f.low, f.best, f.high) for f in orig.figures
            ]
            page = ledger.incident_with_claims(inc.id)
            assert page is not None
            _, found, docs = page
            assert found and all(c.incident_id == inc.id and c.doc_id in docs for c in found)
            assert set(inc.claim_ids) <= {c.id for c in found}
