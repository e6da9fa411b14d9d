"""The GVA evaluation: metrics on hand cases, baselines on an invented mini split, the CLI, and the
acceptance test on the real dev split (skipped when ../shared/gva is absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tolltrack.eval.baselines import surface_counter
from tolltrack.eval.gva import evaluate_gva, load_split
from tolltrack.eval.metrics import bcubed, bucket, confusion, exact_match, mean_abs_error
from tolltrack.model import Document

MINI = Path(__file__).parent / "data" / "gva_mini"
REPO = Path(__file__).parents[1]


def _shared_dev() -> Path:
    root = os.environ.get("TOLLTRACK_SHARED")
    base = Path(root) if root else REPO.parent / "shared"
    return base / "gva" / "dev"


# --------------------------------------------------------------------------- metrics


def test_bcubed_perfect_grouping():
    gold = {"a": 1, "b": 1, "c": 2}
    s = bcubed(gold, {"a": "x", "b": "x", "c": "y"})
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)


def test_bcubed_everything_in_one_cluster():
    s = bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})
    assert s["precision"] == pytest.approx(5 / 9)  # a, b: 2/3 each; c: 1/3
    assert s["recall"] == 1.0
    assert s["f1"] == pytest.approx(2 * (5 / 9) / (5 / 9 + 1))


def test_bcubed_all_singletons():
    s = bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "z"})
    assert s["precision"] == 1.0
    assert s["recall"] == pytest.approx(2 / 3)  # a, b: 1/2 each; c: 1


def test_bcubed_mixed_and_partial_overlap():
    gold = {1: "A", 2: "A", 3: "A", 4: "B", 5: "B"}
    pred = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y", 6: "z"}  # 6 has no gold: ignored
    s = bcubed(gold, pred)
    # precision: 1,2 → 1; 3 → 1/3; 4,5 → 2/3.  recall: 1,2 → 2/3; 3 → 1/3; 4,5 → 1.
    assert s["precision"] == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert s["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert s["items"] == 5


def test_buckets_and_confusion():
    assert [bucket(n) for n in (0, 1, 2, 3, 5, 6, 40)] == ["0", "1", "2", "3–5", "3–5", "6+", "6+"]
    table = confusion([0, 1, 4, 7], [0, 2, 3, 1])
    assert table["0"]["0"] == 1 and table["1"]["2"] == 1 and table["3–5"]["3–5"] == 1
    assert table["6+"]["1"] == 1
    assert sum(sum(r.values()) for r in table.values()) == 4


def test_exact_match_and_mae():
    assert exact_match([1, 2, 3, 0], [1, 2, 0, 0]) == 0.75
    assert mean_abs_error([1, 2, 3, 0], [1, 4, 0, 0]) == pytest.approx(5 / 4)


# --------------------------------------------------------------------------- baselines


def test_surface_counter_reads_numbers_before_keywords():
    assert surface_counter("", "Three people were killed and 12 others wounded.") == (3, 12)
    assert surface_counter("Two dead", "One man died at the scene and two were hurt.") == (2, 2)
    assert surface_counter("", "Police found the car abandoned on Main Street.") == (0, 0)
    assert surface_counter("", "In 2014 killed on duty, the officer was honoured.") == (0, 0)  # a year


def test_baselines_and_ledger_on_mini_split(tmp_path):
    out = tmp_path / "rows.jsonl"
    s = evaluate_gva(MINI, out=out)
    assert s["reports"] == 5 and s["ingest"]["new"] == 5
    const, surf = s["methods"]["constant"], s["methods"]["surface"]
    # gold (killed, injured): (2,3) (2,3) (0,1) (1,0) (1,3)
    assert (const["killed_exact"], const["injured_exact"], const["both_exact"]) == (0.4, 0.2, 0.2)
    # the regex finds (2,3) (2,3) (0,0) (1,1: "no one else was hurt") (0,0: "four shot, one fatally")
    assert (surf["killed_exact"], surf["injured_exact"], surf["both_exact"]) == (0.8, 0.4, 0.4)
    assert surf["killed_mae"] == pytest.approx(1 / 5)
    assert const["injured_confusion"]["3–5"]["0"] == 3
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows][:3] == ["mini-a1", "mini-a2", "mini-b1"]
    assert rows[0]["gold"] == {"killed": 2, "injured": 3}
    # the two reports of one incident are one incident of the ledger, and score its figures
    assert rows[0]["ledger_incident"] == rows[1]["ledger_incident"] is not None
    assert rows[0]["predicted"] == rows[1]["predicted"]
    assert s["grouping"]["items"] == 5


def test_a_second_run_on_the_same_store_extracts_nothing_and_scores_the_same(tmp_path):
    db = f"sqlite:///{tmp_path / 'eval.db'}"
    first = evaluate_gva(MINI, limit=3, db=db)
    again = evaluate_gva(MINI, limit=3, db=db)
    assert again["ingest"]["new"] == 0 and again["ingest"]["known"] == 3
    assert again["methods"]["ledger"] == first["methods"]["ledger"]


def test_load_split_reads_both_files():
    articles, incidents = load_split(MINI)
    assert len(articles) == 5 and set(incidents) == {"900001", "900002", "900003", "900004"}


def test_cli_eval_gva_json(tmp_path):
    from tolltrack.cli.app import app

    res = CliRunner().invoke(app, ["eval", "gva", str(MINI), "--limit", "2", "--json"])
    assert res.exit_code == 0, res.output
    s = json.loads(res.output)
    assert s["reports"] == 2 and set(s["methods"]) == {"ledger", "constant", "surface"}


def test_cli_eval_gva_tables_and_missing_files(tmp_path):
    from tolltrack.cli.app import app

    res = CliRunner().invoke(app, ["eval", "gva", str(MINI), "--limit", "2"])
    assert res.exit_code == 0, res.output
    assert "surface regex counter" in res.output and "gold bucket" in res.output
    assert "grouping" in res.output
    res = CliRunner().invoke(app, ["eval", "gva", str(tmp_path)])
    assert res.exit_code == 2 and "articles.jsonl" in res.output


# --------------------------------------------------------------------------- acceptance


@pytest.mark.slow
def test_tolltrack_beats_both_baselines_on_gva_dev():
    dev = _shared_dev()
    if not (dev / "articles.jsonl").is_file():
        pytest.skip(f"GVA dev split not found at {dev} (set TOLLTRACK_SHARED to the shared folder)")
    from tolltrack.cli.app import app

    res = CliRunner().invoke(app, ["eval", "gva", str(dev), "--limit", "100", "--json"])
    assert res.exit_code == 0, res.output
    s = json.loads(res.stdout)
    assert s["reports"] == 100
    ours = s["methods"]["ledger"]
    for base in ("constant", "surface"):
        theirs = s["methods"][base]
        for key in ("killed_exact", "injured_exact", "both_exact"):
            assert ours[key] > theirs[key], f"{key}: tolltrack {ours[key]:.3f} <= {base} {theirs[key]:.3f}"


def test_title_case_headlines_are_read_in_sentence_case():
    from tolltrack.extract.report import sentence_case

    title = "Elmwood Shooting Leaves 2 Dead, At Least 4 Injured"
    assert sentence_case(title) == "Elmwood shooting leaves 2 dead, at least 4 injured"
    assert sentence_case("2 Girls, 2 Men Shot At Birthday Party In Oakdale") == (
        "2 Girls, 2 men shot at Birthday Party in Oakdale"  # the first word, names and places keep theirs
    )
    assert sentence_case("Man shot in Elmwood") == "Man shot in Elmwood"  # already a sentence


def test_a_headline_s_clauses_are_read_as_sentences_and_stored_after_the_text_s():
    from tolltrack.extract.report import is_headline, report_claims

    doc = Document(id="r1", text="Body.", title="Five dead in Elmwood mall shooting; gunman at large")
    ((_, claims),) = report_claims([doc])
    assert [(c.outcome.value, c.count.value, is_headline(c), c.index) for c in claims] == [
        ("killed", 5, True, 0)
    ]
