"""`tolltrack ingest | incidents | show | export` through the console entry point."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tolltrack.cli.app import app
from tolltrack.ledger.export import ROW_FIELDS, UCDP_FIELDS

DATA = Path(__file__).parent / "data"
runner = CliRunner()


@pytest.fixture
def folder(tmp_path) -> Path:
    """The three Gazipur blast reports, the Leeds report and a file that is not a report."""
    out = tmp_path / "in"
    out.mkdir()
    for p in sorted((DATA / "ledger").glob("*.txt")):
        shutil.copy(p, out / p.name)
    (out / "broken.txt").write_bytes(b"\x00\x01\x02\x03garbage\xff\xfe")
    return out


def _ingest_dated(folder: Path, db: str) -> None:
    """Ingest each report with the publication date its file name starts with."""
    for p in sorted(folder.glob("2026-*.txt")):
        res = runner.invoke(app, ["ingest", str(p), "--db", db, "--published", p.name[:10]])
        assert res.exit_code == 0, res.output


@pytest.fixture
def filled(folder, db_url) -> str:
    _ingest_dated(folder, db_url)
    return db_url


def test_ingest_summary_and_failures(folder, db_url):
    res = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--published", "2026-03-04"])
    assert res.exit_code == 1, res.output  # an input failed: status 1, the good ones stored all the same
    assert re.search(r"documents: 4 new, 0 already known, 1 failed; claims added: [1-9]\d*", res.stdout)
    assert re.search(r"failed: .*broken\.txt: .*binary", res.stderr)
    assert "1 input(s) failed; the others were stored" in res.stderr
    assert "5/5 reports" in res.stderr  # the progress bar counts reports
    assert "created a new store at " in res.stderr
    again = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert again.exit_code == 1 and "created a new store" not in again.stderr
    assert "documents: 0 new, 4 already known, 1 failed; claims added: 0" in again.stdout
    (folder / "broken.txt").unlink()
    clean = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert clean.exit_code == 0, clean.output
    helptext = re.sub(r"[│\s]+", " ", runner.invoke(app, ["ingest", "--help"]).stdout)
    assert "1 when any input failed (the others are stored all the same)" in helptext


def test_a_missing_store_is_created_by_ingest_only(folder, tmp_path):
    path = tmp_path / "mistyped" / "ledgr.db"
    for command in (["incidents"], ["show", "abc"], ["export"], ["forget", "abc"]):
        res = runner.invoke(app, [*command, "--db", str(path)])
        assert res.exit_code == 2, (command, res.output)
        assert f"no store at {path}" in res.stderr
        assert not path.exists()
    first = folder / "2026-03-02-gazipur-blast-first.txt"
    res = runner.invoke(app, ["ingest", str(first), "--db", str(path)])
    assert f"created a new store at {path}" in res.stderr
    res = runner.invoke(app, ["incidents", "--db", str(path)])
    assert res.exit_code == 0 and "created" not in res.stderr


def test_folder_ingest_skips_what_is_not_a_report(folder, tmp_path):
    (folder / "README.md").write_text("Seven people were killed in the examples, a reader said.\n")
    (folder / "LICENSE").write_text("Permission is granted to anyone who was not killed.\n")
    (folder / "notes.md").write_text("Notes: the toll rose to 250, police said.\n")
    (folder / ".draft.txt").write_text("Nine people were killed on Monday, police said.\n")
    (folder / "broken.txt").unlink()
    db = f"sqlite:///{tmp_path / 'skip.db'}"
    res = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert res.exit_code == 0, res.output
    assert "documents: 4 new" in res.stdout
    assert "skipped 4 (not reports: README, LICENSE, hidden, Markdown" in " ".join(res.stderr.split())
    listed = re.sub(r"\s+", "", res.stderr)
    for name in ("README.md", "LICENSE", "notes.md", ".draft.txt"):
        assert re.sub(r"\s+", "", str(folder / name)) in listed
    named = runner.invoke(app, ["ingest", str(folder / "notes.md"), "--db", db])
    assert named.exit_code == 0 and "documents: 1 new" in named.stdout and "skipped" not in named.stderr


def test_jsonl_progress_counts_reports_not_files(tmp_path):
    lines = [json.dumps({"text": p.read_text(), "published": p.name[:10], "url": f"https://example.org/{k}"})
             for k, p in enumerate(sorted((DATA / "ledger").glob("*.txt")))]  # fmt: skip
    feed = tmp_path / "reports.jsonl"
    feed.write_text("\n".join([*lines, "", "{not json"]) + "\n")
    res = runner.invoke(app, ["ingest", str(feed), "--db", f"sqlite:///{tmp_path / 'p.db'}"])
    assert "documents: 4 new, 0 already known, 1 failed" in res.stdout
    assert "5/5 reports" in res.stderr and "1/1" not in res.stderr and "eta" in res.stderr


def test_ingest_exits_1_when_nothing_can_be_read(folder, db_url):
    res = runner.invoke(
        app, ["ingest", str(folder / "broken.txt"), str(folder / "missing.txt"), "--db", db_url]
    )
    assert res.exit_code == 1
    assert "missing.txt: no such file" in res.stderr and "no report could be read" in res.stderr


def test_incidents_table_and_json(filled):
    res = runner.invoke(app, ["incidents", "--db", filled])
    assert res.exit_code == 0, res.output
    rows = [line for line in res.stdout.splitlines() if "Gazipur" in line]
    assert len(rows) == 1 and "disagreement" in rows[0]
    cells = [c.strip() for c in rows[0].split("│")]
    assert cells[5] == "3"  # reports
    out = json.loads(runner.invoke(app, ["incidents", "--db", filled, "--json"]).stdout)
    assert len(out) == 2
    blast = next(i for i in out if i["place"] == "Gazipur")
    assert len(blast["doc_ids"]) == 3 and blast["figures"] and len(blast["claimants"]) >= 3
    low, best, high = (str(x) for x in _killed(blast))
    assert cells[7:10] == [low, best, high]


def _killed(inc: dict) -> tuple:
    f = next(f for f in inc["figures"] if f["group"] == "all" and f["outcome"] == "killed")
    return f["low"], f["best"], f["high"]


def test_show_figures_reasons_flags_timeline(filled):
    out = json.loads(runner.invoke(app, ["incidents", "--db", filled, "--json"]).stdout)
    blast = next(i for i in out if i["place"] == "Gazipur")
    res = runner.invoke(app, ["show", blast["id"][4:12], "--db", filled])
    assert res.exit_code == 0, res.output
    text = res.stdout
    for part in ("Figures", "low:", "best:", "high:", "Flags", "Timeline", "Claims", "Dhaka Tribune"):
        assert part in text, part
    timeline = text[text.index("Timeline") : text.index("Claims")]
    dates = re.findall(r"│ (2026-\d\d-\d\d)", timeline)
    assert len(dates) >= 5 and dates == sorted(dates)
    as_json = json.loads(runner.invoke(app, ["show", blast["id"], "--db", filled, "--json"]).stdout)
    assert as_json["id"] == blast["id"] and len(as_json["claims"]) == len(blast["claim_ids"])
    assert [p["reported"] for p in as_json["timeline"]] == sorted(p["reported"] for p in as_json["timeline"])


def test_show_unknown_or_ambiguous_incident(filled):
    res = runner.invoke(app, ["show", "zzzz", "--db", filled])
    assert res.exit_code == 1 and "no incident" in res.stderr
    res = runner.invoke(app, ["show", "inc-", "--db", filled])
    assert res.exit_code == 1 and "several incidents" in res.stderr


def test_export_csv_rows_per_incident_group_outcome(filled, tmp_path):
    res = runner.invoke(app, ["export", "--format", "csv", "--db", filled])
    assert res.exit_code == 0, res.output
    reader = csv.DictReader(io.StringIO(res.stdout))
    rows = list(reader)
    assert reader.fieldnames == ROW_FIELDS
    incidents = json.loads(runner.invoke(app, ["incidents", "--db", filled, "--json"]).stdout)
    assert len(rows) == sum(len(i["figures"]) for i in incidents)
    keys = {(r["incident_id"], r["group"], r["outcome"]) for r in rows}
    assert len(keys) == len(rows)
    for r in rows:
        nums = [int(r[k]) for k in ("low", "best", "high") if r[k] != ""]
        assert nums == sorted(nums)
        assert r["sources"] and int(r["reports"]) >= 1
    out = tmp_path / "figures.csv"
    res = runner.invoke(app, ["export", "--db", filled, "--out", str(out)])
    assert (
        res.exit_code == 0
        and out.read_text(encoding="utf-8") == runner.invoke(app, ["export", "--db", filled]).stdout
    )


def test_export_json_and_ucdp(filled):
    rows = json.loads(runner.invoke(app, ["export", "-f", "json", "--db", filled]).stdout)
    assert rows and set(rows[0]) == set(ROW_FIELDS) and isinstance(rows[0]["flags"], list)
    res = runner.invoke(app, ["export", "-f", "ucdp", "--db", filled])
    reader = csv.DictReader(io.StringIO(res.stdout))
    ucdp = list(reader)
    assert reader.fieldnames == UCDP_FIELDS
    assert len(ucdp) == 2
    blast = next(r for r in ucdp if r["where_description"] == "Gazipur")
    assert blast["country"] == "Bangladesh" and blast["source_article"] == "3"
    assert int(blast["low"]) <= int(blast["best"]) <= int(blast["high"])


def test_export_loads_into_pandas(filled):
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    frame = pd.read_csv(io.StringIO(runner.invoke(app, ["export", "--db", filled]).stdout))
    assert list(frame.columns) == ROW_FIELDS and len(frame) > 0


def test_ingest_says_how_many_reports_without_claims_were_attached(tmp_path):
    """A follow-up without casualty claims, ingested before its shooting, joins it when the shooting
    arrives; the summary line counts it."""
    from tests.test_ledger import TOLEDO_SHOOTING, TOLEDO_VIGIL

    db = f"sqlite:///{tmp_path / 'a.db'}"
    for doc, name in ((TOLEDO_VIGIL, "vigil.txt"), (TOLEDO_SHOOTING, "shooting.txt")):
        path = tmp_path / name
        path.write_text(doc.text, encoding="utf-8")
        res = runner.invoke(app, ["ingest", str(path), "--db", db, "--published", doc.published.isoformat()])
        assert res.exit_code == 0, res.output
    assert "reports without claims attached: 1" in res.stdout
    first = runner.invoke(app, ["ingest", str(tmp_path / "vigil.txt"), "--db", db])
    assert "attached" not in first.stdout  # known already: nothing new to attach


def test_show_tells_the_figure_a_toll_update_revises(tmp_path):
    report = tmp_path / "update.txt"
    report.write_text(
        "The toll from the landslide near Gao has risen to 45 from 30, officials said on Friday.\n"
    )
    db = f"sqlite:///{tmp_path / 'u.db'}"
    assert runner.invoke(app, ["ingest", str(report), "--db", db, "--published", "2026-02-06"]).exit_code == 0
    (inc,) = json.loads(runner.invoke(app, ["incidents", "--db", db, "--json"]).stdout)
    res = runner.invoke(app, ["show", inc["id"], "--db", db], terminal_width=200)
    assert res.exit_code == 0, res.output
    assert "revises 30" in re.sub(r"[│\s]+", " ", res.stdout)
    as_json = json.loads(runner.invoke(app, ["show", inc["id"], "--db", db, "--json"]).stdout)
    by_value = {c["count"]["value"]: c for c in as_json["claims"]}
    assert by_value[45]["supersedes"] == by_value[30]["index"]
