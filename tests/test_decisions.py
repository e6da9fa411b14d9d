"""Method A's fast paths (its copies of the networks on numpy's BLAS, FastTok2Vec, FastNER, the compiled
parser loop, the memoised attribute rules) decide as spaCy's own components do: the same tags, heads,
labels, sentence starts, entities, parts of speech and lemmas of every token, and the same claims, on
the example reports and (when ../shared is there) a sample of GVA reports; and a document's
decisions and claims do not depend on the batch it came in. These hold on any CPU and BLAS kernel
(./scripts/test runs them under several OpenBLAS kernel families); the floats behind them need not."""

from __future__ import annotations

import json
import os
from itertools import islice
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, SENT_START, TAG

from tolltrack.extract import document as extractmod
from tolltrack.ingest.sources import iter_documents
from tolltrack.model import Document
from tolltrack.nlp import pipeline as nlpmod

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TOLLTRACK_SHARED", ROOT.parent / "shared"))
GVA_SAMPLE = 80
DECISIONS = [TAG, POS, LEMMA, HEAD, DEP, SENT_START, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    docs = [d for d in iter_documents([ROOT / "examples"]) if isinstance(d, Document)]
    assert len(docs) >= 10
    path = SHARED / "gva" / "dev" / "articles.jsonl"
    if path.is_file():
        with path.open(encoding="utf-8") as lines:
            docs += [Document(text=json.loads(line)["text"]) for line in islice(lines, GVA_SAMPLE)]
    return docs


def test_the_gva_sample_is_there():
    path = SHARED / "gva" / "dev" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"GVA reports not found at {path} (set TOLLTRACK_SHARED): compared on examples/ only")


def _stock(monkeypatch) -> None:
    """Method A's stages become spaCy's own components (the model as loaded, with its ops)."""
    for name in ("fast_tok2vec", "fast_ner", "fast_parser", "fast_attributes"):
        monkeypatch.setattr(nlpmod, name, lambda: None)
    monkeypatch.setattr(nlpmod, "own_pipes", lambda: {})
    nlpmod.fast_pipeline.cache_clear()  # built anew from the patched stages (fixture fresh_pipeline)


def _decisions(docs: list[Document], batch_size: int = 32) -> list[np.ndarray]:
    """Every token's decisions on the excerpts A parses (what the claim rules read)."""
    nlp = nlpmod.load()
    excerpts = [extractmod._excerpt(nlp, d)[0] for d in docs]
    return [d.to_array(DECISIONS) for d in nlpmod.parse(excerpts, batch_size=batch_size)]


def _claims(docs: list[Document], batch_size: int = 32) -> list[list[dict]]:
    return [[c.to_dict() for c in claims] for _, claims in extractmod.extract_many(docs, batch_size)]


def _differences(mine: list, theirs: list) -> list[int]:
    """The documents whose decisions (arrays) or claims differ."""
    pairs = zip(mine, theirs, strict=True)
    same = [np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b for a, b in pairs]
    return [i for i, ok in enumerate(same) if not ok]


def test_the_fast_paths_are_in_use():
    nlp = nlpmod.load()
    assert all(nlpmod.own_pipes()[n] is not nlp.get_pipe(n) for n in ("tok2vec", "tagger", "parser", "ner"))
    assert nlpmod.fast_tok2vec() is not None and nlpmod.fast_ner() is not None
    assert nlpmod.fast_parser() is not None and nlpmod.fast_attributes() is not None


def test_decisions_and_claims_equal_those_of_spacys_own_components(corpus, monkeypatch, fresh_pipeline):
    decisions, claims = _decisions(corpus), _claims(corpus)
    assert sum(len(c) for c in claims) > len(corpus)  # the reports do hold claims
    _stock(monkeypatch)
    assert _differences(decisions, _decisions(corpus)) == []
    assert _differences(claims, _claims(corpus)) == []


def test_a_documents_decisions_and_claims_do_not_depend_on_its_batch(corpus):
    ordered = corpus[::-1]  # other neighbours as well as other batch sizes
    assert _differences(_decisions(corpus), _decisions(ordered, 7)[::-1]) == []
    alone = [_claims([d], 1)[0] for d in corpus[:30]]
    assert _differences(_claims(corpus[:30]), alone) == []
    assert _differences(_claims(corpus), _claims(ordered, 5)[::-1]) == []


class _Nudged:
    """FastTok2Vec with every vector moved by a few hundredths: a wrong weight or a broken kernel."""

    def __init__(self, real) -> None:
        self.real = real

    def __call__(self, docs):
        rng = np.random.default_rng(0)
        return [v + rng.normal(0, 0.05, v.shape).astype(v.dtype) for v in self.real(docs)]


def test_the_comparison_and_the_probe_see_a_nudged_network(corpus, monkeypatch, caplog, fresh_pipeline):
    reference = _decisions(corpus)
    nudged = _Nudged(nlpmod.fast_tok2vec())
    monkeypatch.setattr(nlpmod, "fast_tok2vec", lambda: nudged)
    nlpmod.fast_pipeline.cache_clear()
    assert _differences(reference, _decisions(corpus))
    stage = lambda docs: nlpmod._set_tensors(nudged, docs)  # noqa: E731
    assert not nlpmod._accepted("the nudged tok2vec", "tok2vec", stage, "the copy")
    [warning] = [r for r in caplog.records if "nudged" in r.getMessage()]
    assert "decided the" in warning.getMessage() and "differently on a probe" in warning.getMessage()


def test_a_fast_path_that_decides_otherwise_falls_back_with_one_warning(monkeypatch, caplog):
    import tolltrack.nlp.fast.greedy_parser as compiled

    class Wrong(compiled.GreedyParser):
        def __call__(self, docs):
            docs = super().__call__(docs)
            for doc in docs:  # every first token's label changed
                if len(doc):
                    doc[0].dep_ = "det" if doc[0].dep_ != "det" else "nsubj"
            return docs

    monkeypatch.setattr(compiled, "GreedyParser", Wrong)
    nlpmod.fast_parser.cache_clear()
    try:
        assert nlpmod.fast_parser() is None
        assert nlpmod.fast_parser() is None  # cached: one warning
        found = [r.getMessage() for r in caplog.records if "compiled parser loop" in r.getMessage()]
        assert len(found) == 1 and "differently on a probe" in found[0], found
        assert dict(nlpmod.stages())["parser"] is not None
    finally:
        monkeypatch.undo()
        nlpmod.fast_parser.cache_clear()
    assert nlpmod.fast_parser() is not None


def test_copies_that_decide_otherwise_give_way_to_the_models_components(monkeypatch, caplog):
    from tolltrack.nlp.fast import blas

    class Noisy(blas.GemmOps):
        """numpy's BLAS with every product off by noise of 0.5: a broken kernel."""

        def gemm(self, x, y, out=None, trans1=False, trans2=False):
            res = super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
            res += np.random.default_rng(1).normal(0, 0.5, res.shape).astype(res.dtype)
            return res

    monkeypatch.setattr(blas, "ops", lambda: Noisy())
    pipes = nlpmod.own_pipes.__wrapped__()  # built afresh, the cached copies untouched
    nlp = nlpmod.load()
    assert pipes and all(pipe is nlp.get_pipe(name) for name, pipe in pipes.items())
    [warning] = [r.getMessage() for r in caplog.records if "numpy's BLAS" in r.getMessage()]
    assert "differently from the model's" in warning and "kernels" in warning
