"""What the linker's incident index reads from the store and writes beside each incident.

A writer's index (``linking.incidents.IncidentIndex``) holds the stored incidents a batch of reports
may join. It asks for the incidents under the blocking keys and names of the batch's reports
(``keyed_incidents``: table ``incident_keys``), loads those (``for_linking``: the incidents without
what only the pages show, with the names, tallies and publication dates linking compares), and
stores the keys of every incident it changed (``save_keys``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import Connection, delete, func, select

from tolltrack.model import Incident

from .bulk import insert_rows
from .rows import chunks, load_incidents
from .schema import documents, incident_keys, incidents

NOT_FOR_LINKING = frozenset({"reconciled", "brief", "timeline"})


def for_linking(conn: Connection, *where) -> tuple[list[Incident], dict[str, date | None], dict, dict]:
    """The stored incidents ``where`` selects (all without it), as ``IncidentIndex.update`` takes
    them: incidents, their reports' publication dates, names and tallies. Leaves out what only the
    pages show (the reconciliation, its brief, the timeline): at 100,000 reports, decoding those took
    half of a writer's start."""
    q = select(*(c for c in incidents.c if c.name not in NOT_FOR_LINKING)).where(*where)
    rows = conn.execute(q.order_by(incidents.c.id)).mappings().all()
    found = load_incidents(conn, rows)
    return (
        found,
        published_of(conn, found),
        {r["id"]: r["names"] or [] for r in rows},
        {r["id"]: r["tallies"] for r in rows},
    )


def by_ids(conn: Connection, ids: list[str]) -> tuple[list[Incident], dict, dict, dict]:
    """``for_linking`` of the incidents with these ids, a chunk of ids per query."""
    out: tuple[list, dict, dict, dict] = ([], {}, {}, {})
    for chunk in chunks(ids):
        part = for_linking(conn, incidents.c.id.in_(list(chunk)))
        out[0].extend(part[0])
        for whole, piece in zip(out[1:], part[1:], strict=True):
            whole.update(piece)
    return out


def published_of(conn: Connection, found: Iterable[Incident]) -> dict[str, date | None]:
    ids = sorted({d for inc in found for d in inc.doc_ids})
    published: dict[str, date | None] = {}
    for chunk in chunks(ids):
        q = select(documents.c.id, documents.c.published).where(documents.c.id.in_(list(chunk)))
        published.update(dict(conn.execute(q).all()))
    return published


def keyed_incidents(conn: Connection, keys: Iterable[str], cap: int) -> dict[str, list[str] | None]:
    """The ids of the stored incidents under each key; ``None`` for a name key (``N:``) that more
    than ``cap`` incidents carry (the linker never counts such a name: its ids are not read)."""
    keys = sorted(set(keys))
    out: dict[str, list[str] | None] = {k: [] for k in keys}
    names = [k for k in keys if k.startswith("N:")]
    for chunk in chunks(names):
        q = (
            select(incident_keys.c.key)
            .where(incident_keys.c.key.in_(list(chunk)))
            .group_by(incident_keys.c.key)
            .having(func.count() > cap)
        )
        for (key,) in conn.execute(q).all():
            out[key] = None
    for chunk in chunks([k for k in keys if out[k] is not None]):
        q = select(incident_keys.c.key, incident_keys.c.incident_id).where(
            incident_keys.c.key.in_(list(chunk))
        )
        for key, inc_id in conn.execute(q).all():
            out[key].append(inc_id)
    return out


def stored_keys_of(conn: Connection, ids: list[str]) -> dict[str, list[str]]:
    """The keys stored for these incidents."""
    out: dict[str, list[str]] = {}
    for chunk in chunks(ids):
        q = select(incident_keys.c.incident_id, incident_keys.c.key).where(
            incident_keys.c.incident_id.in_(list(chunk))
        )
        for inc_id, key in conn.execute(q).all():
            out.setdefault(inc_id, []).append(key)
    return out


def save_keys(conn: Connection, keys: Mapping[str, Iterable[str]], existing: Iterable[str] = ()) -> None:
    """Store each incident's keys, replacing those of the ``existing`` incidents."""
    for chunk in chunks(sorted(set(existing))):
        conn.execute(delete(incident_keys).where(incident_keys.c.incident_id.in_(list(chunk))))
    insert_rows(conn, incident_keys, [{"key": k, "incident_id": i} for i, ks in keys.items() for k in ks])
