"""REST API under /api/: documents, claims, incidents with reconciled figures, timeline, search and
upload. Every list is paginated (``limit``, ``offset``, ``total``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from tolltrack.ingest import DEFAULT_MAX_BYTES
from tolltrack.ledger import Ledger
from tolltrack.model import CountKind, Document, Outcome, SourceKind, to_dict
from tolltrack.web.deps import Page, get_ledger, require_token

router = APIRouter(prefix="/api", tags=["api"])
LedgerDep = Annotated[Ledger, Depends(get_ledger)]
KINDS = sorted({k.value for k in CountKind} | {k.value for k in SourceKind})


def document_summary(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
    }


def _found(value: Any, what: str, key: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no {what} {key!r}")
    return value


@router.get("/documents", summary="Documents, newest first; q filters title and text")
def list_documents(ledger: LedgerDep, page: Annotated[Page, Depends()], q: str | None = None) -> dict:
    docs = ledger.documents(q=q, limit=page.limit, offset=page.offset)
    return page.wrap([document_summary(d) for d in docs], ledger.count_documents(q))


@router.get("/documents/{doc_id}", summary="One document with its text and claims")
def get_document(doc_id: str, ledger: LedgerDep) -> dict:
    doc = _found(ledger.document(doc_id), "document", doc_id)
    return {**to_dict(doc), "claims": [to_dict(c) for c in ledger.claims(doc_id=doc.id)]}


@router.get("/claims", summary="Claims, filtered")
def list_claims(
    ledger: LedgerDep,
    page: Annotated[Page, Depends()],
    incident: str | None = Query(None, description="Incident id or unique prefix."),
    claimant: str | None = Query(None, description="Part of any source name in the chain."),
    outcome: Outcome | None = None,
    group: str | None = Query(None, description="Victim group key: all, civilian, Cuba, Cuba:military…"),
    kind: str | None = Query(None, description=f"A count kind or source kind: {', '.join(KINDS)}."),
    since: date | None = Query(None, description="Reports published on or after (YYYY-MM-DD)."),
    until: date | None = Query(None, description="Reports published on or before (YYYY-MM-DD)."),
    doc: str | None = Query(None, description="Document id."),
) -> dict:
    if kind is not None and kind not in KINDS:
        raise HTTPException(422, f"kind: must be one of {', '.join(KINDS)}")
    if since and until and since > until:
        raise HTTPException(422, "since: must not be after until")
    filters = dict(
        incident=incident,
        claimant=claimant,
        outcome=outcome.value if outcome else None,
        group=group,
        kind=kind,
        since=since,
        until=until,
        doc_id=doc,
    )
    found = ledger.claims(**filters, limit=page.limit, offset=page.offset)
    return page.wrap([to_dict(c) for c in found], ledger.count_claims(**filters))


@router.get("/incidents", summary="Incidents with reconciled low/best/high figures")
def list_incidents(ledger: LedgerDep, page: Annotated[Page, Depends()], q: str | None = None) -> dict:
    found = ledger.incidents(q=q, limit=page.limit, offset=page.offset)
    return page.wrap([to_dict(i) for i in found], ledger.count_incidents(q))


@router.get("/incidents/{incident_id}", summary="One incident: figures per victim group, flags")
def get_incident(incident_id: str, ledger: LedgerDep) -> dict:
    return to_dict(_found(ledger.incident(incident_id), "incident", incident_id))


@router.get("/incidents/{incident_id}/timeline", summary="Figures by first-reported date")
def get_timeline(incident_id: str, ledger: LedgerDep) -> list[dict]:
    inc = _found(ledger.incident(incident_id), "incident", incident_id)
    return [to_dict(p) for p in inc.timeline]


@router.get("/search", summary="Full-text search over report titles and text")
def search(
    ledger: LedgerDep, page: Annotated[Page, Depends()], q: str = Query(..., min_length=1, max_length=200)
) -> dict:
    hits = ledger.search(q, limit=page.limit, offset=page.offset)
    items = [{"document": document_summary(d), "snippet": s} for d, s in hits]
    return page.wrap(items, ledger.count_documents(q))


@router.post(
    "/documents",
    status_code=201,
    dependencies=[Depends(require_token)],
    summary="Ingest a report: a raw text body, or a file upload (.txt, .html, .json, .jsonl, feeds)",
)
async def upload(
    request: Request,
    ledger: LedgerDep,
    file: UploadFile | None = None,
    published: date | None = Query(None, description="Publication date when the report gives none."),
    outlet: str | None = Query(None, max_length=200),
) -> JSONResponse:
    limit = DEFAULT_MAX_BYTES
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise HTTPException(413, f"upload larger than {limit} bytes")
    if file is not None:
        data, name = await file.read(limit + 1), _safe_name(file.filename)
    else:
        data, name = await request.body(), "upload.txt"
    if len(data) > limit:
        raise HTTPException(413, f"upload larger than {limit} bytes")
    summary = ledger.ingest_bytes(data, name, published=published, outlet=outlet, max_bytes=limit)
    problems = [str(e) for e in summary.failed]
    body = {
        "new": summary.new,
        "known": summary.known,
        "failed": problems,
        "claims_added": summary.claims_added,
        "documents": summary.doc_ids,
        "incidents": summary.incidents,
    }
    if summary.new == 0 and summary.known == 0:
        raise HTTPException(400, "nothing could be ingested: " + ("; ".join(problems) or "empty upload"))
    return JSONResponse(status_code=201 if summary.new else 200, content=body)


def _safe_name(filename: str | None) -> str:
    """Only the extension of an uploaded file's name is used, to pick the reader; the name never
    reaches the file system."""
    base = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    ext = base.rsplit(".", 1)[-1].lower() if "." in base else "txt"
    return f"upload.{ext if ext.isalnum() and len(ext) <= 8 else 'txt'}"
