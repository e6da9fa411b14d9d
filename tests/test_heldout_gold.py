"""The hand-annotated claim gold kept in annotations/ (see annotations/README.md): hrd-heldout.jsonl
(held out, never used for rules) and hrd-train.jsonl (for training and rule development). Each reads
through the same gold loader as `tolltrack eval claims`, obeys the gold format of ../shared/hrd/README.md,
and every claim's sentence span lies inside its text in ../shared/hrd/texts, within one paragraph. The
files share no article with each other or with dev-gold.jsonl, and each holds its stated stretch of the
fixed sha1 order of the train/dev articles (held-out: the first ones; train: the ones right after)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tolltrack.eval.claims import load_gold

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "annotations" / "hrd-heldout.jsonl"
TRAIN = ROOT / "annotations" / "hrd-train.jsonl"
FILES = [HELDOUT, TRAIN]
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
by_file = pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def shared_index() -> list[dict]:
    index = HRD / "index.jsonl"
    if not index.is_file():
        pytest.skip(f"{index} is absent: the split and order checks need ../shared/hrd")
    return [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]


def dev_gold_ids() -> set[str]:
    lines = (HRD / "dev-gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"] for line in lines}


@by_file
def test_gold_reads_through_the_gold_loader(path):
    articles = load_gold(path)
    assert len(articles) >= 30
    assert len({a.id for a in articles}) == len(articles)
    assert all(a.kind in KINDS and (a.kind == "none") == (not a.gold) for a in articles)


@by_file
def test_gold_claims_follow_the_gold_format(path):
    for rec in records(path):
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


@by_file
def test_gold_uses_only_train_and_dev_articles_outside_dev_gold(path):
    split = {r["id"]: r["split"] for r in shared_index()}
    dev = dev_gold_ids()
    for rec in records(path):
        assert split[rec["id"]] in {"train", "dev"} and rec["id"] not in dev, rec["id"]


def test_no_article_is_in_two_gold_sets():
    heldout = {r["id"] for r in records(HELDOUT)}
    train = {r["id"] for r in records(TRAIN)}
    assert not heldout & train
    if (HRD / "dev-gold.jsonl").is_file():
        dev = dev_gold_ids()
        assert not dev & heldout and not dev & train


def test_gold_sets_are_consecutive_stretches_of_the_sha1_order():
    index = shared_index()
    dev = dev_gold_ids()
    pool = [r["id"] for r in index if r["split"] in {"train", "dev"} and r["id"] not in dev]
    order = sorted(pool, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    heldout = [r["id"] for r in records(HELDOUT)]
    train = [r["id"] for r in records(TRAIN)]
    assert heldout == order[: len(heldout)]
    assert train == order[len(heldout) : len(heldout) + len(train)]


def test_readme_states_the_stretches_the_files_hold():
    """annotations/README.md names the sha1-order positions of each file; they must match the files."""
    readme = (ROOT / "annotations" / "README.md").read_text(encoding="utf-8")
    n_heldout, n_train = len(records(HELDOUT)), len(records(TRAIN))
    assert f"positions 1-{n_heldout} of that order" in readme
    assert f"**positions {n_heldout + 1}-{n_heldout + n_train}** ({n_train} articles)" in readme


@by_file
def test_gold_spans_are_sentences_of_their_texts(path):
    if not (HRD / "texts").is_dir():
        pytest.skip(f"{HRD / 'texts'} is absent: the span check needs ../shared/hrd")
    for rec in records(path):
        text = (HRD / "texts" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        para_ends = {i for i in range(len(text)) if text.startswith("\n\n", i)}
        para_ends |= {len(text), len(text.rstrip())}  # a text may end with a stray newline
        for c in rec["claims"]:
            s, e = c["start"], c["end"]
            span = text[s:e]
            assert 0 <= s < e <= len(text), (rec["id"], s, e)
            assert span == span.strip() and "\n" not in span, (rec["id"], s, e)
            assert span.rstrip(CLOSE)[-1] in FINAL or e in para_ends, (rec["id"], span[-40:])
