"""Model objects ↔ store rows: a stored claim reads back as an equal ``Claim``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Select, select, tuple_

from tolltrack.model import (
    Attribution,
    Claim,
    Count,
    CountKind,
    Document,
    Event,
    Incident,
    Outcome,
    Source,
    SourceKind,
    Status,
    VictimGroup,
)
from tolltrack.reconcile.ranges import claim_group

from .schema import claims, documents, incident_documents, incidents, sources, victims

CHUNK = 500  # keys per IN (...) query


def document_row(doc: Document, n_claims: int) -> dict[str, Any]:
    return {
        "id": doc.id,
        "text": doc.text,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "title": doc.title,
        "source_path": doc.source_path,
        "language": doc.language,
        "n_claims": n_claims,
    }


def document_from_row(row: Mapping[str, Any]) -> Document:
    return Document(
        text=row["text"],
        outlet=row["outlet"],
        url=row["url"],
        published=row["published"],
        title=row["title"],
        source_path=row["source_path"],
        language=row["language"],
        id=row["id"],
    )


def claim_rows(c: Claim) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(claims row, victims rows, sources rows) of one claim."""
    key = {"doc_id": c.doc_id, "claim_idx": c.index}
    ev = c.event
    row = {
        "doc_id": c.doc_id,
        "idx": c.index,
        "claim_id": c.id,
        "count_kind": c.count.kind.value,
        "count_value": c.count.value,
        "count_low": c.count.low,
        "count_high": c.count.high,
        "count_text": c.count.text,
        "outcome": c.outcome.value if c.outcome else None,
        "group_key": claim_group(c),
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
        "trigger": c.trigger,
        "trigger_start": c.trigger_start,
        "hedge": c.attribution.hedge,
        "refers_to": c.refers_to,
        "notes": list(c.notes),
        "event_triggers": list(ev.triggers),
        "event_place": ev.place,
        "event_country": ev.country,
        "event_date": ev.date,
        "event_date_text": ev.date_text,
        "event_actor": ev.actor,
        "event_target": ev.target,
        "incident_id": c.incident_id,
        "scope": c.scope,
        "scope_reason": c.scope_reason,
    }
    vics = [
        {**key, "pos": i, "head": v.head, "text": v.text, "nationality": v.nationality,
         "status": v.status.value, "role": v.role}
        for i, v in enumerate(c.victims)
    ]  # fmt: skip
    last = len(c.attribution.chain) - 1
    srcs = [
        {**key, "pos": i, "name": s.name, "name_lower": s.name.lower(), "kind": s.kind.value, "cue": s.cue,
         "title": s.title, "channel": s.channel, "innermost": int(i == last)}
        for i, s in enumerate(c.attribution.chain)
    ]  # fmt: skip
    return row, vics, srcs


def claim_from_rows(row: Mapping[str, Any], vics: Sequence[Mapping], srcs: Sequence[Mapping]) -> Claim:
    return Claim(
        count=Count(
            CountKind(row["count_kind"]),
            row["count_value"],
            row["count_low"],
            row["count_high"],
            row["count_text"],
        ),  # fmt: skip
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        victims=[
            VictimGroup(v["head"], v["text"], v["nationality"], Status(v["status"]), v["role"]) for v in vics
        ],
        attribution=Attribution(
            [Source(s["name"], SourceKind(s["kind"]), s["cue"], s["title"], s["channel"]) for s in srcs],
            row["hedge"],
        ),
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        trigger=row["trigger"],
        trigger_start=row["trigger_start"],
        event=Event(
            triggers=list(row["event_triggers"] or []),
            place=row["event_place"],
            country=row["event_country"],
            date=row["event_date"],
            date_text=row["event_date_text"],
            actor=row["event_actor"],
            target=row["event_target"],
        ),
        doc_id=row["doc_id"],
        index=row["idx"],
        refers_to=row["refers_to"],
        notes=list(row["notes"] or []),
        incident_id=row["incident_id"],
        scope=row.get("scope", "incident"),
        scope_reason=row.get("scope_reason", ""),
    )


def chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def load_claims(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> list[Claim]:
    """Claims for claims-table rows (in their order), with their victims and sources loaded."""
    keys = [(r["doc_id"], r["idx"]) for r in rows]
    parts: dict[str, dict[tuple[str, int], list]] = {"v": {}, "s": {}}
    for part, table in (("v", victims), ("s", sources)):
        for chunk in chunks(keys):
            q = (
                select(table)
                .where(tuple_(table.c.doc_id, table.c.claim_idx).in_(list(chunk)))
                .order_by(table.c.doc_id, table.c.claim_idx, table.c.pos)
            )
            for r in conn.execute(q).mappings():
                parts[part].setdefault((r["doc_id"], r["claim_idx"]), []).append(r)
    return [
        claim_from_rows(r, parts["v"].get(k, []), parts["s"].get(k, []))
        for r, k in zip(rows, keys, strict=True)
    ]


def load_documents(conn: Connection, ids: Iterable[str], with_text: bool = True) -> dict[str, Document]:
    """Documents by id; without text, ``Document.text`` is empty (enough for reconciliation)."""
    ids = list(dict.fromkeys(ids))
    cols = list(documents.c) if with_text else [c for c in documents.c if c.name != "text"]
    out: dict[str, Document] = {}
    for chunk in chunks(ids):
        for r in conn.execute(select(*cols).where(documents.c.id.in_(list(chunk)))).mappings():
            row = dict(r) if with_text else {**r, "text": ""}
            out[r["id"]] = document_from_row(row)
    return out


def incident_row(inc: Incident) -> dict[str, Any]:
    return {
        "id": inc.id,
        "date": inc.date,
        "place": inc.place,
        "country": inc.country,
        "event_type": inc.event_type,
        "actor": inc.actor,
        "target": inc.target,
        "label": inc.label,
        "n_docs": len(inc.doc_ids),
        "n_claims": len(inc.claim_ids),
    }


def incident_from_row(row: Mapping[str, Any]) -> Incident:
    return Incident(
        id=row["id"],
        date=row["date"],
        place=row["place"],
        country=row["country"],
        event_type=row["event_type"],
        actor=row["actor"],
        target=row["target"],
        label=row["label"],
    )


def claim_ids_by_incident(conn: Connection, incident_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each incident's claim ids, in the order its reports joined, then claim order."""
    inc_docs = incident_documents
    out: dict[str, list[str]] = {i: [] for i in incident_ids}
    for chunk in chunks(list(incident_ids)):
        q = (
            select(claims.c.incident_id, claims.c.claim_id)
            .join(
                inc_docs,
                (inc_docs.c.incident_id == claims.c.incident_id) & (inc_docs.c.doc_id == claims.c.doc_id),
            )
            .where(claims.c.incident_id.in_(list(chunk)))
            .order_by(claims.c.incident_id, inc_docs.c.pos, claims.c.idx)
        )
        for inc_id, cid in conn.execute(q).all():  # fetchall: one call, not one per row
            out[inc_id].append(cid)
    return out


def load_incidents(
    conn: Connection, rows: Sequence[Mapping[str, Any]], with_claim_ids: bool = True
) -> list[Incident]:
    """Incidents for incidents-table rows, with their document and (unless not ``with_claim_ids``:
    a list page shows none) claim ids filled."""
    inc_docs = incident_documents
    found = [incident_from_row(r) for r in rows]
    by_id = {i.id: i for i in found}
    for chunk in chunks(list(by_id)):
        q = (
            select(inc_docs.c.incident_id, inc_docs.c.doc_id)
            .where(inc_docs.c.incident_id.in_(list(chunk)))
            .order_by(inc_docs.c.incident_id, inc_docs.c.pos)
        )
        for inc_id, doc_id in conn.execute(q).all():
            by_id[inc_id].doc_ids.append(doc_id)
    if with_claim_ids:
        for inc_id, cids in claim_ids_by_incident(conn, list(by_id)).items():
            by_id[inc_id].claim_ids = cids
    return found


def pending_query() -> Select:
    """The stored reports without claims that belong to no incident (yet), in publication order then
    id, as (id, published): ``IncidentIndex.attach`` could not place them when they were written."""
    member = select(incident_documents.c.doc_id).where(incident_documents.c.doc_id == documents.c.id)
    return (
        select(documents.c.id, documents.c.published)
        .where(documents.c.n_claims == 0, ~member.exists())
        .order_by(documents.c.published.asc().nulls_last(), documents.c.id)
    )


def all_incidents(conn: Connection) -> list[Incident]:
    return load_incidents(conn, list(conn.execute(select(incidents).order_by(incidents.c.id)).mappings()))
