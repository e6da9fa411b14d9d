# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# distutils: language = c++
"""The dependency parser's greedy decoding loop, compiled: same weights, same moves, same parses.

spaCy's parser (an arc-eager transition system) scores the moves of every unfinished state in a
batch from eight context tokens, takes the best valid move and repeats. Its compiled loop spends
more than half of its time taking and releasing the interpreter lock: ``Vec.arg_max`` (the maxout
of every hidden unit) and the parse-state methods (``StateC.B``, ``S``, ``push`` ...) as spaCy's
wheel compiled them acquire it on every call. Here the loop is this module's own code, and the
parse states are constructed here, so their methods (virtual C++ methods of ``StateC``, declared
in spaCy's ``_state.pxd``) run as compiled in this module, without the lock.

The arithmetic follows ``spacy/ml/parser_model.pyx`` step for step: the eight precomputed feature
vectors summed in order onto zeros, the bias added, maxout over the pieces, the output layer as one
sum over the hidden units in order per move (what blis's reference kernel computes), its bias
added, unseen moves set to the lowest score. So the scores are the same floating-point numbers and
the parses are identical (``tests/test_greedy_parser.py``). The move validity rules are those of
``spacy/pipeline/_parser_internals/arc_eager.pyx`` (Shift, Reduce, Left-Arc, Right-Arc, Break); the
moves' effects call the same ``StateC`` methods as spaCy's.

The module is built against the spaCy version in its build environment (``TOLLTRACK_SPACY``);
``nlp.fast_parser`` uses it only when the running spaCy is that version and a probe parse agrees
with spaCy's, and otherwise runs spaCy's own loop.
"""

from libc.stdlib cimport calloc, free
from libcpp.vector cimport vector
from spacy.ml.parser_model cimport SizesC, WeightsC, get_c_sizes, get_c_weights
from spacy.pipeline._parser_internals._state cimport StateC
from spacy.pipeline._parser_internals.stateclass cimport StateClass
from spacy.pipeline._parser_internals.transition_system cimport TransitionSystem
from spacy.tokens.doc cimport Doc
from spacy.typedefs cimport attr_t

from thinc.api import set_dropout_rate

cdef extern from *:
    """
    #ifndef TOLLTRACK_SPACY
    #define TOLLTRACK_SPACY "unknown"
    #endif
    """
    const char* TOLLTRACK_SPACY

BUILT_FOR_SPACY = TOLLTRACK_SPACY.decode("ascii")

cdef enum:
    SHIFT = 0
    REDUCE = 1
    LEFT = 2
    RIGHT = 3
    BREAK = 4

KINDS = {"S": SHIFT, "D": REDUCE, "L": LEFT, "R": RIGHT, "B": BREAK}


cdef struct Moves:
    int n
    int* kind     # SHIFT ... BREAK per move
    attr_t* label
    attr_t subtok  # Left/Right-Arc with this label join a token to the previous one only


cdef struct Buffers:
    int* ids
    float* unmaxed
    float* hiddens
    float* scores
    float* w_t     # the output layer's weights, transposed (hidden unit by hidden unit)
    int* is_valid


