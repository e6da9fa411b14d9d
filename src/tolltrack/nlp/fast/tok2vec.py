"""The forward pass of en_core_web_sm's tok2vec networks with fewer passes over memory: same weights,
same floating-point operations, the same numbers.

Both tok2vec networks of the model (the shared ``tok2vec`` component that the tagger and the parser
listen to, and the entity recogniser's own) are spaCy's ``Tok2Vec.v2``: a ``MultiHashEmbed`` (per
attribute a MurmurHash of the attribute's value with four seeds, the four rows of the attribute's
table added up), a Maxout + LayerNorm mixing the concatenated embeddings, then a ``MaxoutWindowEncoder``
(residual blocks of window concatenation, Maxout and LayerNorm over the batch flattened with padding
rows between documents). thinc runs them as a tree of layers that convert between lists, ragged and
padded arrays at every level. About 60% of their time is the matrix products (blis ``gemm``, near the
core's peak); the rest is thinc's layer calls and its memory passes: the embedding sums written to
one table each and then stacked, the bias added and the maxout taken in two passes, the layer norm
computing its mean twice and its deviation twice.

``FastTok2Vec`` computes the same arrays over the whole batch at once: the embeddings summed into one
preallocated array, the same ``gemm`` of the network's ops on the same operands (the same rows of a
batch in the same order with the same padding, and the weight matrix in thinc's own order: a BLAS's
kernel, and so the order in which it sums, can depend on where a row or column falls in the product;
tolltrack gives the network numpy's BLAS, see ``blas.py``), the maxout as elementwise maxima over
the pieces, and the layer norm with the same numpy reductions in the same order, each computed once.
The embedding layer (hash embeddings, then Maxout + LayerNorm) works row by row, so its output for a
token depends on the token's features alone: it is computed once per distinct feature tuple and kept
(``MEMO_ROWS`` rows; a batch meets mostly words seen before, and the layer was a quarter of the
network's products). Every floating-point operation is the one thinc performs on the same operands
with the same ops, so the results are the network's on any BLAS; ``tests/test_fast_tok2vec.py``
compares them with the network's own forward pass (to a tolerance) and the parses and claims made
from them (exactly).
"""

from __future__ import annotations

import numpy as np
from numpy import intp
from thinc.api import NumpyOps

EMBED = ["extract_features", "list2ragged"]
BLOCK = ["expand_window", "maxout", "layernorm", "dropout"]
MEMO_ROWS = 1 << 16  # distinct feature tuples whose embedding rows are kept (25 MB per network)


def _leaves(model) -> list:
    if not model.layers:
        return [model]
    return [leaf for layer in model.layers for leaf in _leaves(layer)]


class _MaxoutNorm:
    """A Maxout layer followed by a LayerNorm. The product is thinc's own call (the same weight
    matrix, rows in thinc's order): a BLAS sums an output column with kernels chosen by where the
    column falls (OpenBLAS's Haswell kernels, on AMD Zen 3 too, sum the last columns of a product
    in another order), so reordering the weight rows would change the floats."""

    def __init__(self, maxout, norm, ops) -> None:
        n_out, pieces, n_in = maxout.get_dim("nO"), maxout.get_dim("nP"), maxout.get_dim("nI")
        W, b = maxout.get_param("W"), maxout.get_param("b")  # (nO, nP, nI), (nO, nP)
        if W.dtype != np.float32 or W.shape != (n_out, pieces, n_in):
            raise ValueError("unsupported maxout layer")
        self.W = W.reshape(n_out * pieces, n_in)  # as thinc's Maxout multiplies
        self.b = b.reshape(n_out * pieces)
        self.G, self.beta = norm.get_param("G"), norm.get_param("b")
        self.n_out, self.pieces, self.ops = n_out, pieces, ops

    def __call__(self, X: np.ndarray) -> np.ndarray:
        Y = self.ops.gemm(X, self.W, trans2=True)  # thinc's Maxout: gemm, then the bias
        Y += self.b
        by_piece = Y.reshape(len(Y), self.n_out, self.pieces)
        best = np.maximum(by_piece[:, :, 0], by_piece[:, :, 1])
        for p in range(2, self.pieces):
            np.maximum(best, by_piece[:, :, p], out=best)
        return self._norm(best)

    def _norm(self, X: np.ndarray) -> np.ndarray:
        """thinc's LayerNorm: ``(X - mean) * (var + 1e-8) ** -0.5 * G + b``, where numpy's ``mean``
        and ``var`` are a sum divided by the row width (as an ``intp``), and ``var`` sums the squared
        deviation ``X - mean``: here each is computed once and the deviation reused."""
        n = intp(X.shape[1])
        mu = np.add.reduce(X, axis=1, keepdims=True)
        np.true_divide(mu, n, out=mu, casting="unsafe")
        dev = X - mu
        sq = np.square(dev)
        var = np.add.reduce(sq, axis=1, keepdims=True)
        np.true_divide(var, n, out=var, casting="unsafe")
        var += 1e-08
        dev *= var ** (-1.0 / 2.0)
        dev *= self.G
        dev += self.beta
        return dev


