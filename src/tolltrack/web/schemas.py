"""Response shapes of the REST API (they give the OpenAPI schema); built from the model's ``to_dict``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from typing import Any

from pydantic import BaseModel, Field, create_model

from tolltrack.model import (
    TRANSIENT,
    Claim,
    Document,
    Incident,
    to_dict,
)


def model_of(cls: type, *, drop: tuple[str, ...] = (), base: type[BaseModel] = BaseModel, **extra: Any):
    """A response model with the fields of one of the model's dataclasses (types, defaults and the
    descriptions in their ``metadata["doc"]``), without ``drop``, with ``extra`` fields added."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in drop or TRANSIENT in f.metadata:
            continue
        doc = f.metadata.get("doc")
        if f.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=f.default_factory, description=doc)
        else:
            default = Field(... if f.default is dataclasses.MISSING else f.default, description=doc)
        fields[f.name] = (hints[f.name], default)
    return create_model(f"{cls.__name__}Out", __base__=base, **fields, **extra)


class _Summary(BaseModel):
    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        d = to_dict(doc)
        d.pop("text")
        return cls(**d, length=len(doc.text))


# the report without its text: what lists show
DocumentSummary = model_of(Document, drop=("text", "source_path"), base=_Summary, length=(int, ...))


class _ClaimBase(BaseModel):
    @classmethod
    def of(cls, claim: Claim) -> ClaimOut:
        return cls.model_validate(to_dict(claim))


ClaimOut = model_of(Claim, base=_ClaimBase, id=(str, ...))


class DocumentOut(DocumentSummary):
    text: str
    claims: list[ClaimOut]
    incidents: list[str] = Field(
        default_factory=list,
        description="Incidents the report belongs to: through its claims, or the one a report without "
        "claims was attached to.",
    )


class _IncidentBase(BaseModel):
    @classmethod
    def of(cls, inc: Incident) -> IncidentOut:
        """The incident's fields as they are (its figures are the model's own dataclass: no round
        trip through dicts, which took a millisecond an incident for a list page)."""
        return cls(**{name: getattr(inc, name) for name in cls.model_fields})


IncidentOut = model_of(Incident, drop=("timeline", "claimants"), base=_IncidentBase)


class FigureBrief(BaseModel):
    """A reconciled figure as the incident list gives it: without its reasons and claim ids."""

    group: str
    outcome: str
    low: int | None = None
    best: int | None = None
    high: int | None = None
    flags: list[str] = Field(default_factory=list)


class IncidentBrief(BaseModel):
    """An incident as the list gives it by default (``detail=summary``): its figures without their
    reasons and claim ids, the number of its reports instead of their ids. The incident itself
    (``/api/incidents/{id}``) or ``detail=full`` gives the rest."""

    id: str
    date: dt.date | None = None
    place: str | None = None
    country: str | None = None
    event_type: str | None = None
    actor: str | None = None
    target: str | None = None
    label: str = ""
    n_docs: int = Field(0, description="Reports of the incident.")
    claimants: int = Field(0, description="Distinct claimants of its claims.")
    figures: list[FigureBrief] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, inc: Incident) -> IncidentBrief:
        """Built without validation (``model_construct``): the model's values have these types already,
        and validating a page's thousands of figures took a third of the list's time."""
        figures = [
            FigureBrief.model_construct(
                group=f.group,
                outcome=f.outcome.value,
                low=f.low,
                best=f.best,
                high=f.high,
                flags=list(f.flags),
            )
            for f in inc.figures
        ]
        return cls.model_construct(
            id=inc.id, date=inc.date, place=inc.place, country=inc.country, event_type=inc.event_type,
            actor=inc.actor, target=inc.target, label=inc.label, n_docs=len(inc.doc_ids),
            claimants=inc.claimants, figures=figures, flags=list(inc.flags),
        )  # fmt: skip


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
    items: list[IncidentBrief]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page (keyset: as quick deep down as at the start)."
    )


class IncidentFullPage(BaseModel):
    """A page of the incident list with ``detail=full``: every incident whole."""

    total: int
    limit: int
    offset: int
    items: list[IncidentOut]
    next_cursor: str | None = None


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
