"""Do method A's fast paths decide as spaCy's own components do, on this CPU's BLAS kernels?

    OPENBLAS_CORETYPE=Prescott .venv/bin/python benchmarks/decisions.py [--limit 600] [--split DIR]

Parses the excerpts of the first ``--limit`` GVA reports (``../shared/gva/dev``) with A's pipeline
(``nlp.parse``: the copies on numpy's BLAS, FastTok2Vec, FastNER, the compiled parser loop, the
memoised attributes) and with the model's own components stage by stage, and extracts their claims
both ways (``extract.extract_many``); prints the kernels numpy's BLAS picked, the paths A ran, and
how many tokens' decisions (tag, POS, lemma, head, label, sentence start, entity) and reports'
claims differ. tests/test_decisions.py asserts the same on a smaller sample.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import islice
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, SENT_START, TAG  # noqa: E402

from tolltrack.extract import document as extract  # noqa: E402
from tolltrack.model import Document  # noqa: E402
from tolltrack.nlp import pipeline as nlp  # noqa: E402
from tolltrack.nlp.fast import blas  # noqa: E402

DECISIONS = [TAG, POS, LEMMA, HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE]


def run(docs: list[Document]) -> tuple[list[np.ndarray], list[list[dict]], float]:
    """Every excerpt's token decisions and every report's claims, and the CPU seconds it took."""
    t0 = time.process_time()
    model = nlp.load()
    parsed = nlp.parse([extract._excerpt(model, d)[0] for d in docs])
    decisions = [d.to_array(DECISIONS) for d in parsed]
    claims = [[c.to_dict() for c in found] for _, found in extract.extract_many(docs)]
    return decisions, claims, time.process_time() - t0


def stock() -> None:
    """A's stages become the model's own components (as tests/test_decisions.py does)."""
    for name in ("fast_tok2vec", "fast_ner", "fast_parser", "fast_attributes"):
        setattr(nlp, name, lambda: None)
    nlp.own_pipes = lambda: {}
    nlp.fast_pipeline.cache_clear()  # A's pipeline is built anew, of the patched stages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default=str(ROOT.parent / "shared" / "gva" / "dev"))
    ap.add_argument("--limit", type=int, default=600)
    args = ap.parse_args()
    path = Path(args.split) / "articles.jsonl"
    if not path.is_file():
        print(f"skipped: {path} is absent (the GVA reports sit beside the repository)")
        return 0
    with path.open(encoding="utf-8") as lines:
        docs = [Document(text=json.loads(line)["text"]) for line in islice(lines, args.limit)]
    extract.warm_up()
    print(f"BLAS: {blas.kernels()}")
    print("A's paths: " + "; ".join(f"{k}: {v}" for k, v in nlp.fast_paths().items()), flush=True)
    mine, mine_claims, cpu_a = run(docs)
    stock()
    theirs, their_claims, cpu_s = run(docs)
    tokens = sum(len(a) for a in mine)
    differ = sum(int((a != b).any(axis=1).sum()) for a, b in zip(mine, theirs, strict=True))
    reports = sum(a != b for a, b in zip(mine_claims, their_claims, strict=True))
    print(f"{len(docs)} reports, {tokens} tokens parsed, {sum(map(len, mine_claims))} claims "
          f"(A {cpu_a:.1f} CPU s, spaCy's own components {cpu_s:.1f} CPU s)")  # fmt: skip
    print(f"tokens whose decisions differ: {differ}; reports whose claims differ: {reports}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
