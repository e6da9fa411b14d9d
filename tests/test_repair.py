"""Repair: forgetting a report (its claims and incident links go, the rest of its incidents is
relinked) and storing a known report again with new metadata (``update``), through the Ledger, the
command line and the REST API; a repair killed in its transaction leaves the store as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from typer.testing import CliRunner

from tolltrack.cli.app import app
from tolltrack.ledger.api import Ledger
from tolltrack.store.schema import claims, documents, incident_documents, incidents

pytestmark = pytest.mark.timeout(300)
runner = CliRunner()

# Three reports of one fire and one of a crash elsewhere, written for these tests.
FIRE_1 = (
    "Five people were killed in a fire at a warehouse in Lyon on Monday, the fire brigade said.\n\n"
    "Three others were injured in the fire in the French city, the fire brigade said."
)
FIRE_2 = (
    "The death toll from Monday's warehouse fire in Lyon, France, rose to seven, police said on Tuesday.\n\n"
    "Police said twelve people were injured in the fire at the warehouse."
)
FIRE_3 = (
    "Seven people died in the fire at a warehouse in Lyon, France, on Monday, the regional governor "
    "told reporters on Wednesday. The cause of the fire is not known."
)
CRASH = "Two people were killed in a bus crash in Quito, Ecuador, on Tuesday, police said."
DATES = {"fire-1": "2026-02-09", "fire-2": "2026-02-10", "crash": "2026-02-10", "fire-3": "2026-02-11"}
TEXTS = {"fire-1": FIRE_1, "fire-2": FIRE_2, "crash": CRASH, "fire-3": FIRE_3}


def write(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, text in TEXTS.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def fill(ledger: Ledger, files: dict[str, Path]) -> dict[str, str]:
    """Ingest each report with its date; returns name → document id."""
    ids = {}
    for name, path in files.items():
        summary = ledger.ingest([path], published=DATES[name])
        assert summary.new == 1 and not summary.failed
        ids[name] = summary.doc_ids[0]
    return ids


def groups(ledger: Ledger) -> set[frozenset[str]]:
    return {frozenset(i.doc_ids) for i in ledger.incidents()}


def snapshot(url: str) -> tuple:
    """Everything a user reads back: documents with metadata, claims with incident, incidents."""
    with Ledger(url) as ledger:
        docs = sorted((d.id, d.published, d.outlet, d.title) for d in ledger.documents(limit=1000))
        found = sorted(
            (c.doc_id, c.index, c.incident_id, str(c.count), c.event.date) for c in ledger.claims()
        )
        incs = sorted((i.id, tuple(sorted(i.doc_ids))) for i in ledger.incidents())
    return docs, found, incs


def check_whole(url: str) -> None:
    """Every document has all its claims; memberships, claims' incidents and incidents agree."""
    engine = create_engine(url)
    with engine.connect() as conn:
        per_doc = dict(conn.execute(select(claims.c.doc_id, func.count()).group_by(claims.c.doc_id)).all())
        for doc_id, n in conn.execute(select(documents.c.id, documents.c.n_claims)):
            assert per_doc.get(doc_id, 0) == n
        assert set(per_doc) <= set(conn.execute(select(documents.c.id)).scalars())
        members = set(
            conn.execute(select(incident_documents.c.incident_id, incident_documents.c.doc_id)).all()
        )
        linked = set(
            conn.execute(
                select(claims.c.incident_id, claims.c.doc_id)
                .where(claims.c.incident_id.is_not(None))
                .distinct()
            ).all()
        )
        assert linked <= members
        assert {i for i, _ in members} == set(conn.execute(select(incidents.c.id)).scalars())
    engine.dispose()


@pytest.fixture
def filled(tmp_path, db_url) -> tuple[str, dict[str, str], dict[str, Path]]:
    files = write(tmp_path / "reports")
    with Ledger(db_url) as ledger:
        ids = fill(ledger, files)
        fire = {ids["fire-1"], ids["fire-2"], ids["fire-3"]}
        assert frozenset(fire) in groups(ledger), "the three fire reports form one incident"
    return db_url, ids, files


def test_forget_removes_a_report_and_relinks_the_rest(filled):
    url, ids, _files = filled
    with Ledger(url) as ledger:
        crash_before = [(i.id, i.doc_ids) for i in ledger.incidents() if ids["crash"] in i.doc_ids]
        kept_claims = {
            (c.doc_id, c.index, str(c.count)) for c in ledger.claims() if c.doc_id != ids["fire-2"]
        }
        res = ledger.forget(ids["fire-2"][:12])  # a unique prefix
        assert res.forgotten == [ids["fire-2"]]
        assert sorted(res.relinked) == sorted([ids["fire-1"], ids["fire-3"]])
        assert ledger.document(ids["fire-2"]) is None
        assert ledger.claims(doc_id=ids["fire-2"]) == []
        assert frozenset({ids["fire-1"], ids["fire-3"]}) in groups(ledger)
        assert [(i.id, i.doc_ids) for i in ledger.incidents() if ids["crash"] in i.doc_ids] == crash_before
        assert {(c.doc_id, c.index, str(c.count)) for c in ledger.claims()} == kept_claims
        fire = next(i for i in ledger.incidents() if ids["fire-1"] in i.doc_ids)
        assert {c.doc_id for c in ledger.claims(incident=fire.id)} == {ids["fire-1"], ids["fire-3"]}
        with pytest.raises(KeyError, match="no report"):
            ledger.forget(ids["fire-2"])
    check_whole(url)


