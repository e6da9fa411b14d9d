"""Faults: an ingest killed mid-folder and run again, two ingests of overlapping folders at once, a
dropped PostgreSQL connection, an unreachable store. The reports are generated here (40 short
reports in tmp_path): nothing is lost, nothing is duplicated, and the claims equal those of a clean
ingest into a fresh store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from tolltrack.ledger.api import Ledger
from tolltrack.store.schema import claims, documents, incident_documents, incidents

pytestmark = pytest.mark.timeout(300)

N_REPORTS = 40
PUBLISHED = "2026-02-12"
TOLLTRACK = str(Path(sys.executable).with_name("tolltrack"))

_PLACES = [("Lyon", "France"), ("Porto", "Portugal"), ("Nairobi", "Kenya"), ("Cebu", "Philippines"),
           ("Leeds", "England"), ("Recife", "Brazil"), ("Gdansk", "Poland"), ("Mombasa", "Kenya"),
           ("Tucson", "Arizona"), ("Quito", "Ecuador")]  # fmt: skip
_EVENTS = ["fire at a warehouse", "bus crash", "building collapse", "shooting at a market", "flood"]
_SOURCES = ["the fire brigade said", "police said", "the regional governor told reporters",
            "the health ministry said", "a hospital spokesman said"]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


def report(i: int) -> str:
    """A short, unique report: a place, an event, killed and injured counts and who says so."""
    place, region = _PLACES[i % len(_PLACES)]
    event = _EVENTS[(i // len(_PLACES)) % len(_EVENTS)]
    killed, hurt = 2 + (i * 7) % 23, 3 + (i * 11) % 40
    src, other = _SOURCES[i % len(_SOURCES)], _SOURCES[(i + 2) % len(_SOURCES)]
    day = _DAYS[i % len(_DAYS)]
    return (
        f"{killed} people were killed in a {event} in {place}, {region}, on {day}, {src}.\n\n"
        f"At least {hurt} others were injured, {other}. Report number {i} from our correspondent."
    )


def write_reports(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"report-{i:03d}.txt").write_text(report(i), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[list[dict], list[tuple]]:
    """Claims (as dicts) and incidents (id, documents) of a clean in-process ingest into a fresh store."""
    base = tmp_path_factory.mktemp("reference")
    folder = write_reports(base / "reports", range(N_REPORTS))
    with Ledger(f"sqlite:///{base / 'clean.db'}") as ledger:
        summary = ledger.ingest([folder], published=PUBLISHED)
        assert summary.new == N_REPORTS and not summary.failed
        return _claims(ledger, keep_incident=True), _incidents(ledger)


@pytest.fixture(scope="module")
def reference(clean) -> list[dict]:
    """The clean ingest's claims with their incident ids left out (linking depends on arrival order)."""
    return [{k: v for k, v in c.items() if k != "incident_id"} for c in clean[0]]


def _incidents(ledger: Ledger) -> list[tuple]:
    return sorted((i.id, tuple(sorted(i.doc_ids))) for i in ledger.incidents())


def _claims(ledger: Ledger, keep_incident: bool = False) -> list[dict]:
    out = []
    for c in ledger.claims():
        d = c.to_dict()
        if not keep_incident:
            d.pop("incident_id")
        out.append(d)
    return sorted(out, key=lambda d: (d["doc_id"], d["index"]))


def _spawn(folder: Path, db: str, *extra: str) -> subprocess.Popen:
    cmd = [TOLLTRACK, "ingest", str(folder), "--db", db, "--published", PUBLISHED, *extra]
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _count_documents(engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(documents)).scalar()
    except Exception:  # the schema may not exist yet
        return 0


