"""Method A's networks compute their matrix products with numpy's BLAS on one thread; the model's own
components keep thinc's ops (blis), so the whole parse (method B) is spaCy as shipped."""

from __future__ import annotations

import numpy as np
import pytest
from thinc.api import NumpyOps

from tolltrack.nlp.fast import blas
from tolltrack.nlp.pipeline import load, own_pipes


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_gemm_is_the_matrix_product_thinc_computes(trans1, trans2):
    rng = np.random.default_rng(7)
    a = rng.standard_normal((5, 7) if not trans1 else (7, 5), dtype=np.float32)
    b = rng.standard_normal((7, 3) if not trans2 else (3, 7), dtype=np.float32)
    mine = blas.ops().gemm(a, b, trans1=trans1, trans2=trans2)
    theirs = NumpyOps().gemm(a, b, trans1=trans1, trans2=trans2)
    assert mine.shape == theirs.shape == (5, 3) and mine.dtype == np.float32
    assert np.allclose(mine, theirs, rtol=1e-5, atol=1e-5)
    out = np.zeros((5, 3), dtype=np.float32)
    assert blas.ops().gemm(a, b, out=out, trans1=trans1, trans2=trans2) is out
    assert np.array_equal(out, mine)


def test_as_numpy_ops_it_keeps_thincs_other_operations():
    X = np.arange(12, dtype=np.float32).reshape(4, 3)
    assert np.array_equal(blas.ops().seq2col(X, 1), NumpyOps().seq2col(X, 1))


def test_the_copies_compute_with_it_and_the_model_keeps_its_ops():
    nlp = load()
    for name, pipe in own_pipes().items():
        assert pipe is not nlp.get_pipe(name)
        assert pipe.vocab is nlp.vocab
        assert all(isinstance(node.ops, blas.GemmOps) for node in pipe.model.walk())
        assert not any(isinstance(node.ops, blas.GemmOps) for node in nlp.get_pipe(name).model.walk())
    assert {"tagger", "parser", "ner", "tok2vec"} <= set(own_pipes())


def test_one_thread_caps_the_blas_and_lifts_the_cap_after():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    before = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    with blas.one_thread():
        inside = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    after = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert inside and set(inside) == {1}
    assert after == before


def _products(model):
    """Every weight matrix A multiplies by, as gemm sees it: (outputs, inputs), used with trans2."""
    for node in model.walk():
        if node.has_param("W") and node.get_param("W").ndim >= 2:
            W = node.get_param("W")
            n_in = W.shape[-1]
            yield W.reshape(-1, n_in)


def test_a_row_of_a_product_does_not_depend_on_the_rows_beside_it():
    """The vectors of a document must not depend on its batch beyond the last bits (some kernels sum
    a row in an order set by where it falls in the product; its decisions are checked whole in
    tests/test_decisions.py): every weight matrix of A's networks, with one row, a few rows and
    many, at several offsets, the same row within a tolerance a hundred times the float error."""
    rng = np.random.default_rng(3)
    ops = blas.ops()
    shapes = {W.shape: W for pipe in own_pipes().values() for W in _products(pipe.model)}
    assert len(shapes) >= 4
    for W in shapes.values():
        X = rng.standard_normal((700, W.shape[1]), dtype=np.float32)
        full = ops.gemm(X, W, trans2=True)
        exact = X.astype(np.float64) @ W.T.astype(np.float64)
        scale = np.abs(X).astype(np.float64) @ np.abs(W.T).astype(np.float64)  # bounds the rounding
        assert np.all(np.abs(full - exact) <= 1e-5 * scale)
        for start, stop in [(0, 1), (5, 6), (0, 3), (2, 19), (40, 80), (100, 357), (0, 700)]:
            part = ops.gemm(X[start:stop], W, trans2=True)
            gap = np.abs(part - full[start:stop])
            assert np.all(gap <= 1e-5 * scale[start:stop]), (W.shape, stop - start)


def test_the_check_on_rows_fails_when_a_row_changes():
    """The tolerance above is tight enough to see one weight of 96 off by a hundredth."""
    rng = np.random.default_rng(5)
    X = rng.standard_normal((9, 96), dtype=np.float32)
    W = rng.standard_normal((50, 96), dtype=np.float32)
    V = W.copy()
    V[3, 7] *= np.float32(1.01)
    scale = np.abs(X).astype(np.float64) @ np.abs(W.T).astype(np.float64)
    gap = np.abs(blas.ops().gemm(X, W, trans2=True) - blas.ops().gemm(X, V, trans2=True))
    assert np.any(gap > 1e-5 * scale)
