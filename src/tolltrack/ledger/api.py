"""``tolltrack.Ledger``: the Python API over the store.

    with Ledger("sqlite:///tolltrack.db") as ledger:
        summary = ledger.ingest(["reports/"], published="2026-01-04")
        for inc in ledger.incidents():
            print(inc.label, [(f.group, f.outcome, f.low, f.best, f.high) for f in inc.figures])
        claims = ledger.claims(claimant="cuba", outcome="killed")

Ingest reads reports (``tolltrack.ingest.sources``), skips those already stored (documents are keyed by the
hash of their headline and text), extracts claims (in this process, or on Dask workers with ``workers > 1`` or
``scheduler``) and stores them in batches (``tolltrack.ledger.write``). Each incident's figures are
reconciled when its claims change and stored with it (``tolltrack.ledger.figures``), so incidents sort
and filter by them in the database.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from tolltrack.model import Claim, Document, Incident
from tolltrack.store.rows import document_from_row, load_claims, load_documents, load_incidents
from tolltrack.store.schema import (
    claims,
    current_revision,
    documents,
    incident_documents,
    incidents,
    make_engine,
    resolve_url,
    state_stamp,
    upgrade,
)

from . import backfill  # registers the store's data steps (names, scope, brief, keys)
from .figures import apply as apply_figures
from .figures import apply_brief, ensure_current
from .figures import check as check_figures
from .figures import reconciled as reconciled_figures
from .ingest import BATCH_SIZE, Ingest, IngestSummary, Item, Progress
from .query import (
    after_filters,
    claim_filters,
    document_filter,
    incident_filter,
    incident_order,
    prefix_filter,
    snippet,
    sort_key,
)
from .write import BatchResult, StoreUnavailable, Writer

__all__ = ["IngestSummary", "Ledger", "StoreUnavailable"]


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store URL (None for other stores and in-memory ones)."""
    if not url.startswith("sqlite") or "///" not in url:
        return None
    path = url.split("///", 1)[1].split("?", 1)[0]
    return None if not path or path == ":memory:" or path.startswith("file:") else Path(path)


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class Ledger:
    """A store of documents, claims and incidents at ``db_url`` (default ``$TOLLTRACK_DB`` or
    ``sqlite:///tolltrack.db``). Opening it brings the schema to the newest revision."""

    def __init__(self, db_url: str | None = None, *, create: bool = True) -> None:
        self.url = resolve_url(db_url)
        path = sqlite_file(self.url)
        if path is not None and not create and not path.exists():
            raise FileNotFoundError(f"no store at {path} (ingest reports to create one)")
        self.engine: Engine = make_engine(self.url)
        with self.engine.connect() as conn:
            #: whether opening it made a new store (an empty database, or a new SQLite file)
            self.created = current_revision(conn) is None
        upgrade(self.engine)
        ensure_current(self.engine)
        self._writer = Writer(self.engine)
        self._counts: OrderedDict[tuple, tuple[tuple, int]] = OrderedDict()  # see ``_count``
        self._counts_lock = threading.Lock()

    # -- lifecycle

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store_name(self) -> str:
        """Where the store is, for messages: the SQLite file's path, else the URL without password."""
        path = sqlite_file(self.url)
        return str(path.resolve()) if path else self.engine.url.render_as_string(hide_password=True)

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
        update: bool = False,
    ) -> IngestSummary:
        """Read files and folders (text, HTML, JSON/JSONL, feeds) and store their reports. Folders
        leave out README*, LICENSE*, hidden entries and Markdown (``summary.skipped``) unless named.
        ``update``: a report already stored whose metadata (published, outlet, title, URL) differs
        is stored again with it, its claims extracted anew and its incidents relinked
        (``summary.updated``); metadata the input leaves out stays as stored."""
        from tolltrack.ingest.sources import DEFAULT_MAX_BYTES, iter_documents

        if isinstance(paths, str | Path):
            paths = [paths]
        skipped: list[str] = []
        items = iter_documents(
            paths, published=_as_date(published), outlet=outlet, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            skipped=skipped,
        )  # fmt: skip
        summary = self.ingest_documents(
            items,
            workers=workers,
            scheduler=scheduler,
            progress=progress,
            batch_size=batch_size,
            update=update,
        )
        summary.skipped = skipped
        return summary

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
        from tolltrack.ingest.sources import DEFAULT_MAX_BYTES, documents_from_bytes

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
        update: bool = False,
    ) -> IngestSummary:
        """Store Documents (IngestErrors are counted as failed). ``progress(summary, item)`` is called
        each time an item is settled: stored, found known or failed. ``update``: as in ``ingest``."""
        run = Ingest(self.engine, self._writer, progress, update=update)
        return run.run(docs, workers=workers, scheduler=scheduler, batch_size=batch_size)

    def forget(self, doc_or_url: str) -> BatchResult:
        """Remove a report (by id, unique id prefix or URL) with its claims and incident links, and
        relink the other reports of its incidents, in one transaction (``ledger.repair``).
        ``result.forgotten`` holds its id, ``result.relinked`` the others; KeyError when no report
        or several match."""
        doc_id = self.resolve_document(doc_or_url)
        return self._writer.write([], forget=[doc_id])

    def resolve_document(self, doc_or_url: str) -> str:
        """The id of the one report with this id, unique id prefix or URL (KeyError otherwise)."""
        key = doc_or_url.strip()
        doc = self.document(key) if key else None
        if doc is not None:
            return doc.id
        with self.engine.connect() as conn:
            ids = conn.execute(select(documents.c.id).where(documents.c.url == key).limit(3)).scalars().all()
        if len(ids) == 1:
            return ids[0]
        raise KeyError(f"{'several reports' if ids else 'no report'} match {doc_or_url!r}")

    # -- documents

    def document(self, doc_id: str) -> Document | None:
        """A document by id (or a unique prefix of it)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().all()
            if not rows:
                cond = prefix_filter(documents.c.id, doc_id.lower())  # ids are lower-case hex
                rows = conn.execute(select(documents).where(*cond).limit(2)).mappings().all()
        return document_from_row(rows[0]) if len(rows) == 1 else None

    def documents_by_id(self, ids: Iterable[str], with_text: bool = False) -> dict[str, Document]:
        """Documents by exact id, in a few queries; without their text unless asked."""
        with self.engine.connect() as conn:
            return load_documents(conn, ids, with_text=with_text)

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
        return self._count(select(func.count()).select_from(documents).where(*document_filter(q)))

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
        ``scope`` incident, other or background (``tolltrack.extract.scope``).
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
        """The rows ``stmt`` counts. Counting a million rows takes tens of milliseconds, and every
        page of a list shows its total: the last 512 counts are kept with the store's ``ledger_state``
        counters when they were made, and served again while those are unchanged (every write
        that changes rows bumps one), so a total is never stale."""
        key = (str(stmt), repr(sorted(stmt.compile().params.items())))
        with self.engine.connect() as conn:
            stamp = state_stamp(conn)  # read first: the count below is at least as new
            with self._counts_lock:
                hit = self._counts.get(key)
            if hit is not None and hit[0] == stamp:
                return hit[1]
            n = int(conn.execute(stmt).scalar() or 0)
        with self._counts_lock:
            self._counts[key] = (stamp, n)
            while len(self._counts) > 512:
                self._counts.popitem(last=False)
        return n

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
        with self.engine.connect() as conn:
            return _incident_ids(conn, key, limit)

    def incidents(
        self,
        *,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "date",
        descending: bool = True,
        timeline: bool = True,
        fresh: bool = False,
        claim_ids: bool = True,
        brief: bool = False,
        **filters: Any,
    ) -> list[Incident]:
        """Reconciled incidents, latest event date first, or sorted by ``sort`` (one of
        ``INCIDENT_SORTS``: a stored figure such as ``killed_best``, ``n_docs``, ``place``...); ``q``
        matches label, place, country, type; ``filters`` are those of ``ledger.query.incident_filter``
        (``min_killed``, ``min_injured``, ``since``, ``until``, ``country``, ``event_type``, ``disputed``).
        Sorting and filtering run in the database over every incident. With ``timeline=False`` the
        incidents come without their timelines (quicker: what the lists show); with ``fresh`` their
        figures are reconciled now from their claims rather than read as stored (what ``check``
        compares; the evaluation's cross-validation reads them so under other selector weights);
        with ``claim_ids=False`` without their claim ids (the list pages show only the number of
        reports); with ``brief`` their figures without reasons and claim ids, as the lists show them
        (read from the stored brief: quicker still)."""
        stmt = self._incident_query(
            q, limit, offset, sort, descending, filters, timeline and not brief, brief
        )
        with self.engine.connect() as conn:
            return self._stored(conn, conn.execute(stmt).mappings().all(), fresh, claim_ids, brief)

    def incidents_after(
        self,
        after: tuple | None,
        *,
        limit: int = 50,
        q: str | None = None,
        sort: str = "date",
        descending: bool = True,
        timeline: bool = False,
        claim_ids: bool = True,
        brief: bool = False,
        **filters: Any,
    ) -> tuple[list[Incident], tuple | None]:
        """A page of ``incidents`` by keyset: the ``limit`` incidents after the cursor ``after``
        (None: from the start) and the cursor of the next page (None at the end). Unlike an offset,
        a cursor costs the same on page 1 and page 20,000. ``claim_ids=False``: without claim ids;
        ``brief``: figures without reasons (as ``incidents``)."""
        rows: list = []
        parts = [[]] if after is None else [p for p in after_filters(sort, descending, tuple(after)) if p]
        with self.engine.connect() as conn:
            for extra in parts:
                if len(rows) > limit:
                    break
                stmt = self._incident_query(
                    q, limit + 1 - len(rows), 0, sort, descending, filters, timeline and not brief, brief
                )
                rows += conn.execute(stmt.where(*extra)).mappings().all()
            more = len(rows) > limit
            rows = rows[:limit]
            found = self._stored(conn, rows, claim_ids=claim_ids, brief=brief)
        return found, (sort_key(rows[-1], sort) if more and rows else None)

    def count_incidents(self, q: str | None = None, **filters: Any) -> int:
        return self._count(select(func.count()).select_from(incidents).where(*incident_filter(q, **filters)))

    def incident(self, incident_id: str) -> Incident | None:
        """One reconciled incident by id or unique prefix; None when there is none or several."""
        with self.engine.connect() as conn:
            return self._incident(conn, incident_id)

    def incident_with_claims(
        self, incident_id: str
    ) -> tuple[Incident, list[Claim], dict[str, Document]] | None:
        """One incident (as ``incident``) with its claims in report order (as ``claims(incident=...)``)
        and the documents of its reports and claims without their text, on one connection: what an
        incident page shows. None when no incident, or several, match."""
        with self.engine.connect() as conn:
            inc = self._incident(conn, incident_id)
            if inc is None:
                return None
            stmt = (
                select(claims)
                .join(documents, documents.c.id == claims.c.doc_id)
                .where(*claim_filters(incident=inc.id))
                .order_by(documents.c.published.asc().nulls_last(), claims.c.doc_id, claims.c.idx)
            )
            found = load_claims(conn, conn.execute(stmt).mappings().all())
            ids = dict.fromkeys([*inc.doc_ids, *(c.doc_id for c in found)])
            return inc, found, load_documents(conn, ids, with_text=False)

    def _incident(self, conn, incident_id: str) -> Incident | None:
        ids = _incident_ids(conn, incident_id.strip(), 2) if incident_id.strip() else []
        if len(ids) != 1:
            return None
        return self._stored(
            conn, conn.execute(select(incidents).where(incidents.c.id == ids[0])).mappings().all()
        )[0]

    def reconcile(self, incident_id: str) -> Incident:
        """Figures, timeline and flags of one incident, from its stored claims (KeyError if unknown)."""
        inc = self.incident(incident_id)
        if inc is None:
            raise KeyError(incident_id)
        return inc

    def incidents_with_claims(
        self,
        *,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "date",
        descending: bool = True,
        **filters: Any,
    ) -> tuple[list[tuple[Incident, list[Claim]]], dict[str, Document]]:
        """Like ``incidents`` with each incident's claims, and the documents they come from (without
        their text): what the exports and the incident pages need, in a few queries."""
        stmt = self._incident_query(q, limit, offset, sort, descending, filters, True)
        with self.engine.connect() as conn:
            found = self._stored(conn, conn.execute(stmt).mappings().all())
            by_incident, docs = self._claims_of(conn, found)
        return [(i, by_incident[i.id]) for i in found], docs

    def check(self) -> list[str]:
        """Incidents whose stored figures differ from their claims' reconciliation now (none, unless
        the store was written by other rules or changed by hand)."""
        return check_figures(self.engine)

    def check_keys(self) -> list[str]:
        """Incidents whose stored linking keys differ from those the linker computes for them now
        (none, unless the store was changed by hand)."""
        with self.engine.connect() as conn:
            return backfill.keys_differ(conn)

    @staticmethod
    def _incident_query(q, limit, offset, sort, descending, filters, timeline: bool, brief: bool = False):
        """The incidents' rows without what only the linker reads (names, tallies), with the
        timeline only when asked, and either the whole reconciliation or (``brief``) its brief."""
        skip = {"names", "tallies"} | (set() if timeline else {"timeline"})
        skip.add("reconciled" if brief else "brief")
        return (
            select(*(c for c in incidents.c if c.name not in skip))
            .where(*incident_filter(q, **filters))
            .order_by(*incident_order(sort, descending))
            .limit(limit)
            .offset(offset)
        )

    @staticmethod
    def _claims_of(conn, found: Sequence[Incident]) -> tuple[dict[str, list[Claim]], dict[str, Document]]:
        """The claims of these incidents, and their documents without text."""
        ids = [i.id for i in found]
        rows = []
        for start in range(0, len(ids), 500):
            stmt = select(claims).where(claims.c.incident_id.in_(ids[start : start + 500]))
            rows.extend(conn.execute(stmt.order_by(claims.c.doc_id, claims.c.idx)).mappings().all())
        by_incident: dict[str, list[Claim]] = {i: [] for i in ids}
        for c in load_claims(conn, rows):
            by_incident[c.incident_id].append(c)
        return by_incident, load_documents(conn, [c["doc_id"] for c in rows], with_text=False)

    @staticmethod
    def _stored(
        conn, rows, fresh: bool = False, claim_ids: bool = True, brief: bool = False
    ) -> list[Incident]:
        """Incidents of these rows with their stored figures (reconciled now where a row has none, or
        every one when ``fresh``); from the rows' briefs when ``brief``."""
        key = "brief" if brief else "reconciled"
        found = load_incidents(conn, rows, claim_ids or fresh or any(r[key] is None for r in rows))
        missing = [i for i, r in zip(found, rows, strict=True) if fresh or r[key] is None]
        fresh = {i.id: i for i in reconciled_figures(conn, missing)} if missing else {}
        if brief:
            return [fresh.get(i.id) or apply_brief(i, r[key]) for i, r in zip(found, rows, strict=True)]
        return [
            fresh.get(i.id) or apply_figures(i, r[key], r.get("timeline"))
            for i, r in zip(found, rows, strict=True)
        ]

    # -- totals

    def stats(self) -> dict[str, int]:
        """Rows in the main tables: documents, claims, incidents."""
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                for t in (documents, claims, incidents)
            }


def _incident_ids(conn, key: str, limit: int) -> list[str]:
    """Incident ids equal to (alone) or starting with ``key``, ``inc-`` optional (``Ledger.incident_ids``)."""
    prefixes = [key] if key.startswith("inc-") else [key, f"inc-{key}"]
    exact = conn.execute(select(incidents.c.id).where(incidents.c.id.in_(prefixes))).scalars().all()
    if exact:
        return exact[:1]
    found: list[str] = []
    for p in prefixes:
        stmt = select(incidents.c.id).where(*prefix_filter(incidents.c.id, p.lower()))
        found += conn.execute(stmt.order_by(incidents.c.id).limit(limit)).scalars().all()
    return sorted(set(found))[:limit]
