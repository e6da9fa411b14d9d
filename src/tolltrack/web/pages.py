"""Server-rendered pages: the incidents list, an incident, a report with its claims highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tolltrack.ledger import Ledger
from tolltrack.model import Claim, Document, Incident, Outcome
from tolltrack.web.charts import range_chart, timeline_chart
from tolltrack.web.deps import get_ledger

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
LedgerDep = Annotated[Ledger, Depends(get_ledger)]
PAGE = 100


def claimant(c: Claim, doc: Document | None = None) -> str:
    src = c.attribution.claimant
    if src is not None:
        return src.name
    return (doc.outlet if doc and doc.outlet else None) or "the report"


def killed_figure(inc: Incident):
    """The incident's headline figure: killed in all (else the broadest killed group)."""
    killed = [f for f in inc.figures if f.outcome is Outcome.KILLED]
    return next((f for f in killed if f.group == "all"), killed[0] if killed else None)


def disagreement(inc: Incident) -> bool:
    return any("disagreement" in f for f in inc.flags)


@router.get("/", response_class=HTMLResponse)
def incidents_page(
    request: Request,
    ledger: LedgerDep,
    q: str | None = Query(None, max_length=200),
    offset: int = Query(0, ge=0),
):
    pairs, docs = ledger.incidents_with_claims(q=q or None, limit=PAGE, offset=offset)
    rows = []
    for inc, claims in pairs:
        rows.append(
            {
                "incident": inc,
                "killed": killed_figure(inc),
                "reports": len({c.doc_id for c in claims} | set(inc.doc_ids)),
                "claimants": len({claimant(c, docs.get(c.doc_id)) for c in claims}),
                "disagreement": disagreement(inc),
            }
        )
    total = ledger.count_incidents(q or None)
    context = {"rows": rows, "q": q or "", "total": total, "offset": offset, "page": PAGE}
    return templates.TemplateResponse(request, "incidents.html", context)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(incident_id: str, request: Request, ledger: LedgerDep):
    inc = ledger.incident(incident_id)
    if inc is None:
        raise HTTPException(404, "no such incident")
    claims = ledger.claims(incident=inc.id)
    docs = {d: ledger.document(d) for d in dict.fromkeys(c.doc_id for c in claims)}
    by_id = {c.id: c for c in claims}
    context = {
        "inc": inc,
        "claims": claims,
        "docs": docs,
        "claimant": claimant,
        "range_chart": range_chart(inc.figures, by_id, lambda c: claimant(c, docs.get(c.doc_id))),
        "timeline_chart": timeline_chart(inc.timeline),
    }
    return templates.TemplateResponse(request, "incident.html", context)


def segments(text: str, claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """The text cut at claim sentence boundaries: (piece, claims whose sentence covers it)."""
    cuts = {0, len(text)}
    for c in claims:
        if 0 <= c.start < c.end <= len(text):
            cuts |= {c.start, c.end}
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        covering = [c for c in claims if c.start <= a and b <= c.end]
        out.append((text[a:b], covering))
    return out


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def report_page(doc_id: str, request: Request, ledger: LedgerDep):
    doc = ledger.document(doc_id)
    if doc is None:
        raise HTTPException(404, "no such report")
    claims = ledger.claims(doc_id=doc.id)
    context = {"doc": doc, "claims": claims, "segments": segments(doc.text, claims), "claimant": claimant}
    return templates.TemplateResponse(request, "report.html", context)
