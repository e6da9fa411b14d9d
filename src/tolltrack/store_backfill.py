"""Filling the incidents' distinctive names in a store written before they were kept (revision 0002).

The linker keeps, per incident, the distinctive names of each report that joined it
(``IncidentIndex.names_of``). A store written before revision 0002 has the incidents but not those
names; they can be recomputed from what it does keep: each stored report is split into its events
again (``incident_groups.document_groups`` over its stored claims, which is what the linker did
when it stored the report), and each event's names go to the incident its claims were linked to,
in the order the reports joined. The split uses the code of the running version, so names of a
report the linker of an older version split differently may differ a little.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select

from tolltrack.incident_groups import document_groups
from tolltrack.store import claims, incident_documents, incidents
from tolltrack.store_rows import chunks, load_claims, load_documents

DOCS_PER_STEP = 200  # reports read (with their text and claims) at a time


def recomputed_names(conn: Connection) -> dict[str, list[list[str]]]:
    """The names of each stored incident, report by report, as the linker would have kept them."""
    order = {
        (inc, doc): pos
        for inc, doc, pos in conn.execute(
            select(incident_documents.c.incident_id, incident_documents.c.doc_id, incident_documents.c.pos)
        )
    }
    doc_ids = sorted({doc for _, doc in order})
    found: dict[str, list[tuple[int, int, list[str]]]] = defaultdict(list)
    for chunk in chunks(doc_ids, DOCS_PER_STEP):
        docs = load_documents(conn, chunk)
        stmt = select(claims).where(claims.c.doc_id.in_(list(chunk))).order_by(claims.c.doc_id, claims.c.idx)
        by_doc = defaultdict(list)
        for c in load_claims(conn, conn.execute(stmt).mappings().all()):
            by_doc[c.doc_id].append(c)
        for doc_id, found_claims in by_doc.items():
            for i, group in enumerate(document_groups(docs[doc_id], found_claims)):
                home = group.claims[0].incident_id
                if home and group.sig.names and (home, doc_id) in order:
                    found[home].append((order[home, doc_id], i, sorted(group.sig.names)))
    return {inc: [names for *_, names in sorted(parts)] for inc, parts in found.items()}


def backfill_names(conn: Connection) -> int:
    """Store the recomputed names of every incident; returns how many incidents have names."""
    names = recomputed_names(conn)
    for inc_id, per_report in names.items():
        conn.execute(incidents.update().where(incidents.c.id == inc_id).values(names=per_report))
    return len(names)
