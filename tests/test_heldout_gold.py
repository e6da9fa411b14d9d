"""annotations/hrd-heldout.jsonl (the held-out claim gold, see annotations/README.md) reads through the
same gold loader as `tolltrack eval claims`, and every claim's sentence span lies inside its text in
../shared/hrd/texts, within one paragraph, and obeys the gold format of ../shared/hrd/README.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tolltrack.eval.claims import load_gold

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "annotations" / "hrd-heldout.jsonl"
HRD = ROOT.parent / "shared" / "hrd"
OUTCOMES = {"killed", "injured", "missing", "detained", "casualties"}
KINDS = {"conflict", "protest", "terror", "police", "crime", "execution", "other", "none"}
NUMBERS = {  # count_kind -> which of (low, high) are set
    "exact": (True, True), "about": (True, True), "range": (True, True), "zero": (True, True),
    "at_least": (True, False), "at_most": (False, True), "vague": (False, False),
    "unquantified": (False, False),
}
FINAL = ".!?…"
CLOSE = "\"”’')]»"


def records() -> list[dict]:
    return [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_heldout_reads_through_the_gold_loader():
    articles = load_gold(HELDOUT)
    assert len(articles) >= 30
    assert len({a.id for a in articles}) == len(articles)
    assert all(a.kind in KINDS and (a.kind == "none") == (not a.gold) for a in articles)


def test_heldout_claims_follow_the_gold_format():
    for rec in records():
        starts = [c["start"] for c in rec["claims"]]
        assert starts == sorted(starts), rec["id"]
        for c in rec["claims"]:
            low_set, high_set = NUMBERS[c["count_kind"]]
            assert (c["low"] is not None, c["high"] is not None) == (low_set, high_set), (rec["id"], c)
            assert c["outcome"] in OUTCOMES, (rec["id"], c)
            if c["count_kind"] == "zero":
                assert c["low"] == c["high"] == 0
            if c["claimant"] == "the report itself":
                assert c["via"] == [], (rec["id"], c)
            assert 0 < len(c["victims"]) <= 120, (rec["id"], c["victims"])  # a description, not a quotation


def test_heldout_is_disjoint_from_dev_gold_and_test_split():
    index = HRD / "index.jsonl"
    if not index.is_file():
        pytest.skip(f"{index} is absent: the split check needs ../shared/hrd")
    split = {r["id"]: r["split"] for r in map(json.loads, index.read_text(encoding="utf-8").splitlines())}
    dev_lines = (HRD / "dev-gold.jsonl").read_text(encoding="utf-8").splitlines()
    dev = {json.loads(line)["id"] for line in dev_lines}
    for rec in records():
        assert split[rec["id"]] in {"train", "dev"} and rec["id"] not in dev, rec["id"]


def test_heldout_spans_are_sentences_of_their_texts():
    if not (HRD / "texts").is_dir():
        pytest.skip(f"{HRD / 'texts'} is absent: the span check needs ../shared/hrd")
    for rec in records():
        text = (HRD / "texts" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        para_ends = {i for i in range(len(text)) if text.startswith("\n\n", i)} | {len(text)}
        for c in rec["claims"]:
            s, e = c["start"], c["end"]
            span = text[s:e]
            assert 0 <= s < e <= len(text), (rec["id"], s, e)
            assert span == span.strip() and "\n" not in span, (rec["id"], s, e)
            assert span.rstrip(CLOSE)[-1] in FINAL or e in para_ends, (rec["id"], span[-40:])
