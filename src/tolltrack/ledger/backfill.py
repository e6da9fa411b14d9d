"""The data steps of the store's revisions: what a migration leaves to the code of the stages.

``store.schema.upgrade`` runs them once, in the transaction that upgrades the store, when a revision
marked them pending: "names" (revision 0002), "scope" (revision 0004), "brief" (revision 0007,
``ledger.figures.fill_briefs``) and "keys" (revision 0009: the keys the linker finds each incident
under, ``fill_keys``). This module registers them, in the order of their revisions.

Names (0002): filling in what the linker knows of each incident in a store written before it was kept.

The linker keeps, per incident, the distinctive names of each report that joined it and how often
each date, place, type... was reported (``IncidentIndex.names_of``, ``tallies_of``). A store
written before revision 0002 has the incidents but not those; they can be recomputed from what it
does keep: each stored report is split into its events again (``linking.groups.document_groups``
over its stored claims, which is what the linker did when it stored the report), and each event
is counted for the incident its claims were linked to, in the order the reports joined
(``incidents.replayed``). The split uses the code of the running version, so a report that the
linker of an older version split differently may count a little differently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from types import SimpleNamespace

from sqlalchemy import Connection, select

from tolltrack.extract.scope import classify
from tolltrack.linking.groups import document_groups
from tolltrack.linking.incidents import first_published, replayed, stored_keys
from tolltrack.linking.match import Signature
from tolltrack.model import Count, CountKind, Document
from tolltrack.store import index_rows
from tolltrack.store.rows import chunks, load_claims, load_documents
from tolltrack.store.schema import DATA_STEPS, claims, incident_documents, incidents

from .figures import fill_briefs

DOCS_PER_STEP = 200  # reports read (with their text and claims) at a time


def replayed_events(conn: Connection) -> dict[str, list[tuple[Signature, Document]]]:
    """The events of each stored incident: (signature, report) in the order they joined it."""
    order = {
        (inc, doc): pos
        for inc, doc, pos in conn.execute(
            select(incident_documents.c.incident_id, incident_documents.c.doc_id, incident_documents.c.pos)
        )
    }
    doc_ids = sorted({doc for _, doc in order})
    found: dict[str, list[tuple[int, int, Signature, Document]]] = defaultdict(list)
    for chunk in chunks(doc_ids, DOCS_PER_STEP):
        docs = load_documents(conn, chunk)
        # a data step runs once the store is at the newest revision: every column is there
        stmt = select(claims).where(claims.c.doc_id.in_(list(chunk))).order_by(claims.c.doc_id, claims.c.idx)
        by_doc = defaultdict(list)
        for c in load_claims(conn, conn.execute(stmt).mappings().all()):
            by_doc[c.doc_id].append(c)
        for doc_id, found_claims in by_doc.items():
            doc = docs[doc_id]
            stub = Document(text="", published=doc.published, id=doc.id)  # the text is not kept
            for i, group in enumerate(document_groups(doc, found_claims)):
                home = group.claims[0].incident_id
                if home and (home, doc_id) in order:
                    found[home].append((order[home, doc_id], i, group.sig, stub))
    return {
        inc: [(sig, doc) for _, _, sig, doc in sorted(parts, key=lambda p: p[:2])]
        for inc, parts in found.items()
    }


def backfill(conn: Connection) -> int:
    """Store the recomputed names and tallies of every incident; returns how many were filled."""
    events = replayed_events(conn)
    for inc_id, found in events.items():
        names, tallies = replayed(found)
        conn.execute(incidents.update().where(incidents.c.id == inc_id).values(names=names, tallies=tallies))
    return len(events)


def classify_stored(conn: Connection) -> None:
    """Scope (0004): each stored claim classified from its stored sentence and count, as extraction
    classifies new ones."""
    rows = conn.execute(
        select(claims.c.doc_id, claims.c.idx, claims.c.sentence, claims.c.count_kind, claims.c.count_low)
    ).all()
    for doc_id, idx, sentence, kind, low in rows:
        # a rate is marked from the parse at extraction (extract.scope.RATE): a store this old has no mark
        stored = SimpleNamespace(sentence=sentence, count=Count(CountKind(kind), low=low), scope_reason="")
        scope, why = classify(stored)
        if scope != "incident":
            conn.execute(
                claims.update()
                .where(claims.c.doc_id == doc_id, claims.c.idx == idx)
                .values(scope=scope, scope_reason=why)
            )


def _computed_keys(conn: Connection, chunk: int = 2000) -> Iterator[tuple[list[str], dict[str, list[str]]]]:
    """The keys of every stored incident as the linker computes them (``linking.incidents.stored_keys``),
    a chunk of incidents at a time: (their ids, their keys)."""
    last = ""
    while True:
        q = select(incidents.c.id).where(incidents.c.id > last).order_by(incidents.c.id).limit(chunk)
        ids = list(conn.execute(q).scalars())
        if not ids:
            return
        found, published, names, tallies = index_rows.by_ids(conn, ids)
        yield (
            ids,
            {i.id: stored_keys(i, first_published(i, published), names[i.id], tallies[i.id]) for i in found},
        )
        last = ids[-1]


def fill_keys(conn: Connection) -> int:
    """Keys (0009): store the blocking keys and names of every incident; returns how many."""
    done = 0
    for ids, keys in _computed_keys(conn):
        index_rows.save_keys(conn, keys, ids)
        done += len(ids)
    return done


def keys_differ(conn: Connection) -> list[str]:
    """The incidents whose stored keys differ from those the linker computes for them now."""
    differ = []
    for ids, keys in _computed_keys(conn):
        stored = index_rows.stored_keys_of(conn, ids)
        differ.extend(i for i in ids if sorted(stored.get(i, ())) != keys.get(i, []))
    return differ


DATA_STEPS.update(names=backfill, scope=classify_stored, brief=fill_briefs, keys=fill_keys)
