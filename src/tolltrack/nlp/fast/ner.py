"""The model's entity recogniser with a cheaper decoder: same weights, same transitions, same entities.

spaCy's entity recogniser is a greedy transition system (BILUO moves) over a tok2vec. Each step
scores the moves from three tokens: the next token in the buffer, and, while an entity is open, the
entity's first token and the token before the buffer. Outside an entity the last two are padding, so
the scores there depend on the token alone and can be computed for every token of a batch in one
matrix product; only the steps inside an entity (about one token in ten) are computed one by one.
spaCy 3.8's own loop spends most of its time checking the validity of all 74 moves at every token
(taking and releasing the interpreter lock each time): on short excerpts the recogniser was 40% of
extraction. The validity rules below are those of ``spacy/pipeline/_parser_internals/ner.pyx`` for a
document without preset entities (the only case in this pipeline): Begin needs a following token in
the same sentence and a non-space token, Unit a non-space token, In a following token in the same
sentence, Last and Out are always allowed where an entity is (Last, In) or is not (Out, Begin, Unit)
open. Arithmetic follows ``spacy/ml/parser_model.pyx`` (features summed in order, bias, maxout,
output layer through the network's own ``gemm``), so the scores are the same sums, in the same order
up to where a BLAS kernel puts a row within a product (the rows of a product here are the batch's
tokens, in spaCy's loop the states of a step: some kernels sum them in other orders by position, so
the last bits can differ). ``tests/test_fast_ner.py`` compares the entities with the model's own
component, and ``nlp.fast_ner`` accepts the decoder only when it decides alike on a probe.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc, Span

BEGIN, IN, LAST, UNIT, OUT = "BILUO"
AHEAD = 6  # steps inside an entity scored together (longer entities continue one step at a time)


class FastNER:
    """Set ``doc.ents`` as the pipeline's ``ner`` component would. A batch in which some document
    already has entity annotations (preset entities constrain the moves) goes to the component."""

    def __init__(self, ner, model=None) -> None:
        """``model``: the component's network or a copy of it (tolltrack's computes with ``GemmOps``)."""
        model = ner.model if model is None else model
        self.component = ner
        if model.attrs.get("unseen_classes") or not model.attrs.get("has_upper", True):
            raise ValueError("unsupported entity model")
        self.tok2vec = model.get_ref("tok2vec")
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        if lower.get_dim("nF") != 3:
            raise ValueError("unsupported feature set")
        self.lower = lower
        self.bias = lower.get_param("b")  # (hidden, pieces)
        self.W, self.b = upper.get_param("W"), upper.get_param("b")  # (moves, hidden), (moves,)
        self.ops = model.ops
        strings = ner.vocab.strings
        moves, labels = [], []
        for name in (ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)):
            move, _, label = name.partition("-")
            moves.append(move)
            labels.append(strings.add(label) if label else 0)
        if set(moves) - set("BILUO") or len(moves) != self.W.shape[0]:
            raise ValueError("unsupported moves")
        self.labels = np.array(labels, dtype="uint64")
        kind = np.array(moves)
        self.is_out = kind == OUT
        labelled = self.labels != 0
        self.begin = (kind == BEGIN) & labelled
        self.unit = (kind == UNIT) & labelled
        # for an open entity of label L: the In and Last moves of L
        self.in_of = {
            int(lab): i for i, (k, lab) in enumerate(zip(moves, labels, strict=True)) if k == IN and lab
        }
        self.last_of = {
            int(lab): i for i, (k, lab) in enumerate(zip(moves, labels, strict=True)) if k == LAST and lab
        }

    def _scores(self, pre: np.ndarray) -> np.ndarray:
        hidden = np.array(pre[..., 0])  # maxout over the pieces (a reduction over the short last
        for p in range(1, pre.shape[-1]):  # axis is ten times slower than elementwise maxima)
            np.maximum(hidden, pre[..., p], out=hidden)
        scores = self.ops.gemm(hidden, self.W, trans2=True)
        scores += self.b
        return scores

    def __call__(self, docs: list[Doc]) -> list[Doc]:
        docs = list(docs)
        if any(len(d) and d.has_annotation("ENT_IOB") for d in docs):  # preset entities: the model's rules
            return list(self.component.pipe(docs))
        full = [d for d in docs if len(d)]
        ents: dict[int, list[Span]] = {id(d): [] for d in docs}
        if full:
            self._decode(full, ents)
        for d in docs:
            d.set_ents(ents[id(d)], default="outside")
        return docs

    def _open_scores(
        self, rows: np.ndarray, begins: list[int], follows: np.ndarray
    ) -> dict[int, tuple[int, int]]:
        """The scores of the first ``AHEAD`` steps inside an entity begun at each of ``begins``, in one
        product (inside an entity the features are the step's token, the entity's first token and the
        token before: they do not depend on the decisions in between). ``self.open_block`` holds them;
        returned: begin → (its first row there, how many steps are ready)."""
        where: dict[int, tuple[int, int]] = {}
        tokens: list[int] = []
        firsts: list[int] = []
        for t in begins:
            j = t + 1
            stop = min(t + AHEAD, len(follows) - 1)
            while j < stop and follows[j]:  # the entity must close at the first token without a follower
                j += 1
            where[t] = (len(tokens), j - t)
            tokens.extend(range(t + 1, j + 1))
            firsts.extend([t] * (j - t))
        if tokens:
            at, first = np.array(tokens), np.array(firsts)
            self.open_block = self._scores(((rows[at, 0] + rows[first, 1]) + rows[at - 1, 2]) + self.bias)
        return where

    def _decode(self, docs: list[Doc], ents: dict[int, list[Span]]) -> None:
        """The entities of the documents (none empty), decoded over the batch's tokens at once."""
        cached = self.lower.predict(self.tok2vec.predict(docs))  # (1 + tokens, 3, hidden, pieces); row 0 pads
        pad, rows = cached[0], cached[1:]
        # outside an entity: features (token, pad, pad)
        scores = self._scores(((rows[:, 0] + pad[1]) + pad[2]) + self.bias)
        lengths = [len(d) for d in docs]
        starts = np.cumsum([0, *lengths[:-1]]).tolist()
        arr = np.concatenate([d.to_array([IS_SPACE, SENT_START]) for d in docs]).astype("int64")
        space = arr[:, 0].astype(bool)
        # a following token in the same sentence (and document)
        follows = np.zeros(len(arr), dtype=bool)
        follows[:-1] = arr[1:, 1] != 1
        follows[np.array(starts[1:], dtype=np.intp) - 1] = False
        valid = np.zeros_like(scores, dtype=bool)
        valid[:, self.is_out] = True
        valid[:, self.begin] = (follows & ~space)[:, None]
        valid[:, self.unit] = (~space)[:, None]
        best = np.where(valid, scores, -np.inf).argmax(axis=1)
        candidates = np.flatnonzero(~self.is_out[best]).tolist()
        opened = self._open_scores(rows, [t for t in candidates if self.begin[best[t]]], follows)
        labels, resume, k = self.labels, 0, 0
        for t in candidates:
            if t < resume:
                continue
            while k + 1 < len(docs) and starts[k + 1] <= t:
                k += 1
            doc, first = docs[k], starts[k]
            move = int(best[t])
            label = int(labels[move])
            if self.unit[move]:
                ents[id(doc)].append(Span(doc, t - first, t - first + 1, label=label))
                resume = t + 1
                continue
            j, i_in, i_last = t + 1, self.in_of[label], self.last_of[label]
            base, ready = opened[t]
            while True:  # inside the entity: features (token, entity start, previous token)
                if j - t <= ready:
                    s = self.open_block[base + j - t - 1]
                else:
                    s = self._scores((((rows[j, 0] + rows[t, 1]) + rows[j - 1, 2]) + self.bias)[None])[0]
                if follows[j] and (s[i_in] > s[i_last] or (s[i_in] == s[i_last] and i_in < i_last)):
                    j += 1
                    continue
                ents[id(doc)].append(Span(doc, t - first, j + 1 - first, label=label))
                resume = j + 1
                break
