"""Reconciled figures stored with each incident: written with the claims that change them, equal to
a reconciliation from scratch, recomputed when the rules change, and what sorting and filtering over
every incident use (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tolltrack.ledger import figures as ledger_figures
from tolltrack.ledger.api import Ledger
from tolltrack.ledger.figures import headline_figure
from tolltrack.model import Outcome
from tolltrack.store.schema import incidents, ledger_state

DATA = Path(__file__).parent / "data"
LEDGER_REPORTS = sorted((DATA / "ledger").glob("*.txt"))  # dated by their file names
OTHER_REPORTS = sorted((DATA / "reports").glob("*.txt"))


@pytest.fixture
def filled(ledger):
    for path in LEDGER_REPORTS:
        ledger.ingest([path], published=date.fromisoformat(path.name[:10]))
    ledger.ingest(OTHER_REPORTS, published=date(2026, 1, 4))
    return ledger


def _fresh(ledger: Ledger) -> dict:
    """Every incident reconciled from its claims now, by id."""
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(incidents)).mappings().all()
        from tolltrack.store.rows import load_incidents

        return {i.id: i for i in ledger_figures.reconciled(conn, load_incidents(conn, rows))}


def _killed_best(inc) -> int | None:
    f = headline_figure(inc, Outcome.KILLED)
    return f.best if f else None


def test_stored_figures_equal_a_fresh_reconciliation(filled):
    fresh = _fresh(filled)
    stored = filled.incidents()
    assert len(stored) == len(fresh) >= 6
    for inc in stored:
        assert inc.figures == fresh[inc.id].figures and inc.flags == fresh[inc.id].flags
        assert inc.timeline == fresh[inc.id].timeline
    assert filled.check() == []


def test_sorting_and_filters_run_over_every_incident(filled):
    every = filled.incidents()
    by_killed = filled.incidents(sort="killed_best")
    values = [_killed_best(i) for i in by_killed]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=True) and values == known + [None] * (len(values) - len(known))
    assert len(known) >= 3
    # pages of two, sorted in the database, join up into the whole sorted list
    pages = [filled.incidents(sort="killed_best", limit=2, offset=k) for k in range(0, len(every), 2)]
    paged = [i.id for page in pages for i in page]
    assert paged == [i.id for i in by_killed]
    ascending = [_killed_best(i) for i in filled.incidents(sort="killed_best", descending=False)]
    assert ascending[: len(known)] == sorted(known)
    floor = sorted(known)[len(known) // 2]
    over = filled.incidents(min_killed=floor)
    assert {i.id for i in over} == {i.id for i in every if (_killed_best(i) or -1) >= floor}
    assert filled.count_incidents(min_killed=floor) == len(over)
    country = next(i.country for i in every if i.country)
    same = {i.id for i in every if i.country == country}
    assert {i.id for i in filled.incidents(country=country.upper())} == same
    disputed = filled.incidents(disputed=True)
    assert disputed and all(i.flags for i in disputed)
    assert all(not i.flags for i in filled.incidents(disputed=False))
    dated = [i for i in every if i.date]
    first = min(i.date for i in dated)
    assert {i.id for i in filled.incidents(until=first)} == {i.id for i in dated if i.date == first}
    with pytest.raises(ValueError, match="unknown sort"):
        filled.incidents(sort="text; drop table incidents")


def test_figures_follow_the_claims_that_change_them(ledger):
    """Each report that joins an incident updates its stored figures in the same write."""
    seen = []
    for path in LEDGER_REPORTS:
        ledger.ingest([path], published=date.fromisoformat(path.name[:10]))
        assert ledger.check() == []
        seen.append({i.id: (i.figures, len(i.doc_ids)) for i in ledger.incidents()})
    assert any(a != b for a, b in zip(seen, seen[1:], strict=False))


def test_other_rules_recompute_every_incident_on_open(filled, db_url):
    """A store whose figures were made by other rules (or none: made before they were stored) gets
    them recomputed when a ledger opens it."""
    before = {i.id: i.figures for i in filled.incidents()}
    with filled.engine.begin() as conn:
        conn.execute(update(incidents).values(killed_best=None, reconciled=None, disputed=0))
        conn.execute(
            update(ledger_state).where(ledger_state.c.key == ledger_figures.STATE_KEY).values(value=1)
        )
    assert filled.check() != []
    with Ledger(db_url) as reopened:
        assert reopened.check() == []
        assert {i.id: i.figures for i in reopened.incidents()} == before
        with reopened.engine.connect() as conn:
            assert conn.execute(
                select(ledger_state.c.value).where(ledger_state.c.key == ledger_figures.STATE_KEY)
            ).scalar() == ledger_figures.rules_version()


@pytest.mark.parametrize("sort", ["killed_best", "date", "place", "n_docs"])
@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_join_up_into_the_sorted_list(filled, sort, descending):
    """Following the cursors page by page gives every incident once, in the order of the sort, missing
    values last."""
    whole = [i.id for i in filled.incidents(sort=sort, descending=descending)]
    seen, after = [], None
    for _ in range(len(whole) + 1):
        page, after = filled.incidents_after(after, limit=2, sort=sort, descending=descending)
        seen += [i.id for i in page]
        if after is None:
            break
    assert seen == whole


def test_keyset_pages_keep_the_filters(filled):
    whole = [i.id for i in filled.incidents(sort="killed_best", min_killed=1)]
    page, after = filled.incidents_after(None, limit=1, sort="killed_best", min_killed=1)
    page2, _ = filled.incidents_after(after, limit=len(whole), sort="killed_best", min_killed=1)
    assert [i.id for i in page + page2] == whole and len(whole) >= 2


def test_totals_follow_every_write(ledger):
    """List totals are kept between requests, and never outlive a write that changes them."""
    first, *rest = LEDGER_REPORTS
    ledger.ingest([first], published=date.fromisoformat(first.name[:10]))
    before = ledger.count_incidents()
    killed = ledger.count_incidents(min_killed=1)
    assert before == len(ledger.incidents()) >= 1
    assert ledger.count_incidents() == before  # served again: nothing was written
    for path in rest:
        ledger.ingest([path], published=date.fromisoformat(path.name[:10]))
    ledger.ingest(OTHER_REPORTS, published=date(2026, 1, 4))
    assert ledger.count_incidents() == len(ledger.incidents()) > before
    assert ledger.count_incidents(min_killed=1) == len(ledger.incidents(min_killed=1)) > killed
    assert ledger.count_documents() == len(LEDGER_REPORTS) + len(OTHER_REPORTS)


def test_ids_are_found_by_a_prefix(filled):
    doc = filled.documents(limit=1)[0]
    assert filled.document(doc.id).id == doc.id
    assert filled.document(doc.id[:10]).id == doc.id
    assert filled.document(doc.id[:10].upper()).id == doc.id  # ids are lower-case hex
    assert filled.document("") is None and filled.document("zz") is None
    inc = filled.incidents(limit=1)[0].id
    assert filled.resolve_incident(inc) == inc
    assert filled.resolve_incident(inc[4:14]) == inc  # without 'inc-'
    assert filled.resolve_incident("inc-") is None  # several
