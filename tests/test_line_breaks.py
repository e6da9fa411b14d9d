"""line_breaks sets a sentence start at the first word after a line break when the line before
does not end mid-clause and the word starts like a sentence; it looks only at the words around the
line breaks, and must give what a walk over every token gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tolltrack.nlp.pipeline import load
from tolltrack.nlp.sentences import CONTINUING, _starts_sentence, line_breaks


def _walk(doc) -> list[int]:
    """The starts a token-by-token walk finds (the definition, written out)."""
    starts, last, newline = [], None, False
    for tok in doc:
        if tok.is_space:
            newline = newline or "\n" in tok.text
            continue
        if newline and last is not None and last.lower_ not in CONTINUING and _starts_sentence(tok.text):
            starts.append(tok.i)
        newline = "\n" in tok.whitespace_
        last = tok
    return starts


def _set(text: str) -> list[int]:
    doc = line_breaks(load().make_doc(text))
    return [t.i for t in doc if t.is_sent_start and t.i > 0]


def test_headline_and_caption_lines():
    text = "Pentagon: no US troops killed in raid\nThe Pentagon said on Tuesday,\n"
    text += "Three soldiers died.\n\n and more"
    doc = load().make_doc(text)
    assert [doc[i].text for i in _set(text)] == ["The"]
    assert _set(text) == _walk(doc)
    assert _set("one line only") == []
    assert [load().make_doc("x\n\n  \n“Quote”")[i].text for i in _set("x\n\n  \n“Quote”")] == ["“"]


_PIECES = st.sampled_from(
    ["Police", "said", "two", "men", "died", ",", "and", "the", "of", "-", "(", "“Yes”", "3", "\n", "\n\n",
     " \n", "\n ", "  ", "\t", "a", "The", "x", ".", "St.", "\r\n"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_same_starts_as_a_walk_over_every_token(text):
    assert _set(text) == _walk(load().make_doc(text))
