"""Writing reports to the store: link them to incidents and store them, a batch per transaction.

A batch is written in one transaction that holds the store's write lock (``BEGIN IMMEDIATE`` on
SQLite, an advisory lock on PostgreSQL), so every document lands whole with its claims and its
incident updates, or not at all. Inside the lock the writer

1. reads the store's version counter and, when another process wrote since this writer last did,
   reloads its incident index from the store (linking then sees the other process's incidents);
2. skips the documents already stored (another process may have stored them meanwhile);
3. links each new document's claims (``IncidentIndex.assign``, which sets ``Claim.incident_id``),
   inserts the document, claims, victims and sources, and inserts or updates the incidents touched;
4. bumps the version counter.

When a transaction fails the in-memory index may hold the rolled-back batch, so it is dropped and
rebuilt from the store on the next write. A dropped connection is retried a few times.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError

from tolltrack.incidents import IncidentIndex
from tolltrack.model import Claim, Document, Incident
from tolltrack.store import (
    bump_version,
    claims,
    documents,
    incident_documents,
    incidents,
    read_version,
    sources,
    victims,
    write_transaction,
)
from tolltrack.store_rows import all_incidents, chunks, claim_rows, document_row, incident_row

RETRIES = 4


@dataclass
class BatchResult:
    new: list[str] = field(default_factory=list)  # ids of the documents stored
    known: list[str] = field(default_factory=list)  # ids already in the store
    claims_added: int = 0
    incidents: list[str] = field(default_factory=list)  # ids of the incidents created or extended


class StoreUnavailable(RuntimeError):
    """The database could not be reached or stayed locked after several attempts."""


class Writer:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.index: IncidentIndex | None = None
        self.version = -1
        self._lock = threading.Lock()  # threads of one process share the index: one writes at a time

    def write(self, pairs: list[tuple[Document, list[Claim]]]) -> BatchResult:
        """Store a batch of (document, claims) in one transaction; retries a lost connection."""
        with self._lock:
            return self._attempts(pairs)

    def _attempts(self, pairs: list[tuple[Document, list[Claim]]]) -> BatchResult:
        for attempt in range(RETRIES):
            try:
                with write_transaction(self.engine) as conn:
                    return self._write(conn, pairs)
            except (OperationalError, DBAPIError) as exc:
                self.index = None
                transient = isinstance(exc, OperationalError) or exc.connection_invalidated
                if not transient:
                    raise
                if attempt == RETRIES - 1:
                    raise StoreUnavailable(f"the store is unavailable: {exc.orig or exc}") from exc
                time.sleep(0.5 * 2**attempt)
            except BaseException:
                self.index = None
                raise
        raise AssertionError("unreachable")

    def sync(self, conn: Connection) -> IncidentIndex:
        """The incident index, reloaded from the store when another writer changed it."""
        version = read_version(conn)
        if self.index is None or version != self.version:
            stored = all_incidents(conn)
            ids = sorted({d for inc in stored for d in inc.doc_ids})
            published = {}
            for chunk in chunks(ids):
                q = select(documents.c.id, documents.c.published).where(documents.c.id.in_(list(chunk)))
                published.update({i: d for i, d in conn.execute(q)})
            self.index = IncidentIndex(stored, published)
            self.version = version
        return self.index

    def _write(self, conn: Connection, pairs: list[tuple[Document, list[Claim]]]) -> BatchResult:
        index = self.sync(conn)
        result = BatchResult()
        ids = [d.id for d, _ in pairs]
        stored = set(conn.execute(select(documents.c.id).where(documents.c.id.in_(ids))).scalars())
        doc_rows, claim_rows_, victim_rows, source_rows, members = [], [], [], [], []
        touched: dict[str, Incident] = {}
        for doc, found in pairs:
            if doc.id in stored:
                result.known.append(doc.id)
                continue
            stored.add(doc.id)
            for c in found:
                c.doc_id = doc.id
            linked = index.assign(doc, found) if found else []
            doc_rows.append(document_row(doc, len(found)))
            for c in found:
                row, vics, srcs = claim_rows(c)
                claim_rows_.append(row)
                victim_rows.extend(vics)
                source_rows.extend(srcs)
            for inc in linked:
                touched[inc.id] = inc
                members.append({"incident_id": inc.id, "doc_id": doc.id, "pos": inc.doc_ids.index(doc.id)})
            result.new.append(doc.id)
            result.claims_added += len(found)
        if not doc_rows:
            return result
        for table, rows in ((documents, doc_rows), (claims, claim_rows_), (victims, victim_rows),
                            (sources, source_rows)):  # fmt: skip
            if rows:
                conn.execute(table.insert(), rows)
        self._save_incidents(conn, list(touched.values()), members)
        self.version = bump_version(conn)
        result.incidents = list(touched)
        return result

    @staticmethod
    def _save_incidents(conn: Connection, touched: list[Incident], members: list[dict]) -> None:
        if not touched:
            return
        ids = [i.id for i in touched]
        existing = set(conn.execute(select(incidents.c.id).where(incidents.c.id.in_(ids))).scalars())
        new_rows = [incident_row(i) for i in touched if i.id not in existing]
        if new_rows:
            conn.execute(incidents.insert(), new_rows)
        for inc in touched:
            if inc.id in existing:
                row = incident_row(inc)
                del row["id"]
                conn.execute(incidents.update().where(incidents.c.id == inc.id).values(**row))
        conn.execute(incident_documents.insert(), members)
