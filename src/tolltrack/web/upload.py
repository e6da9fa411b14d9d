"""POST /api/documents: ingest an uploaded report, all or nothing.

The body is a report itself (text, HTML, JSON, JSONL or a feed; the Content-Type or the first bytes
say which) or a multipart form with the report in the field ``file``. It is read into memory up to
the size limit (413 past it) and parsed with the ingest stage's guards; if any report in it is bad
the upload is refused whole (400, naming each problem), so a malformed file stores nothing. The
client's file name only picks the reader and names the source in messages: it never reaches the
file system.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import PurePosixPath

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from tolltrack.ingest.sources import documents_from_bytes
from tolltrack.model import Document, IngestError

from .api import DOC_ID
from .deps import Settings, get_ledger, get_settings, require_token
from .schemas import ForgetResult, UploadResult

router = APIRouter(prefix="/api", tags=["ingest"])

READERS = (
    ".txt",
    ".text",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".rss",
    ".atom",
)
CONTENT_TYPES = {
    "text/plain": ".txt", "text/markdown": ".txt", "text/html": ".html", "application/xhtml+xml": ".html",
    "application/json": ".json", "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl",
    "application/rss+xml": ".rss", "application/atom+xml": ".atom",
}  # fmt: skip
MULTIPART_SLACK = 64 * 1024  # room for the form's boundaries and part headers
_write_lock = threading.Lock()  # one upload's ingest at a time in this process

BODY_DOC = {
    "required": True,
    "content": {
        **{t: {"schema": {"type": "string"}} for t in ("text/plain", "text/html", "application/x-ndjson")},
        "application/json": {"schema": {"type": "object"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
    },
}
RESPONSES = {
    200: {"description": "Every report was already in the ledger", "model": UploadResult},
    400: {"description": "A malformed or refused report, named with its line; nothing stored"},
    401: {"description": "No bearer token, or a wrong one"},
    413: {"description": "Larger than the server's upload limit"},
    415: {"description": "A url-encoded form (send the report itself, or a multipart 'file')"},
}


def _refuse(status: int, message: str, errors: list[str] | None = None) -> HTTPException:
    return HTTPException(status_code=status, detail={"message": message, "errors": errors or []})


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body; 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _refuse(413, f"upload of {int(declared)} bytes is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _refuse(413, f"upload is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def safe_name(filename: str | None) -> str:
    """The last part of a client's file name, printable and short, with a reader's extension or none
    (then the content is sniffed). Used as a label only."""
    base = PurePosixPath((filename or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in "<>\"'")[:100].strip(". ") or "upload"
    if PurePosixPath(base).suffix.lower() not in READERS:
        base = base.replace(".", "_")
    return base


async def _form_file(request: Request, body: bytes) -> tuple[str, bytes]:
    async def replay() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, receive=replay).form(max_files=1, max_fields=10)
    except MultiPartException as exc:
        raise _refuse(400, f"malformed multipart upload: {exc.message}") from exc
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise _refuse(400, "a multipart upload needs the report in a field named 'file'")
        return safe_name(upload.filename), await upload.read()
    finally:
        await form.close()


@router.post(
    "/documents",
    status_code=201,
    response_model=UploadResult,
    summary="Ingest a report (raw body or multipart 'file'); needs the bearer token",
    dependencies=[Depends(require_token)],
    responses=RESPONSES,
    openapi_extra={"requestBody": BODY_DOC},
)
async def upload_document(
    request: Request,
    published: date | None = Query(None, description="Publication date when the report gives none."),
    outlet: str | None = Query(None, max_length=200, description="Outlet when the report names none."),
    update: bool = Query(
        False, description="Store a known report again when its metadata changed (claims re-extracted)."
    ),
    ledger=Depends(get_ledger),
    settings: Settings = Depends(get_settings),
):
    limit = settings.max_upload
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        name, data = await _form_file(request, await read_limited(request, limit + MULTIPART_SLACK))
        if len(data) > limit:
            raise _refuse(413, f"{name} is {len(data)} bytes, over the limit of {limit} bytes")
    elif ctype == "application/x-www-form-urlencoded":
        raise _refuse(415, "send the report as the request body, or as the field 'file' of a multipart form")
    else:
        data = await read_limited(request, limit)
        sniffed = json_kind(data) if ctype in ("", "text/plain") else None
        name = "upload" + (sniffed or CONTENT_TYPES.get(ctype, ""))
    if not data.strip():
        raise _refuse(400, f"{name} is empty and nothing was stored")

    results = await run_in_threadpool(
        documents_from_bytes, data, name, published=published, outlet=outlet, max_bytes=limit
    )
    errors = [str(r) for r in results if isinstance(r, IngestError)]
    docs = [r for r in results if isinstance(r, Document)]
    if errors or not docs:
        first = errors[0] if errors else f"{name} holds no report"
        raise _refuse(400, f"{first} — the upload was refused and nothing was stored", errors)

    def ingest():
        with _write_lock:
            return ledger.ingest_documents(docs, update=update)

    summary = await run_in_threadpool(ingest)
    unreadable = [str(e) for e in summary.failed if e.reason.startswith("extraction failed")]
    if unreadable:  # text the extractor cannot take: the client's report, not the server
        raise _refuse(422, f"{unreadable[0]} (the upload's other reports were stored)", unreadable)
    if summary.failed:  # the reports passed the guards above, so the store itself refused them
        raise _refuse(500, "the store could not take the reports", [str(e) for e in summary.failed])
    result = UploadResult(
        new=summary.new,
        known=summary.known,
        claims_added=summary.claims_added,
        incidents=list(summary.incidents),
        documents=list(dict.fromkeys(d.id for d in docs)),
        updated=summary.updated,
    )
    return JSONResponse(result.model_dump(), status_code=201 if summary.new else 200)


def json_kind(data: bytes) -> str | None:
    """For a body sent as text/plain or without a type: ".json" when it parses as JSON, ".jsonl"
    when its first line is a JSON object, else None (plain text, or sniffed when untyped), so that
    records are never stored as one report of raw JSON."""
    body = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body[:1] not in (b"{", b"["):
        return None
    try:
        json.loads(body)
        return ".json"
    except ValueError:
        pass
    try:
        return ".jsonl" if isinstance(json.loads(body.split(b"\n", 1)[0]), dict) else None
    except ValueError:
        return None


@router.delete(
    "/documents/{doc_id}",
    response_model=ForgetResult,
    summary="Remove a report with its claims; the rest of its incidents is relinked. Needs the token",
    dependencies=[Depends(require_token)],
    responses={401: RESPONSES[401], 404: {"description": "No report, or several, match the id"}},
)
async def forget_document(doc_id: str = DOC_ID, ledger=Depends(get_ledger)):
    def forget():
        with _write_lock:
            return ledger.forget(doc_id)

    try:
        res = await run_in_threadpool(forget)
    except KeyError as exc:
        raise HTTPException(status_code=404, detail=str(exc.args[0])) from exc
    return ForgetResult(forgotten=res.forgotten, relinked=res.relinked, incidents=res.incidents)
