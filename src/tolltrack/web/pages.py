"""Browsable pages: the incidents list, an incident with its charts and claims, the reports, a report
with its claim sentences highlighted. Jinja2 with autoescape: report text is never markup."""

from __future__ import annotations

from pathlib import Path

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tolltrack.config import SETTINGS
from tolltrack.ledger.figures import claimant_name
from tolltrack.model import Claim, Document

from . import charts, charts_timeline, views
from .deps import FILTER_PARAMS, MAX_OFFSET, IncidentQuery, get_ledger, incident_query

PER_PAGE = SETTINGS.page_size
_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # every value is escaped; no template marks report text safe
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False)

QUERY = Query("", max_length=200)
OFFSET = Query(0, ge=0, le=MAX_OFFSET)


def claim_href(claim: Claim) -> str:
    return f"/documents/{claim.doc_id}#claim-{claim.index}"


def pager(request: Request, total: int, offset: int, shown: int, per_page: int = PER_PAGE) -> dict:
    return {
        "first": offset + 1 if shown else 0,
        "last": offset + shown,
        "total": total,
        "prev": str(request.url.include_query_params(offset=max(0, offset - per_page))) if offset else None,
        "next": str(request.url.include_query_params(offset=offset + per_page))
        if offset + shown < total
        else None,
    }


def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status: int, message: str, errors: list[str] | None = None) -> HTMLResponse:
    return render(request, "error.html", status, status=status, message=message, errors=errors or [])


SORT_COLUMNS = (  # the incidents table's sortable columns: (sort key, header, first order)
    ("date", "Date", "desc"), ("place", "Place", "asc"), ("killed_low", "Killed low", "desc"),
    ("killed_best", "best", "desc"), ("killed_high", "high", "desc"), ("n_docs", "Reports", "desc"),
    ("disputed", "Agreement", "desc"),
)  # fmt: skip


def sort_links(request: Request, how: IncidentQuery) -> dict[str, dict]:
    """For each sortable column: the URL that sorts by it (the other way when it is the current
    sort), and its aria-sort state."""
    out = {}
    for key, label, first in SORT_COLUMNS:
        current = how.sort == key
        order = ("asc" if how.descending else "desc") if current else first
        url = request.url.include_query_params(sort=key, order=order).remove_query_params("offset")
        state = ("descending" if how.descending else "ascending") if current else None
        out[key] = {"label": label, "href": str(url), "state": state}
    return out


@router.get("/", response_class=HTMLResponse)
def incidents_page(
    request: Request,
    q: str = QUERY,
    offset: int = OFFSET,
    limit: int = Query(PER_PAGE, ge=1, le=SETTINGS.api_max_limit),
    how: IncidentQuery = Depends(incident_query),
    ledger=Depends(get_ledger),
):
    q = q.strip()
    found = ledger.incidents(
        q=q or None, limit=limit, offset=offset, timeline=False, claim_ids=False, brief=True, **how.kwargs()
    )
    rows = [views.incident_row(inc) for inc in found]
    page = pager(request, ledger.count_incidents(q or None, **(how.filters or {})), offset, len(rows), limit)
    filters = {k: request.query_params.get(k, "") for k in FILTER_PARAMS}
    return render(
        request, "incidents.html", rows=rows, q=q, page=page, sorts=sort_links(request, how),
        filters=filters, filtered=bool(q or how.filters),
    )  # fmt: skip


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, ledger=Depends(get_ledger)):
    shown = ledger.incident_with_claims(incident_id[:80])  # one connection; no report text
    if shown is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    inc, claims, found = shown
    ids = dict.fromkeys([*inc.doc_ids, *(c.doc_id for c in claims)])
    docs: dict[str, Document] = {i: found[i] for i in ids if i in found}

    def claimant(c: Claim) -> str:
        doc = docs.get(c.doc_id)
        return claimant_name(c, doc.outlet if doc else None)

    range_chart = charts.range_chart(inc.figures, {c.id: c for c in claims}, claimant, claim_href)
    timeline = charts_timeline.timeline_chart(
        inc.timeline, lambda p: f"/documents/{p.doc_id}#claim-{p.claim_id.rsplit('-', 1)[-1]}"
    )
    reports = sorted(docs.values(), key=lambda d: (d.published is None, d.published or 0, d.id))
    return render(
        request, "incident.html", inc=inc, claims=claims, docs=docs, reports=reports,
        range_chart=range_chart, timeline=timeline, href=claim_href,
    )  # fmt: skip


@router.get("/documents", response_class=HTMLResponse)
def reports_page(request: Request, q: str = QUERY, offset: int = OFFSET, ledger=Depends(get_ledger)):
    q = q.strip()
    if q:
        hits = ledger.search(q, limit=PER_PAGE, offset=offset)
    else:
        hits = [(d, "") for d in ledger.documents(limit=PER_PAGE, offset=offset)]
    page = pager(request, ledger.count_documents(q or None), offset, len(hits))
    return render(request, "reports.html", hits=hits, q=q, page=page)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def report_page(request: Request, doc_id: str, ledger=Depends(get_ledger)):
    doc = ledger.document(doc_id[:64])
    if doc is None:
        raise HTTPException(404, f"no report {doc_id!r}")
    claims = sorted(ledger.claims(doc_id=doc.id), key=lambda c: c.index)
    safe_url = doc.url if doc.url and doc.url.lower().startswith(("http://", "https://")) else None
    return render(
        request, "report.html", doc=doc, claims=claims, segments=views.segments(doc.text, claims),
        safe_url=safe_url, incidents=ledger.document_incidents(doc.id),
    )  # fmt: skip
