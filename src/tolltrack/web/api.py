"""Read endpoints of the REST API under /api/ (the upload is in upload.py). Lists are paginated with
``limit``, ``offset`` and the ``total`` matching."""

from __future__ import annotations

import base64
import binascii
import json

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from tolltrack.ledger.query import cursor_value
from tolltrack.model import TimelinePoint

from .deps import IncidentQuery, Page, claim_filters, get_ledger, incident_query, page_params
from .schemas import (
    ClaimOut,
    ClaimPage,
    DocumentOut,
    DocumentPage,
    DocumentSummary,
    IncidentBrief,
    IncidentFullPage,
    IncidentOut,
    IncidentPage,
    SearchHit,
    SearchPage,
)

router = APIRouter(prefix="/api", tags=["ledger"])

QUERY = Query(None, max_length=200, description="Words to look for.")
DOC_ID = Path(..., max_length=64, description="Document id (sha256 of the text) or a unique prefix.")
INCIDENT_ID = Path(..., max_length=80, description="Incident id or a unique prefix.")


def _paged(cls, page: Page, total: int, items: list, **extra):
    """One page of a list endpoint: the items, where they start and how many match in all."""
    return cls(**extra, total=total, limit=page.limit, offset=page.offset, items=items)


def _found(value, what: str, key: str):
    if value is None:
        raise HTTPException(status_code=404, detail=f"no {what} {key!r}")
    return value


@router.get(
    "/documents", response_model=DocumentPage, summary="Reports, newest first; q filters title and text"
)
def list_documents(q: str | None = QUERY, page: Page = Depends(page_params), ledger=Depends(get_ledger)):
    q = (q or "").strip() or None
    docs = ledger.documents(q=q, limit=page.limit, offset=page.offset)
    return _paged(DocumentPage, page, ledger.count_documents(q), [DocumentSummary.of(d) for d in docs])


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="One report with its text and claims")
def get_document(doc_id: str = DOC_ID, ledger=Depends(get_ledger)):
    doc = _found(ledger.document(doc_id), "document", doc_id)
    claims = [ClaimOut.of(c) for c in ledger.claims(doc_id=doc.id)]
    summary = DocumentSummary.of(doc).model_dump()
    incidents = ledger.document_incidents(doc.id)
    return DocumentOut(**summary, text=doc.text, claims=claims, incidents=incidents)


@router.get("/unlinked", summary="Reports in no incident, with the reason")
def list_unlinked(page: Page = Depends(page_params), ledger=Depends(get_ledger)):
    found = ledger.unlinked(limit=page.limit, offset=page.offset)
    items = [{**DocumentSummary.of(d).model_dump(mode="json"), "reason": why} for d, why in found]
    return {"limit": page.limit, "offset": page.offset, "items": items}


@router.get("/claims", response_model=ClaimPage, summary="Claims in report order, filtered")
def list_claims(
    filters: dict = Depends(claim_filters), page: Page = Depends(page_params), ledger=Depends(get_ledger)
):
    found = ledger.claims(**filters, limit=page.limit, offset=page.offset)
    return _paged(ClaimPage, page, ledger.count_claims(**filters), [ClaimOut.of(c) for c in found])


@router.get(
    "/incidents",
    response_model=IncidentPage | IncidentFullPage,
    summary="Incidents with reconciled low/best/high figures, sorted and filtered over all of them",
)
def list_incidents(
    q: str | None = QUERY,
    how: IncidentQuery = Depends(incident_query),
    page: Page = Depends(page_params),
    cursor: str | None = Query(
        None, max_length=400, description="`next_cursor` of the previous page (instead of an offset)."
    ),
    detail: str = Query(
        "summary",
        pattern="^(summary|full)$",
        description="`summary`: figures without their reasons and claim ids, the number of reports; "
        "`full`: every incident whole, as `/api/incidents/{id}` gives it.",
    ),
    ledger=Depends(get_ledger),
):
    q = (q or "").strip() or None
    after = decode_cursor(cursor, how) if cursor else None
    if after is not None and page.offset:
        raise HTTPException(422, "offset: give either an offset or a cursor, not both")
    nxt = None
    full = detail == "full"
    if page.offset:
        found = ledger.incidents(
            q=q, limit=page.limit, offset=page.offset, timeline=False, claim_ids=full, brief=not full,
            **how.kwargs(),
        )  # fmt: skip
    else:
        found, nxt = ledger.incidents_after(
            after, q=q, limit=page.limit, claim_ids=full, brief=not full, **how.kwargs()
        )
    total = ledger.count_incidents(q, **(how.filters or {}))
    nxt_text = encode_cursor(how, nxt) if nxt else None
    if full:
        items = [IncidentOut.of(i) for i in found]
        return _paged(IncidentFullPage, page, total, items, next_cursor=nxt_text)
    items = [IncidentBrief.of(i) for i in found]
    return _paged(IncidentPage, page, total, items, next_cursor=nxt_text)


def encode_cursor(how: IncidentQuery, key: tuple) -> str:
    """An opaque cursor: the sort it belongs to and the last row's (value, id)."""
    raw = json.dumps([how.sort, how.descending, *key])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(text: str, how: IncidentQuery) -> tuple:
    """A cursor back to its (value, id) for this sort, or 422 naming the parameter."""
    try:
        sort, descending, value, last_id = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError, binascii.Error):
        raise HTTPException(422, "cursor: not a cursor this API gave (pass next_cursor as it came)") from None
    if (sort, descending) != (how.sort, how.descending):
        raise HTTPException(422, "cursor: it belongs to another sort; give the same sort and order")
    try:
        if not isinstance(last_id, str):
            raise ValueError("id: not a string")
        cursor_value(sort, value)  # the type the sort column stores
    except ValueError:
        raise HTTPException(422, "cursor: not a cursor this API gave (pass next_cursor as it came)") from None
    return value, last_id


@router.get("/incidents/{incident_id}", response_model=IncidentOut, summary="One incident: figures, flags")
def get_incident(incident_id: str = INCIDENT_ID, ledger=Depends(get_ledger)):
    return IncidentOut.of(_found(ledger.incident(incident_id), "incident", incident_id))


@router.get(
    "/incidents/{incident_id}/timeline",
    response_model=list[TimelinePoint],
    summary="Each claimant's figures by the date they were first reported",
)
def get_timeline(incident_id: str = INCIDENT_ID, ledger=Depends(get_ledger)):
    return _found(ledger.incident(incident_id), "incident", incident_id).timeline


@router.get("/search", response_model=SearchPage, summary="Search the titles and text of the reports")
def search(
    q: str = Query(..., min_length=1, max_length=200, description="Words to look for."),
    page: Page = Depends(page_params),
    ledger=Depends(get_ledger),
):
    if not q.strip():
        raise HTTPException(status_code=422, detail="q: give some words to search for")
    hits = ledger.search(q, limit=page.limit, offset=page.offset)
    items = [SearchHit(document=DocumentSummary.of(d), snippet=s) for d, s in hits]
    return _paged(SearchPage, page, ledger.count_documents(q), items, q=q)
