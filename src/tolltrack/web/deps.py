"""Request dependencies: the ledger, the write token, pagination."""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Query, Request

from tolltrack.ledger import Ledger

MAX_PAGE = 200


def get_ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def require_token(request: Request) -> None:
    """Bearer token check for write endpoints, compared in constant time."""
    if request.app.state.open_writes:  # `tolltrack serve --no-auth` on loopback
        return
    expected = request.app.state.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not expected or scheme.lower() != "bearer" or not given:
        raise HTTPException(
            401, "a bearer token is required to write", headers={"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})


class Page:
    """``limit`` (1–200) and ``offset`` (≥ 0) query parameters."""

    def __init__(
        self,
        limit: int = Query(50, ge=1, le=MAX_PAGE, description="Items per page (1–200)."),
        offset: int = Query(0, ge=0, description="Items to skip."),
    ) -> None:
        self.limit = limit
        self.offset = offset

    def wrap(self, items: list, total: int) -> dict:
        return {"total": total, "limit": self.limit, "offset": self.offset, "items": items}
