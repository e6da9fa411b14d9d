"""The FastAPI app: API and page routers, static files, security headers and error responses."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tolltrack.ingest.sources import DEFAULT_MAX_BYTES

from . import api, pages, upload
from .deps import Settings

HERE = Path(__file__).parent

# Everything from this host only; no inline script or style; no plugins, framing or foreign forms.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(
    db_url: str | None = None,
    *,
    token: str | None = None,
    open_writes: bool = False,
    ledger=None,
    max_upload: int = DEFAULT_MAX_BYTES,
) -> FastAPI:
    """The app over ``ledger`` (or a Ledger opened on ``db_url``, closed with the app).

    ``POST /api/documents`` needs ``token`` as a bearer token; with no token writes are refused,
    unless ``open_writes`` (``tolltrack serve --no-auth``, which the CLI allows on loopback only).
    """
    own = ledger is None
    if own:
        from tolltrack.ledger.api import Ledger

        ledger = Ledger(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if own:
            app.state.ledger.close()

    app = FastAPI(
        lifespan=lifespan,
        title="tolltrack",
        summary="A source-attributed ledger of casualty claims from news reports.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's docs pages load script from another host
        redoc_url=None,
    )
    app.state.ledger = ledger
    app.state.settings = Settings(token=token or None, open_writes=open_writes, max_upload=max_upload)
    app.include_router(api.router)
    app.include_router(upload.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def settle_heap() -> int:
    """Before a server takes requests: load what the first requests would load lazily (the gazetteer
    behind the country filter and place names), collect, and move every object alive into the cycle
    collector's permanent generation (``gc.freeze``); the number frozen. Left in the generations,
    the gazetteer's hundreds of thousands of objects made each full collection a 100-1,000 ms pause
    in whichever request triggered it: the lists' p95 at 20,000 reports went from about 130 ms
    to 30 ms in process. Objects made later are collected as before."""
    from tolltrack.geo.places import preload

    preload()
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def describe_errors(errors) -> list[str]:
    """Validation errors as 'limit: Input should be less than or equal to 200'."""
    out = []
    for err in errors:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body", "header")]
        out.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return out


async def _invalid(request: Request, exc: RequestValidationError):
    messages = describe_errors(exc.errors())
    if _is_api(request):
        return JSONResponse({"detail": "; ".join(messages), "errors": messages}, status_code=422)
    return pages.error_page(request, 422, "Bad request parameters", messages)


async def _http_error(request: Request, exc: StarletteHTTPException):
    detail = exc.detail
    if isinstance(detail, dict):
        message, errors = detail.get("message", ""), list(detail.get("errors", []))
    else:
        message, errors = str(detail), []
    if _is_api(request):
        body = {"detail": message} | ({"errors": errors} if errors else {})
        return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))
    return pages.error_page(request, exc.status_code, message, errors)
