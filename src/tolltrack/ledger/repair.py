"""Repairing the store: forget reports, or store a report again with new metadata, in one transaction.

``rewrite`` runs inside the writer's locked transaction (``Writer.write(pairs, forget=ids)``):

1. the incidents the forgotten reports belong to are dissolved: their rows and memberships are
   deleted and the claims linked to them unlinked;
2. the forgotten reports are deleted with their claims, victims and sources (the foreign keys
   cascade), and so are the other reports of the dissolved incidents, read back first with their
   claims;
3. those other reports and the batch's new ones are written again as by an ingest
   (``Writer._write``), in report order, so they link to the incidents that remain or form new
   ones, and a report without claims is attached again (or left pending).

A report stored again keeps its id (the hash of its headline and text) and gets the batch's metadata
and claims.
The store's ``forgets`` counter is bumped, so that every writer, in this process or another,
rebuilds its incident index from the store before its next write instead of updating it.
Killed anywhere before the commit, the transaction leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, select, update

from tolltrack.linking.incidents import report_order
from tolltrack.model import Claim, Document
from tolltrack.store.rows import chunks, load_claims, load_documents
from tolltrack.store.schema import bump_version, claims, documents, incident_documents, incidents

if TYPE_CHECKING:
    from .write import BatchResult, Writer

FORGETS = "forgets"  # the ledger_state key counting removals


def rewrite(
    writer: Writer, conn: Connection, pairs: list[tuple[Document, list[Claim]]], forget: Sequence[str]
) -> BatchResult:
    """Forget the documents ``forget`` and write ``pairs``, relinking what the forgotten ones
    shared incidents with; ``result.relinked`` lists the documents relinked, ``result.forgotten``
    those removed (a document in both ``forget`` and ``pairs`` is stored again: ``result.updated``)."""
    gone = list(dict.fromkeys(forget))
    kept = _dissolve(conn, gone)
    for chunk in chunks(gone + [d.id for d, _ in kept]):
        conn.execute(delete(documents).where(documents.c.id.in_(list(chunk))))
    bump_version(conn, FORGETS)
    writer.index = None  # rebuilt from the store, without the dissolved incidents
    for doc_id in gone:
        writer.drop_pending(doc_id)
    batch = sorted([*kept, *pairs], key=lambda pair: report_order(pair[0]))
    result = writer._write(conn, batch)
    relinked = {d.id for d, _ in kept}
    stored_again = {d.id for d, _ in pairs} & set(gone)
    result.relinked = [i for i in result.new if i in relinked]
    result.updated = [i for i in result.new if i in stored_again]
    result.forgotten = [i for i in gone if i not in stored_again]
    result.new = [i for i in result.new if i not in relinked and i not in stored_again]
    result.claims_added -= sum(len(found) for _, found in kept)
    result.attached = [i for i in result.attached if i not in relinked]
    return result


def _dissolve(conn: Connection, gone: list[str]) -> list[tuple[Document, list[Claim]]]:
    """Delete the incidents of the documents ``gone``; returns their other documents with claims."""
    inc_ids: set[str] = set()
    for chunk in chunks(gone):
        q = select(incident_documents.c.incident_id).where(incident_documents.c.doc_id.in_(list(chunk)))
        inc_ids.update(conn.execute(q).scalars())
        q = select(claims.c.incident_id).where(
            claims.c.doc_id.in_(list(chunk)), claims.c.incident_id.is_not(None)
        )
        inc_ids.update(conn.execute(q).scalars())
    inc_list = sorted(inc_ids)
    others: set[str] = set()
    for chunk in chunks(inc_list):
        q = select(incident_documents.c.doc_id).where(incident_documents.c.incident_id.in_(list(chunk)))
        others.update(conn.execute(q).scalars())
        q = select(claims.c.doc_id).where(claims.c.incident_id.in_(list(chunk)))
        others.update(conn.execute(q).scalars())
    others.difference_update(gone)
    docs = load_documents(conn, sorted(others))
    rows = []
    for chunk in chunks(sorted(docs)):
        q = select(claims).where(claims.c.doc_id.in_(list(chunk))).order_by(claims.c.doc_id, claims.c.idx)
        rows.extend(conn.execute(q).mappings().all())
    by_doc: dict[str, list[Claim]] = {i: [] for i in docs}
    for c in load_claims(conn, rows):
        c.incident_id = None
        by_doc[c.doc_id].append(c)
    for chunk in chunks(inc_list):
        conn.execute(update(claims).where(claims.c.incident_id.in_(list(chunk))).values(incident_id=None))
        conn.execute(delete(incident_documents).where(incident_documents.c.incident_id.in_(list(chunk))))
        conn.execute(delete(incidents).where(incidents.c.id.in_(list(chunk))))
    return [(docs[i], by_doc[i]) for i in sorted(docs)]


def stored_metadata(conn: Connection, ids: Sequence[str]) -> dict[str, Document]:
    """The stored documents of ``ids``, without their text (to compare metadata)."""
    return load_documents(conn, ids, with_text=False)


def with_metadata(stored: Document, given: Document) -> Document | None:
    """``given`` (same text as ``stored``) with the stored metadata it leaves out filled in; None
    when that changes nothing."""
    fields = ("outlet", "url", "published", "title")
    merged = {f: getattr(given, f) or getattr(stored, f) for f in fields}
    if all(merged[f] == getattr(stored, f) for f in fields):
        return None
    for f, value in merged.items():
        setattr(given, f, value)
    return given
