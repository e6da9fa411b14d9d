"""Document → claims: the extraction stage (being written)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tolltrack.model import Claim, Document


def extract(doc: Document) -> list[Claim]:
    """Every casualty claim in one document, in text order."""
    return next(iter(extract_many([doc])))[1]


def extract_many(docs: Iterable[Document], batch_size: int = 32) -> Iterator[tuple[Document, list[Claim]]]:
    """Extract claims from many documents, parsing them in batches with nlp.pipe."""
    for doc in docs:
        yield doc, []
