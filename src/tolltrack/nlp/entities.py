"""Named entities of a parsed document read from the tokens' IOB tags.

spaCy's ``Doc.ents`` (and ``Span.ents``, which reads it) builds a Span for every entity of the
document, walking all its tokens, at every access; the claim rules ask for the entity around one
token, or the entities of one sentence, thousands of times per batch (a fifth of their time went
there). These give the same spans from the tokens concerned alone.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_I, _O, _B = 1, 2, 3  # spaCy's ent_iob codes (0: not set)


def _span(doc, start: int, end: int, first: Token) -> Span:
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def entity_at(tok: Token) -> Span | None:
    """The entity ``tok`` is part of (the span of ``doc.ents`` holding it), or None."""
    iob = tok.ent_iob
    if iob in (0, _O) or (iob == _B and tok.ent_type == 0):
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob == _I:
        start -= 1
        if start < 0:  # an I with no B before it: spaCy's doc.ents refuses such a document
            return None
    first = doc[start]
    if first.ent_type == 0:
        return None
    end = tok.i + 1
    n = len(doc)
    while end < n and doc[end].ent_iob == _I:
        end += 1
    return _span(doc, start, end, first)


def entities_in(span: Span, toks: list[Token] | None = None) -> list[Span]:
    """``span.ents``: the entities wholly inside the span, in order (spaCy stops at the first entity
    that begins inside the span and ends after it). ``toks``: the span's tokens, when the caller has them."""
    doc = span.doc
    out: list[Span] = []
    start = -1
    first = None
    for tok in span if toks is None else toks:
        iob = tok.ent_iob
        if iob == _I:
            continue
        if start != -1:
            out.append(_span(doc, start, tok.i, first))
            start = -1
        if iob == _B and tok.ent_type != 0:
            start, first = tok.i, tok
    if start != -1:
        end = span.end
        if end < len(doc) and doc[end].ent_iob == _I:  # the entity goes on past the span
            return out
        out.append(_span(doc, start, end, first))
    return out
