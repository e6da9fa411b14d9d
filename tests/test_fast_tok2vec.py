"""FastTok2Vec (the tok2vec networks' forward pass in fewer memory passes) gives the token vectors of
the network it reads (method A's copies of the shared tok2vec and of the entity recogniser's own,
computing with numpy's BLAS, and the model's own network with blis), to within a tolerance far below
what moves a decision, on batches of documents of every length; parsing with it gives the
annotations of those copies exactly; the whole parse (method B) keeps the model's own components.
Bits are not compared: they depend on the BLAS kernels the CPU gets."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc
from thinc.api import Linear, chain

from tolltrack.nlp import pipeline as nlpmod
from tolltrack.nlp.fast.tok2vec import TOLERANCE, FastTok2Vec, checked
from tolltrack.nlp.pipeline import fast_ner, fast_tok2vec, load, own_pipes, parse

TEXTS = [
    "",
    "Killed",
    "Two men were shot dead and a teenager was wounded outside a bar in Dayton, Ohio, early Sunday.",
    "  The county coroner's office said:\n\n   the victims, 19 and 23, died at the scene.  ",
    "\t",
    "A spokeswoman for the Maricopa County Sheriff's Office, Sgt. Ana Ruiz, said 4 deputies were hurt "
    "during the 3:15 a.m. raid on Elm St., and one suspect — a 35-year-old man — was killed.",
    "\n\n\n",
]
ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]


def _close(a, b) -> bool:
    return a.shape == b.shape and np.allclose(a, b, rtol=TOLERANCE, atol=TOLERANCE)


def _docs(texts):
    return [load().make_doc(t) for t in texts]


def _shared():
    fast = fast_tok2vec()
    assert fast is not None, "the shared tok2vec has the shape FastTok2Vec computes"
    return fast, own_pipes()["tok2vec"].model


def _ner():
    ner = fast_ner()
    assert isinstance(ner.tok2vec, FastTok2Vec), "the recogniser's tok2vec has the shape it computes"
    return ner.tok2vec, own_pipes()["ner"].model.get_ref("tok2vec")


def _same_shared(docs):
    fast, model = _shared()
    mine, theirs = fast(docs), own_pipes()["tok2vec"].predict(docs)
    assert len(mine) == len(theirs) == len(docs)
    for doc, a, b in zip(docs, mine, theirs, strict=True):
        assert a.shape == b.shape == (len(doc), model.get_dim("nO"))
        assert a.dtype == b.dtype
        assert _close(a, b)


def _same_ner(docs):
    fast, model = _ner()
    mine = fast.predict(docs)
    if not any(len(d) for d in docs):  # FastNER does not call its tok2vec then
        assert mine.shape == (0, model.get_dim("nO"))
        return
    theirs = model.predict(docs)
    assert mine.shape == theirs.shape == (sum(len(d) for d in docs), model.get_dim("nO"))
    assert _close(mine, theirs)


def test_token_vectors_equal_the_models_in_one_batch():
    docs = _docs(TEXTS)
    _same_shared(docs)
    _same_ner(docs)


def test_each_document_alone_and_batches_without_tokens():
    for text in TEXTS:
        _same_shared(_docs([text]))
        _same_ner(_docs([text]))
    _same_shared(_docs(["", ""]))
    _same_ner(_docs(["", ""]))


def test_very_long_documents():
    sentence = "The gunman opened fire, killing 2 people and injuring 11 others, police said.\n"
    docs = _docs([sentence * 400, *TEXTS[:3], sentence * 37])
    assert len(docs[0]) > 6000
    _same_shared(docs)
    _same_ner(docs)


def test_on_the_models_own_network_it_gives_the_models_own_vectors():
    model = load().get_pipe("tok2vec").model
    fast = checked(model, load().vocab)
    assert fast is not None and fast.ops is model.ops
    docs = _docs(TEXTS)
    for a, b in zip(fast(docs), load().get_pipe("tok2vec").predict(docs), strict=True):
        assert _close(a, b)


def test_vectors_do_not_depend_on_the_other_documents_of_the_batch():
    fast, _ = _shared()
    docs = _docs(TEXTS)
    together = fast(docs)
    for doc, vecs in zip(docs, together, strict=True):
        assert _close(fast([doc])[0], vecs)


def test_kept_embedding_rows_give_the_networks_vectors(monkeypatch):
    """The embedding rows are kept per distinct feature tuple: a batch met after others (rows
    reused), a table started again when full, and a batch too large to keep all give the vectors
    of the network itself."""
    import tolltrack.nlp.fast.tok2vec as ft

    _, model = _shared()
    fast = FastTok2Vec(model)
    docs = _docs(TEXTS)
    fast(_docs(["Two men were wounded in Dayton, police said.", TEXTS[5]]))
    kept = len(fast.memo)
    assert kept > 10
    for a, b in zip(fast(docs), model.predict(docs), strict=True):
        assert _close(a, b)
    assert len(fast.memo) > kept  # new words were added, the known ones reused
    monkeypatch.setattr(ft, "MEMO_ROWS", len(fast.memo) + 10)  # full: the table starts again
    batch = docs[2:3]
    for a, b in zip(fast(batch), model.predict(batch), strict=True):
        assert _close(a, b)
    assert len(fast.memo) == len({t.text for t in batch[0]})
    batch = docs  # too large to keep
    for a, b in zip(fast(batch), model.predict(batch), strict=True):
        assert _close(a, b)
    assert len(fast.memo) == len({t.text for t in docs[2]})


def test_parse_gives_the_annotations_and_vectors_of_its_copies_of_the_model(monkeypatch, fresh_pipeline):
    mine, fast = list(parse(TEXTS, batch_size=3)), nlpmod.fast_pipeline()
    for name in ("fast_tok2vec", "fast_ner", "fast_attributes"):
        monkeypatch.setattr(nlpmod, name, lambda: None)
    nlpmod.fast_pipeline.cache_clear()
    stock = list(parse(TEXTS, batch_size=3))
    assert nlpmod.fast_pipeline() is not fast  # built anew, of the copies
    assert any(len(d.ents) >= 2 for d in stock)
    for a, b in zip(mine, stock, strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert _close(a.tensor, b.tensor)
        assert np.array_equal(a.to_array(ANNOTATIONS), b.to_array(ANNOTATIONS))


def test_parse_uses_it_and_the_whole_parse_keeps_the_models_tok2vec(monkeypatch, fresh_pipeline):
    from tolltrack.extract.document import extract_many
    from tolltrack.model import Document

    class Refuse:
        def __call__(self, docs):
            raise RuntimeError("FastTok2Vec used")

    monkeypatch.setattr(nlpmod, "fast_tok2vec", lambda: Refuse())
    nlpmod.fast_pipeline.cache_clear()
    doc = Document(text="Police said two men were killed in a shooting in Dayton on Sunday.")
    with pytest.raises(RuntimeError, match="FastTok2Vec used"):
        list(extract_many([doc]))
    [(_, claims)] = list(extract_many([doc], whole=True))
    assert claims


def test_refuses_a_network_of_another_shape():
    other = chain(Linear(8, 4), Linear(4, 8))
    with pytest.raises(ValueError):
        FastTok2Vec(other)
    assert checked(other, load().vocab) is None


def test_the_check_refuses_a_network_that_computes_other_numbers(monkeypatch, caplog):
    import tolltrack.nlp.fast.tok2vec as ft

    _, model = _shared()
    assert checked(model, load().vocab) is not None
    real = ft._MaxoutNorm.__call__
    # each maxout + layer norm's output off by a thousandth (its outputs are of order one)
    monkeypatch.setattr(ft._MaxoutNorm, "__call__", lambda self, X: real(self, X) + np.float32(1e-3))
    assert checked(model, load().vocab) is None
    nlpmod.fast_tok2vec.cache_clear()
    try:
        assert nlpmod.fast_tok2vec() is None
        assert "FastTok2Vec not used" in caplog.text and "differ from the network's" in caplog.text
    finally:
        monkeypatch.undo()
        nlpmod.fast_tok2vec.cache_clear()
    assert nlpmod.fast_tok2vec() is not None


_WORDS = st.sampled_from(
    ["Smith", "police", "said", "two", "men", "were", "killed", "in", "Dayton", ",", ".", "\n", "\n\n",
     " ", "  ", "\t", "$", "40", "wounded", "St.", "U.S.", "—", "“", "”", "gunshot", "19-year-old", "3:15",
     "ÉCOLE", "naïve", "🙂", "x" * 40]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=50), min_size=1, max_size=6))
def test_random_token_batches_give_the_models_vectors(batch):
    vocab = load().vocab
    docs = [Doc(vocab, words=words) for words in batch]
    _same_shared(docs)
    _same_ner(docs)
