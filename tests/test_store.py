"""The store: migrations give exactly the schema the code declares, SQLite settings, the write lock,
the version counter, and claims that round-trip unchanged."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from tolltrack.ledger.write import Writer
from tolltrack.model import (
    Attribution,
    Claim,
    Count,
    CountKind,
    Document,
    Event,
    Outcome,
    Source,
    SourceKind,
    Status,
    VictimGroup,
)
from tolltrack.store.rows import load_claims
from tolltrack.store.schema import (
    DATA_TABLES,
    HEAD_REVISION,
    bump_version,
    current_revision,
    make_engine,
    metadata,
    read_version,
    resolve_url,
    upgrade,
    write_transaction,
)


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migration_creates_exactly_the_declared_schema(engine):
    with engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diffs == []
    names = set(inspect(engine).get_table_names())
    assert {t.name for t in metadata.sorted_tables} | {"alembic_version"} == names


def test_upgrade_twice_changes_nothing(engine):
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_sqlite_runs_in_wal_mode_with_busy_timeout(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    eng.dispose()


def test_url_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("TOLLTRACK_DB", raising=False)
    assert resolve_url() == "sqlite:///tolltrack.db"
    monkeypatch.setenv("TOLLTRACK_DB", "postgresql+psycopg://u@h/db")
    assert resolve_url() == "postgresql+psycopg://u@h/db"
    assert resolve_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"


def test_version_counter_counts_writes(engine):
    with engine.connect() as conn:
        assert read_version(conn) == 0
    for expected in (1, 2):
        with write_transaction(engine) as conn:
            assert bump_version(conn) == expected
    with engine.connect() as conn:
        assert read_version(conn) == 2


def test_write_transactions_are_serialised(engine):
    """A second writer waits until the first commits, and then sees its write."""
    events: list[str] = []
    first_in = threading.Event()

    def first() -> None:
        with write_transaction(engine) as conn:
            bump_version(conn)
            events.append("first locked")
            first_in.set()
            time.sleep(0.4)
            events.append("first commits")

    def second(seen: list[int]) -> None:
        first_in.wait(5)
        with write_transaction(engine) as conn:
            events.append("second locked")
            seen.append(read_version(conn))

    seen: list[int] = []
    threads = [threading.Thread(target=first), threading.Thread(target=second, args=(seen,))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert events == ["first locked", "first commits", "second locked"]
    assert seen == [1]


def _full_claim(doc: Document) -> Claim:
    chain = [
        Source("Al Jazeera", SourceKind.OUTLET, "reported"),
        Source("Prensa Latina", SourceKind.AGENCY, "said", "state-run news agency", "a statement"),
    ]
    return Claim(
        count=Count(CountKind.RANGE, None, 30, 40, "between 30 and 40"),
        outcome=Outcome.KILLED,
        victims=[
            VictimGroup("citizen", "32 of its citizens", "Cuba", Status.MILITARY, "security detail"),
            VictimGroup("civilian", "civilians", None, Status.CIVILIAN, None),
        ],
        attribution=Attribution(chain, hedge="reportedly"),
        sentence=doc.text,
        start=0,
        end=len(doc.text),
        trigger="killed",
        trigger_start=doc.text.index("killed"),
        event=Event(
            ["raid", "operation"], "Caracas", "Venezuela", date(2026, 1, 3), "on Saturday", "United States"
        ),
        doc_id=doc.id,
        index=0,
        refers_to=None,
        notes=["restated (claiming): «ünïcödé» — quoted", "second note"],
    )


def test_claim_round_trips_with_every_field(engine):
    doc = Document(
        text="Between 30 and 40 were killed in Caracas, Prensa Latina said.", published=date(2026, 1, 4)
    )
    claim = _full_claim(doc)
    role = Claim(
        count=Count(CountKind.UNQUANTIFIED),
        outcome=None,
        victims=[
            VictimGroup("national", "the Cuban nationals", "Cuba", Status.MILITARY, "military personnel")
        ],
        attribution=Attribution(),
        sentence=doc.text,
        start=0,
        end=len(doc.text),
        doc_id=doc.id,
        index=1,
        refers_to=0,
        supersedes=0,
        scope="other",
        scope_reason="an earlier raid",
    )
    for f in dataclasses.fields(Claim):  # every field of the model is set off its default in one claim
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        assert any(getattr(c, f.name) != default for c in (claim, role)) or f.name == "incident_id", f.name
    Writer(engine).write([(doc, [claim, role])])
    with engine.connect() as conn:
        from tolltrack.store.schema import claims

        rows = conn.execute(select(claims).order_by(claims.c.idx)).mappings().all()
        stored = load_claims(conn, rows)
    assert claim.incident_id and claim.incident_id == role.incident_id  # linked when written
    assert [c.to_dict() for c in stored] == [claim.to_dict(), role.to_dict()]


def test_a_failed_batch_leaves_nothing(engine):
    """A batch whose last document cannot be stored leaves no row of any document of the batch."""
    good = Document(text="Two people were killed in a fire in Lyon, France, officials said.")
    bad = Document(text="Four were hurt.")
    broken = _full_claim(good)
    broken.doc_id, broken.sentence = bad.id, None  # NOT NULL violated at insert time
    writer = Writer(engine)
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises
        writer.write([(good, [_full_claim(good)]), (bad, [broken])])
    with engine.connect() as conn:
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in DATA_TABLES}
        assert read_version(conn) == 0
    assert set(counts.values()) == {0}
    assert writer.index is None  # the in-memory linking state is dropped with the transaction


def test_a_toll_update_keeps_the_figure_it_revises(engine):
    from tolltrack.extract.document import extract
    from tolltrack.store.schema import claims

    doc = Document(
        text="The toll from the flood has risen to 45 from 30, officials said.", published=date(2026, 2, 1)
    )
    found = [c for c in extract(doc) if c.outcome is not None]
    assert sorted((c.count.value, c.supersedes is not None) for c in found) == [(30, False), (45, True)]
    Writer(engine).write([(doc, found)])
    with engine.connect() as conn:
        rows = conn.execute(select(claims).order_by(claims.c.idx)).mappings().all()
        stored = load_claims(conn, rows)
    new = next(c for c in stored if c.count.value == 45)
    old = next(c for c in stored if c.count.value == 30)
    assert new.supersedes == old.index and old.supersedes is None