cdef class GreedyParser:
    """Parse documents as ``parser.predict`` + ``parser.set_annotations`` would, for a greedy
    arc-eager parser component (``ValueError`` for any other)."""

    cdef Moves moves
    cdef readonly object parser

    def __cinit__(self):
        self.moves.kind = NULL
        self.moves.label = NULL

    def __init__(self, parser):
        if parser.cfg.get("beam_width", 1) != 1:
            raise ValueError("beam search parser")
        if not parser.model.attrs.get("has_upper", True):
            raise ValueError("parser without an output layer")
        cdef TransitionSystem moves = parser.moves
        cdef int i, n = moves.n_moves
        names = [moves.get_class_name(i) for i in range(n)]
        if n < 1 or any(name.partition("-")[0] not in KINDS for name in names):
            raise ValueError("not arc-eager moves")
        self.parser = parser
        self.moves.n = n
        self.moves.kind = <int*>calloc(n, sizeof(int))
        self.moves.label = <attr_t*>calloc(n, sizeof(attr_t))
        if not (self.moves.kind and self.moves.label):
            raise MemoryError()
        for i in range(n):
            self.moves.kind[i] = KINDS[names[i].partition("-")[0]]
            self.moves.label[i] = moves.c[i].label
        self.moves.subtok = parser.vocab.strings["subtok"]

    def __dealloc__(self):
        free(self.moves.kind)
        free(self.moves.label)

    def __call__(self, docs):
        """Parse the documents in one batch; returns them."""
        docs = list(docs)
        parser = self.parser
        parser._ensure_labels_are_added(docs)
        set_dropout_rate(parser.model, 0.0)
        cdef vector[StateC*] owned
        cdef vector[StateC*] states
        cdef Doc doc
        cdef StateC* st
        cdef WeightsC weights
        cdef SizesC sizes
        cdef int offset = 0
        try:
            for doc in docs:
                st = new StateC(doc.c, doc.length)
                st.offset = offset
                offset += doc.length
                owned.push_back(st)
                if not st.is_final():
                    states.push_back(st)
            model = parser.model.predict(docs)
            weights = get_c_weights(model)
            sizes = get_c_sizes(model, states.size())
            if sizes.classes != self.moves.n:
                raise ValueError("the parser's output layer does not match its moves")
            if states.size():
                _run(&self.moves, states.data(), &weights, sizes)
            model.clear_memory()
            for i, doc in enumerate(docs):
                parser.moves.set_annotations(StateClass.borrow(owned[i], doc), doc)
                for hook in parser.postprocesses:
                    hook(doc)
        finally:
            for st in owned:
                del st
        return docs


cdef int _run(const Moves* moves, StateC** states, const WeightsC* W, SizesC n) except -1:
    """Allocate the loop's buffers (MemoryError if they cannot be), parse without the lock, free."""
    cdef Buffers B
    B.ids = <int*>calloc(n.states * n.feats, sizeof(int))
    B.unmaxed = <float*>calloc(n.states * n.hiddens * n.pieces, sizeof(float))
    B.hiddens = <float*>calloc(n.states * n.hiddens, sizeof(float))
    B.scores = <float*>calloc(n.states * n.classes, sizeof(float))
    B.w_t = <float*>calloc(n.hiddens * n.classes, sizeof(float))
    B.is_valid = <int*>calloc(moves.n, sizeof(int))
    try:
        if not (B.ids and B.unmaxed and B.hiddens and B.scores and B.w_t and B.is_valid):
            raise MemoryError()
        with nogil:
            _parse(moves, states, W, n, &B)
    finally:
        free(B.ids)
        free(B.unmaxed)
        free(B.hiddens)
        free(B.scores)
        free(B.w_t)
        free(B.is_valid)
    return 0


cdef void _parse(const Moves* moves, StateC** states, const WeightsC* W, SizesC n, Buffers* B) noexcept nogil:
    cdef int i, j, k, kept
    cdef float* scores = B.scores
    cdef bint unseen = False
    for j in range(n.classes):
        unseen = unseen or not W.seen_classes[j]
        for k in range(n.hiddens):
            B.w_t[k * n.classes + j] = W.hidden_weights[j * n.hiddens + k]
    while n.states >= 1:
        _score(B, states, W, n, scores, unseen)
        for i in range(n.states):
            _advance(moves, B.is_valid, states[i], &scores[i * n.classes], n.classes)
        kept = 0
        for i in range(n.states):
            if not states[i].is_final():
                states[kept] = states[i]
                kept += 1
        n.states = kept


