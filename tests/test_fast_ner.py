"""FastNER (the entity recogniser with the cheaper decoder) gives the entities of the component whose
network it reads (method A's copy of the recogniser, computing with numpy's BLAS, or the model's own):
same spans, labels and IOB tags, on batches of documents of different lengths."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Span

from tolltrack.nlp.fast.ner import FastNER
from tolltrack.nlp.pipeline import fast_ner, load, own_pipes

TEXTS = [
    "",
    "Chicago",
    "Police in New York City said John Smith, 34, was shot twice on Tuesday night near Times Square.",
    "Two men died.\n\n  The Red Cross said 14 Yemeni civilians were hurt in Marib\n"
    "on March 3, 2024 at 4:30 p.m.",
    "The U.S. Department of Defense paid $1.2 million, about 40 percent of the cost, to Lockheed Martin.",
    "He said:  \t  Maria Lopez of the Cook County Sheriff's Office",  # white space inside and a trailing name
    "The first victim, a 19-year-old from Dayton, Ohio, was pronounced dead at Miami Valley Hospital.",
    "  Barack Obama  ",
]


def _parsed(texts: list[str]):
    nlp = load()
    return list(nlp.pipe(texts, disable=["ner"]))


def _stock(texts: list[str]):
    """The texts parsed and their entities set by A's copy of the model's recogniser."""
    return list(own_pipes()["ner"].pipe(_parsed(texts)))


def _ents(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents], doc.to_array([ENT_IOB, ENT_TYPE])


def _same(docs, stock):
    for d, s in zip(docs, stock, strict=True):
        assert [t.text for t in d] == [t.text for t in s]
        mine, theirs = _ents(d), _ents(s)
        assert mine[0] == theirs[0]
        assert np.array_equal(mine[1], theirs[1])


def test_entities_equal_the_models_component_in_one_batch():
    ner = fast_ner()
    assert ner is not None
    docs = ner(_parsed(TEXTS))
    _same(docs, _stock(TEXTS))
    assert any(len(d.ents) >= 4 for d in docs)  # the texts do hold entities


def test_on_the_models_own_network_it_gives_the_models_own_entities():
    model_ner = load().get_pipe("ner")
    docs = FastNER(model_ner)(_parsed(TEXTS))
    _same(docs, list(model_ner.pipe(_parsed(TEXTS))))


def test_each_document_alone_gives_the_same_entities_as_in_a_batch():
    ner = fast_ner()
    together = [_ents(d)[0] for d in ner(_parsed(TEXTS))]
    alone = [_ents(ner(_parsed([t]))[0])[0] for t in TEXTS]
    assert together == alone


def test_entities_do_not_cross_a_preset_sentence_start():
    nlp = load()
    doc = nlp.make_doc("They met New York officials")
    doc[3].is_sent_start = True  # "York" starts a sentence: "New York" cannot be one entity
    for tok in doc[1:3]:
        tok.is_sent_start = False
    stock = own_pipes()["ner"](nlp.get_pipe("parser")(nlp.get_pipe("tok2vec")(doc.copy())))
    mine = fast_ner()([nlp.get_pipe("parser")(nlp.get_pipe("tok2vec")(doc.copy()))])[0]
    assert _ents(mine)[0] == _ents(stock)[0]
    assert all(not (e.start <= 2 < 3 < e.end) for e in mine.ents)


def test_preset_entities_are_kept_as_the_component_keeps_them():
    texts = ["Dana Reyes met officials in Springfield on Friday.", "Two men died."]

    def preset():
        docs = _parsed(texts)
        docs[0].set_ents([Span(docs[0], 0, 2, label="ORG")], default="unmodified")  # "Dana Reyes"
        return docs

    mine = fast_ner()(preset())
    stock = list(own_pipes()["ner"].pipe(preset()))
    assert [_ents(d)[0] for d in mine] == [_ents(d)[0] for d in stock]
    assert (0, 2, "ORG") in _ents(mine[0])[0]


def test_empty_documents_do_not_send_the_batch_to_the_component():
    ner = fast_ner()
    texts = ["", TEXTS[2]]
    docs = _parsed(texts)
    calls = []
    real, ner.component = ner.component, None  # any use of the component would fail
    try:
        ner(docs)
    except AttributeError:
        calls.append("component")
    finally:
        ner.component = real
    assert calls == []
    _same(docs, _stock(texts))
    assert docs[1].ents


def test_refuses_a_model_it_cannot_decode():
    class Model:
        attrs = {"unseen_classes": {3}, "has_upper": True}

    class Ner:
        model = Model()

    with pytest.raises(ValueError):
        FastNER(Ner())


_WORDS = st.sampled_from(
    ["Smith", "John", "New", "York", "Police", "said", "on", "Tuesday", "March", "3", ",", ".", "\n",
     "\n\n", "  ", "the", "Red", "Cross", "$", "40", "percent", "Cuban", "two", "men", "killed", "in",
     "Dayton", "Ohio", "at", "4:30", "p.m.", "of", "U.S.", "Army", "first"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=40).map(" ".join), min_size=1, max_size=5))
def test_random_batches_give_the_models_entities(texts):
    _same(fast_ner()(_parsed(texts)), _stock(texts))
