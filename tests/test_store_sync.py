"""The writer's incident index after a restart, beside another writer, and on a store upgraded from
revision 0001, on SQLite and PostgreSQL:

- the store keeps each incident's distinctive names and tallies, so a fresh Ledger links a follow-up
  that shares only names with an earlier report exactly as a Ledger that never stopped;
- a writer starts with no incident loaded and loads the incidents under the keys it asks for
  (table ``incident_keys``); it reloads only the incidents it holds that another writer changed
  since the version it last saw, and its index then equals one built from the whole store;
- upgrading a store written before the names (and tallies), or the keys, were kept recomputes them
  from its reports.
"""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select

from tolltrack.extract.document import extract_many
from tolltrack.ledger.api import Ledger
from tolltrack.ledger.write import Writer
from tolltrack.linking.incidents import IncidentIndex
from tolltrack.model import Document, to_dict
from tolltrack.store.index_rows import by_ids, keyed_incidents
from tolltrack.store.rows import all_incidents
from tolltrack.store.schema import (
    HEAD_REVISION,
    current_revision,
    incident_keys,
    incidents,
    ledger_state,
    migrations_dir,
    write_transaction,
)

# A shooting, and a guilty plea months later that names no town: it can join the shooting only
# through the names both reports share (the victims, the bar, the street).
SHOOTING_TEXT = (
    "Two men were killed in a shooting outside the Bramblewood Tavern on Larkspur Avenue in Dayton, "
    "Ohio, on Saturday night, police said. The victims were identified as Osric Pennywhistle, 34, and "
    "Thaddeus Marlowe Quill, 29. A third man was wounded."
)
PLEA_TEXT = (
    "A man charged with killing Osric Pennywhistle and Thaddeus Marlowe Quill outside the Bramblewood "
    "Tavern pleaded guilty on Tuesday. The two men were killed on Larkspur Avenue in March, "
    "prosecutors said."
)
SHOOTING = Document(SHOOTING_TEXT, title="Two killed outside a bar", published=date(2025, 3, 3))
PLEA = Document(PLEA_TEXT, title="Guilty plea in tavern killings", published=date(2025, 10, 14))


def _state(ledger: Ledger) -> tuple[list[dict], list[dict]]:
    """Every incident (reconciled, as a dict) and every claim with its incident."""
    return [to_dict(i) for i in ledger.incidents()], [c.to_dict() for c in ledger.claims()]


def _fresh_doc(doc: Document) -> Document:
    return Document(text=doc.text, title=doc.title, published=doc.published)


def test_a_fresh_ledger_links_a_follow_up_by_names_as_one_that_never_stopped(db_url, tmp_path):
    with Ledger(f"sqlite:///{tmp_path / 'uninterrupted.db'}") as one:
        one.ingest_documents([_fresh_doc(SHOOTING)])
        one.ingest_documents([_fresh_doc(PLEA)])
        expected = _state(one)
        restarted = Writer(one.engine)
        with write_transaction(one.engine) as conn:
            restarted.sync(conn)
            assert not restarted.index._entries  # a writer's start reads no incident
            _load_every_key(restarted.index, conn)
        # what the linker knows of each incident comes back whole from the store
        assert _entries(restarted.index) == _entries(one._writer.index)
    (inc,) = expected[0]
    assert sorted(inc["doc_ids"]) == sorted([SHOOTING.id, PLEA.id])  # the plea joined the shooting

    with Ledger(db_url) as first:
        first.ingest_documents([_fresh_doc(SHOOTING)])
        with first.engine.connect() as conn:
            stored = all_incidents(conn)
            names = dict(conn.execute(select(incidents.c.id, incidents.c.names)).all())
    assert names[inc["id"]] and any("osric pennywhistle" in r for r in names[inc["id"]])
    # The names carry the link: an index of the stored incidents without them founds a new incident.
    (plea_claims,) = [c for _, c in extract_many([_fresh_doc(PLEA)])]
    bare = IncidentIndex(stored, {SHOOTING.id: SHOOTING.published})
    assert [i.id for i in bare.assign(_fresh_doc(PLEA), plea_claims)] != [inc["id"]]

    with Ledger(db_url) as second:  # a restart, or another process
        second.ingest_documents([_fresh_doc(PLEA)])
        assert _state(second) == expected


