"""The claim evaluation of issue 16 on part of ../shared/hrd/dev-gold.jsonl: claim F1 must not fall more
than 2 points below the figure recorded here (raise RECORDED_F1 when the extractor improves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tolltrack.eval.claims import evaluate_claims

HRD = Path(__file__).resolve().parents[1].parent / "shared" / "hrd"
ARTICLES = 25  # the first 25 annotated articles: every report kind but one is among them
RECORDED_F1 = 0.740  # `tolltrack eval claims ../shared/hrd/dev-gold.jsonl ../shared/hrd/texts -n 25`
RECORDED_CLAIMANT = 0.874  # 0.880 on main at 789619b: two claims found since go to another claimant


@pytest.fixture(scope="module")
def summary():
    gold = HRD / "dev-gold.jsonl"
    if not gold.is_file() or not (HRD / "texts").is_dir():
        pytest.skip(f"{gold} (or its texts/) is absent: the claim evaluation needs ../shared/hrd")
    result, _ = evaluate_claims(gold, HRD / "texts", limit=ARTICLES)
    return result


def test_claim_f1_holds(summary):
    assert summary["articles"] == ARTICLES and not summary["errors"]
    f1 = summary["rows"]["all"]["f1"]
    assert f1 >= RECORDED_F1 - 0.02, f"claim F1 {f1:.3f} fell below {RECORDED_F1:.3f} - 0.02"


def test_claimant_agreement_holds(summary):
    assert summary["claimant_agreement"] >= RECORDED_CLAIMANT - 0.02
