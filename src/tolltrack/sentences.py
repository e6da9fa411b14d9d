"""Sentence starts the parser cannot see: a headline or caption line ends without a full stop, so
spaCy's parser runs it on into the first sentence of the text ("Pentagon: no US troops killed in
Caracas raid\\nThe Pentagon said on Tuesday ..."), and the claims of both come out mixed up.

``line_breaks`` is a pipeline component placed before the parser: a token that starts a new line
and looks like the start of a sentence (a capital letter, a digit or an opening quote) after a line
that does not end in the middle of a clause (a comma, a hyphen, an opening bracket) starts a
sentence. The parser keeps sentence starts that are set before it runs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

CONTINUING = {",", ";", "-", "–", "—", "(", "[", "/", "&", "and", "or", "of", "the", "a", "to"}


def _starts_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"'“‘(["


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    last_word = None  # the last non-space token before the current line break
    newline = False
    for tok in doc:
        if tok.is_space:
            newline = newline or "\n" in tok.text
            continue
        after_line = newline and last_word is not None and last_word.lower_ not in CONTINUING
        if after_line and _starts_sentence(tok.text):
            tok.is_sent_start = True
        newline = "\n" in tok.whitespace_
        last_word = tok
    return doc
