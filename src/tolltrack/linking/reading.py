"""What linking reads in a report's text, read once where the text is read and carried to the writer.

Linking a report reads its title and text twice over with regular expressions and the gazetteer: the
places it names (``names.report_places``) and its distinctive names (``names.report_names``). That
reading depends on the text and title alone, so the extraction (its workers, which read the text
anyway) makes it (``read_text``, through ``groups.read_links``) and sets it on the document
(``Document.reading``, ``ledger.ingest.carry``); the writer,
which links one report at a time under the store's write lock, then only looks it up
(``text_reading``). The extraction also groups the report's claims by event (``groups.read_links``),
which the writer takes (``groups.report_groups``) when they are the claims it links. A document that
arrives without them (or with them made for another text, title, date or claims) is read on the spot:
the result is the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from tolltrack.model import Document

from .names import Whereabouts, report_names, report_places


@dataclass(frozen=True)
class TextReading:
    doc_id: str  # the document (and title) it was read from
    title: str | None
    where: Whereabouts
    names: frozenset[str]
    # The report's claims about an incident of its own, grouped by event (``groups.read_links``), and
    # what they were grouped with (the linking config and the report's date); none when not read.
    groups: tuple = ()
    grouped_with: tuple | None = None


def read_text(doc: Document) -> TextReading:
    """The places and names of a report's text and title."""
    return TextReading(
        doc.id, doc.title, report_places(doc.text, doc.title), report_names(doc.text, doc.title)
    )


def text_reading(doc: Document) -> TextReading:
    """The reading carried with ``doc`` when it is this document's, else a fresh one."""
    kept = doc.reading
    if isinstance(kept, TextReading) and kept.doc_id == doc.id and kept.title == doc.title:
        return kept
    return read_text(doc)
