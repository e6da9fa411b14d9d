"""Fill a store to N reports with copies of its stored rows: how ``ledger_scale.py --copies-from K``
reaches a million reports without a million writes.

The first K reports are written by the product's writer (linking, reconciling, stored figures). Each
copy then repeats those K reports' rows (reports, claims, victims, sources, incidents with their
stored figures, memberships) in one transaction, later by a whole span of the base (every date
moved by copy × (the base's span + 30 days)), with every id rewritten for the copy: the first three
characters of a report's, claim's or incident's hash are dropped and three letters that no hash has
(g-z) put in front, so that copies and the base never collide, ids keep their length, and a copy's
reports sort among themselves as the base's do (an incident's claims are reconciled in report id
order). Ids and dates inside the stored
JSON (reasons' claim ids and dates, timelines, the linker's tallies) and in labels are rewritten the
same way, so a copy is
a store the writer could have made: its incidents are the base's, its figures are the base's
(nothing is reconciled again), and the keys the linker finds them under are computed for their
moved dates as the writer computes them (``linking.incidents.stored_keys``). Reports, claims,
victims, sources and memberships are copied by
``INSERT ... SELECT`` inside the database; incidents by Python (their JSON), through
``store.bulk.insert_rows`` (COPY on PostgreSQL).
"""

from __future__ import annotations

import json
import re
import time
from datetime import date, timedelta

from sqlalchemy import Connection, Engine, func, select, text

LETTERS = "ghijklmnopqrstuvwxyz"  # never in a hex digest
_DOC_ID = re.compile(r'"([0-9a-f]{61})[0-9a-f]{3}"')
_CLAIM_ID = re.compile(r'"([0-9a-f]{13})[0-9a-f]{3}(-\d+)"')
_INCIDENT_ID = re.compile(r'"inc-([0-9a-f]{9})[0-9a-f]{3}"')
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")  # alone or in a reason, a flag, a label


