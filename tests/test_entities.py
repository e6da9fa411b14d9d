"""entity_at and entities_in give the spans spaCy's Doc.ents and Span.ents give, read from the
tokens' IOB tags alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span

from tolltrack.nlp.entities import entities_in, entity_at
from tolltrack.nlp.pipeline import load, parse

TEXTS = [
    "",
    "Police in New York City said John Smith, 34, was shot twice on Tuesday night near Times Square.",
    "Cuba says 32 of its citizens died in the U.S. raid on Caracas, Prensa Latina reported.\n\n"
    "The Red Cross said 14 Yemeni civilians were hurt in Marib on March 3, 2024.",
    "Barack Obama",
]


def _spans(spans):
    return [(s.start, s.end, s.label_, s.kb_id_, s.id_) for s in spans]


def _check(doc: Doc) -> None:
    ents = list(doc.ents)
    for tok in doc:
        holding = [e for e in ents if e.start <= tok.i < e.end]
        mine = entity_at(tok)
        assert _spans([mine] if mine is not None else []) == _spans(holding)
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    for span in [*sents, doc[:], doc[1:-1], doc[2:5], doc[3:3]] if len(doc) else []:
        assert _spans(entities_in(span)) == _spans(span.ents)


def test_parsed_reports():
    docs = list(parse(TEXTS))
    assert sum(len(d.ents) for d in docs) >= 10
    for doc in docs:
        _check(doc)


def test_entities_cut_by_the_span_and_adjacent_entities():
    doc = load().make_doc("the New York Police Department and Chicago police said on Monday")
    doc.set_ents(
        [Span(doc, 1, 3, "GPE"), Span(doc, 3, 5, "ORG"), Span(doc, 6, 7, "GPE"), Span(doc, 9, 11, "DATE")],
        default="outside",
    )
    _check(doc)
    inside = [(3, 5, "ORG", "", ""), (6, 7, "GPE", "", "")]
    assert _spans(entities_in(doc[2:8])) == _spans(doc[2:8].ents) == inside
    assert entity_at(doc[0]) is None and entity_at(doc[2]).text == "New York"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 4), st.sampled_from(["GPE", "ORG", "DATE"])),
                max_size=5), st.integers(0, 12), st.integers(0, 14))  # fmt: skip
def test_random_entities_and_spans(ents, start, end):
    doc = load().make_doc("one two three four five six seven eight nine ten eleven twelve thirteen fourteen")
    spans, taken = [], set()
    for s, n, label in ents:
        cover = set(range(s, min(s + n, len(doc))))
        if cover and not cover & taken:
            taken |= cover
            spans.append(Span(doc, min(cover), max(cover) + 1, label))
    doc.set_ents(sorted(spans, key=lambda s: s.start), default="outside")
    for tok in doc:
        holding = [e for e in doc.ents if e.start <= tok.i < e.end]
        mine = entity_at(tok)
        assert _spans([mine] if mine is not None else []) == _spans(holding)
    if start <= end:
        assert _spans(entities_in(doc[start:end])) == _spans(doc[start:end].ents)
