"""The ingest pipeline of the ledger: reports → (known? skip) → claims → batched, locked writes.

Documents already in the store (or read twice in one run) are skipped before extraction, so
re-ingesting a folder costs a read and a hash per report. Extraction runs in this process in
batches (``extract_many``) or on Dask workers (``extract_distributed``); each batch is then written
in one transaction (``ledger.write.Writer``). A batch the store refuses is retried one document at
a time, so one bad document becomes an ``IngestError`` and the others are stored; a document the
extractor fails on becomes an ``IngestError`` too. Only an unreachable store stops the run.

A report without claims joins the best-matching incident when its batch is written; once every batch
is written, a run that stored something retries the store's reports without claims that matched no
incident yet (``Writer.attach_pending``): later batches, or other processes, may have added theirs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError

from tolltrack.config import SETTINGS
from tolltrack.linking.groups import read_links
from tolltrack.model import Claim, Document, IngestError, headline_key, text_id
from tolltrack.reconcile.toll_vote import read_toll
from tolltrack.store.schema import documents, refresh_statistics

from .write import RETRIES, BatchResult, StoreUnavailable, Writer

Item = Document | IngestError
Pair = tuple[Document, list[Claim]]
Progress = Callable[["IngestSummary", Item], None]
BATCH_SIZE = SETTINGS.ingest_batch
LOOKUP_SIZE = 64


@dataclass
class IngestSummary:
    new: int = 0  # documents stored
    known: int = 0  # documents already in the store (or read twice in this run)
    failed: list[IngestError] = field(default_factory=list)
    claims_added: int = 0
    incidents: list[str] = field(default_factory=list)  # ids of the incidents created or extended
    doc_ids: list[str] = field(default_factory=list)  # ids of the documents stored
    attached: int = 0  # reports without claims that joined an incident (this run's or pending ones)
    updated: list[str] = field(default_factory=list)  # known reports stored again with new metadata
    skipped: list[str] = field(default_factory=list)  # folder entries left out (README, hidden, ...)

    @property
    def read(self) -> int:
        return self.new + self.known + len(self.failed)


def read_for_writer(doc: Document, claims: list[Claim]) -> dict[str, Any]:
    """What the writer reads in a report, read at extraction (on its workers, when there are some),
    by the document's transient field: linking's reading of its text and grouping of its claims
    (``Document.reading``) and the report's own reading of its toll (``Document.toll``). The writer,
    which links and reconciles under the store's write lock, one batch at a time, then reads neither."""
    return {"reading": read_links(doc, claims), "toll": read_toll(doc, claims)}


def carry(doc: Document, claims: list[Claim]) -> Pair:
    """(doc, claims) with ``read_for_writer``'s readings set on ``doc``."""
    for name, value in read_for_writer(doc, claims).items():
        setattr(doc, name, value)
    return doc, claims


def batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Ingest:
    """One ingest run into the store behind ``writer``."""

    def __init__(
        self, engine: Engine, writer: Writer, progress: Progress | None = None, update: bool = False
    ) -> None:
        self.engine = engine
        self.writer = writer
        self.progress = progress
        self.summary = IngestSummary()
        self.update = update  # store known reports again when their metadata changed
        self.replacing: set[str] = set()  # ids of the known reports to store again

    def run(
        self,
        items: Iterable[Item],
        workers: int = 1,
        scheduler: str | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> IngestSummary:
        fresh = self.unknown(items)
        if scheduler or workers > 1:
            from tolltrack.extract.distributed import extract_distributed

            pairs = extract_distributed(
                fresh, workers=None if scheduler else workers, scheduler=scheduler, batch_size=batch_size,
                read=read_for_writer,
            )  # fmt: skip
            extracted: Iterable[list[Pair]] = batches(pairs, batch_size)
        else:
            extracted = (self.extract(batch) for batch in batches(fresh, batch_size))
        for batch in extracted:
            self.store(batch)
        if self.summary.new:
            self._count(self.writer.attach_pending())
            refresh_statistics(self.writer.engine)  # the planner's view of the grown store
        return self.summary

    def _settled(self, item: Item) -> None:
        if self.progress:
            self.progress(self.summary, item)

    def _fail(self, doc: Document, reason: str) -> None:
        self.summary.failed.append(IngestError(doc.source_path or doc.id, reason))
        self._settled(doc)

    def unknown(self, items: Iterable[Item]) -> Iterator[Document]:
        """The documents not stored yet and not seen before in this run; settles the others."""
        seen: set[str] = set()
        for chunk in batches(items, LOOKUP_SIZE):
            self._stored_by_text(chunk)
            ids = [d.id for d in chunk if isinstance(d, Document)]
            stored = self._stored(ids)
            if self.update:
                stored = self._changed(chunk, stored)
            for item in chunk:
                if isinstance(item, IngestError):
                    self.summary.failed.append(item)
                elif item.id in stored or item.id in seen:
                    self.summary.known += 1
                else:
                    seen.add(item.id)
                    yield item
                    continue
                self._settled(item)

    def _stored_by_text(self, chunk: list[Item]) -> None:
        """A report with a headline is keyed by headline and text, but one stored under its text's
        hash alone (by a store written before headlines counted, or given before without a
        headline) is the same report when the stored one has this headline or none: it takes the
        stored id, so that re-ingesting it changes nothing."""
        from .repair import stored_metadata

        titled = [d for d in chunk if isinstance(d, Document) and d.title and d.id != text_id(d)]
        old = self._stored(list({text_id(d) for d in titled}), stored_metadata) if titled else {}
        for doc in titled:
            stored = old.get(text_id(doc))
            if stored and headline_key(stored.title) in ("", headline_key(doc.title)):
                doc.id = stored.id

    def _changed(self, chunk: list[Item], stored: set[str]) -> set[str]:
        """``stored`` less the documents whose metadata differs from the stored one's: those are
        stored again (``self.replacing``), with the stored metadata they leave out."""
        from .repair import stored_metadata, with_metadata

        ids = [d.id for d in chunk if isinstance(d, Document) and d.id in stored]
        old = self._stored(ids, stored_metadata) if ids else {}
        for item in chunk:
            if isinstance(item, Document) and item.id in old and with_metadata(old[item.id], item):
                self.replacing.add(item.id)
        return stored - self.replacing

    def _stored(self, ids: list[str], read=None):
        """Which of ``ids`` are stored (or ``read(conn, ids)``); a lost connection is retried, then
        a StoreUnavailable."""
        for attempt in range(RETRIES):
            try:
                with self.engine.connect() as conn:
                    if read is not None:
                        return read(conn, ids)
                    return set(conn.execute(select(documents.c.id).where(documents.c.id.in_(ids))).scalars())
            except (OperationalError, DBAPIError) as exc:
                if not (isinstance(exc, OperationalError) or exc.connection_invalidated):
                    raise
                if attempt == RETRIES - 1:
                    raise StoreUnavailable(f"the store is unavailable: {exc.orig or exc}") from exc
                time.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable")

    def extract(self, batch: list[Document]) -> list[Pair]:
        """Claims of a batch; a document the extractor fails on becomes an IngestError."""
        from tolltrack.extract.report import report_claims

        try:
            return [carry(d, c) for d, c in report_claims(batch, batch_size=len(batch))]
        except Exception:  # find the document at fault
            pass
        out = []
        for doc in batch:
            try:
                out.extend(carry(d, c) for d, c in report_claims([doc]))
            except Exception as exc:
                self._fail(doc, f"extraction failed: {type(exc).__name__}: {exc}")
        return out

    def store(self, batch: list[Pair]) -> None:
        if not batch:
            return
        try:
            done = [(batch, self._write(batch))]
        except StoreUnavailable:
            raise
        except Exception:  # one bad document must not lose the batch: store them one by one
            done = []
            for pair in batch:
                try:
                    done.append(([pair], self._write([pair])))
                except StoreUnavailable:
                    raise
                except Exception as exc:
                    self._fail(pair[0], f"store error: {type(exc).__name__}: {exc}")
        for pairs, result in done:
            self._count(result)
            for doc, _ in pairs:
                self._settled(doc)

    def _write(self, batch: list[Pair]) -> BatchResult:
        """Write a batch; the known reports in it with new metadata replace their stored selves."""
        return self.writer.write(batch, forget=[d.id for d, _ in batch if d.id in self.replacing])

    def _count(self, res: BatchResult) -> None:
        s = self.summary
        s.updated.extend(res.updated)
        s.new += len(res.new)
        s.known += len(res.known)
        s.claims_added += res.claims_added
        s.attached += len(res.attached)
        s.doc_ids.extend(res.new)
        s.incidents.extend(i for i in res.incidents if i not in s.incidents)