def _check_whole(engine) -> None:
    """Every stored document has all its claims, and its incident memberships; no orphan rows."""
    with engine.connect() as conn:
        per_doc = dict(conn.execute(select(claims.c.doc_id, func.count()).group_by(claims.c.doc_id)).all())
        for doc_id, n in conn.execute(select(documents.c.id, documents.c.n_claims)):
            assert per_doc.get(doc_id, 0) == n, f"document {doc_id[:12]} stored without all its claims"
        members = set(
            conn.execute(select(incident_documents.c.incident_id, incident_documents.c.doc_id)).all()
        )
        linked = set(conn.execute(select(claims.c.incident_id, claims.c.doc_id).distinct()).all())
        assert linked == members
        known = set(conn.execute(select(incidents.c.id)).scalars())
        assert {i for i, _ in members} == known


def test_killed_ingest_is_completed_by_a_second_one(db_url, tmp_path, clean):
    folder = write_reports(tmp_path / "reports", range(N_REPORTS))
    engine = create_engine(db_url)
    proc = _spawn(folder, db_url, "--batch-size", "2")
    try:
        deadline = time.monotonic() + 120
        while _count_documents(engine) < 6:
            assert proc.poll() is None, "the ingest ended before it could be killed: " + proc.stderr.read()
            assert time.monotonic() < deadline, "the ingest stored nothing in time"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    stored = _count_documents(engine)
    assert 6 <= stored < N_REPORTS, "killed in the middle of the folder"
    _check_whole(engine)

    second = _spawn(folder, db_url)
    out, err = second.communicate(timeout=240)
    assert second.returncode == 0, err
    assert f"{N_REPORTS - stored} new, {stored} already known, 0 failed" in out
    _check_whole(engine)
    engine.dispose()
    with Ledger(db_url) as ledger:
        assert ledger.count_documents() == N_REPORTS
        # the same reports in the same order: the same claims, linked to the same incidents
        assert _claims(ledger, keep_incident=True) == clean[0]
        assert _incidents(ledger) == clean[1]


def test_concurrent_overlapping_ingests_store_the_union(db_url, tmp_path, reference):
    first = write_reports(tmp_path / "a", range(0, 30))
    second = write_reports(tmp_path / "b", range(10, N_REPORTS))
    procs = [_spawn(first, db_url, "--batch-size", "4"), _spawn(second, db_url, "--batch-size", "4")]
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err and "locked" not in err.lower() and "error" not in err.lower(), err
    new = known = 0
    for out, _ in outs:
        counts = out.split("documents: ", 1)[1]
        new += int(counts.split(" new")[0])
        known += int(counts.split(", ")[1].split(" already")[0])
    assert (new, known) == (N_REPORTS, 20)  # each report of the overlap is stored by exactly one
    engine = create_engine(db_url)
    _check_whole(engine)
    engine.dispose()
    with Ledger(db_url) as ledger:
        assert ledger.count_documents() == N_REPORTS
        assert _claims(ledger) == reference


# Only this test's connections (by application name): other runs may share the test server.
TERMINATE_OTHERS = """
SELECT pg_terminate_backend(pid) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = :name
"""


@pytest.mark.postgres
def test_dropped_postgres_connections_are_replaced(pg_url, tmp_path, reference):
    """Every server connection of the ingest is terminated after its first batch; it still completes."""
    folder = write_reports(tmp_path / "reports", range(N_REPORTS))
    name = f"tolltrack-faults-{os.getpid()}"
    pg_url = f"{pg_url}&application_name={name}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    dropped = []

    def progress(summary, item) -> None:
        if summary.new >= 4 and not dropped:
            with admin.connect() as conn:
                dropped.extend(conn.execute(text(TERMINATE_OTHERS), {"name": name}).scalars())

    with Ledger(pg_url) as ledger:
        summary = ledger.ingest([folder], published=PUBLISHED, batch_size=4, progress=progress)
        assert dropped and any(dropped)
        assert (summary.new, summary.failed) == (N_REPORTS, [])
        assert _claims(ledger) == reference
    admin.dispose()


def test_unreachable_store_is_a_clear_error(tmp_path):
    folder = write_reports(tmp_path / "reports", range(1))
    res = subprocess.run(
        [TOLLTRACK, "ingest", str(folder), "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert res.returncode == 2
    assert "cannot open the store" in res.stderr and "Traceback" not in res.stderr
