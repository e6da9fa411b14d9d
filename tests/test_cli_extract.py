"""`tolltrack extract` end to end through the console entry point."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from tolltrack.cli.app import app

ROOT = Path(__file__).parents[1]
SEED = ROOT / "examples" / "caracas-raid-cuba-32.txt"
runner = CliRunner()


def test_json_output_holds_documents_and_claims():
    res = runner.invoke(app, ["extract", str(SEED), "--published", "2026-01-04", "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out[0]["document"]["published"] == "2026-01-04"
    claims = out[0]["claims"]
    assert [c["count"]["kind"] for c in claims][:2] == ["exact", "exact"]
    assert claims[0]["attribution"]["chain"][0]["name"] == "Cuba"


def test_csv_output_one_row_per_claim():
    res = runner.invoke(app, ["extract", str(SEED), "--published", "2026-01-04", "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 7
    assert rows[4]["chain"] == "US media → Venezuelan officials" and rows[4]["hedge"] == "suggested"


def test_table_output_and_bad_file_named(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe")
    res = runner.invoke(app, ["extract", str(SEED), str(bad), "--published", "2026-01-04"])
    assert res.exit_code == 0
    assert "7 claim(s)" in res.stdout
    assert "broken.txt" in res.output


def test_every_input_failing_exits_non_zero(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    res = runner.invoke(app, ["extract", str(empty)])
    assert res.exit_code == 1
    assert "empty.txt" in res.output
