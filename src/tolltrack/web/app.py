"""The FastAPI application factory."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from tolltrack.ledger import Ledger

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(
    db_url: str | None = None,
    *,
    token: str | None = None,
    open_writes: bool = False,
    ledger: Ledger | None = None,
) -> FastAPI:
    """The app over the ledger at ``db_url``. ``token`` enables ``POST /api/documents`` for requests
    that carry it; with neither a token nor ``open_writes`` (a loopback demo) writes are refused."""
    from tolltrack.web.api import router as api_router
    from tolltrack.web.pages import router as page_router

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.ledger.close()

    app = FastAPI(
        lifespan=lifespan,
        title="tolltrack",
        summary="A source-attributed ledger of casualty claims from news reports.",
        version="0.1",
    )
    app.state.ledger = ledger or Ledger(db_url)
    app.state.token = token
    app.state.open_writes = open_writes and token is None
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)
    app.include_router(page_router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(RequestValidationError)
    async def clear_422(request: Request, exc: RequestValidationError):
        problems = [
            f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'path', 'body'))}: {e['msg']}"
            for e in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": "; ".join(problems), "errors": exc.errors()})

    return app