def code(k: int) -> str:
    """Three letters outside the hex digits for copy k (1 ≤ k < 8,000)."""
    n = len(LETTERS)
    return LETTERS[k // n // n % n] + LETTERS[k // n % n] + LETTERS[k % n]


def _doc_ids(col: str, k: int) -> str:
    return f"'{code(k)}' || substr({col}, 1, 61)"


def _claim_ids(col: str, k: int) -> str:
    return f"'{code(k)}' || substr({col}, 1, 13) || substr({col}, 17)"


def _incident_ids(col: str, k: int) -> str:
    return f"'inc-{code(k)}' || substr({col}, 5, 9)"


def _shifted(col: str, days: int, dialect: str) -> str:
    if dialect == "postgresql":
        return f"({col} + {days})"
    return f"date({col}, '+{days} days')"


def _copy_sql(table, exprs: dict[str, str], where: str) -> str:
    cols = [c.name for c in table.columns]
    chosen = ", ".join(exprs.get(c, f'"{c}"') for c in cols)
    names = ", ".join(f'"{c}"' for c in cols)
    return f'INSERT INTO "{table.name}" ({names}) SELECT {chosen} FROM "{table.name}" WHERE {where}'


def copy_rows(conn: Connection, k: int, days: int) -> None:
    """Copy k of the base's reports, claims, victims, sources and memberships, inside the database."""
    from tolltrack.store.schema import claims, documents, incident_documents, sources, victims

    d = conn.dialect.name
    base_doc = "doc_id < 'g'"
    plan = [
        (documents, {"id": _doc_ids("id", k), "published": _shifted("published", days, d),
                     "url": f"url || '#copy-{code(k)}'"}, "id < 'g'"),
        (claims, {"doc_id": _doc_ids("doc_id", k), "claim_id": _claim_ids("claim_id", k),
                  "incident_id": _incident_ids("incident_id", k),
                  "event_date": _shifted("event_date", days, d)}, base_doc),
        (victims, {"doc_id": _doc_ids("doc_id", k)}, base_doc),
        (sources, {"doc_id": _doc_ids("doc_id", k)}, base_doc),
        (incident_documents,
         {"doc_id": _doc_ids("doc_id", k), "incident_id": _incident_ids("incident_id", k)},
         "incident_id < 'inc-g'"),
    ]  # fmt: skip
    for table, exprs, where in plan[:-1]:
        conn.execute(text(_copy_sql(table, exprs, where)))
    copy_incidents(conn, k, days)
    table, exprs, where = plan[-1]
    conn.execute(text(_copy_sql(table, exprs, where)))


def _later(iso: str, days: int) -> str:
    return str(date.fromisoformat(iso) + timedelta(days=days))


def _rewrite(value, k: int, days: int):
    """A stored JSON value with the copy's ids and dates."""
    if value is None:
        return None
    raw = json.dumps(value)
    c = code(k)
    raw = _DOC_ID.sub(lambda m: f'"{c}{m.group(1)}"', raw)
    raw = _CLAIM_ID.sub(lambda m: f'"{c}{m.group(1)}{m.group(2)}"', raw)
    raw = _INCIDENT_ID.sub(lambda m: f'"inc-{c}{m.group(1)}"', raw)
    raw = _DATE.sub(lambda m: _later(m.group(0), days), raw)
    return json.loads(raw)


JSON_COLUMNS = ("names", "tallies", "reconciled", "brief", "timeline")
DATE_COLUMNS = ("date", "first_reported", "last_reported")


def base_first_published(conn: Connection) -> dict[str, date]:
    """The first publication date of each incident of the base."""
    from tolltrack.store.schema import documents, incident_documents

    q = (
        select(incident_documents.c.incident_id, func.min(documents.c.published))
        .join(documents, documents.c.id == incident_documents.c.doc_id)
        .where(incident_documents.c.incident_id < "inc-g")
        .group_by(incident_documents.c.incident_id)
    )
    return {i: d for i, d in conn.execute(q).all() if d}


def copy_incidents(conn: Connection, k: int, days: int, chunk: int = 5000) -> None:
    from tolltrack.linking.incidents import stored_keys
    from tolltrack.store.bulk import insert_rows
    from tolltrack.store.index_rows import save_keys
    from tolltrack.store.rows import incident_from_row
    from tolltrack.store.schema import incidents

    first = base_first_published(conn)
    last = ""
    while True:
        rows = conn.execute(
            select(incidents).where(incidents.c.id < "inc-g", incidents.c.id > last).order_by(incidents.c.id)
            .limit(chunk)
        ).mappings().all()  # fmt: skip
        if not rows:
            return
        last = rows[-1]["id"]
        out, keys = [], {}
        for r in rows:
            row = dict(r)
            row["id"] = f"inc-{code(k)}{r['id'][4:13]}"
            row["label"] = _DATE.sub(lambda m: _later(m.group(0), days), r["label"] or "")
            for col in DATE_COLUMNS:
                row[col] = r[col] + timedelta(days=days) if r[col] else None
            for col in JSON_COLUMNS:
                row[col] = _rewrite(r[col], k, days)
            out.append(row)
            was = first.get(r["id"])
            moved = was + timedelta(days=days) if was else None
            keys[row["id"]] = stored_keys(incident_from_row(row), moved, row["names"], row["tallies"])
        insert_rows(conn, incidents, out)
        save_keys(conn, keys)


def span_days(conn: Connection) -> int:
    from tolltrack.store.schema import documents

    lo, hi = conn.execute(select(func.min(documents.c.published), func.max(documents.c.published))).one()
    return (hi - lo).days + 30 if lo and hi else 30


def fill(engine: Engine, reports: int, say=print) -> int:
    """Copies of the base (the reports whose ids are hashes) until the store holds at least
    ``reports``; the number of reports it holds."""
    from tolltrack.store.schema import bump_version, documents, refresh_statistics, write_transaction

    with engine.connect() as conn:
        base = conn.execute(select(func.count()).where(documents.c.id < "g")).scalar()
        have = conn.execute(select(func.count()).select_from(documents)).scalar()
        days = span_days(conn)
    k = (have - base) // base + 1 if base else 0
    started = time.perf_counter()
    while base and have < reports:
        with write_transaction(engine) as conn:
            copy_rows(conn, k, k * days)
            bump_version(conn)
        have += base
        say(f"  copy {k}: {have:,} reports ({time.perf_counter() - started:,.0f} s)")
        k += 1
    if engine.dialect.name == "postgresql":  # what autovacuum would do after such a load
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    refresh_statistics(engine)  # what an ingest does at its end (SQLite)
    return have
