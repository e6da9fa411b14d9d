# cython: language_level=3, boundscheck=False, wraparound=False
"""Token attributes set in one compiled loop: what ``spacy.tokens._retokenize.set_token_attrs`` does
for each token, without a Python ``Token`` made for every token.

``nlp.pipeline.FastAttributes`` sets the attribute ruler's attributes (integer ids and values: POS,
MORPH, TAG, DEP, LEMMA) on most tokens of every document; making a ``Token`` object per token to
call ``set_token_attrs`` on it was a third of that stage. ``set_attrs`` writes the same fields with
the same calls as ``set_token_attrs`` (``Token.set_struct_attr`` on the token, and
``Lexeme.set_struct_attr`` on its lexeme unless the attribute is NORM).
"""

from spacy.attrs cimport NORM
from spacy.lexeme cimport Lexeme
from spacy.structs cimport LexemeC, TokenC
from spacy.tokens.doc cimport Doc
from spacy.tokens.token cimport Token
from spacy.typedefs cimport attr_t
from spacy.attrs cimport attr_id_t


def set_attrs(Doc doc, list indices, list attrs):
    """Set ``attrs[k]`` (a sequence of (attribute id, integer value) pairs) on token
    ``indices[k]`` of ``doc``, as ``set_token_attrs`` would."""
    cdef Py_ssize_t k, n = len(indices)
    cdef int i
    cdef TokenC* token
    cdef attr_id_t name
    cdef attr_t value
    if len(attrs) != n:
        raise ValueError("one attribute set per token index")
    for k in range(n):
        i = indices[k]
        if i < 0 or i >= doc.length:
            raise IndexError(f"token {i} of a document of {doc.length}")
        token = &doc.c[i]
        for pair in attrs[k]:
            name = pair[0]
            value = pair[1]
            Token.set_struct_attr(token, name, value)
            if name != NORM:
                Lexeme.set_struct_attr(<LexemeC*>token.lex, name, value)
