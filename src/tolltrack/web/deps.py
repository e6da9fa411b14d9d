"""Shared request dependencies: the ledger, the app's settings, the write token, pagination, filters."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date
from typing import Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tolltrack.ingest import DEFAULT_MAX_BYTES
from tolltrack.model import CountKind, Outcome, SourceKind

MAX_LIMIT = 200
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
    offset: int = Query(0, ge=0, description="Items to skip."),
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
