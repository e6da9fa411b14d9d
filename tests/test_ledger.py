"""The Ledger API on SQLite and PostgreSQL: ingest, re-ingest, claims and their filters, incidents
across reports, documents and search."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tolltrack.extract.document import extract_many
from tolltrack.ingest.sources import iter_documents
from tolltrack.ledger.api import Ledger
from tolltrack.model import Document, IngestError, claim_group
from tolltrack.store import index_rows
from tolltrack.store.schema import DATA_TABLES, ledger_state

DATA = Path(__file__).parent / "data"
LEDGER_REPORTS = sorted((DATA / "ledger").glob("*.txt"))  # dated by their file names
OTHER_REPORTS = sorted((DATA / "reports").glob("*.txt"))
OTHER_PUBLISHED = date(2026, 1, 4)


def _published(path: Path) -> date:
    return date.fromisoformat(path.name[:10])


def _ingest_all(ledger: Ledger) -> None:
    for path in LEDGER_REPORTS:
        ledger.ingest([path], published=_published(path))
    ledger.ingest(OTHER_REPORTS, published=OTHER_PUBLISHED)


def _documents() -> list[Document]:
    docs = []
    for path in LEDGER_REPORTS:
        docs += list(iter_documents([path], published=_published(path)))
    docs += list(iter_documents(OTHER_REPORTS, published=OTHER_PUBLISHED))
    assert all(isinstance(d, Document) for d in docs)
    return docs


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[dict]]:
    """Claims of every test report from the extractor alone, by document id, as dicts."""
    return {d.id: [c.to_dict() for c in claims] for d, claims in extract_many(_documents())}


@pytest.fixture
def filled(ledger):
    _ingest_all(ledger)
    return ledger


def _snapshot(ledger: Ledger) -> dict[str, list[tuple]]:
    """Every row of every table, sorted."""
    out = {}
    with ledger.engine.connect() as conn:
        for table in (*DATA_TABLES, ledger_state):
            rows = conn.execute(select(table)).all()
            out[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return out


def test_stored_claims_equal_extracted_claims(filled, extracted):
    for doc_id, expected in extracted.items():
        stored = [c.to_dict() for c in filled.claims(doc_id=doc_id)]
        assert all(c["incident_id"] for c in stored), "every claim is linked to an incident"
        for c in stored:
            c["incident_id"] = None
        assert stored == expected
    assert filled.count_claims() == sum(map(len, extracted.values()))


def test_reingest_changes_no_row(filled):
    before = _snapshot(filled)
    assert before["documents"] and before["claims"] and before["incidents"] and before["sources"]
    summary = filled.ingest([*LEDGER_REPORTS, *OTHER_REPORTS], published=OTHER_PUBLISHED)
    assert (summary.new, summary.known, summary.claims_added, summary.failed) == (0, 9, 0, [])
    assert _snapshot(filled) == before


def test_summary_counts_new_known_failed(ledger, tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02\x03 not a report \xff\xfe")
    seen = []
    summary = ledger.ingest(
        [OTHER_REPORTS[0], OTHER_REPORTS[0], bad], progress=lambda s, item: seen.append(type(item).__name__)
    )
    assert summary.new == 1 and summary.known == 0  # the same path twice is read once
    assert [e.source for e in summary.failed] == [str(bad)]
    assert summary.claims_added == ledger.count_claims() > 0
    assert summary.doc_ids == [ledger.documents()[0].id]
    assert sorted(seen) == ["Document", "IngestError"]
    again = ledger.ingest_documents([*iter_documents([OTHER_REPORTS[0]]), IngestError("x", "why")])
    assert (again.new, again.known, len(again.failed)) == (0, 1, 1)


def test_incidents_across_reports(filled):
    incidents = filled.incidents()
    blast = [i for i in incidents if i.place == "Gazipur"]
    assert len(blast) == 1, [i.label for i in incidents]
    blast = blast[0]
    assert len(blast.doc_ids) == 3
    assert blast.country == "Bangladesh"
    # the stabbing in Leeds and the events of tests/data/reports stay apart from the blast
    for other in incidents:
        if other is not blast:
            assert not set(other.doc_ids) & set(blast.doc_ids)
    assert len(incidents) >= 1 + 1 + 4  # blast, Leeds, and the reports about other events
    killed = {(f.group, f.outcome.value): f for f in blast.figures}
    total = killed[("all", "killed")]
    assert total.low is not None and total.low <= total.best <= total.high
    assert total.high >= 31 and total.low_reason and total.best_reason and total.high_reason
    dates = [p.reported for p in blast.timeline]
    assert dates == sorted(dates) and dates[0] == date(2026, 3, 2) and dates[-1] == date(2026, 3, 6)
    assert blast.label and blast.claim_ids


def test_incident_lookup_by_prefix(filled):
    some = filled.incidents()[0]
    assert filled.incident(some.id).id == some.id
    assert filled.incident(some.id[:10]).id == some.id
    assert filled.incident(some.id.removeprefix("inc-")[:8]).id == some.id
    assert filled.incident("inc-") is None  # ambiguous
    assert filled.incident("no-such-incident") is None
    assert filled.reconcile(some.id).figures == some.figures
    with pytest.raises(KeyError):
        filled.reconcile("inc-000000000000")
    assert filled.count_incidents() == len(filled.incidents())
    assert [i.id for i in filled.incidents(limit=2, offset=1)] == [i.id for i in filled.incidents()[1:3]]
    assert {i.place for i in filled.incidents(q="gazipur")} == {"Gazipur"}


def test_claim_filters(filled):
    everything = filled.claims()
    by_chain = filled.claims(claimant="TRIBUNE")  # an outer source of the chain, any case
    assert by_chain and all(any("tribune" in s.name.lower() for s in c.attribution.chain) for c in by_chain)
    assert all(c.outcome.value == "killed" for c in filled.claims(outcome="killed"))
    assert filled.count_claims(outcome="killed") == sum(
        1 for c in everything if c.outcome and c.outcome.value == "killed"
    )
    groups = {claim_group(c) for c in everything}
    for g in groups:
        assert {claim_group(c) for c in filled.claims(group=g)} == {g}
    assert sum(filled.count_claims(group=g) for g in groups) == len(everything)
    exact = filled.claims(kind="exact")
    assert exact and all(c.count.kind.value == "exact" for c in exact)
    government = filled.claims(kind="government")
    assert government and all(c.attribution.claimant.kind.value == "government" for c in government)
    march = filled.claims(since="2026-03-03", until=date(2026, 3, 5))
    docs = {c.doc_id for c in march}
    assert docs and all(date(2026, 3, 3) <= filled.document(d).published <= date(2026, 3, 5) for d in docs)
    blast = next(i for i in filled.incidents() if i.place == "Gazipur")
    in_blast = filled.claims(incident=blast.id[:9])
    assert {c.id for c in in_blast} == set(blast.claim_ids)
    assert filled.claims(incident="inc-") == [] and filled.count_claims(incident="inc-") == 0
    assert filled.claims(limit=3, offset=2) == everything[2:5]
    combined = filled.claims(incident=blast.id, outcome="injured", kind="exact")
    assert filled.count_claims(incident=blast.id, outcome="injured", kind="exact") == len(combined) >= 2
    with pytest.raises(ValueError):
        filled.claims(kind="nonsense")


def test_claims_in_report_order(filled):
    claims = filled.claims()
    keys = [(filled.document(c.doc_id).published, c.doc_id, c.index) for c in claims]
    assert keys == sorted(keys)


def test_documents_and_search(filled):
    assert filled.count_documents() == 9
    docs = filled.documents()
    assert [d.published for d in docs] == sorted((d.published for d in docs), reverse=True)
    assert filled.document(docs[0].id) == docs[0]
    assert filled.document(docs[0].id[:12]) == docs[0]
    assert filled.document("") is None  # every document matches: ambiguous
    hits = filled.search("LABOUR MINISTER")
    assert len(hits) == 1
    doc, snippet = hits[0]
    assert "Labour Minister" in snippet and "Gazipur" in doc.text
    assert filled.search("100%_") == []  # LIKE wildcards are taken literally
    assert filled.count_documents(q="gazipur") == 3 == len(filled.documents(q="Gazipur"))
    assert filled.stats() == {
        "documents": 9,
        "claims": filled.count_claims(),
        "incidents": filled.count_incidents(),
    }


def test_ingest_bytes_never_touches_the_file_system(ledger, tmp_path, monkeypatch):
    cwd = tmp_path / "a" / "b"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    text = OTHER_REPORTS[0].read_bytes()
    summary = ledger.ingest_bytes(text, "../../escape/report.txt", published="2026-01-04", outlet="Upload")
    assert summary.new == 1 and summary.claims_added > 0
    assert list(cwd.iterdir()) == [] and not (tmp_path / "escape").exists()
    doc = ledger.document(summary.doc_ids[0])
    assert doc.outlet == "Upload" and doc.published == date(2026, 1, 4)
    bad = ledger.ingest_bytes(b"\x00\x01binary\xff", "x.txt")
    assert bad.new == 0 and len(bad.failed) == 1 and bad.failed[0].source == "x.txt"


def test_a_second_ledger_sees_incidents_written_by_another(db_url):
    """Two open ledgers on one store: the second links into the incident the first created."""
    first, second = Ledger(db_url), Ledger(db_url)
    try:
        second.ingest([OTHER_REPORTS[0]], published=OTHER_PUBLISHED)  # its index is now loaded
        first.ingest([LEDGER_REPORTS[0]], published=_published(LEDGER_REPORTS[0]))
        update = next(p for p in LEDGER_REPORTS if "update" in p.name)
        second.ingest([update], published=_published(update))
        blast = [i for i in second.incidents() if i.place == "Gazipur"]
        assert len(blast) == 1 and len(blast[0].doc_ids) == 2
    finally:
        first.close()
        second.close()


def test_incidents_with_claims_matches_incidents(filled):
    pairs, docs = filled.incidents_with_claims()
    assert [i.id for i, _ in pairs] == [i.id for i in filled.incidents()]
    for inc, claims in pairs:
        assert sorted(c.id for c in claims) == sorted(inc.claim_ids)
        assert all(c.doc_id in docs for c in claims)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ingest_on_dask_workers_gives_the_same_store(tmp_path):
    """``workers=2`` (a local Dask cluster) stores the same documents, claims and incidents."""
    paths = [*LEDGER_REPORTS, *OTHER_REPORTS]
    stores = []
    for name, workers in (("single", 1), ("dask", 2)):
        with Ledger(f"sqlite:///{tmp_path / name}.db") as ledger:
            summary = ledger.ingest(paths, published=OTHER_PUBLISHED, workers=workers, batch_size=3)
            assert summary.new == len(paths) and not summary.failed
            stores.append(
                (
                    [d.id for d in ledger.documents(limit=100)],
                    [c.to_dict() for c in ledger.claims()],
                    [(i.id, sorted(i.doc_ids), i.figures) for i in ledger.incidents()],
                )
            )
    assert stores[0] == stores[1]


# A shooting with claims; a vigil two days later that makes no casualty claim but names the town, the
# street and the victim; a council story from another country that makes no claim either.
TOLEDO_SHOOTING = Document(
    "A man was shot dead outside a laundromat on Wexcombe Street in Toledo, Ohio, on Friday night, "
    "police said. The victim was identified as Lucan Featherstonehaugh, 41. Officers said a second man "
    "was wounded and taken to a hospital.",
    title="Man killed in Toledo shooting",
    published=date(2026, 4, 11),
)
TOLEDO_VIGIL = Document(
    "Friends and neighbours gathered on Wexcombe Street in Toledo, Ohio, on Sunday evening to remember "
    "Lucan Featherstonehaugh. Candles and photographs lined the pavement outside the laundromat, and his "
    "sister read a poem. Detectives have asked anyone with information to call them.",
    title="Toledo vigil for Lucan Featherstonehaugh",
    published=date(2026, 4, 13),
)
BERGEN_COUNCIL = Document(
    "The city council of Bergen, Norway, voted on Tuesday to extend the opening hours of the harbour "
    "market through the summer, the mayor Ingvild Rasmussen-Tollefsen said.",
    title="Bergen market hours extended",
    published=date(2026, 4, 14),
)


def _the_shooting(ledger: Ledger):
    (inc,) = [i for i in ledger.incidents() if TOLEDO_SHOOTING.id in i.doc_ids]
    return inc


def test_a_report_without_claims_joins_the_incident_it_follows_up(ledger, db_url, tmp_path):
    with Ledger(f"sqlite:///{tmp_path / 'alone.db'}") as alone:  # the shooting without its follow-ups
        alone.ingest_documents([TOLEDO_SHOOTING])
        figures = _the_shooting(alone).figures
    ledger.ingest_documents([TOLEDO_SHOOTING])
    summary = ledger.ingest_documents([TOLEDO_VIGIL, BERGEN_COUNCIL])
    assert (summary.new, summary.claims_added, summary.attached) == (2, 0, 1)
    assert ledger.claims(doc_id=TOLEDO_VIGIL.id) == [] == ledger.claims(doc_id=BERGEN_COUNCIL.id)
    inc = _the_shooting(ledger)
    assert inc.doc_ids == [TOLEDO_SHOOTING.id, TOLEDO_VIGIL.id] and summary.incidents == [inc.id]
    assert ledger.document_incidents(TOLEDO_VIGIL.id) == [inc.id]
    assert ledger.document_incidents(BERGEN_COUNCIL.id) == []  # another country: joins nothing
    assert ledger.stats()["incidents"] == 1  # a report without claims never founds an incident
    def values(figs):
        return [(f.group, f.outcome, f.low, f.best, f.high, f.claim_ids) for f in figs]

    # the vigil brings no claim: the figures stay (it still votes the toll the selector gives a
    # report without claims: one dead)
    assert values(inc.figures) == values(figures) and set(inc.claim_ids) == {c.id for c in ledger.claims()}

    before = _snapshot(ledger)  # re-ingesting changes nothing, nor does a restarted writer
    again = ledger.ingest_documents([TOLEDO_SHOOTING, TOLEDO_VIGIL, BERGEN_COUNCIL])
    assert (again.new, again.known, again.attached) == (0, 3, 0)
    with Ledger(db_url) as reopened:
        reopened.ingest_documents([BERGEN_COUNCIL, TOLEDO_VIGIL])
        assert reopened._writer.attach_pending().attached == []  # Bergen is still pending, alone
    assert _snapshot(ledger) == before


def test_a_pending_report_joins_an_incident_stored_later_by_another_ledger(db_url):
    """The vigil is stored before the shooting (by one ledger): it stays pending, and joins the
    shooting when another ledger stores it; the store then holds what an ingest in order gives."""
    first, second = Ledger(db_url), Ledger(db_url)
    try:
        assert first.ingest_documents([TOLEDO_VIGIL, BERGEN_COUNCIL]).attached == 0
        assert first.document_incidents(TOLEDO_VIGIL.id) == [] and first.stats()["incidents"] == 0
        summary = second.ingest_documents([TOLEDO_SHOOTING])
        assert summary.attached == 1
        inc = _the_shooting(first)
        assert sorted(inc.doc_ids) == sorted([TOLEDO_SHOOTING.id, TOLEDO_VIGIL.id])
        assert first.document_incidents(BERGEN_COUNCIL.id) == []
        # the first ledger's writer, loading the extended incident by its stored keys, knows it as if
        # it had linked it
        first.ingest_documents(
            [Document("An unrelated note with no place in it.", published=date(2026, 5, 1))]
        )
        index = first._writer.index
        with first.engine.connect() as conn:
            keys = index_rows.stored_keys_of(conn, [inc.id])[inc.id]
            index.fill(index_rows.keyed_incidents(conn, keys, 8), lambda ids: index_rows.by_ids(conn, ids))
        names = first._writer.index.names_of(inc.id)
        assert names == second._writer.index.names_of(inc.id) and len(names) == 2
        assert first._writer.index.tallies_of(inc.id) == second._writer.index.tallies_of(inc.id)
    finally:
        first.close()
        second.close()