def test_forget_then_ingest_again_gives_the_same_incidents(filled):
    url, ids, files = filled
    with Ledger(url) as ledger:
        before = groups(ledger)
        ledger.forget(ids["fire-1"])
        assert ids["fire-1"] not in {d for g in groups(ledger) for d in g}
        summary = ledger.ingest([files["fire-1"]], published=DATES["fire-1"])
        assert summary.new == 1
        assert groups(ledger) == before
    check_whole(url)


def test_forget_by_url_and_the_last_report_of_an_incident(tmp_path):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    (tmp_path / "r.jsonl").write_text(
        json.dumps({"text": CRASH, "url": "https://example.org/crash", "published": "2026-02-10"}) + "\n"
    )
    with Ledger(url) as ledger:
        ledger.ingest([tmp_path / "r.jsonl"])
        assert len(ledger.incidents()) == 1
        res = ledger.forget("https://example.org/crash")
        assert len(res.forgotten) == 1 and res.relinked == []
        assert ledger.stats() == {"documents": 0, "claims": 0, "incidents": 0}


def test_update_stores_new_metadata_and_extracts_again(tmp_path, db_url):
    files = write(tmp_path / "reports")
    with Ledger(db_url) as ledger:
        first = ledger.ingest([files["fire-1"]])  # no publication date: "Monday" cannot be resolved
        doc_id = first.doc_ids[0]
        assert {c.event.date for c in ledger.claims(doc_id=doc_id)} == {None}
        again = ledger.ingest([files["fire-1"]], published="2026-02-09", outlet="Lyon Daily")
        assert again.known == 1 and again.updated == [] and ledger.document(doc_id).published is None
        updated = ledger.ingest([files["fire-1"]], published="2026-02-09", outlet="Lyon Daily", update=True)
        assert updated.updated == [doc_id] and updated.new == 0 and updated.known == 0
        doc = ledger.document(doc_id)
        assert (doc.published.isoformat(), doc.outlet) == ("2026-02-09", "Lyon Daily")
        assert "2026-02-09" in {str(c.event.date) for c in ledger.claims(doc_id=doc_id)}
        # metadata left out keeps what is stored; nothing new changes nothing
        same = ledger.ingest([files["fire-1"]], update=True)
        assert same.known == 1 and same.updated == []
        assert ledger.document(doc_id).outlet == "Lyon Daily"
        assert ledger.stats()["documents"] == 1
        assert [i.doc_ids for i in ledger.incidents()] == [[doc_id]]
    check_whole(db_url)


def test_cli_forget_and_update(tmp_path):
    files = write(tmp_path / "reports")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    res = runner.invoke(app, ["ingest", str(files["crash"]), "--db", db])
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        app, ["ingest", str(files["crash"]), "--db", db, "--published", "2026-02-10", "--update"]
    )
    assert res.exit_code == 0, res.output
    assert "0 new, 0 already known, 0 failed, 1 updated" in res.stdout
    with Ledger(db) as ledger:
        doc_id = ledger.documents()[0].id
    res = runner.invoke(app, ["forget", doc_id[:10], "nope", "--db", db])
    assert res.exit_code == 1
    assert f"forgot {doc_id}" in res.stdout and "no report match 'nope'" in res.stderr
    with Ledger(db) as ledger:
        assert ledger.stats()["documents"] == 0


_KILL_SCRIPT = """
import os, sys, time
from tolltrack.ledger.api import write as ledger_write
from tolltrack.ledger.api import Ledger

real = ledger_write.Writer._write

def stalled(self, conn, pairs):
    result = real(self, conn, pairs)  # rows deleted and written, not committed
    open(sys.argv[3], "w").close()
    time.sleep(600)
    return result

ledger_write.Writer._write = stalled
with Ledger(sys.argv[1]) as ledger:
    if sys.argv[2] == "forget":
        ledger.forget(sys.argv[4])
    else:
        ledger.ingest([sys.argv[4]], published="2026-03-01", outlet="Changed", update=True)
"""


@pytest.mark.parametrize("action", ["forget", "update"])
def test_killed_repair_leaves_the_store_as_before(filled, tmp_path, action):
    url, ids, files = filled
    before = snapshot(url)
    flag = tmp_path / "in-transaction"
    target = ids["fire-2"] if action == "forget" else str(files["fire-2"])
    script = textwrap.dedent(_KILL_SCRIPT)
    proc = subprocess.Popen(
        [sys.executable, "-c", script, url, action, str(flag), target],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not flag.exists():
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(url) == before
    check_whole(url)
    with Ledger(url) as ledger:  # and the repair then goes through
        if action == "forget":
            assert ledger.forget(target).forgotten == [ids["fire-2"]]
        else:
            assert ledger.ingest([target], outlet="Changed", update=True).updated == [ids["fire-2"]]
    assert snapshot(url) != before
    check_whole(url)
