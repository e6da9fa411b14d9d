"""The compiled greedy parser loop (greedy_parser.pyx) gives the parses of the component whose network
it reads (method A's copy of the model's parser): same heads, labels and sentence starts, in batches
of documents of different lengths, with sentence starts preset by the line breaks, on the example
reports, on random texts and on 150 GVA reports (when ../shared is there); nlp.fast_parser falls back
to the copy where the extension is missing or does not fit."""

from __future__ import annotations

import json
import os
import sys
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.tokens import Doc

from tolltrack.ingest.sources import iter_documents
from tolltrack.model import Document
from tolltrack.nlp import pipeline as nlpmod
from tolltrack.nlp.fast.greedy_parser import BUILT_FOR_SPACY, GreedyParser

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TEXTS = [
    "",
    " ",
    "Killed.",
    "Cuba says 32 of its citizens died in the raid, Prensa Latina reported, as reported by Al Jazeera.",
    "At least 40 people were killed, US media said, citing Venezuelan officials.\n\nTwo were hurt\n"
    "and a third, a guard who had been shot twice in the leg on Sunday, was taken to hospital.",
    "The minister listed soldiers, civilians and guards but gave no figure; the president said "
    "there was 'a lot of death on the other side' and no US casualties.",
    "He said:  \t  Maria Lopez of the Cook County Sheriff's Office",
]


def _ready(texts: list[str]) -> list[Doc]:
    """The texts through method A's stages before the parser (tensors, tags, line breaks)."""
    docs = [nlpmod.load().make_doc(t) for t in texts]
    for name, stage in nlpmod.stages():
        if name == "parser":
            return docs
        stage(docs)
    raise AssertionError("no parser stage")


def _twins(docs: list[Doc]) -> list[Doc]:
    twins = [Doc(d.vocab).from_bytes(d.to_bytes()) for d in docs]
    for twin, doc in zip(twins, docs, strict=True):
        twin.tensor = doc.tensor
    return twins


def _arcs(docs: list[Doc]) -> list[list[list[int]]]:
    return [d.to_array([HEAD, DEP, SENT_START]).tolist() for d in docs]


def _both(texts: list[str]) -> tuple[list[Doc], list[Doc]]:
    """The texts parsed by the compiled loop, and by the copy of the parser it reads."""
    docs = _ready(texts)
    twins = _twins(docs)
    own = nlpmod.own_pipes()["parser"]
    own.set_annotations(twins, own.predict(twins))
    return nlpmod.fast_parser()(docs), twins


def test_the_extension_is_built_and_used():
    assert nlpmod.fast_parser() is not None, "greedy_parser.pyx was not compiled (see setup.py)"
    assert dict(nlpmod.stages())["parser"] is nlpmod.fast_parser()


def test_parses_equal_the_copys_in_one_batch():
    docs, twins = _both(TEXTS)
    assert _arcs(docs) == _arcs(twins)
    assert any(t.dep_ == "nsubj" for t in docs[3])  # the texts were parsed
    assert [s.text for s in docs[4].sents][1].startswith("Two were hurt")  # preset by the line break


def test_parses_equal_the_copys_on_the_example_reports():
    texts = [d.text for d in iter_documents([EXAMPLES, EXAMPLES / "README.md"]) if isinstance(d, Document)]
    assert len(texts) >= 10
    docs, twins = _both(texts)
    assert _arcs(docs) == _arcs(twins)
    assert sum(len(d) for d in docs) > 2000


def test_a_document_parses_the_same_alone_and_in_a_batch():
    docs, _ = _both(TEXTS)
    for text, doc in zip(TEXTS, docs, strict=True):
        alone, _ = _both([text])
        assert _arcs(alone) == _arcs([doc])


WORDS = st.sampled_from(
    [
        "the",
        "police",
        "said",
        "two",
        "men",
        "were",
        "killed",
        "and",
        "3",
        "injured",
        ",",
        ".",
        "'",
        "Cuba",
        "Al",
        "Jazeera",
        "in",
        "Ohio",
        "on",
        "Sunday",
        "no",
        "casualties",
        "-",
        "(",
        ")",
    ]
)
GAPS = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", ""])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.tuples(WORDS, GAPS), max_size=40), min_size=1, max_size=6))
def test_parses_equal_the_copys_on_any_text(batch):
    texts = ["".join(w + g for w, g in words) for words in batch]
    docs, twins = _both(texts)
    assert _arcs(docs) == _arcs(twins)


def test_falls_back_when_built_for_another_spacy(monkeypatch):
    import tolltrack.nlp.fast.greedy_parser as compiled

    monkeypatch.setattr(compiled, "BUILT_FOR_SPACY", BUILT_FOR_SPACY + ".other")
    nlpmod.fast_parser.cache_clear()
    try:
        assert nlpmod.fast_parser() is None
    finally:
        monkeypatch.undo()
        nlpmod.fast_parser.cache_clear()
    assert nlpmod.fast_parser() is not None


def test_without_the_extension_the_copy_parses(monkeypatch, caplog):
    # the import fails as if the extension had never been built
    monkeypatch.setitem(sys.modules, "tolltrack.nlp.fast.greedy_parser", None)
    nlpmod.fast_parser.cache_clear()
    try:
        assert nlpmod.fast_parser() is None
        assert "compiled parser loop not available" in caplog.text
        docs = _ready(TEXTS)
        twins = _twins(docs)
        dict(nlpmod.stages())["parser"](docs)
    finally:
        monkeypatch.undo()
        nlpmod.fast_parser.cache_clear()
    own = nlpmod.own_pipes()["parser"]
    own.set_annotations(twins, own.predict(twins))
    assert _arcs(docs) == _arcs(twins)


def test_refuses_a_component_that_is_not_an_arc_eager_parser():
    with pytest.raises(ValueError):
        GreedyParser(nlpmod.own_pipes()["ner"])


SHARED = Path(os.environ.get("TOLLTRACK_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def test_parses_equal_the_copys_on_real_reports():
    path = SHARED / "gva" / "dev" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"GVA reports not found at {path} (set TOLLTRACK_SHARED to the shared folder)")
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 150)]
    docs, twins = _both(texts)
    assert _arcs(docs) == _arcs(twins)
