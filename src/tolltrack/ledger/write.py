"""Writing reports to the store: link them to incidents and store them, a batch per transaction.

A batch is written in one transaction that holds the store's write lock (``BEGIN IMMEDIATE`` on
SQLite, an advisory lock on PostgreSQL), so every document lands whole with its claims and its
incident updates, or not at all. Inside the lock the writer

1. reads the store's version counter and, when another process wrote since this writer last did,
   reloads the incidents changed since that its index holds (each incident row carries the version
   of the write that last changed it) and forgets which keys its index knows whole;
2. skips the documents already stored (another process may have stored them meanwhile);
3. loads into its incident index the stored incidents the batch may join: those under the blocking
   keys and names of the batch's reports (``IncidentIndex.wanted``, table ``incident_keys``) and
   those that already hold one of its claims. The index starts empty and keeps what it loaded, so
   a writer's start costs nothing however large the store, and each batch reads what it needs;
4. links each new document's claims (``IncidentIndex.assign``, which sets ``Claim.incident_id``),
   inserts the document, claims, victims and sources, bumps the version counter and inserts or
   updates the incidents touched, with that version, what the index knows of them beyond their
   summary (``IncidentIndex.names_of``, ``tallies_of``: a writer that loads them again needs them
   to link as this one) and the keys they are found under (``IncidentIndex.keys_of``).
5. attaches the batch's reports without claims (``IncidentIndex.attach``), once its claims are
   linked, to the incident their text matches best, storing the membership and the incident's
   new state (its figures do not change: the report brings no claim).

A report without claims that matches no incident yet is *pending*: stored, with ``n_claims`` 0 and no
membership (the store needs no other mark). ``attach_pending`` (called at the end of every ingest
that stored something) retries every pending report of the store against every incident known by
then, until none joins, so re-ingesting changes nothing and the last of several concurrent ingests
to finish sees every incident. Their signatures are read outside the write lock and kept.

Each report's own reading of its incident's toll (``reconcile.toll_vote.read_report``) is kept
(``KeptReadings``): an incident that gains a report is reconciled again from all its reports, and
the others' readings are taken from there instead of being read again.

When a transaction fails the in-memory index may hold the rolled-back batch, so it is dropped and
rebuilt from the store on the next write. A dropped connection is retried a few times.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, bindparam, func, select
from sqlalchemy.exc import DBAPIError, OperationalError

from tolltrack.extract.scope import INCIDENT
from tolltrack.linking.groups import report_groups, report_signature
from tolltrack.linking.incidents import IncidentIndex, report_order
from tolltrack.linking.match import Signature
from tolltrack.model import Claim, Document, Incident
from tolltrack.reconcile.toll_vote import KeptReadings, keep_readings
from tolltrack.store import index_rows
from tolltrack.store.bulk import insert_rows
from tolltrack.store.rows import (
    chunks,
    claim_rows,
    document_row,
    incident_row,
    load_documents,
    pending_query,
)
from tolltrack.store.schema import (
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

from .figures import Written
from .figures import refresh as refresh_figures
from .figures import summaries as figure_columns

RETRIES = 4


@dataclass
class BatchResult:
    new: list[str] = field(default_factory=list)  # ids of the documents stored
    known: list[str] = field(default_factory=list)  # ids already in the store
    claims_added: int = 0
    incidents: list[str] = field(default_factory=list)  # ids of the incidents created or extended
    attached: list[str] = field(default_factory=list)  # reports without claims that joined an incident
    updated: list[str] = field(default_factory=list)  # stored again with new metadata (ledger.repair)
    forgotten: list[str] = field(default_factory=list)  # removed (ledger.repair)
    relinked: list[str] = field(default_factory=list)  # others of the incidents dissolved (ledger.repair)


class StoreUnavailable(RuntimeError):
    """The database could not be reached or stayed locked after several attempts."""


class Writer:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.index: IncidentIndex | None = None
        self.version = -1
        self.forgets = -1  # the store's count of removals when the index was built (ledger.repair)
        self.reloaded = 0  # incidents read from the store by the last sync
        self._lock = threading.Lock()  # threads of one process share the index: one writes at a time
        self._signatures: dict[str, Signature] = {}  # pending reports without claims (see above)
        self.readings = KeptReadings()  # reports' own readings of their toll, for incidents reconciled again

    def write(self, pairs: list[tuple[Document, list[Claim]]], forget: Sequence[str] = ()) -> BatchResult:
        """Store a batch of (document, claims) in one transaction; retries a lost connection.
        ``forget``: ids of stored documents removed first, in the same transaction, their incidents
        relinked (``ledger.repair``); a document in both is stored again with its new metadata."""
        with self._lock, _collector_paused(), keep_readings(self.readings):
            if forget:
                from .repair import rewrite

                self.readings.clear()
                return self._attempts(lambda conn: rewrite(self, conn, pairs, forget))
            return self._attempts(lambda conn: self._write(conn, pairs))

    def drop_pending(self, doc_id: str) -> None:
        self._signatures.pop(doc_id, None)

    def attach_pending(self) -> BatchResult:
        """Attach the stored reports without claims that belong to no incident yet to the incident
        their text matches best, if any (one transaction); ``attached`` lists those that joined."""
        with self._lock, keep_readings(self.readings):
            self._attempts(self._read_pending, locked=False)
            return self._attempts(self._attach_pending)

    def _attempts(self, work: Callable[[Connection], BatchResult | None], locked: bool = True):
        """Run ``work`` in a write transaction (or, not ``locked``, on a plain connection); a lost
        connection is retried."""
        for attempt in range(RETRIES):
            try:
                with write_transaction(self.engine) if locked else self.engine.connect() as conn:
                    return work(conn)
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
        """The incident index, brought up to date with the store: made anew (empty, loading stored
        incidents as batches ask for them) the first time, after a failed write or a removal; when
        other writers wrote since the version this writer last saw, the incidents they changed that
        the index holds are read again and no key is taken as complete any more."""
        version, forgets = read_version(conn), read_version(conn, "forgets")
        if (
            self.index is None or version < self.version or forgets != self.forgets
        ):  # new, made anew, repaired
            self.forgets = forgets
            self.readings.clear()  # reports may have been removed and stored again (``ledger.repair``)
            self.index = IncidentIndex(stored=_count(conn))
            self.reloaded = 0
        elif version != self.version:
            index = self.index
            changed = conn.execute(select(incidents.c.id).where(incidents.c.version > self.version))
            held = [i for i in changed.scalars() if index.get(i) is not None]
            index.update(*index_rows.by_ids(conn, held))
            index.stale(_count(conn))
            self.reloaded = len(held)
        else:
            self.reloaded = 0
        self.version = version
        return self.index

    def _load(
        self, conn: Connection, index: IncidentIndex, sigs: list[Signature], claim_ids: list[str]
    ) -> None:
        """Load the stored incidents the index lacks for these signatures (their keys' incidents) and
        those holding any of these claims (a report linked before keeps its claims' incidents)."""
        wanted = set().union(*(index.wanted(s) for s in sigs)) if sigs else set()
        found = index_rows.keyed_incidents(conn, wanted, index.config.rare_cap)
        homes: set[str] = set()
        for chunk in chunks(claim_ids):
            q = select(claims.c.incident_id).where(
                claims.c.claim_id.in_(list(chunk)), claims.c.incident_id.is_not(None)
            )
            homes.update(conn.execute(q).scalars())
        index.fill(found, lambda ids: index_rows.by_ids(conn, ids), homes)

    def _write(self, conn: Connection, pairs: list[tuple[Document, list[Claim]]]) -> BatchResult:
        index = self.sync(conn)
        result = BatchResult()
        ids = [d.id for d, _ in pairs]
        stored = set(conn.execute(select(documents.c.id).where(documents.c.id.in_(ids))).scalars())
        todo: list[tuple[Document, list[Claim], list[Claim], list]] = []
        for doc, found in pairs:
            if doc.id in stored:
                result.known.append(doc.id)
                continue
            stored.add(doc.id)
            for c in found:
                c.doc_id = doc.id
            self.readings.offer(doc, found)
            about = [c for c in found if c.scope == INCIDENT]  # others follow (``_place_apart``)
            todo.append((doc, found, about, report_groups(doc, about, index.config) if about else []))
        if not todo:
            return result
        claimless = sorted((doc for doc, _, about, _ in todo if not about), key=report_order)
        waiting = [(d, report_signature(d)) for d in claimless]
        sigs = [g.sig for *_, groups in todo for g in groups] + [sig for _, sig in waiting]
        self._load(conn, index, sigs, [c.id for _, _, about, _ in todo for c in about])
        doc_rows, claim_rows_, victim_rows, source_rows, members = [], [], [], [], []
        touched: dict[str, Incident] = {}
        written = Written()
        for doc, found, about, groups in todo:
            linked = index.assign(doc, about, groups) if about else []
            _place_apart(found)
            doc_rows.append(document_row(doc, len(found)))
            rows = [claim_rows(c) for c in found]
            for row, vics, srcs in rows:
                claim_rows_.append(row)
                victim_rows.extend(vics)
                source_rows.extend(srcs)
            written.add(doc_rows[-1], found)
            for inc in linked:
                touched[inc.id] = inc
                members.append(_membership(inc, doc.id))
            result.new.append(doc.id)
            result.claims_added += len(found)
        self._attach(index, waiting, touched, members, result)
        for table, rows in ((documents, doc_rows), (claims, claim_rows_), (victims, victim_rows),
                            (sources, source_rows)):  # fmt: skip
            insert_rows(conn, table, rows)
        self.version = bump_version(conn)
        self._save_incidents(conn, index, list(touched.values()), members, self.version, written)
        result.incidents = list(touched)
        return result

    def _attach(
        self,
        index: IncidentIndex,
        waiting: list[tuple[Document, Signature]],
        touched: dict[str, Incident],
        members: list[dict],
        result: BatchResult,
    ) -> None:
        """Attach reports without claims (in publication order) until none of those left joins: one
        that joins changes its incident, which may then match another. Those left stay pending."""
        while waiting:
            left = []
            for doc, sig in waiting:
                inc = index.attach(doc, sig)
                if inc is None:
                    left.append((doc, sig))
                    continue
                touched[inc.id] = inc
                members.append(_membership(inc, doc.id))
                result.attached.append(doc.id)
                self._signatures.pop(doc.id, None)
            if len(left) == len(waiting):
                break
            waiting = left
        for doc, sig in waiting:
            self._signatures[doc.id] = sig

    def _read_pending(self, conn: Connection) -> None:
        """Read the signatures of the pending reports this writer does not know yet (no lock held)."""
        ids = list(conn.execute(pending_query().with_only_columns(documents.c.id)).scalars())
        known = {i: self._signatures[i] for i in ids if i in self._signatures}
        for chunk in chunks([i for i in ids if i not in known], 200):
            for doc in load_documents(conn, chunk).values():
                known[doc.id] = report_signature(doc)
        self._signatures = known

    def _attach_pending(self, conn: Connection) -> BatchResult:
        index = self.sync(conn)
        result = BatchResult()
        waiting = [
            (Document(text="", published=published, id=doc_id), self._signatures[doc_id])
            for doc_id, published in conn.execute(pending_query())
            if doc_id in self._signatures  # one stored since is attached by the ingest that stored it
        ]
        touched: dict[str, Incident] = {}
        members: list[dict] = []
        self._load(conn, index, [sig for _, sig in waiting], [])
        self._attach(index, waiting, touched, members, result)
        if touched:
            self.version = bump_version(conn)
            self._save_incidents(conn, index, list(touched.values()), members, self.version)
            result.incidents = list(touched)
        return result

    @staticmethod
    def _save_incidents(
        conn: Connection,
        index: IncidentIndex,
        touched: list[Incident],
        members: list[dict],
        version: int,
        written: Written | None = None,
    ) -> None:
        """Insert or update the incidents a batch touched, with their names, tallies, this write's
        version and their figures reconciled anew: those it founded from ``written`` (the batch's
        reports and claims, without reading them back) and inserted with their figures in one
        statement, the others from the store once updated."""
        if not touched:
            return
        ids = [i.id for i in touched]
        existing = set(conn.execute(select(incidents.c.id).where(incidents.c.id.in_(ids))).scalars())
        rows = {
            i.id: {**incident_row(i), "names": index.names_of(i.id), "tallies": index.tallies_of(i.id),
                   "version": version}
            for i in touched
        }  # fmt: skip
        new = [i for i in ids if i not in existing]
        founded: dict[str, dict] = {}
        if written is not None:  # founded by this write: inserted with their figures
            joined: dict[str, list[dict]] = {}
            for m in members:
                joined.setdefault(m["incident_id"], []).append(m)
            for inc_id in new:
                order = sorted(joined.get(inc_id, []), key=lambda m: m["pos"])
                written.found(rows[inc_id], [m["doc_id"] for m in order])
            founded = figure_columns(conn, new, written)
        insert_rows(conn, incidents, [{**rows[i], **founded.get(i, {})} for i in new])
        changed = [{**rows[i], "_id": i} for i in ids if i in existing]
        if changed:  # one statement for all of them (executemany)
            for row in changed:
                del row["id"]
            conn.execute(incidents.update().where(incidents.c.id == bindparam("_id")), changed)
        insert_rows(conn, incident_documents, members)
        index_rows.save_keys(conn, {i: index.keys_of(i) for i in ids}, existing)
        refresh_figures(conn, [i for i in ids if i not in founded])  # from the store, as updated


def _count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(incidents)).scalar_one()


@contextmanager
def _collector_paused():
    """Python's cycle collector off while one batch is written. A batch makes hundreds of thousands of
    short-lived objects and few reference cycles, and every pass of the collector walks the linking
    index and the gazetteer, which live as long as the process: it took a third of the write path's
    CPU (cProfile, 2,000 reports). Left as it was found; its next pass frees any cycle the batch made."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _place_apart(found: list[Claim]) -> None:
    """Claims about another incident or a background aggregate found no incident and join none by
    their own figures: they go with the incident their report's other claims are about, shown apart
    there (none when the report has no claim about an incident of its own)."""
    from tolltrack.reconcile.toll_vote import main_incident

    home = main_incident([c for c in found if c.scope == INCIDENT])
    for c in found:
        if c.scope != INCIDENT:
            c.incident_id = home


def _membership(inc: Incident, doc_id: str) -> dict:
    return {"incident_id": inc.id, "doc_id": doc_id, "pos": inc.doc_ids.index(doc_id)}
