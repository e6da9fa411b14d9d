"""``tolltrack.Ledger``: the Python API over the store.

    with Ledger("sqlite:///tolltrack.db") as ledger:
        summary = ledger.ingest(["reports/"], published="2026-01-04")
        for inc in ledger.incidents():
            print(inc.label, [(f.group, f.outcome, f.low, f.best, f.high) for f in inc.figures])
        claims = ledger.claims(claimant="cuba", outcome="killed")

Ingest reads reports (``tolltrack.ingest``), skips those already stored (documents are keyed by the
hash of their text), extracts claims (in this process, or on Dask workers with ``workers > 1`` or
``scheduler``) and stores them in batches (``tolltrack.ledger_write``). Incidents are reconciled
when read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, or_, select

from tolltrack.ledger_ingest import BATCH_SIZE, Ingest, IngestSummary, Item, Progress
from tolltrack.ledger_query import claim_filters, document_filter, incident_filter, snippet
from tolltrack.ledger_write import StoreUnavailable, Writer
from tolltrack.model import Claim, Document, Incident
from tolltrack.store import (
    claims,
    documents,
    incident_documents,
    incidents,
    make_engine,
    resolve_url,
    upgrade,
)
from tolltrack.store_rows import document_from_row, load_claims, load_documents, load_incidents

__all__ = ["IngestSummary", "Ledger", "StoreUnavailable"]


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class Ledger:
    """A store of documents, claims and incidents at ``db_url`` (default ``$TOLLTRACK_DB`` or
    ``sqlite:///tolltrack.db``). Opening it brings the schema to the newest revision."""

    def __init__(self, db_url: str | None = None) -> None:
        self.url = resolve_url(db_url)
        self.engine: Engine = make_engine(self.url)
        upgrade(self.engine)
        self._writer = Writer(self.engine)

    # -- lifecycle

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- ingest

    def ingest(
        self,
        paths: Iterable[str | Path] | str | Path,
        *,
        published: date | str | None = None,
        outlet: str | None = None,
        max_bytes: int | None = None,
        workers: int = 1,
        scheduler: str | None = None,
        progress: Progress | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> IngestSummary:
        """Read files and folders (text, HTML, JSON/JSONL, feeds) and store their reports."""
        from tolltrack.ingest import DEFAULT_MAX_BYTES, iter_documents

        if isinstance(paths, str | Path):
            paths = [paths]
        items = iter_documents(
            paths, published=_as_date(published), outlet=outlet, max_bytes=max_bytes or DEFAULT_MAX_BYTES
        )
        return self.ingest_documents(
            items, workers=workers, scheduler=scheduler, progress=progress, batch_size=batch_size
        )

    def ingest_bytes(
        self,
        data: bytes,
        name: str,
        *,
        published: date | str | None = None,
        outlet: str | None = None,
        max_bytes: int | None = None,
    ) -> IngestSummary:
        """Store the reports of an uploaded file; ``name`` picks the format and never touches the disk."""
        from tolltrack.ingest import DEFAULT_MAX_BYTES, documents_from_bytes

        items = documents_from_bytes(
            data, name, published=_as_date(published), outlet=outlet, max_bytes=max_bytes or DEFAULT_MAX_BYTES
        )
        return self.ingest_documents(items)

    def ingest_documents(
        self,
        docs: Iterable[Item],
        *,
        workers: int = 1,
        scheduler: str | None = None,
        progress: Progress | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> IngestSummary:
        """Store Documents (IngestErrors are counted as failed). ``progress(summary, item)`` is called
        each time an item is settled: stored, found known or failed."""
        run = Ingest(self.engine, self._writer, progress)
        return run.run(docs, workers=workers, scheduler=scheduler, batch_size=batch_size)

    # -- documents

    def document(self, doc_id: str) -> Document | None:
        """A document by id (or a unique prefix of it)."""
        with self.engine.connect() as conn:
            cond = or_(documents.c.id == doc_id, documents.c.id.startswith(doc_id, autoescape=True))
            rows = conn.execute(select(documents).where(cond).limit(2)).mappings().all()
        exact = [r for r in rows if r["id"] == doc_id]
        rows = exact or rows
        return document_from_row(rows[0]) if len(rows) == 1 else None

    def documents(self, *, q: str | None = None, limit: int = 50, offset: int = 0) -> list[Document]:
        """Documents, newest publication first; ``q`` matches title, text, outlet or URL."""
        stmt = (
            select(documents)
            .where(*document_filter(q))
            .order_by(documents.c.published.desc().nulls_last(), documents.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [document_from_row(r) for r in conn.execute(stmt).mappings()]

    def count_documents(self, q: str | None = None) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(documents).where(*document_filter(q))
            ).scalar()

    def unlinked(self, *, limit: int | None = None, offset: int = 0) -> list[tuple[Document, str]]:
        """Reports in no incident, in publication order, with the reason: no claim and a text that
        matches no incident yet, or claims only about other incidents or background figures."""
        member = select(incident_documents.c.doc_id).where(incident_documents.c.doc_id == documents.c.id)
        cols = [c for c in documents.c if c.name != "text"]
        stmt = (
            select(*cols)
            .where(~member.exists())
            .order_by(documents.c.published.asc().nulls_last(), documents.c.id)
            .limit(limit)
            .offset(offset)
        )
        out = []
        with self.engine.connect() as conn:
            for row in conn.execute(stmt).mappings().all():
                doc = document_from_row({**row, "text": ""})
                if not row["n_claims"]:
                    out.append((doc, "no claim; its text matches no incident yet (retried at every ingest)"))
                    continue
                q = select(claims.c.scope, claims.c.scope_reason).where(claims.c.doc_id == doc.id)
                why = sorted({f"{s}: {r}" for s, r in conn.execute(q) if s != "incident"})
                out.append((doc, "claims only about other incidents or background: " + "; ".join(why)))
        return out

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[tuple[Document, str]]:
        """Documents whose text or title contains ``q`` (case-insensitive), with a snippet around it."""
        if not q or not q.strip():
            return []
        found = self.documents(q=q, limit=limit, offset=offset)
        return [(d, snippet(d, q)) for d in found]

    def document_incidents(self, doc_id: str) -> list[str]:
        """Ids of the incidents a stored report belongs to: through its claims, or (a report without
        claims) the one it was attached to; in the order it joined them."""
        q = select(incident_documents.c.incident_id).where(incident_documents.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            return list(conn.execute(q.order_by(incident_documents.c.incident_id)).scalars())

    # -- claims

    def claims(
        self,
        *,
        incident: str | None = None,
        claimant: str | None = None,
        outcome: str | None = None,
        group: str | None = None,
        kind: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        doc_id: str | None = None,
        scope: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        """Claims in report order (publication date, document, position), filtered:

        ``incident`` an incident id or unique prefix; ``claimant`` a case-insensitive part of any
        source name in the chain; ``outcome`` killed/injured/...; ``group`` the victim group key
        (``reconcile.claim_group``); ``kind`` a count kind (exact, at_least, ...) or the claimant's
        source kind (government, agency, ...); ``since``/``until`` the report's publication date;
        ``scope`` incident, other or background (``tolltrack.scope``).
        """
        filters = self._claim_filters(locals())
        if filters is None:
            return []
        stmt = (
            select(claims)
            .join(documents, documents.c.id == claims.c.doc_id)
            .where(*filters)
            .order_by(documents.c.published.asc().nulls_last(), claims.c.doc_id, claims.c.idx)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return load_claims(conn, conn.execute(stmt).mappings().all())

    def count_claims(self, **filters: Any) -> int:
        where = self._claim_filters(filters)
        if where is None:
            return 0
        stmt = select(func.count()).select_from(claims.join(documents, documents.c.id == claims.c.doc_id))
        return self._count(stmt.where(*where))

    def _count(self, stmt) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar() or 0)

    def _claim_filters(self, given: dict[str, Any]) -> list | None:
        incident = given.get("incident")
        if incident:
            incident = self.resolve_incident(incident)
            if incident is None:
                return None
        return claim_filters(
            incident=incident,
            claimant=given.get("claimant"),
            outcome=given.get("outcome"),
            group=given.get("group"),
            kind=given.get("kind"),
            since=_as_date(given.get("since")),
            until=_as_date(given.get("until")),
            doc_id=given.get("doc_id"),
            scope=given.get("scope"),
        )

    # -- incidents

    def resolve_incident(self, id_or_prefix: str) -> str | None:
        """The id of the one incident whose id is or starts with this (``inc-`` may be left out)."""
        ids = self.incident_ids(id_or_prefix, limit=2)
        return ids[0] if len(ids) == 1 else None

    def incident_ids(self, id_or_prefix: str, limit: int = 10) -> list[str]:
        """Incident ids equal to or starting with ``id_or_prefix`` (an exact match comes alone)."""
        key = id_or_prefix.strip()
        if not key:
            return []
        prefixes = [key] if key.startswith("inc-") else [key, f"inc-{key}"]
        with self.engine.connect() as conn:
            exact = conn.execute(select(incidents.c.id).where(incidents.c.id.in_(prefixes))).scalars().all()
            if exact:
                return exact[:1]
            cond = or_(*(incidents.c.id.startswith(p, autoescape=True) for p in prefixes))
            stmt = select(incidents.c.id).where(cond).order_by(incidents.c.id).limit(limit)
            return conn.execute(stmt).scalars().all()

    def incidents(self, *, q: str | None = None, limit: int | None = None, offset: int = 0) -> list[Incident]:
        """Reconciled incidents, latest event date first; ``q`` matches label, place, country, type."""
        with self.engine.connect() as conn:
            found = load_incidents(
                conn, conn.execute(self._incident_query(q, limit, offset)).mappings().all()
            )
            return self._reconciled(conn, found)

    def count_incidents(self, q: str | None = None) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(incidents).where(*incident_filter(q))
            ).scalar()

    def incident(self, incident_id: str) -> Incident | None:
        """One reconciled incident by id or unique prefix; None when there is none or several."""
        found = self.resolve_incident(incident_id)
        if found is None:
            return None
        with self.engine.connect() as conn:
            rows = conn.execute(select(incidents).where(incidents.c.id == found)).mappings().all()
            return self._reconciled(conn, load_incidents(conn, rows))[0]

    def reconcile(self, incident_id: str) -> Incident:
        """Figures, timeline and flags of one incident, from its stored claims (KeyError if unknown)."""
        inc = self.incident(incident_id)
        if inc is None:
            raise KeyError(incident_id)
        return inc

    def incidents_with_claims(
        self, *, q: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[tuple[Incident, list[Claim]]], dict[str, Document]]:
        """Like ``incidents`` with each incident's claims, and the documents they come from (without
        their text): what the exports and the incident pages need, in a few queries."""
        with self.engine.connect() as conn:
            found = load_incidents(
                conn, conn.execute(self._incident_query(q, limit, offset)).mappings().all()
            )
            by_incident, docs, reports = self._reports_of(conn, found)
        out = [(self._reconcile(i, by_incident[i.id], docs, reports), by_incident[i.id]) for i in found]
        return out, docs

    def _incident_query(self, q: str | None, limit: int | None, offset: int):
        return (
            select(incidents)
            .where(*incident_filter(q))
            .order_by(incidents.c.date.desc().nulls_last(), incidents.c.id)
            .limit(limit)
            .offset(offset)
        )

    @staticmethod
    def _reports_of(conn, found: Sequence[Incident]):
        """(claims by incident, the documents of their reports with text, every claim of each of these
        reports by document id: what ``reconcile`` reads a report's toll from)."""
        ids = [i.id for i in found]
        rows = []
        for start in range(0, len(ids), 500):
            stmt = select(claims).where(claims.c.incident_id.in_(ids[start : start + 500]))
            rows.extend(conn.execute(stmt.order_by(claims.c.doc_id, claims.c.idx)).mappings().all())
        doc_ids = list(dict.fromkeys([*(r["doc_id"] for r in rows), *(d for i in found for d in i.doc_ids)]))
        known = {(r["doc_id"], r["idx"]) for r in rows}
        for start in range(0, len(doc_ids), 500):
            stmt = select(claims).where(claims.c.doc_id.in_(doc_ids[start : start + 500]))
            more = conn.execute(stmt.order_by(claims.c.doc_id, claims.c.idx)).mappings().all()
            rows.extend(r for r in more if (r["doc_id"], r["idx"]) not in known)
        by_incident: dict[str, list[Claim]] = {i: [] for i in ids}
        reports: dict[str, list[Claim]] = {d: [] for d in doc_ids}
        for c in load_claims(conn, rows):
            if c.incident_id in by_incident:
                by_incident[c.incident_id].append(c)
            reports[c.doc_id].append(c)
        for found_claims in reports.values():
            found_claims.sort(key=lambda c: c.index)
        return by_incident, load_documents(conn, doc_ids), reports

    @staticmethod
    def _reconcile(
        inc: Incident, found: list[Claim], docs: dict[str, Document], reports: dict[str, list[Claim]]
    ) -> Incident:
        from tolltrack.reconcile import reconcile

        mine = {d: reports[d] for d in dict.fromkeys([*inc.doc_ids, *(c.doc_id for c in found)])}
        return reconcile(inc, found, docs, reports=mine)

    def _reconciled(self, conn, found: Sequence[Incident]) -> list[Incident]:
        by_incident, docs, reports = self._reports_of(conn, found)
        return [self._reconcile(inc, by_incident[inc.id], docs, reports) for inc in found]

    # -- totals

    def stats(self) -> dict[str, int]:
        """Rows in the main tables: documents, claims, incidents."""
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                for t in (documents, claims, incidents)
            }
