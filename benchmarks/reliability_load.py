"""Part (c) of the reliability report: a bounded load test of the API on loopback, and security checks.

``tolltrack serve`` runs in a subprocess on a free port of 127.0.0.1 (its default address, checked in
/proc/net/tcp) with a random token, over a fresh SQLite store seeded with a few reports (one of them
carrying ``<script>`` and ``onerror=`` payloads in its title and text). Then:

- load: a fixed number of GET requests (incidents, claims with filters, documents, search, pages) and
  POST uploads of distinct small reports, ``concurrency`` at a time (httpx, asyncio); requests/s,
  p50/p99 latency and errors (any other status than 200/201, or no answer); afterwards the store
  must hold exactly the seeded and uploaded documents;
- security: uploads without a token, with a wrong one or another scheme get 401 and store nothing;
  uploads named ``../../etc/passwd`` and the like are stored as reports and write no file; pages
  never carry the payloads unescaped.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from reliability_faults import PUBLISHED, write_reports
from reliability_inputs import english_report

from tolltrack.ingest.sources import documents_from_bytes
from tolltrack.ledger.api import Ledger
from tolltrack.model import Document

TOLLTRACK = str(Path(sys.executable).with_name("tolltrack"))
PAYLOAD_TITLE = "Blast <script>alert('title-xss')</script> kills two"
PAYLOAD_TEXT = (
    "Two people were killed in a blast at a depot in Carrow on Monday, police said. "
    "<img src=x onerror=\"alert('text-xss')\"> <script>alert('body-xss')</script> Witnesses said the "
    "fire burned for hours."
)
PATH_NAMES = [
    "../../etc/passwd",
    "..\\..\\evil.txt",
    "/tmp/tolltrack-reliability-{tag}/owned.txt",
    "a/../../x.html",
]


def serve_available() -> str | None:
    """None when ``tolltrack serve`` can run; otherwise why not."""
    try:
        res = subprocess.run([TOLLTRACK, "serve", "--help"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`tolltrack serve` could not be run: {exc}"
    if res.returncode != 0:
        return "`tolltrack serve` is not available yet (the web app has not landed)"
    try:
        import httpx  # noqa: F401
    except ImportError:
        return "httpx is not installed (pip install -e '.[dev]')"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str] | None:
    """The local addresses with a socket listening on ``port`` (Linux /proc/net/tcp and tcp6); None
    where those tables cannot be read."""
    found: set[str] | None = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        found = found or set()
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                if len(addr) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(addr)[::-1]))
                else:
                    raw = b"".join(bytes.fromhex(addr[i : i + 8])[::-1] for i in range(0, 32, 8))
                    found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found


def seed(url: str, work: Path) -> set[str]:
    """A few reports and the payload report; returns the ids stored."""
    folder = write_reports(work / "seed", range(12))
    (folder / "payload.jsonl").write_text(
        json.dumps({"text": PAYLOAD_TEXT, "title": PAYLOAD_TITLE, "outlet": "<b>Evil</b> Times"}) + "\n"
    )
    with Ledger(url) as ledger:
        ledger.ingest([folder], published=PUBLISHED)
        return {d.id for d in ledger.documents(limit=1000)}


def start_server(url: str, token: str, port: int, cwd: Path, log: Path) -> subprocess.Popen:
    """``tolltrack serve`` on ``port``, its output (an access log line per request) to ``log``."""
    env = {**os.environ, "TOLLTRACK_TOKEN": token}
    cmd = [TOLLTRACK, "serve", "--db", url, "--port", str(port)]  # the default --host: loopback
    with open(log, "wb") as out:
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_ready(base: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"tolltrack serve exited ({proc.returncode}): {log.read_text(errors='replace')[-500:]}"
            )
        try:
            if httpx.get(f"{base}/api/incidents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"tolltrack serve did not answer in {timeout:g} s: {log.read_text(errors='replace')[-500:]}"
    )


def _get_paths(ids: list[str], incidents: list[str]) -> list[str]:
    return [
        "/api/incidents?limit=20",
        "/api/incidents?q=Carrow",
        "/api/claims?outcome=killed&limit=25",
        "/api/claims?kind=exact&since=2026-01-01&until=2026-12-31",
        "/api/claims?claimant=police&limit=10&offset=2",
        "/api/documents?limit=10&offset=3",
        "/api/search?q=killed",
        f"/api/documents/{ids[0]}",
        f"/api/incidents/{incidents[0]}" if incidents else "/api/incidents?limit=1",
        "/",
    ]


def _upload(i: int, tag: str) -> tuple[str, bytes, str]:
    """The i-th upload: (name or '' for a raw body, bytes, how)."""
    text = english_report(random.Random(10_000 + i), f"Upload {i} of run {tag}.").encode()
    return (f"upload-{i}.txt", text, "file") if i % 2 else ("", text, "body")


async def _load(base: str, token: str, paths: list[str], gets: int, posts: int, concurrency: int, tag: str):
    import httpx

    jobs = [("GET", paths[k % len(paths)], None) for k in range(gets)]
    jobs += [("POST", "/api/documents", _upload(k, tag)) for k in range(posts)]
    random.Random(7).shuffle(jobs)
    queue: asyncio.Queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    latencies: dict[str, list[float]] = {"GET": [], "POST": []}
    errors: list[str] = []
    auth = {"Authorization": f"Bearer {token}"}

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            method, path, upload = queue.get_nowait()
            t0 = time.perf_counter()
            try:
                if method == "GET":
                    r = await client.get(path)
                    ok = r.status_code == 200
                else:
                    name, data, how = upload
                    if how == "file":
                        r = await client.post(path, files={"file": (name, data, "text/plain")}, headers=auth)
                    else:
                        r = await client.post(path, content=data, headers=auth)
                    ok = r.status_code == 201
                if not ok:
                    errors.append(f"{method} {path}: {r.status_code} {r.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(f"{method} {path}: {type(exc).__name__}: {exc}")
            latencies[method].append(time.perf_counter() - t0)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    return latencies, errors, wall


def _ms(values: list[float], q: float) -> float:
    """The ``q`` quantile of the latencies, in milliseconds."""
    s = sorted(values)
    return round(s[min(len(s) - 1, int(q * len(s)))] * 1000, 1) if s else 0.0


def security_checks(base: str, token: str, url: str, cwd: Path, tag: str) -> dict:
    import httpx

    out: dict = {}
    report = english_report(random.Random(99), f"Unauthorised {tag}.").encode()
    before = _count(url)
    refused = []
    for headers in ({}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {token}"},
                    {"Authorization": "Bearer"}, {"Authorization": f"Bearer {token}x"}):  # fmt: skip
        refused.append(
            httpx.post(f"{base}/api/documents", content=report, headers=headers, timeout=30).status_code
        )
    out["upload without a valid token"] = f"{refused.count(401)}/{len(refused)} refused with 401"
    out["documents stored by refused uploads"] = _count(url) - before
    ok = refused.count(401) == len(refused) and _count(url) == before

    work = cwd.parent  # the server's working folder and the store's: nobody else writes there
    files_before = _tree(work)
    targets = _traversal_targets([cwd, work], tag)
    existing = {t for t in targets if t.exists()}
    passwd = hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest()
    auth = {"Authorization": f"Bearer {token}"}
    statuses = []
    for k, name in enumerate(PATH_NAMES):
        data = english_report(random.Random(500 + k), f"Path name {k} of {tag}.").encode()
        r = httpx.post(
            f"{base}/api/documents", files={"file": (name.format(tag=tag), data)}, headers=auth, timeout=60
        )
        statuses.append(r.status_code)
    created = sorted(
        str(f) for f in (_tree(work) - files_before) | {t for t in targets - existing if t.exists()}
    )
    created = [f for f in created if not _is_store_file(f, url)]
    unchanged = hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest() == passwd
    out["uploads with path-like names"] = f"statuses {statuses}; files created {len(created)}"
    out["/etc/passwd unchanged"] = unchanged
    ok = ok and all(s in (200, 201) for s in statuses) and not created and unchanged

    pages = _payload_pages(base, url)
    leaks = [p for p, html in pages.items() if "<script>alert(" in html or 'onerror="alert' in html]
    escaped = any("&lt;script&gt;" in html for html in pages.values())
    out["pages checked for the payload"] = len(pages)
    out["pages with the payload unescaped"] = len(leaks)
    out["ok"] = ok and not leaks and escaped and len(pages) >= 2
    return out


def _payload_pages(base: str, url: str) -> dict[str, str]:
    import httpx

    with Ledger(url) as ledger:
        doc = next(d for d in ledger.documents(q="xss", limit=5) if "xss" in d.text)
        incident = next((c.incident_id for c in ledger.claims(doc_id=doc.id) if c.incident_id), None)
    paths = ["/", f"/documents/{doc.id}"] + ([f"/incidents/{incident}"] if incident else [])
    return {p: httpx.get(base + p, timeout=30).text for p in paths}


def _count(url: str) -> int:
    with Ledger(url) as ledger:
        return ledger.count_documents()


def _tree(root: Path) -> set[Path]:
    """Every file and folder below ``root``."""
    return set(root.rglob("*"))


def _traversal_targets(roots: list[Path], tag: str) -> set[Path]:
    """Where an upload name would land if it reached the file system, from each of ``roots``
    (/etc/passwd itself is checked by its hash)."""
    found = set()
    for name in PATH_NAMES:
        name = name.format(tag=tag)
        for variant in {name, name.replace("\\", "/")}:
            found.add(Path(os.path.normpath(variant)) if os.path.isabs(variant) else Path())
            found.update(Path(os.path.normpath(root / variant)) for root in roots)
    return {p for p in found if str(p) not in (".", "/etc/passwd")}


def _is_store_file(path: str, url: str) -> bool:
    return path.startswith(url.split("///", 1)[-1])


def run_load(work: Path, gets: int, posts: int, concurrency: int) -> dict:
    why = serve_available()
    if why:
        return {"skipped": why}
    work.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{work / 'served.db'}"
    seeded = seed(url, work)
    token, port, tag = secrets.token_urlsafe(24), free_port(), secrets.token_hex(4)
    cwd = work / "server-cwd"
    cwd.mkdir()
    log = work / "server.log"
    proc = start_server(url, token, port, cwd, log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc, log)
        bound = listening_addresses(port)
        with Ledger(url) as ledger:
            incidents = [i.id for i in ledger.incidents(limit=5)]
        paths = _get_paths(sorted(seeded), incidents)
        warm = asyncio.run(_load(base, token, paths, len(paths), 1, 1, f"{tag}-warm"))  # loads the model
        latencies, errors, wall = asyncio.run(_load(base, token, paths, gets, posts, concurrency, tag))
        errors = warm[1] + errors
        every = latencies["GET"] + latencies["POST"]
        expected = set(seeded)
        for k, run in [(0, f"{tag}-warm"), *((k, tag) for k in range(posts))]:
            name, data, _ = _upload(k, run)
            expected |= {
                r.id for r in documents_from_bytes(data, name or "upload.txt") if isinstance(r, Document)
            }
        with Ledger(url) as ledger:
            stored = {d.id for d in ledger.documents(limit=len(expected) + 1000)}
        result = {
            "bound to": "unknown (no /proc/net/tcp)" if bound is None else ", ".join(sorted(bound)),
            "requests": len(every),
            "GET": gets,
            "POST uploads": posts,
            "concurrency": concurrency,
            "requests/s": round(len(every) / wall, 1),
            "p50 ms": _ms(every, 0.50),
            "p99 ms": _ms(every, 0.99),
            "GET p50 / p99 ms": f"{_ms(latencies['GET'], 0.5)} / {_ms(latencies['GET'], 0.99)}",
            "POST p50 / p99 ms": f"{_ms(latencies['POST'], 0.5)} / {_ms(latencies['POST'], 0.99)}",
            "errors": len(errors),
            "documents expected": len(expected),
            "documents stored": len(stored),
            "lost": len(expected - stored),
            "duplicated": len(stored - expected),
        }
        if errors:
            result["first error"] = errors[0]
        security = security_checks(base, token, url, cwd, tag)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    logged = log.read_text(errors="replace")
    result["server errors logged"] = logged.count("Traceback") + logged.count('" 500 ')
    result["ok"] = bool(
        bound in ({"127.0.0.1"}, None)
        and not errors
        and not result["server errors logged"]
        and stored == expected
        and len(every) == gets + posts
    )
    return {"load": result, "security": security}
