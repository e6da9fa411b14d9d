"""Shared request dependencies: the ledger, the app's settings, the write token, pagination, filters."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date
from typing import Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tolltrack.ingest.sources import DEFAULT_MAX_BYTES
from tolltrack.ledger.query import INCIDENT_SORTS
from tolltrack.model import CountKind, Outcome, SourceKind

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000  # far past any store; a larger one overflowed the database's integer (500)
KINDS = [k.value for k in CountKind] + [k.value for k in SourceKind]


@dataclass(frozen=True)
class Settings:
    """What the app was built with. Writes need ``token``; with none they are refused, unless
    ``open_writes`` (``tolltrack serve --no-auth``, loopback only)."""

    token: str | None = None
    open_writes: bool = False
    max_upload: int = DEFAULT_MAX_BYTES


def get_ledger(request: Request):
    return request.app.state.ledger


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


bearer = HTTPBearer(auto_error=False, description="The server's TOLLTRACK_TOKEN as a bearer token.")


def require_token(
    settings: Settings = Depends(get_settings),
    creds: HTTPAuthorizationCredentials | None = Depends(bearer),
) -> None:
    """Refuse a write (401) without the right bearer token, compared in constant time."""
    if settings.open_writes and settings.token is None:
        return
    given = creds.credentials.strip() if creds is not None else ""
    expected = settings.token or ""
    # compare_digest also runs when either side is empty, so timing says nothing about the token
    if not (hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")) and expected):
        why = "a bearer token is required to write" if not given else "invalid token"
        raise HTTPException(
            status_code=401,
            detail=f"{why}: send 'Authorization: Bearer <TOLLTRACK_TOKEN>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page_params(
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"Items per page (1 to {MAX_LIMIT})."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=f"Items to skip (0 to {MAX_OFFSET:,})."),
) -> Page:
    return Page(limit, offset)


def claim_filters(
    incident: str | None = Query(None, max_length=80, description="Incident id or unique prefix."),
    claimant: str | None = Query(None, max_length=200, description="Part of any source name in the chain."),
    outcome: Outcome | None = Query(None, description="killed, injured, missing, detained or casualties."),
    group: str | None = Query(
        None, max_length=100, description="Victim group key: all, civilian, Cuba:military…"
    ),
    kind: str | None = Query(
        None, description=f"A count kind or the claimant's source kind: {', '.join(KINDS)}."
    ),
    since: date | None = Query(None, description="Reports published on or after (YYYY-MM-DD)."),
    until: date | None = Query(None, description="Reports published on or before (YYYY-MM-DD)."),
    doc: str | None = Query(None, max_length=64, description="Document id."),
    scope: Literal["incident", "other", "background"] | None = Query(
        None, description="What the claim is about: this incident, another one, or a background aggregate."
    ),
) -> dict:
    """The filters given, as Ledger.claims keyword arguments."""
    if kind is not None and kind not in KINDS:
        raise HTTPException(422, f"kind: must be one of {', '.join(KINDS)}, not {kind!r}")
    if since and until and since > until:
        raise HTTPException(422, f"since: {since} is after until {until}")
    given = {
        "incident": incident, "claimant": claimant, "outcome": outcome.value if outcome else None,
        "group": group, "kind": kind, "since": since, "until": until, "doc_id": doc, "scope": scope,
    }  # fmt: skip
    return {k: v for k, v in given.items() if v not in (None, "")}


FILTER_PARAMS = ("min_killed", "min_injured", "since", "until", "country", "event_type", "flag")


@dataclass(frozen=True)
class IncidentQuery:
    """How to sort and filter the incidents: ``Ledger.incidents`` keyword arguments."""

    sort: str = "date"
    descending: bool = True
    filters: dict = None  # type: ignore[assignment]

    def kwargs(self) -> dict:
        return {"sort": self.sort, "descending": self.descending, **(self.filters or {})}


def _blank_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _int_param(name: str, value: str | None) -> int | None:
    """An integer query parameter that a form may send empty (then None); 422 naming it otherwise."""
    if (value := _blank_none(value)) is None:
        return None
    if not value.isdigit() or len(value) > 9:
        raise HTTPException(422, f"{name}: must be a whole number from 0 to 999999999, not {value!r}")
    return int(value)


def _date_param(name: str, value: str | None) -> date | None:
    if (value := _blank_none(value)) is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: must be a date YYYY-MM-DD, not {value[:40]!r}") from None


def incident_query(
    sort: str = Query("date", max_length=40, description=f"Sort by one of: {', '.join(INCIDENT_SORTS)}."),
    order: str = Query(
        "desc", max_length=10, description="asc or desc; incidents without the value come last."
    ),
    min_killed: str | None = Query(None, max_length=20, description="Best killed at least (a whole number)."),
    min_injured: str | None = Query(
        None, max_length=20, description="Best injured at least (a whole number)."
    ),
    since: str | None = Query(None, max_length=20, description="Incident date on or after (YYYY-MM-DD)."),
    until: str | None = Query(None, max_length=20, description="Incident date on or before (YYYY-MM-DD)."),
    country: str | None = Query(None, max_length=100, description="Country, whole name (any case)."),
    event_type: str | None = Query(None, max_length=100, description="Event type: raid, shooting, ..."),
    flag: str | None = Query(
        None,
        max_length=20,
        description="'disagreement': only incidents with flagged figures; 'none': only those without.",
    ),
) -> IncidentQuery:
    """Sort and filters of the incident lists, checked (422 naming the parameter); empty values, as
    a page's form sends them, are no filter."""
    if sort not in INCIDENT_SORTS:
        raise HTTPException(422, f"sort: must be one of {', '.join(INCIDENT_SORTS)}, not {sort!r}")
    if order not in ("asc", "desc"):
        raise HTTPException(422, f"order: must be asc or desc, not {order!r}")
    flag = _blank_none(flag)
    if flag not in (None, "disagreement", "none"):
        raise HTTPException(422, f"flag: must be 'disagreement' or 'none', not {flag!r}")
    since_d, until_d = _date_param("since", since), _date_param("until", until)
    if since_d and until_d and since_d > until_d:
        raise HTTPException(422, f"since: {since_d} is after until {until_d}")
    given = {
        "min_killed": _int_param("min_killed", min_killed),
        "min_injured": _int_param("min_injured", min_injured),
        "since": since_d,
        "until": until_d,
        "country": _blank_none(country),
        "event_type": _blank_none(event_type),
        "disputed": {"disagreement": True, "none": False}.get(flag or ""),
    }
    return IncidentQuery(sort, order == "desc", {k: v for k, v in given.items() if v is not None})
