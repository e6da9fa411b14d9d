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
# order, so a row of a product would depend on how many rows were multiplied with it. So every
# product by a given weight matrix takes one path whatever the number of rows: a large matrix
# (the tok2vec's, the parser's and recogniser's first layers) in one call of at least SMALL
# multiply-adds (zero rows added when there are few), a small one (the output layers: a parser
# step scores a few hundred states) in calls of exactly CHUNK rows. That keeps the path, not the
# bits: within one call some kernels sum a row in an order that depends on where it falls
# (OpenBLAS's Haswell kernels, which it also picks on AMD Zen 2-4: rows 6-11 of every 12 and the
# last rows of a call otherwise than the rest), so a document's floats can differ in the last bits
# with its batch. Its decisions are what must not: nlp.py accepts the copies only when they decide
# as the model does on a probe (decision_probe.py), and tests/test_decisions.py checks that the tags,
# parses, entities and claims of a corpus are the same whatever the batches and kernels.
SMALL = 1 << 21
NARROW = 1 << 14  # inputs × outputs of a small weight matrix
CHUNK = 64


class GemmOps(NumpyOps):
    """thinc's CPU operations with the matrix product computed by numpy (its BLAS), each row the
    same whatever the batch."""

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        m, k = a.shape
        n = b.shape[1]
        if out is None:
            out = np.empty((m, n), dtype=np.result_type(a, b))
        if k * n < NARROW:
            _in_chunks(a, b, out)
            return out
        rows = -(-SMALL // max(1, k * n))
        if m >= rows:
            np.matmul(a, b, out=out)
        else:
            out[...] = np.matmul(_padded(a, rows), b)[:m]
        return out


def _padded(a: np.ndarray, rows: int) -> np.ndarray:
    padded = np.zeros((rows, a.shape[1]), dtype=a.dtype)
    padded[: len(a)] = a
    return padded


def _in_chunks(a: np.ndarray, b: np.ndarray, out: np.ndarray) -> None:
    m = len(a)
    whole = m - m % CHUNK
    for s in range(0, whole, CHUNK):
        np.matmul(a[s : s + CHUNK], b, out=out[s : s + CHUNK])
    if whole < m:
        out[whole:] = np.matmul(_padded(a[whole:], CHUNK), b)[: m - whole]


@lru_cache(maxsize=1)
def ops() -> GemmOps:
    return GemmOps()


def kernels() -> str:
    """Which BLAS numpy uses and the kernels it picked for this CPU (e.g. "openblas 0.3.31, Haswell
    kernels"; ``OPENBLAS_CORETYPE`` forces other ones)."""
    controller = _controller()
    if controller is None:  # pragma: no cover
        return "?"
    found = [
        f"{i.internal_api} {i.version}, {i.architecture} kernels" if getattr(i, "architecture", None)
        else f"{i.internal_api} {i.version}"
        for i in controller.select(user_api="blas").lib_controllers
    ]  # fmt: skip
    return "; ".join(found) or "?"


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
