"""The claim evaluation of issue 16 on part of ../shared/hrd/dev-gold.jsonl, and on our own held-out
set (annotations/hrd-heldout.jsonl, no rule tuned on it): claim F1 and claimant agreement must not fall
more than 2 points below the figures recorded here (raise them when the extractor improves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tolltrack.eval.claims import evaluate_claims

HRD = Path(__file__).resolve().parents[1].parent / "shared" / "hrd"
ARTICLES = 25  # the first 25 annotated articles: every report kind but one is among them
RECORDED_F1 = 0.761  # `tolltrack eval claims ../shared/hrd/dev-gold.jsonl ../shared/hrd/texts -n 25`
RECORDED_CLAIMANT = 0.895
HELDOUT = Path(__file__).resolve().parents[1] / "annotations" / "hrd-heldout.jsonl"
HELDOUT_F1 = 0.559  # `tolltrack eval claims annotations/hrd-heldout.jsonl ../shared/hrd/texts` (60 articles)
HELDOUT_CLAIMANT = 0.775


def _evaluate(gold: Path, limit: int | None = None) -> dict:
    if not (HRD / "texts").is_dir():
        pytest.skip(f"{HRD / 'texts'} is absent: the claim evaluation needs ../shared/hrd")
    if not gold.is_file():
        pytest.skip(f"{gold} is absent")
    result, _ = evaluate_claims(gold, HRD / "texts", limit=limit)
    return result


@pytest.fixture(scope="module")
def summary():
    return _evaluate(HRD / "dev-gold.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def heldout():
    return _evaluate(HELDOUT)


def test_claim_f1_holds(summary):
    assert summary["articles"] == ARTICLES and not summary["errors"]
    f1 = summary["rows"]["all"]["f1"]
    assert f1 >= RECORDED_F1 - 0.02, f"claim F1 {f1:.3f} fell below {RECORDED_F1:.3f} - 0.02"


def test_claimant_agreement_holds(summary):
    assert summary["claimant_agreement"] >= RECORDED_CLAIMANT - 0.02


def test_heldout_figures_hold(heldout):
    assert heldout["articles"] == 60 and not heldout["errors"]
    f1 = heldout["rows"]["all"]["f1"]
    assert f1 >= HELDOUT_F1 - 0.02, f"held-out claim F1 {f1:.3f} fell below {HELDOUT_F1:.3f} - 0.02"
    assert heldout["claimant_agreement"] >= HELDOUT_CLAIMANT - 0.02