cdef void _score(Buffers* B, StateC** states, const WeightsC* W, SizesC n, float* scores,
                 bint unseen) noexcept nogil:
    """The scores of every move for every state (``predict_states`` of parser_model.pyx); ``unseen``:
    whether some move was never seen in training (its score is then set to the lowest)."""
    cdef int i, j, f, k, idx
    cdef int width = n.hiddens * n.pieces
    cdef const float* padding = W.feat_weights
    cdef const float* cached = W.feat_weights + n.feats * width
    cdef const float* feature
    cdef const float* w
    cdef float* row
    cdef float* out
    cdef float best, h
    for i in range(n.states):
        states[i].set_context_tokens(&B.ids[i * n.feats], n.feats)
        row = &B.unmaxed[i * width]
        for j in range(width):
            row[j] = 0.0
        for f in range(n.feats):
            idx = B.ids[i * n.feats + f]
            if idx < 0:
                feature = &padding[f * width]
            else:
                feature = &cached[idx * n.feats * width + f * width]
            for j in range(width):
                row[j] += feature[j]
        for j in range(width):
            row[j] += W.feat_bias[j]
        for j in range(n.hiddens):
            best = row[j * n.pieces]
            for f in range(1, n.pieces):
                if row[j * n.pieces + f] > best:
                    best = row[j * n.pieces + f]
            B.hiddens[i * n.hiddens + j] = best
        out = &scores[i * n.classes]
        for j in range(n.classes):
            out[j] = 0.0
        for k in range(n.hiddens):  # every move's sum advances by one hidden unit, in order
            h = B.hiddens[i * n.hiddens + k]
            w = &B.w_t[k * n.classes]
            for j in range(n.classes):
                out[j] += h * w[j]
        for j in range(n.classes):
            out[j] += W.hidden_bias[j]
    if not unseen:
        return
    cdef float low = scores[0]
    for i in range(1, n.states * n.classes):
        if scores[i] < low:
            low = scores[i]
    for i in range(n.states):
        for j in range(n.classes):
            if not W.seen_classes[j]:
                scores[i * n.classes + j] = low


cdef void _advance(const Moves* moves, int* valid, StateC* st, const float* scores,
                   int n_classes) noexcept nogil:
    """Take the best-scoring valid move (the first of equals), or end a state with none."""
    cdef int kind_valid[5]
    cdef int s0 = st.S(0)
    cdef int b0 = st.B(0)
    cdef int depth = st.stack_depth()
    cdef int blen = st.buffer_length()
    cdef bint b0_starts = st.is_sent_start(b0)
    kind_valid[SHIFT] = depth == 0 or (blen >= 2 and not b0_starts and not st.is_unshiftable(b0))
    kind_valid[REDUCE] = depth != 0 and (
        blen == 0 or not (depth == 1 and st.cannot_sent_start(st.l_edge(b0)))
    )
    kind_valid[LEFT] = depth != 0 and blen != 0 and not b0_starts
    kind_valid[RIGHT] = kind_valid[LEFT]
    kind_valid[BREAK] = (blen >= 2 and st.B(1) == b0 + 1 and not st.is_sent_start(st.B(1))
                         and not st.cannot_sent_start(st.B(1)))
    cdef int i, kind, guess = -1
    for i in range(n_classes):
        kind = moves.kind[i]
        valid[i] = kind_valid[kind]
        if valid[i] and moves.label[i] == moves.subtok and (kind == LEFT or kind == RIGHT):
            valid[i] = s0 == b0 - 1
        if valid[i] and (guess == -1 or scores[i] > scores[guess]):
            guess = i
    if guess == -1:
        st.force_final()
        return
    cdef attr_t label = moves.label[guess]
    kind = moves.kind[guess]
    if kind == SHIFT:
        st.push()
    elif kind == REDUCE:
        if st.has_head(s0) or depth == 1:
            st.pop()
        else:
            st.unshift()
    elif kind == LEFT:
        st.add_arc(b0, s0, label)
        st.set_reshiftable(b0)
        st.pop()
    elif kind == RIGHT:
        st.add_arc(s0, b0, label)
        st.push()
    else:
        st.set_sent_start(st.B(1), 1)
