"""Matrix products through numpy's BLAS, on one thread.

thinc, under spaCy, computes its matrix products with blis, which picks its kernels by the CPU it
finds at load time. On a CPU its wheel has no kernels for (seen on an AMD EPYC "Zen 4" under KVM:
``BLIS_ARCH_DEBUG=1`` prints "libblis: selecting sub-configuration 'generic'") it falls back to
portable reference kernels: 34 GFLOP/s on the tok2vec's products there, where numpy's OpenBLAS,
which dispatches on the CPU's features, gives 98 on one core. ``GemmOps`` is thinc's ``NumpyOps``
with ``gemm`` done by ``numpy.matmul``; tolltrack's extraction gives it to its own copies of the
networks (``nlp.py``), so the model as spaCy loads it (``extract_many(whole=True)``, method B of the
benchmark) keeps blis. The products are the same sums in another order: the floats differ in the
last bits, and a decision of the tagger, parser or recogniser taken on a near tie can differ
(docs/performance.md measures how often).

Extraction is meant to run one process per core (``tolltrack ingest --workers N``), so the products
run on one thread: ``one_thread()`` caps the BLAS libraries loaded in the process while a batch is
parsed, which also keeps ``time.process_time()`` an honest measure of one core.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache

import numpy as np
from thinc.api import NumpyOps

# OpenBLAS computes small products (one row: gemv; below about a million multiply-adds: the
# "small matrix" kernels of some CPUs) with other kernels than large ones, which sum in another
# order, so a row of a product would depend on how many rows were multiplied with it: a document's
# vectors on the batch it came in. Above these sizes every row is the same sum whatever the rows
# around it (tests/test_blas.py checks it on the model's shapes).
SMALL = 1 << 21


class GemmOps(NumpyOps):
    """thinc's CPU operations with the matrix product computed by numpy (its BLAS); a product of
    few rows is computed with zero rows added, so that each row is the same whatever the batch."""

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        m, k = a.shape
        rows = -(-SMALL // max(1, k * b.shape[1]))
        if m < rows:
            padded = np.zeros((rows, k), dtype=a.dtype)
            padded[:m] = a
            product = np.matmul(padded, b)[:m]
            if out is None:
                return product
            out[...] = product
            return out
        if out is None:
            return np.matmul(a, b)
        np.matmul(a, b, out=out)
        return out


@lru_cache(maxsize=1)
def ops() -> GemmOps:
    return GemmOps()


def use(model, new_ops) -> None:
    """Make every layer of a thinc model compute with ``new_ops``."""
    for node in model.walk():
        node.ops = new_ops


@lru_cache(maxsize=1)
def _controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ThreadpoolController()


def one_thread() -> AbstractContextManager:
    """A context in which the BLAS libraries of the process use one thread."""
    controller = _controller()
    if controller is None:  # pragma: no cover
        return nullcontext()
    return controller.limit(limits=1, user_api="blas")
