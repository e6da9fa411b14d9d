"""Response shapes of the REST API (they give the OpenAPI schema); built from the model's ``to_dict``."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from tolltrack.model import (
    Attribution,
    Claim,
    Count,
    Document,
    Figure,
    Incident,
    Outcome,
    VictimGroup,
    to_dict,
)


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    length: int

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        d = to_dict(doc)
        d.pop("text")
        return cls(**d, length=len(doc.text))


class EventOut(BaseModel):
    triggers: list[str] = []
    place: str | None = None
    country: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    actor: str | None = None
    target: str | None = None


class ClaimOut(BaseModel):
    id: str
    doc_id: str
    index: int
    incident_id: str | None = None
    count: Count
    outcome: Outcome | None = None
    victims: list[VictimGroup]
    attribution: Attribution
    sentence: str
    start: int
    end: int
    trigger: str = ""
    event: EventOut
    refers_to: int | None = None
    notes: list[str] = []
    scope: str = Field("incident", description="incident, other (another incident) or background (aggregate)")
    scope_reason: str = ""

    @classmethod
    def of(cls, claim: Claim) -> ClaimOut:
        return cls.model_validate(to_dict(claim))


class DocumentOut(DocumentSummary):
    text: str
    claims: list[ClaimOut]
    incidents: list[str] = Field(
        default_factory=list,
        description="Incidents the report belongs to: through its claims, or the one a report without "
        "claims was attached to.",
    )


class IncidentOut(BaseModel):
    id: str
    label: str = ""
    date: dt.date | None = None
    place: str | None = None
    country: str | None = None
    event_type: str | None = None
    actor: str | None = None
    target: str | None = None
    doc_ids: list[str] = []
    claim_ids: list[str] = []
    figures: list[Figure] = []
    flags: list[str] = []

    @classmethod
    def of(cls, inc: Incident) -> IncidentOut:
        """The incident's fields as they are (its figures are the model's own dataclass: no round
        trip through dicts, which took a millisecond an incident for a list page)."""
        return cls(**{name: getattr(inc, name) for name in cls.model_fields})


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClaimOut]


class IncidentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[IncidentOut]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page (keyset: as quick deep down as at the start)."
    )


class SearchHit(BaseModel):
    document: DocumentSummary
    snippet: str


class SearchPage(BaseModel):
    q: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]


class UploadResult(BaseModel):
    new: int  # reports stored
    known: int  # reports already in the ledger
    failed: list[str] = []  # always empty: an upload with a bad report is refused whole
    claims_added: int
    incidents: list[str]  # incidents created or extended
    documents: list[str]  # ids of every report in the upload
    updated: list[str] = []  # known reports stored again with new metadata (?update=true)


class ForgetResult(BaseModel):
    forgotten: list[str]  # the report removed
    relinked: list[str]  # the other reports of its incidents, linked again
    incidents: list[str]  # the incidents they now belong to
