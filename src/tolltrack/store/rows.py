"""Model objects ↔ store rows: a stored claim reads back as an equal ``Claim``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Select, select

from tolltrack.model import TRANSIENT, Claim, Document, Incident, claim_group, from_dict

from .schema import claims, documents, incident_documents, incidents, sources, victims

CHUNK = 500  # keys per IN (...) query


# Claim fields stored under another column name, and nested dataclasses stored flat with a prefix
# (``count_kind``, ``event_place``); victims and sources have tables of their own.
COLUMN = {"index": "idx"}
FLAT = ("count", "event")


def _plain(value: Any) -> Any:
    """A model value as a column holds it: enums by value, lists copied."""
    if isinstance(value, StrEnum):
        return value.value
    return list(value) if isinstance(value, list) else value


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if TRANSIENT not in f.metadata)


def _fields(obj: Any) -> dict[str, Any]:
    return {n: _plain(getattr(obj, n)) for n in _names(type(obj))}


def document_row(doc: Document, n_claims: int) -> dict[str, Any]:
    return {**_fields(doc), "n_claims": n_claims}


def document_from_row(row: Mapping[str, Any]) -> Document:
    return from_dict(Document, row)


def claim_rows(c: Claim) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(claims row, victims rows, sources rows) of one claim: every field of the model's ``Claim``,
    with the claim's id, group and hedge beside them."""
    key = {"doc_id": c.doc_id, "claim_idx": c.index}
    row: dict[str, Any] = {"claim_id": c.id, "group_key": claim_group(c), "hedge": c.attribution.hedge}
    for name in _names(Claim):
        value = getattr(c, name)
        if name in FLAT:
            row.update({f"{name}_{k}": v for k, v in _fields(value).items()})
        elif name not in ("victims", "attribution"):
            row[COLUMN.get(name, name)] = _plain(value)
    vics = [{**key, "pos": i, **_fields(v)} for i, v in enumerate(c.victims)]
    last = len(c.attribution.chain) - 1
    srcs = [
        {**key, "pos": i, **_fields(s), "name_lower": s.name.lower(), "innermost": int(i == last)}
        for i, s in enumerate(c.attribution.chain)
    ]
    return row, vics, srcs


def claim_from_rows(row: Mapping[str, Any], vics: Sequence[Mapping], srcs: Sequence[Mapping]) -> Claim:
    d: dict[str, Any] = {f: row[c] for f, c in _claim_columns() if c in row}
    for name in FLAT:
        d[name] = {k[len(name) + 1 :]: v for k, v in row.items() if k.startswith(name + "_")}
    return from_dict(Claim, {**d, "victims": vics, "attribution": {"chain": srcs, "hedge": row["hedge"]}})


@functools.cache
def _claim_columns() -> list[tuple[str, str]]:
    """(Claim field, column) of the claim's fields stored in a column of their own."""
    skip = {*FLAT, "victims", "attribution"}
    return [(f.name, COLUMN.get(f.name, f.name)) for f in dataclasses.fields(Claim) if f.name not in skip]


def chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def load_claims(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> list[Claim]:
    """Claims for claims-table rows (in their order), with their victims and sources loaded."""
    keys = [(r["doc_id"], r["idx"]) for r in rows]
    wanted = set(keys)
    doc_ids = list(dict.fromkeys(r["doc_id"] for r in rows))
    parts: dict[str, dict[tuple[str, int], list]] = {"v": {}, "s": {}}
    for part, table in (("v", victims), ("s", sources)):
        # by document, which the primary key's first column indexes: SQLite reads a whole table
        # for a (doc_id, claim_idx) IN (...) of row values
        for chunk in chunks(doc_ids):
            q = (
                select(table)
                .where(table.c.doc_id.in_(list(chunk)))
                .order_by(table.c.doc_id, table.c.claim_idx, table.c.pos)
            )
            for r in conn.execute(q).mappings().all():
                key = (r["doc_id"], r["claim_idx"])
                if key in wanted:
                    parts[part].setdefault(key, []).append(r)
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
    """The incident's own columns: its scalar fields, and how many reports and claims it has (its
    figures are written by ``ledger.figures``)."""
    row = {k: v for k, v in _fields(inc).items() if not isinstance(v, list) and k != "claimants"}
    return {**row, "n_docs": len(inc.doc_ids), "n_claims": len(inc.claim_ids)}


def incident_from_row(row: Mapping[str, Any]) -> Incident:
    return from_dict(Incident, {k: row[k] for k in _incident_columns() if k in row})


@functools.cache
def _incident_columns() -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(Incident) if f.name not in ("doc_ids", "claim_ids",
                 "figures", "timeline", "flags", "claimants"))  # fmt: skip


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
            # both sides restricted, so that PostgreSQL reads each through its index rather than
            # hashing every membership of the store
            .where(claims.c.incident_id.in_(list(chunk)), inc_docs.c.incident_id.in_(list(chunk)))
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
