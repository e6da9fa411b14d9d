"""Sentence starts the parser cannot see: a headline or caption line ends without a full stop, so
spaCy's parser runs it on into the first sentence of the text ("Pentagon: no US troops killed in
Caracas raid\\nThe Pentagon said on Tuesday ..."), and the claims of both come out mixed up.

``line_breaks`` is a pipeline component placed before the parser: a token that starts a new line
and looks like the start of a sentence (a capital letter, a digit or an opening quote) after a line
that does not end in the middle of a clause (a comma, a hyphen, an opening bracket) starts a
sentence. The parser keeps sentence starts that are set before it runs.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc

CONTINUING = {",", ";", "-", "–", "—", "(", "[", "/", "&", "and", "or", "of", "the", "a", "to"}


def _starts_sentence(text: str) -> bool:
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"'“‘(["


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Set the sentence starts: for each line break, the first word after it, when the last word
    before it does not continue a clause (``CONTINUING``) and the word starts like a sentence.
    Only the words around the line breaks are looked at: spaCy keeps a line break in a space token
    (a word's own trailing white space is one space at most)."""
    arr = doc.to_array([IS_SPACE, ORTH])
    spaces = np.flatnonzero(arr[:, 0])
    if not len(spaces):
        return doc
    strings = doc.vocab.strings
    breaks = [i for i in spaces.tolist() if "\n" in strings[int(arr[i, 1])]]
    words = np.flatnonzero(arr[:, 0] == 0)
    seen = -1
    for j in np.searchsorted(words, breaks).tolist():
        if j == 0 or j == len(words) or j == seen:
            continue
        seen = j
        last, word = doc[int(words[j - 1])], doc[int(words[j])]
        if last.lower_ not in CONTINUING and _starts_sentence(word.text):
            word.is_sent_start = True
    return doc
