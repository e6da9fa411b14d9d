"""The trigger pre-filter and the fast attribute stage: extraction that parses only what can hold a
claim gives the claims of the whole parse, offsets included, on the project's own reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from tolltrack.extract import prefilter, prefilter_gate
from tolltrack.extract.document import extract, extract_many
from tolltrack.extract.prefilter import select_spans, split_pieces, trigger_pieces
from tolltrack.ingest.sources import iter_documents
from tolltrack.model import Document
from tolltrack.nlp.pipeline import fast_attributes, load, parse

ROOT = Path(__file__).parents[1]
REPORTS = sorted((ROOT / "tests" / "data" / "reports").glob("*.txt"))
SEED = ROOT / "examples" / "caracas-raid-cuba-32.txt"


def _own_reports() -> list[Document]:
    docs = [Document(text=p.read_text(encoding="utf-8"), published=date(2026, 3, 10)) for p in REPORTS]
    docs.append(Document(text=SEED.read_text(encoding="utf-8"), published=date(2026, 1, 4)))
    more = [ROOT / "examples" / "raid", ROOT / "examples" / "other"]
    docs += [d for d in iter_documents([p for p in more if p.exists()]) if isinstance(d, Document)]
    return docs


OWN = _own_reports()


def _dicts(claims):
    return [c.to_dict() for c in claims]


@pytest.mark.parametrize("doc", OWN, ids=lambda d: (d.source_path or d.text[:30]).rsplit("/", 1)[-1])
def test_filtered_claims_equal_whole_parse(doc):
    filtered = [c for _, c in extract_many([doc])][0]
    whole = [c for _, c in extract_many([doc], whole=True)][0]
    assert _dicts(filtered) == _dicts(whole)
    for c in filtered:  # offsets point into the full text
        assert doc.text[c.start : c.end].strip() == c.sentence
        assert doc.text[c.trigger_start :].startswith(c.trigger)


def test_the_own_reports_are_not_parsed_whole():
    """The check above means something only if the filter leaves text out."""
    kept = sum(e - s for d in OWN for s, e in select_spans(d.text))
    assert kept < 0.9 * sum(len(d.text) for d in OWN)


def test_offsets_map_back_past_dropped_text():
    filler = "The council met on Monday to discuss the budget for road repairs. " * 30
    text = (
        filler
        + "\n\nA bus crash near Quito killed nine passengers, police said.\n\n"
        + filler
        + "Rescuers said 14 people were injured."
    )
    claims = extract(Document(text=text, published=date(2026, 2, 2)))
    assert [c.trigger for c in claims] == ["killed", "injured"]
    for c in claims:
        assert text[c.start : c.end] == c.sentence
        assert text[c.trigger_start : c.trigger_start + len(c.trigger)] == c.trigger
    assert claims[0].count.value == 9 and claims[1].count.value == 14
    assert sum(e - s for s, e in select_spans(text)) < len(text) / 4


def test_no_casualty_word_no_parse():
    text = "The festival opened on Friday. Thousands of visitors came to hear the orchestra play."
    assert select_spans(text) == []
    assert extract(Document(text=text)) == []


def test_split_keeps_abbreviations_and_initials_in_one_piece():
    text = "Sgt. Ann Lee of the U.S. Army said J. R. Smith was shot in St. Louis on Jan. 5. He died."
    pieces = [text[s:e] for s, e in split_pieces(text)]
    assert pieces == [
        "Sgt. Ann Lee of the U.S. Army said J. R. Smith was shot in St. Louis on Jan. 5.",
        "He died.",
    ]


def test_split_on_lines_and_sentence_ends():
    text = "Headline: two hurt\n\nFirst sentence here! “Second one?” she asked.\nThird"
    pieces = [text[s:e] for s, e in split_pieces(text)]
    assert pieces == ["Headline: two hurt", "First sentence here!", "“Second one?” she asked.", "Third"]


def _kept(text: str) -> list[str]:
    return [text[s:e] for s, e in select_spans(text)]


def test_nouns_are_not_triggers_but_verbs_are():
    text = "The shooting happened at noon. He was charged with murder. Neighbors heard about the shooting."
    assert trigger_pieces(text, split_pieces(text)) == []
    verb = "The man began shooting two neighbors."
    assert trigger_pieces(verb, split_pieces(verb)) == [0]
    victims = "The shooting victims were taken to the hospital."
    assert trigger_pieces(victims, split_pieces(victims)) == [0]


def test_source_named_before_a_back_reference_is_kept():
    text = (
        "The health ministry held a briefing on Tuesday. "
        "The weather was warm. "
        "A spokesman for the health ministry said the roads were closed. "
        "The weather stayed warm. "
        "He said four people were killed."
    )
    kept = _kept(text)
    assert "A spokesman for the health ministry said the roads were closed." in kept
    assert "The weather stayed warm." not in " ".join(kept)
    assert kept[-1] == "He said four people were killed."


def test_event_lead_and_role_sentences_are_kept():
    text = (
        "Officials gave no details. "
        "A bomb blast tore through a market in Marib on Tuesday. "
        "The market reopened later. "
        "Eleven Yemeni nationals were killed, the ministry said. "
        "Prices rose. "
        "The Yemeni nationals were civilians."
    )
    kept = " ".join(_kept(text))
    assert "A bomb blast tore through a market in Marib on Tuesday." in kept
    assert "The Yemeni nationals were civilians." in kept
    assert "Prices rose." not in kept and "Officials gave no details." not in kept


EXOTIC = (
    "We're gonna go, y'all. There are two men who ain't hurt. Let's see: I'd like it. \n\n"
    "Gotta run; nothin' doin' here. It was him, not me. Did you do it? They did. \t She has been there."
)


@pytest.mark.parametrize("text", [EXOTIC, *(d.text for d in OWN)])
def test_fast_attributes_equal_the_models_components(text):
    if fast_attributes() is None:
        pytest.skip("the model's attribute rules are of a kind FastAttributes leaves to spaCy")
    attrs = [POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB, SENT_START]
    stock = load()(text)
    fast = next(parse([text]))
    assert [t.text for t in fast] == [t.text for t in stock]
    assert np.array_equal(fast.to_array(attrs), stock.to_array(attrs))


@pytest.mark.parametrize("compiled", [True, False])
def test_fast_attributes_set_by_the_compiled_setter_or_spacys_give_the_models(compiled, monkeypatch, caplog):
    """The attributes are set in one compiled loop (fast/token_attrs.pyx) or, where it was not
    built, token by token with spaCy's set_token_attrs (one warning): the model's attributes both ways."""
    import sys

    import tolltrack.nlp.pipeline as nlpmod

    fast = fast_attributes()
    if fast is None:
        pytest.skip("the model's attribute rules are of a kind FastAttributes leaves to spaCy")
    if compiled:
        assert nlpmod._compiled_setter() is not None, "the extension is built (scripts/setup)"
    else:
        monkeypatch.setattr(nlpmod, "_compiled_setter", nlpmod._compiled_setter.__wrapped__)
        monkeypatch.setitem(sys.modules, "tolltrack.nlp.fast.token_attrs", None)  # as if not built
        assert nlpmod._compiled_setter() is None and "compiled attribute setter not available" in caplog.text
    attrs = [POS, MORPH, LEMMA, TAG, DEP]
    for text in (EXOTIC, OWN[0].text):
        stock = load()(text)
        mine = load()(text, disable=["attribute_ruler", "lemmatizer"])
        fast(mine)
        assert np.array_equal(mine.to_array(attrs), stock.to_array(attrs))


def test_the_compiled_setter_refuses_a_token_outside_the_document():
    from tolltrack.nlp.pipeline import _compiled_setter

    setter = _compiled_setter()
    if setter is None:
        pytest.skip("the compiled setter was not built")
    doc = load().make_doc("Two were hurt.")
    with pytest.raises(IndexError):
        setter(doc, [4], [((POS, 1),)])
    with pytest.raises(ValueError):
        setter(doc, [0, 1], [((POS, 1),)])


def test_fast_attributes_lemmatize_with_indexed_word_lists_and_leave_the_models_lemmatizer_alone():
    fast = fast_attributes()
    if fast is None:
        pytest.skip("the model's attribute rules are of a kind FastAttributes leaves to spaCy")
    own, mine = load().get_pipe("lemmatizer"), fast.lemmatizer
    assert mine is not own and mine.vocab is own.vocab
    index_of = [lem.lookups.get_table("lemma_index") for lem in (own, mine)]
    assert all(isinstance(v, list) for v in index_of[0].values())
    assert all(isinstance(v, frozenset) for v in index_of[1].values())
    assert [set(v) for v in index_of[0].values()] == list(index_of[1].values())
    doc = load()("The gunmen were fleeing; two bodies lay in the houses and the wounded women cried.")
    for tok in doc:
        own.cache.clear()
        mine.cache.clear()
        assert mine.rule_lemmatize(tok) == own.rule_lemmatize(tok)


def test_fast_attributes_refuse_rules_they_cannot_memoise():
    from tolltrack.nlp.pipeline import _check_shape

    _check_shape([{"TAG": "PRP", "LOWER": "him"}], 0)
    _check_shape([{"DEP": "expl"}, {"LOWER": "is"}], 1)  # the neighbour before: word or dependency
    with pytest.raises(ValueError):
        _check_shape([{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}], 0)  # three tokens
    with pytest.raises(ValueError):
        _check_shape([{"LOWER": "gon"}, {"TAG": "TO"}], 0)  # the neighbour after tested on its tag
    with pytest.raises(ValueError):
        _check_shape([{"DEP": "expl"}, {"TAG": "VBZ"}], 1)  # the changed token names no word


_WORDS = st.sampled_from(
    ["He", "was", "killed", "shot", "St.", "U.S.", "the", "shooting", "said", "police", "Two", "men", "died",
     "\n", "\n\n", ".", "!", "?", "“", "”", "J.", "its", "Cuban", "nationals", "were", "soldiers", "3", "—"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join))
def test_pieces_cover_the_text_and_spans_are_ordered_stretches(text):
    pieces = split_pieces(text)
    covered = [False] * len(text)
    for s, e in pieces:
        assert text[s:e] == text[s:e].strip() and e > s
        for i in range(s, e):
            assert not covered[i]
            covered[i] = True
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())
    spans = select_spans(text)
    assert spans == sorted(spans)
    assert all(e1 < s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    starts, ends = {s for s, _ in pieces}, {e for _, e in pieces}
    assert all(s in starts and e in ends for s, e in spans)


# The second gate: claim words the claim rules turn into a claim only in some company.
GATED = [
    "The victims' families gathered at the church.",
    "His life changed after a long stay in hospital.",
    "Deadly weapons were found in the car.",
    "The girl's condition was not known.",
    "He faces murder charges.",
    "The arrest was a relief to the family.",
    "His body camera footage was shown to the jury.",
]
CLAIMING = [
    "Two victims were taken to the hospital.",
    "The shooting victim was a teenager.",
    "Three people lost their lives.",
    "A deadly crash closed the road.",
    "The boy is in critical condition.",
    "Officers made the arrest of two teens.",
    "Police arrest two men.",
    "The bodies of two men were found.",
    "A murder-suicide victim was mourned.",
]


@pytest.mark.parametrize("piece", GATED)
def test_second_gate_rules_out_claim_words_without_their_company(piece):
    assert trigger_pieces(piece, split_pieces(piece)) == []
    assert select_spans(piece) == []


@pytest.mark.parametrize("piece", CLAIMING)
def test_second_gate_keeps_the_company_the_claim_rules_need(piece):
    assert trigger_pieces(piece, split_pieces(piece)) == [0]


def test_gated_pieces_are_not_parsed_and_the_claims_stay():
    text = (
        "A man was shot dead in Toledo on Friday night, police said.\n\n"
        "The victim's cousin asked for information.\n\n"
        "Neighbours said the family lives on a quiet street.\n\n"
        "Detectives obtained an arrest warrant for a suspect.\n\n"
        "A second man was wounded and is in stable condition."
    )
    doc = Document(text=text, published=date(2026, 2, 6))
    kept = " ".join(_kept(text))
    for piece in ("The victim's cousin", "family lives", "arrest warrant"):
        assert piece not in kept
    filtered = [c for _, c in extract_many([doc])][0]
    assert _dicts(filtered) == _dicts([c for _, c in extract_many([doc], whole=True)][0])
    assert {"shot", "wounded"} <= {c.trigger for c in filtered}


def test_gated_pieces_that_may_give_context_are_kept():
    text = (
        "A woman was killed in a shooting.\n\n"
        "The victim was found on Maple Street on Sunday.\n\n"
        "Police Chief Ann Brody said the victims were not named.\n\n"
        "The victim's brother asked for help."
    )
    kept = " ".join(_kept(text))
    assert "on Maple Street on Sunday" in kept  # the event's place and date, not given before
    assert "Ann Brody said" in kept  # a named source the claim rules remember
    assert "brother" not in kept


def test_fold_only_lists_every_character_ignorecase_reads_as_a_letter_that_lowering_does_not_make_one():
    """The gate is searched case-sensitively in the lower-cased text when that is exact: a character
    IGNORECASE matches to an ASCII letter must lower to that letter, or be in FOLD_ONLY; and lowering
    never changes whether a character is a word character (the gate's ``\\b``)."""
    import re
    import sys

    chars = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    as_letter = {m.group(0) for m in re.finditer(r"[a-z]", chars, re.IGNORECASE)}
    not_lowered = {c for c in as_letter if not (len(c.lower()) == 1 and c.lower().isascii())}
    assert not_lowered == set(prefilter_gate.FOLD_ONLY)
    cased = [c for c in chars if c.lower() != c and len(c.lower()) == 1]
    assert all(bool(re.match(r"\w", c)) == bool(re.match(r"\w", c.lower())) for c in cased)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Killed", "SHOT", "wounded", "ſhot", "Kılled", "İnjured", "K", "é", " ", ".\n",
                         "Dies", "victim", "bodİes", "held", "x", "ı", "’s", "murder-suicide"]),
        max_size=40,
    ).map("".join)
)  # fmt: skip
def test_the_folded_gate_finds_what_the_gate_finds(text):
    gate, searched = prefilter_gate.gate_on(text)
    want = [m.span() for m in prefilter_gate.TRIGGER_RE.finditer(text)]
    assert [m.span() for m in gate.finditer(searched)] == want


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=".!?:;\"'”’)]\n a-", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_an_open_end_is_what_the_pattern_finds(text, start, end):
    import re

    pattern = re.compile(r"[^.!?:;][\"'”’)\]]*$")  # a piece that does not end like a sentence
    end = min(max(start, end), len(text))
    assert prefilter._open_end(text, start, end) == (pattern.search(text, start, end) is not None)