def _report(i: int) -> Document:
    towns = ["Lyon, France", "Portugal", "Nairobi, Kenya", "Leeds, England", "Quito, Ecuador"]
    return Document(
        text=f"{3 + i} people were killed in a bus crash in {towns[i]} on Monday, police said.",
        published=date(2026, 2, 10),
    )


FOLLOW_UP = Document(
    text="The death toll from Monday's bus crash in Porto, Portugal, rose to 7, the fire brigade said.",
    published=date(2026, 2, 11),
)


def _entries(index: IncidentIndex) -> dict:
    """Each incident of an index with what linking compares it by: signature, names and tallies."""
    return {
        i: (e.incident, e.signature(), index.names_of(i), index.tallies_of(i))
        for i, e in index._entries.items()
    }


def _index_view(index: IncidentIndex) -> tuple:
    """What linking depends on: the incidents as above, the blocks, the name index."""
    blocks = {k: v for k, v in index._blocks.items() if v}
    return _entries(index), blocks, index._named


def test_a_writer_reloads_only_the_incidents_another_changed(db_url):
    with Ledger(db_url) as writing:
        writing.ingest_documents([_report(i) for i in range(5)])
        watcher = Writer(writing.engine)
        with write_transaction(writing.engine) as conn:
            watcher.sync(conn)
            assert watcher.reloaded == 0 and len(watcher.index) == 5 and not watcher.index._entries
            _load_every_key(watcher.index, conn)
            assert len(watcher.index._entries) == 5

        summary = writing.ingest_documents([FOLLOW_UP])
        assert len(summary.incidents) == 1 and writing.stats()["incidents"] == 5  # joined one
        with write_transaction(writing.engine) as conn:
            index = watcher.sync(conn)
            assert watcher.reloaded == 1  # only the incident the follow-up extended
            with_all = IncidentIndex(all_incidents(conn), _published(conn), None, *_kept(conn))
            stored_keys = _stored_keys(conn)
        assert _index_view(index) == _index_view(with_all)
        # the keys stored beside each incident are those an index of every incident finds it under
        assert stored_keys == {i: with_all.keys_of(i) for i in stored_keys} and len(stored_keys) == 5
        (extended,) = [i for i in index.incidents if FOLLOW_UP.id in i.doc_ids]
        assert extended.id == summary.incidents[0] and len(extended.doc_ids) == 2

        with write_transaction(writing.engine) as conn:
            watcher.sync(conn)
            assert watcher.reloaded == 0  # nothing changed since


def _load_every_key(index: IncidentIndex, conn) -> None:
    """Load into a writer's index the incidents under every key the store keeps."""
    keys = conn.execute(select(incident_keys.c.key).distinct()).scalars().all()
    index.fill(keyed_incidents(conn, keys, index.config.rare_cap), lambda ids: by_ids(conn, ids))


def _stored_keys(conn) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, inc in conn.execute(select(incident_keys.c.key, incident_keys.c.incident_id)).all():
        out.setdefault(inc, []).append(key)
    return {i: sorted(k) for i, k in out.items()}


def _published(conn) -> dict:
    from tolltrack.store.schema import documents

    return dict(conn.execute(select(documents.c.id, documents.c.published)).all())


def _kept(conn) -> tuple[dict, dict]:
    """The names and the tallies stored with each incident."""
    rows = conn.execute(select(incidents.c.id, incidents.c.names, incidents.c.tallies)).all()
    return {i: n for i, n, _ in rows}, {i: t for i, _, t in rows}