class FastTok2Vec:
    """The forward pass of a spaCy ``Tok2Vec.v2`` network (hash embeddings without static vectors,
    maxout window encoder), optionally followed by ``list2array >> linear`` as in the parser and
    entity recogniser's own tok2vec. Raises ValueError for a network of another shape.

    ``__call__(docs)`` returns one array per document (what the tok2vec component's ``predict``
    returns); ``predict(docs)`` returns what the network itself returns (the per-document list, or
    the one array of the network with the linear layer), so that an instance can stand in for it."""

    def __init__(self, model) -> None:
        leaves = _leaves(model)
        names = [leaf.name for leaf in leaves]
        if names[:2] != EMBED or leaves[0].attrs.get("columns") is None:
            raise ValueError("unsupported tok2vec: no feature extractor")
        self.columns = list(leaves[0].attrs["columns"])
        self.ops = model.ops  # thinc's CPU ops (or tolltrack's GemmOps): hash, gather_add, seq2col, gemm
        if not isinstance(self.ops, NumpyOps):
            raise ValueError("unsupported ops")
        i = 2
        self.tables: list[tuple[int, int, int]] = []  # (seed, rows, first row in the stacked table)
        tables = []
        while names[i : i + 2] == ["ints-getitem", "hashembed"]:
            getitem, embed = leaves[i], leaves[i + 1]
            if getitem.attrs.get("index") != (slice(0, None), len(tables)):
                raise ValueError("unsupported embedding column")
            E = embed.get_param("E")
            self.tables.append((int(embed.attrs["seed"]), E.shape[0], sum(len(t) for t in tables)))
            tables.append(E)
            i += 2
        if len(tables) != len(self.columns) or not tables or len({t.shape[1] for t in tables}) != 1:
            raise ValueError("unsupported embedding")
        if names[i : i + 4] != ["maxout", "layernorm", "dropout", "ragged2list"]:
            raise ValueError("unsupported embedding mix")
        self.width = tables[0].shape[1]
        self.stacked = np.ascontiguousarray(np.concatenate(tables), dtype="float32")
        self.mix = _MaxoutNorm(leaves[i], leaves[i + 1], self.ops)
        i += 4
        self.pad = _encoder_pad(model)
        self.window, self.blocks = None, []
        while names[i : i + 4] == BLOCK:
            nW = leaves[i].attrs["window_size"]
            if self.window not in (None, nW):
                raise ValueError("unsupported encoder windows")
            self.window = nW
            self.blocks.append(_MaxoutNorm(leaves[i + 1], leaves[i + 2], self.ops))
            i += 4
        if not self.blocks or self.pad < self.window * len(self.blocks):
            raise ValueError("unsupported encoder")
        self.linear = None
        if names[i:] == ["list2array", "linear"]:
            self.linear = (leaves[i + 1].get_param("W"), leaves[i + 1].get_param("b"))
        elif names[i:]:
            raise ValueError(f"unsupported layers after the encoder: {names[i:]}")
        self.n_out = self.blocks[-1].n_out
        self.memo: dict[bytes, int] = {}
        self.table: np.ndarray | None = None

    def _mixed(self, docs: list) -> np.ndarray:
        """The embedding layer's output (hash embeddings mixed by the Maxout + LayerNorm) of every
        token of the batch. Each row is a function of the token's features alone (row-wise
        operations only), so it is computed once per distinct feature tuple and kept (``memo``:
        the features' bytes -> row of ``table``); a new tuple's row comes from the same operations
        (``_embed``, ``mix``) on the same operands, only in the company of the batch's other new
        tuples. When the table is full it starts again empty."""
        feats = np.concatenate([d.to_array(self.columns).reshape(len(d), -1) for d in docs])
        feats = np.ascontiguousarray(feats, dtype="uint64")
        if len(feats) > MEMO_ROWS // 2:  # a batch that would fill most of the table: not kept
            return self.mix(self._embed(feats))
        keys = feats.view(f"V{feats.shape[1] * 8}").ravel().tolist()
        memo = self.memo
        if len(memo) + len(keys) > MEMO_ROWS:
            memo.clear()
        get = memo.get
        rows = [get(key, -1) for key in keys]
        new: list[int] = []
        for i in [i for i, r in enumerate(rows) if r < 0]:
            r = get(keys[i], -1)
            if r < 0:
                r = memo[keys[i]] = len(memo)
                new.append(i)
            rows[i] = r
        if new:
            first = len(memo) - len(new)
            if self.table is None or len(memo) > len(self.table):
                grown = np.empty((min(MEMO_ROWS, max(2 * len(memo), 4096)), self.mix.n_out), "float32")
                if self.table is not None and first:
                    grown[:first] = self.table[:first]
                self.table = grown
            self.table[first : len(memo)] = self.mix(self._embed(feats[new]))
        return self.table[np.array(rows, dtype=intp)]

    def _embed(self, feats: np.ndarray) -> np.ndarray:
        """The concatenated embeddings of tokens with features ``feats``: thinc's ``gather_add``
        (each row starts at zero and the table rows are added in key order by blis ``axpy``) over
        all tables stacked, so that row ``token * k + c`` of its output, table c's sum for the
        token, is where the concatenation puts it."""
        feats = np.ascontiguousarray(feats)
        n, k = len(feats), len(self.tables)
        keys = np.empty((n, k, 4), dtype="uint32")
        for c, (seed, rows, offset) in enumerate(self.tables):
            np.add(self.ops.hash(np.ascontiguousarray(feats[:, c]), seed) % rows, offset, out=keys[:, c])
        return self.ops.gather_add(self.stacked, keys.reshape(n * k, 4)).reshape(n, k * self.width)

    def _encode(self, docs: list, lengths: list[int]) -> tuple[np.ndarray, list[int]]:
        """The encoder's output over the padded batch, and where each document's rows start."""
        mixed = self._mixed(docs)
        pad = self.pad
        starts, at = [], pad
        for n in lengths:
            starts.append(at)
            at += n + pad
        X = np.zeros((at, mixed.shape[1]), dtype="float32")
        src = 0
        for start, n in zip(starts, lengths, strict=True):
            X[start : start + n] = mixed[src : src + n]
            src += n
        for block in self.blocks:
            X += block(self.ops.seq2col(X, self.window))  # residual: X + Y, the same sums
        return X, starts

    def __call__(self, docs) -> list[np.ndarray]:
        docs = list(docs)
        full = [d for d in docs if len(d)]
        if not full:
            return [np.zeros((0, self.n_out), dtype="float32") for _ in docs]
        X, starts = self._encode(full, [len(d) for d in full])
        out, it = [], iter(starts)
        for d in docs:
            if len(d):
                s = next(it)
                out.append(X[s : s + len(d)])
            else:
                out.append(np.zeros((0, self.n_out), dtype="float32"))
        return out

    def predict(self, docs):
        vecs = self(docs)
        if self.linear is None:
            return vecs
        W, b = self.linear
        full = [v for v in vecs if len(v)]
        if not full:
            return np.zeros((0, W.shape[0]), dtype="float32")
        Y = self.ops.gemm(np.concatenate(full), W, trans2=True)
        Y += b
        return Y


