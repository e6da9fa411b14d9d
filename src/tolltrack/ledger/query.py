"""Filters for the ledger's queries: claims by incident, claimant, outcome, group, kind and date;
documents and incidents by free text; search snippets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, func, literal, or_, tuple_

from tolltrack.model import CountKind, Document, Outcome, SourceKind
from tolltrack.store.schema import claims, documents, incidents, sources

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


def prefix_filter(column, prefix: str) -> list:
    """WHERE clauses for ``column`` starting with ``prefix``: a range of the column's index (from the
    prefix to the next string of its length), then LIKE for the exact test. LIKE alone scans the
    whole table on SQLite (its ESCAPE clause keeps the index out), a million reports' texts."""
    if not prefix:
        return [column.startswith(prefix, autoescape=True)]
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return [column >= prefix, column < after, column.startswith(prefix, autoescape=True)]


def document_filter(q: str | None) -> list:
    if not q or not q.strip():
        return []
    q = q.strip()
    cols = (documents.c.title, documents.c.text, documents.c.outlet, documents.c.url)
    return [or_(*(_contains(c, q) for c in cols))]


INCIDENT_SORTS = (
    "date", "killed_best", "killed_high", "killed_low", "injured_best", "injured_high", "injured_low",
    "n_docs", "n_claimants", "place", "country", "event_type", "disputed", "first_reported", "last_reported",
)  # fmt: skip


def incident_filter(
    q: str | None = None,
    *,
    min_killed: int | None = None,
    min_injured: int | None = None,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    event_type: str | None = None,
    disputed: bool | None = None,
) -> list:
    """WHERE clauses over ``incidents``: free text, the stored best figures, the incident's date,
    country and event type (case-insensitive, whole value), disagreement."""
    where = []
    if q and q.strip():
        q = q.strip()
        cols = (
            incidents.c.id,
            incidents.c.label,
            incidents.c.place,
            incidents.c.country,
            incidents.c.event_type,
        )
        where.append(or_(*(_contains(c, q) for c in cols)))
    if min_killed is not None:
        where.append(incidents.c.killed_best >= min_killed)
    if min_injured is not None:
        where.append(incidents.c.injured_best >= min_injured)
    if since:
        where.append(incidents.c.date >= since)
    if until:
        where.append(incidents.c.date <= until)
    if country and country.strip():
        where.append(incidents.c.country.in_(country_names(country)))
    if event_type and event_type.strip():
        where.append(incidents.c.event_type == " ".join(event_type.lower().split()))
    if disputed is not None:
        where.append(incidents.c.disputed == int(disputed))
    return where


def country_names(name: str) -> list[str]:
    """The ways a country given in any case is stored (the gazetteer's name; as given, title-cased),
    compared as they are so that the index on ``incidents.country`` serves the filter."""
    from tolltrack.geo.lookup import country_of

    name = " ".join(name.split())
    return sorted({name, name.title(), country_of(name) or name})


def sort_key(row, sort: str) -> tuple:
    """The keyset cursor of an incident row for this sort: (its value, its id), JSON-ready."""
    value = row[sort]
    return (value.isoformat() if isinstance(value, date) else value, row["id"])


def cursor_value(sort: str, value):
    """A keyset cursor's value back to the sort column's type (the column's own type says which:
    whole numbers, ISO dates, text); ValueError when it cannot be one."""
    kind = incidents.c[sort].type.python_type
    if value is None:
        return None
    if kind is date:
        if not isinstance(value, str):
            raise ValueError(f"{sort}: not a date")
        return date.fromisoformat(value)
    if type(value) is not kind:
        raise ValueError(f"{sort}: not a {kind.__name__}")
    return value


def after_filters(sort: str, descending: bool, after: tuple) -> tuple[list, list]:
    """WHERE clauses for the rows after a keyset cursor (``sort_key``) in ``incident_order``: those
    with a value past it, then those without a value (last either way). Two lists, to run as two
    queries, so that each is one range of the (column, id) index."""
    col, key = incidents.c[sort], incidents.c.id
    value, last_id = after
    beyond = key < last_id if descending else key > last_id
    if value is None:
        return [], [col.is_(None), beyond]
    value = cursor_value(sort, value)
    pair, bound = tuple_(col, key), tuple_(literal(value), literal(last_id))
    return [col.is_not(None), pair < bound if descending else pair > bound], [col.is_(None)]


def incident_order(sort: str = "date", descending: bool = True) -> list:
    """ORDER BY over ``incidents`` for one of ``INCIDENT_SORTS``: missing values last either way,
    then the id the same way, so that pages never overlap and an index on (column, id) serves it."""
    if sort not in INCIDENT_SORTS:
        raise ValueError(f"unknown sort {sort!r}: one of {', '.join(INCIDENT_SORTS)}")
    col, key = incidents.c[sort], incidents.c.id
    if descending:
        return [col.desc().nulls_last(), key.desc()]
    return [col.asc().nulls_last(), key.asc()]


def snippet(doc: Document, q: str, width: int = 80) -> str:
    """The text around the first occurrence of ``q`` (or the title's start), on one line."""
    text = doc.text
    at = text.lower().find(q.strip().lower())
    if at < 0:
        return " ".join((doc.title or text[: 2 * width]).split())
    lo, hi = max(0, at - width), min(len(text), at + len(q.strip()) + width)
    out = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


__all__ = [
    "INCIDENT_SORTS",
    "after_filters",
    "cursor_value",
    "sort_key",
    "claim_filters",
    "document_filter",
    "incident_filter",
    "incident_order",
    "prefix_filter",
    "snippet",
]