def _alembic(ledger: Ledger, action, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with write_transaction(ledger.engine) as conn:
        cfg.attributes["connection"] = conn
        action(cfg, revision)


@pytest.mark.timeout(120)
def test_upgrading_a_store_without_names_recomputes_them(db_url):
    with Ledger(db_url) as ledger:
        ledger.ingest_documents([_fresh_doc(SHOOTING), *[_report(i) for i in range(3)]])
        ledger.ingest_documents([_fresh_doc(PLEA)])
        with ledger.engine.connect() as conn:
            kept, keys = _kept(conn), _stored_keys(conn)
        before = _state(ledger)
        _alembic(ledger, command.downgrade, "0001")  # a store as revision 0001 wrote it
        with ledger.engine.connect() as conn:
            assert current_revision(conn) == "0001"
    assert any(kept[0].values()) and all(kept[1].values())
    with Ledger(db_url) as reopened:  # opening it upgrades it
        with reopened.engine.connect() as conn:
            assert _kept(conn) == kept and _stored_keys(conn) == keys
        assert _state(reopened) == before


@pytest.mark.timeout(120)
def test_upgrading_a_store_without_scopes_classifies_its_claims(db_url):
    """Revision 0004 leaves the claims' scope to the ledger (a data step run when it opens the store):
    a store as revision 0003 wrote it gets the same scopes extraction gives."""
    text = (SHOOTING_TEXT + " So far this year, 61 people have been killed in shootings in the city, "
            "according to police data.")  # fmt: skip
    with Ledger(db_url) as ledger:
        ledger.ingest_documents([Document(text, title=SHOOTING.title, published=SHOOTING.published)])
        scopes = {c.id: (c.scope, c.scope_reason) for c in ledger.claims()}
        _alembic(ledger, command.downgrade, "0003")  # no scope columns
    assert "background" in {s for s, _ in scopes.values()}
    with Ledger(db_url) as reopened:
        assert {c.id: (c.scope, c.scope_reason) for c in reopened.claims()} == scopes
        with reopened.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
            pending = select(ledger_state.c.key).where(ledger_state.c.key.like("pending:%"))
            assert not conn.execute(pending).all()


@pytest.mark.timeout(120)
def test_upgrading_a_store_without_briefs_makes_them_from_the_stored_figures(db_url):
    """Revision 0007 keeps a brief of each incident's figures (no reasons, no claim ids) for the lists:
    a store as revision 0006 wrote it gets the briefs its stored figures give, and a brief list shows
    the same figures, flags and claimants as a full one."""
    with Ledger(db_url) as ledger:
        ledger.ingest_documents([_fresh_doc(SHOOTING), *[_report(i) for i in range(3)]])
        with ledger.engine.connect() as conn:
            made = dict(conn.execute(select(incidents.c.id, incidents.c.brief)).all())
        _alembic(ledger, command.downgrade, "0006")  # no brief column
    assert all(made.values()) and any(b["figures"] for b in made.values())
    with Ledger(db_url) as reopened:
        with reopened.engine.connect() as conn:
            assert dict(conn.execute(select(incidents.c.id, incidents.c.brief)).all()) == made
        full = reopened.incidents(sort="killed_best", timeline=False)
        brief = reopened.incidents(sort="killed_best", brief=True)
        after, _ = reopened.incidents_after(None, sort="killed_best", brief=True, claim_ids=False)
    assert [i.id for i in brief] == [i.id for i in full] == [i.id for i in after]

    def shown(incs):
        return [
            (
                i.doc_ids,
                i.flags,
                i.claimants,
                [(f.group, f.outcome, f.low, f.best, f.high, f.flags) for f in i.figures],
            )
            for i in incs
        ]

    assert shown(brief) == shown(full) == shown(after)
    assert any(f.best_reason for i in full for f in i.figures)
    assert not any(f.best_reason or f.claim_ids for i in brief for f in i.figures)


def test_an_ingest_leaves_sqlite_the_statistics_its_planner_needs(tmp_path):
    """Without ``ANALYZE`` statistics SQLite guesses which index serves a filtered, sorted list (at a
    million reports it sorted a country's 40,000 incidents rather than read its date index): an
    ingest leaves them, for the incidents' indexes among the rest."""
    with Ledger(f"sqlite:///{tmp_path / 'stats.db'}") as ledger:
        ledger.ingest_documents([_fresh_doc(SHOOTING), *[_report(i) for i in range(3)]])
        with ledger.engine.connect() as conn:
            analysed = {
                idx for (idx,) in conn.exec_driver_sql("SELECT idx FROM sqlite_stat1 WHERE tbl = 'incidents'")
            }
    assert {"ix_incidents_country_date_id", "ix_incidents_country_n_docs_id"} <= analysed


def test_check_finds_linking_keys_changed_by_hand(db_url):
    with Ledger(db_url) as ledger:
        ledger.ingest_documents([_report(i) for i in range(3)])
        assert ledger.check_keys() == []
        with ledger.engine.begin() as conn:
            victim = conn.execute(select(incident_keys.c.incident_id).limit(1)).scalar_one()
            conn.execute(incident_keys.delete().where(incident_keys.c.incident_id == victim))
        assert ledger.check_keys() == [victim]