def _encoder_pad(model) -> int:
    pads = [m.attrs["pad"] for m in model.walk() if m.name.startswith("with_array(residual(")]
    if len(pads) != 1:
        raise ValueError("unsupported encoder")
    return int(pads[0])


TOLERANCE = 1e-4  # the vectors are layer-normed (of order 1): a BLAS's order of summation moves ~1e-6
PROBE = [
    "On", "Friday", "evening", " ", "  ", "two", "officers", "of", "the", "Riverside", "police", "said",
    "3", "people", "were", "hurt", "and", "one", "died", ";", "\n", "the", "victim", ",", "aged", "41",
    ",", "was", "taken", "to", "St.", "Mary", "'s", "Hospital", "at", "11:45", "p.m.", "--", "no",
    "arrests", "(", "yet", ")", ".", "\n\n",
]  # fmt: skip


def check(model, vocab) -> FastTok2Vec:
    """A ``FastTok2Vec`` for ``model`` when the network has the supported shape and gives the
    network's own vectors on a probe (a batch of short documents, with an empty one and white-space
    tokens, and a batch with one long document) to within ``TOLERANCE``. It performs the network's
    own floating-point operations, so the vectors are the same floats whatever the BLAS; the check
    compares them with a tolerance all the same (bits are not what the pipeline's decisions rest
    on: ``nlp.py`` probes those). Raises ValueError saying why not."""
    from spacy.tokens import Doc

    fast = FastTok2Vec(model)
    short = [Doc(vocab, words=PROBE[:n]) for n in (9, 0, 1, len(PROBE))]
    long = [Doc(vocab, words=PROBE * 12)]
    for batch in (short, long):
        mine, theirs = fast.predict(batch), model.predict(batch)
        if fast.linear is not None:
            mine, theirs = [mine], [theirs]
        for a, b in zip(mine, theirs, strict=True):
            if a.shape != b.shape or not np.allclose(a, b, rtol=TOLERANCE, atol=TOLERANCE):
                gap = float(np.abs(a - b).max()) if a.shape == b.shape and a.size else a.shape
                raise ValueError(f"its vectors differ from the network's on a probe (by {gap})")
    return fast


def checked(model, vocab) -> FastTok2Vec | None:
    """``check``, or None where it raises: the caller keeps the network."""
    try:
        return check(model, vocab)
    except ValueError:
        return None
