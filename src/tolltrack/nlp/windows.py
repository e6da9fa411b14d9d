"""Long reports in windows: a text over spaCy's length limit is read a window at a time.

spaCy refuses a text of more than ``nlp.max_length`` characters (1,000,000: error E088). A longer
report is cut into windows of at most ``WINDOW`` characters, each ending at a paragraph break (else
a line break, else a sentence end, else a space), extracted like a report of its own with the same
metadata, and the windows' claims are joined back: offsets shifted to the whole text, indices and
``refers_to`` numbered across the report. Only what crosses a cut is lost (a claim's sentence never
does: windows end at a break).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from tolltrack.config import SETTINGS
from tolltrack.model import Claim, Document

WINDOW = SETTINGS.window_chars  # characters; well under spaCy's 1,000,000
_BREAKS = ("\n\n", "\n", ". ", " ")


def cuts(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of the windows covering ``text``, each at most ``size`` characters, ending at
    the latest paragraph break (else line break, sentence end, space) in its second half."""
    spans, start = [], 0
    while len(text) - start > size:
        end = start + size
        for brk in _BREAKS:
            at = text.rfind(brk, start + size // 2, end)
            if at >= 0:
                end = at + len(brk)
                break
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def split(docs: Iterable[Document], marks: dict[int, tuple[Document, int, bool]], size: int = 0):
    """The documents with each long one (over ``size``, default ``WINDOW``) replaced by its windows;
    ``marks`` maps a window (by ``id()``) to (its report, where it starts, whether it is the last)."""
    size = size or WINDOW
    for doc in docs:
        if len(doc.text) <= size:
            yield doc
            continue
        spans = cuts(doc.text, size)
        for k, (s, e) in enumerate(spans):
            window = replace(doc, text=doc.text[s:e], id=doc.id)
            marks[id(window)] = (doc, s, k == len(spans) - 1)
            yield window


def join(
    results: Iterable[tuple[Document, list[Claim]]], marks: dict[int, tuple[Document, int, bool]]
) -> Iterator[tuple[Document, list[Claim]]]:
    """The extraction results with the windows of a report joined back into one (in order)."""
    found: list[Claim] = []
    for doc, claims in results:
        mark = marks.pop(id(doc), None)
        if mark is None:
            yield doc, claims
            continue
        whole, offset, last = mark
        base = len(found)
        for c in claims:
            c.start, c.end = c.start + offset, c.end + offset
            if c.trigger_start >= 0:
                c.trigger_start += offset
            c.index += base
            if c.refers_to is not None:
                c.refers_to += base
            if c.supersedes is not None:
                c.supersedes += base
            c.doc_id = whole.id
        found.extend(claims)
        if last:
            yield whole, found
            found = []
