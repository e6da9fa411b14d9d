"""The store: SQLAlchemy 2 tables, engine set-up, migrations and the write lock.

Tables (the Alembic revisions in ``tolltrack/store/migrations`` create exactly these):

- ``documents``: one row per report, keyed by the hash of its headline and text (``Document.id``);
- ``claims``: one row per claim, keyed by (document, index), with the count, outcome, sentence,
  offsets, event, notes, hedge, the reconciliation group and the incident it was linked to;
- ``victims`` and ``sources``: the victim groups and the attribution chain of each claim, in order
  (``sources`` is what ``claimant=`` filters search);
- ``incidents`` and ``incident_documents`` (membership, in the order reports joined: a report without
  claims that was attached to an incident too, see ``ledger.write``); an incident
  keeps the distinctive names of its reports and how often each place, date, type... was reported
  (``IncidentIndex.names_of``, ``tallies_of``), which a linker that restarts needs to link later
  reports as one that never stopped, and the store version of its last change;
- ``incident_keys``: the keys (region and week, distinctive names) the linker finds each incident
  under, so that a writer loads only the incidents a batch of reports may join;
- ``ledger_state``: a version counter bumped by every write, so that a writer knows when another
  process changed the incidents and reloads those changed since the version it last saw.

SQLite runs in WAL mode with a busy timeout; its write transactions start with ``BEGIN IMMEDIATE``.
On PostgreSQL a write transaction first takes a transaction-level advisory lock. Either way the
linking and writing of a batch of reports is serialised between processes, while reads go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from tolltrack.config import SETTINGS

from . import json_text

DEFAULT_URL = "sqlite:///tolltrack.db"
HEAD_REVISION = "0009"
BUSY_TIMEOUT_MS = SETTINGS.busy_timeout_ms
ADVISORY_LOCK_KEY = 0x746F6C6C  # "toll"
# incident columns indexed for sorting and filtering over every incident (migration 0003)
SORT_INDEXED = (
    "date", "killed_best", "killed_high", "injured_best", "injured_high", "n_docs", "country", "event_type",
)  # fmt: skip

# (country, column, id) indexes: date and best killed (migration 0006), the other figures and the
# number of reports (0008)
COUNTRY_SORTED = ("date", "killed_best", "killed_high", "injured_best", "injured_high", "n_docs")

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("outlet", String(300)),
    Column("url", Text),
    Column("published", Date, index=True),
    Column("title", Text),
    Column("source_path", Text),
    Column("language", String(16)),
    Column("n_claims", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

claims = Table(
    "claims",
    metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("claim_id", String(40), nullable=False, index=True),
    Column("count_kind", String(16), nullable=False, index=True),
    Column("count_value", Integer),
    Column("count_low", Integer),
    Column("count_high", Integer),
    Column("count_text", Text, nullable=False, default=""),
    Column("outcome", String(16), index=True),
    Column("group_key", String(200), nullable=False, index=True),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("trigger", Text, nullable=False, default=""),
    Column("trigger_start", Integer, nullable=False, default=-1),
    Column("hedge", Text),
    Column("refers_to", Integer),
    Column("supersedes", Integer),  # the index of the claim whose figure this one revises (0005)
    Column("notes", JSON, nullable=False),
    Column("event_triggers", JSON, nullable=False),
    Column("event_place", Text),
    Column("event_country", Text),
    Column("event_date", Date),
    Column("event_date_text", Text),
    Column("event_actor", Text),
    Column("event_target", Text),
    Column("incident_id", String(40), index=True),
    Column("scope", String(16), nullable=False, default="incident", server_default="incident", index=True),
    Column("scope_reason", Text, nullable=False, default="", server_default=""),
    ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE", name="fk_claims_doc"),
)


def _claim_part_keys() -> list[Column]:
    """The key of a row that is one part of a claim: (document, claim index, position)."""
    return [
        Column("doc_id", String(64), primary_key=True),
        Column("claim_idx", Integer, primary_key=True, autoincrement=False),
        Column("pos", Integer, primary_key=True, autoincrement=False),
    ]


def _claim_fk(name: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["doc_id", "claim_idx"], ["claims.doc_id", "claims.idx"], ondelete="CASCADE", name=name
    )


victims = Table(
    "victims",
    metadata,
    *_claim_part_keys(),
    Column("head", Text, nullable=False),
    Column("text", Text, nullable=False, default=""),
    Column("nationality", String(200), index=True),
    Column("status", String(16), nullable=False),
    Column("role", Text),
    _claim_fk("fk_victims_claim"),
)

sources = Table(
    "sources",
    metadata,
    *_claim_part_keys(),
    Column("name", Text, nullable=False),
    Column("name_lower", Text, nullable=False, index=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("cue", Text),
    Column("title", Text),
    Column("channel", Text),
    Column("innermost", Integer, nullable=False, default=0),  # 1 for the claimant (last in the chain)
    _claim_fk("fk_sources_claim"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("date", Date, index=True),
    Column("place", Text),
    Column("country", Text),
    Column("event_type", Text),
    Column("actor", Text),
    Column("target", Text),
    Column("label", Text, nullable=False, default=""),
    Column("n_docs", Integer, nullable=False, default=0),
    Column("n_claims", Integer, nullable=False, default=0),
    Column("names", JSON, nullable=False, default=list, server_default=text("'[]'")),  # per report
    Column("tallies", JSON),  # IncidentIndex.tallies_of; NULL: only the summary fields are known
    Column("version", Integer, nullable=False, default=0, server_default=text("0"), index=True),
    # the reconciled figures (tolltrack.ledger.figures), written with the claims that change them
    *(Column(f"{o}_{b}", Integer) for o in ("killed", "injured") for b in ("low", "best", "high")),
    Column("disputed", Integer, nullable=False, default=0, server_default=text("0")),
    Column("n_claimants", Integer, nullable=False, default=0, server_default=text("0")),
    Column("first_reported", Date),
    Column("last_reported", Date),
    Column("reconciled", JSON),  # figures, flags, claimants (tolltrack.model.to_dict of the figures)
    Column("brief", JSON),  # the same without reasons and claim ids: what the lists read (0007)
    Column("timeline", JSON),  # kept apart: the lists do not read it
    # Sorting: (column, id) serves ORDER BY column, id either way on SQLite, and ascending on
    # PostgreSQL, whose b-tree puts NULLs first when read backwards; there a second index serves
    # descending order with missing values last.
    *(Index(f"ix_incidents_{name}_id", name, "id") for name in SORT_INDEXED),
    *(
        Index(f"ix_incidents_{name}_desc", text(f"{name} DESC NULLS LAST"), text("id DESC")).ddl_if(
            dialect="postgresql"
        )
        for name in SORT_INDEXED
    ),
    # a country's incidents by date or best killed (migration 0006)
    *(Index(f"ix_incidents_country_{name}_id", "country", name, "id") for name in COUNTRY_SORTED),
    *(
        Index(
            f"ix_incidents_country_{name}_desc", "country", text(f"{name} DESC NULLS LAST"), text("id DESC")
        ).ddl_if(dialect="postgresql")
        for name in COUNTRY_SORTED
    ),
)

incident_documents = Table(
    "incident_documents",
    metadata,
    Column("incident_id", String(40), primary_key=True),
    Column("doc_id", String(64), primary_key=True),
    Column("pos", Integer, nullable=False),
    ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE", name="fk_incdocs_incident"),
    ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE", name="fk_incdocs_doc"),
    Index("ix_incident_documents_doc_id", "doc_id"),
)

# the blocking keys and names the linker finds each incident under (linking.incidents.stored_keys):
# a writer reads the incidents under the keys a batch asks for, not every incident (0009)
incident_keys = Table(
    "incident_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("incident_id", String(40), primary_key=True),
    ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE", name="fk_inckeys_incident"),
    Index("ix_incident_keys_incident_id", "incident_id"),
)

ledger_state = Table(
    "ledger_state",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)

DATA_TABLES = (documents, claims, victims, sources, incidents, incident_documents, incident_keys)


# --------------------------------------------------------------------------- engine


def resolve_url(db_url: str | None = None) -> str:
    """The URL given, else ``$TOLLTRACK_DB``, else ``sqlite:///tolltrack.db``; a bare path means SQLite."""
    url = db_url or os.environ.get("TOLLTRACK_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


JSON_CODEC = {"json_serializer": json_text.dumps, "json_deserializer": json_text.loads}


def make_engine(db_url: str | None = None) -> Engine:
    """An engine for the store; SQLite connections get WAL, a busy timeout and foreign keys."""
    url = resolve_url(db_url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **JSON_CODEC)
        _sqlite_events(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **JSON_CODEC)


def refresh_statistics(engine: Engine, sample: int = 1000) -> None:
    """On SQLite, gather the query planner's statistics (``ANALYZE`` reading at most ``sample`` rows
    of each index: tens of milliseconds at a million reports). Without them SQLite guesses which
    index serves a filtered, sorted list: at a million reports it answered "at least 1 killed in
    China, latest first" by sorting the country's 40,000 incidents (240-1,900 ms) instead of reading
    its date index in order (1 ms). PostgreSQL's autovacuum keeps its own: nothing to do there."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA analysis_limit = {int(sample)}")
        conn.exec_driver_sql("ANALYZE")


def _wal(cur) -> None:
    """Switch to WAL mode. The switch takes an exclusive lock and does not wait on busy_timeout, so
    two processes creating a store at once retry it instead of failing with 'database is locked'."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's begin event below issues BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _wal(cur)
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("tolltrack_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the store's write lock from its first statement to commit."""
    with engine.connect() as conn:
        conn.execution_options(tolltrack_write=True)
        with conn.begin():
            if not is_sqlite(conn):
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
            yield conn


def read_version(conn: Connection, key: str = "version") -> int:
    v = conn.execute(select(ledger_state.c.value).where(ledger_state.c.key == key)).scalar()
    return int(v or 0)


def bump_version(conn: Connection, key: str = "version") -> int:
    """Increment the write counter (or another ``ledger_state`` counter, such as the removals'),
    inside a write transaction, and return the new value."""
    new = read_version(conn, key) + 1
    set_state(conn, key, new)
    return new


def state_stamp(conn: Connection) -> tuple:
    """Every ``ledger_state`` counter: it changes with every write that changes a row a reader sees
    (the version, the removals, the rules that computed the figures)."""
    return tuple(conn.execute(select(ledger_state.c.key, ledger_state.c.value).order_by(ledger_state.c.key)))


def read_state(conn: Connection, key: str) -> int | None:
    return conn.execute(select(ledger_state.c.value).where(ledger_state.c.key == key)).scalar()


def set_state(conn: Connection, key: str, value: int) -> None:
    """Set a ``ledger_state`` counter (inside a write transaction)."""
    updated = conn.execute(
        ledger_state.update().where(ledger_state.c.key == key).values(value=value)
    ).rowcount
    if not updated:
        conn.execute(ledger_state.insert().values(key=key, value=value))


# --------------------------------------------------------------------------- migrations


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def current_revision(conn: Connection) -> str | None:
    try:
        with conn.begin_nested():
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


# Data steps: work a revision leaves to the code that knows how to do it (the linker's names of each
# incident, each claim's scope). A migration marks its step pending in ``ledger_state``
# ("pending:<step>"); ``upgrade`` runs each step a later layer has registered in ``DATA_STEPS``
# (``tolltrack.ledger.backfill`` registers them) in the same locked transaction and clears the mark,
# so the store never imports the stages above it. A step nobody registered stays pending for the
# next process that opens the store with it.
DATA_STEPS: dict[str, Callable[[Connection], None]] = {}
PENDING = "pending:"


def mark_pending(conn: Connection, step: str) -> None:
    set_state(conn, PENDING + step, 1)


def _pending(conn: Connection) -> list[str]:
    try:
        with conn.begin_nested():
            keys = conn.execute(select(ledger_state.c.key).where(ledger_state.c.key.startswith(PENDING)))
            marked = {k[len(PENDING) :] for k in keys.scalars()}
            return [step for step in DATA_STEPS if step in marked]  # in the order of the revisions
    except DBAPIError:  # no ledger_state table yet: a new store
        return []


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (``alembic upgrade head``), then run the data steps it
    left pending, under the write lock so that two processes opening a new store at once do not both
    create it."""
    with engine.connect() as conn, conn.begin():
        if current_revision(conn) == HEAD_REVISION and not _pending(conn):
            return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with write_transaction(engine) as conn:
        if current_revision(conn) != HEAD_REVISION:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        for step in _pending(conn):
            DATA_STEPS[step](conn)
            conn.execute(ledger_state.delete().where(ledger_state.c.key == PENDING + step))
    refresh_statistics(engine)  # new indexes, or a store written before statistics were kept
