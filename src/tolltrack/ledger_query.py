"""Filters for the ledger's queries: claims by incident, claimant, outcome, group, kind and date;
documents and incidents by free text; search snippets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, func, or_

from tolltrack.model import CountKind, Document, Outcome, SourceKind
from tolltrack.store import claims, documents, incidents, sources

COUNT_KINDS = {k.value for k in CountKind}
SOURCE_KINDS = {k.value for k in SourceKind}


def _value(x) -> str:
    return getattr(x, "value", x)


def _contains(column, q: str):
    """Case-insensitive substring match, with LIKE wildcards in ``q`` taken literally."""
    return func.lower(column).contains(q.lower(), autoescape=True)


def claim_filters(
    *,
    incident: str | None = None,
    claimant: str | None = None,
    outcome: Outcome | str | None = None,
    group: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    doc_id: str | None = None,
    scope: str | None = None,
) -> list:
    """WHERE clauses over ``claims`` joined with ``documents``."""
    where = []
    if incident:
        where.append(claims.c.incident_id == incident)
    if claimant:
        where.append(
            exists().where(
                sources.c.doc_id == claims.c.doc_id,
                sources.c.claim_idx == claims.c.idx,
                sources.c.name_lower.contains(claimant.lower(), autoescape=True),
            )
        )
    if outcome:
        where.append(claims.c.outcome == _value(outcome))
    if scope:
        where.append(claims.c.scope == scope)
    if group:
        where.append(claims.c.group_key == group)
    if kind:
        kind = _value(kind)
        if kind in COUNT_KINDS:
            where.append(claims.c.count_kind == kind)
        elif kind in SOURCE_KINDS:
            where.append(
                exists().where(
                    sources.c.doc_id == claims.c.doc_id,
                    sources.c.claim_idx == claims.c.idx,
                    sources.c.innermost == 1,
                    sources.c.kind == kind,
                )
            )
        else:
            raise ValueError(f"unknown kind {kind!r}: a count kind or a source kind")
    if since:
        where.append(documents.c.published >= since)
    if until:
        where.append(documents.c.published <= until)
    if doc_id:
        where.append(claims.c.doc_id == doc_id)
    return where


def document_filter(q: str | None) -> list:
    if not q or not q.strip():
        return []
    q = q.strip()
    cols = (documents.c.title, documents.c.text, documents.c.outlet, documents.c.url)
    return [or_(*(_contains(c, q) for c in cols))]


def incident_filter(q: str | None) -> list:
    if not q or not q.strip():
        return []
    q = q.strip()
    cols = (incidents.c.id, incidents.c.label, incidents.c.place, incidents.c.country, incidents.c.event_type)
    return [or_(*(_contains(c, q) for c in cols))]


def snippet(doc: Document, q: str, width: int = 80) -> str:
    """The text around the first occurrence of ``q`` (or the title's start), on one line."""
    text = doc.text
    at = text.lower().find(q.strip().lower())
    if at < 0:
        return " ".join((doc.title or text[: 2 * width]).split())
    lo, hi = max(0, at - width), min(len(text), at + len(q.strip()) + width)
    out = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


__all__ = ["claim_filters", "document_filter", "incident_filter", "snippet"]
