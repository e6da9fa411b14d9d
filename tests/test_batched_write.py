"""The batched write path (``ledger.write.Writer``: one transaction per batch, bulk inserts, each
touched incident reconciled once per batch) decides exactly as writing one report at a time, and a
batch that fails half way leaves the store as it was before it.

The reports are written here: fires, crashes and floods in several cities, each reported two or
three times on following days with tolls that move, so that later reports join (and change the
figures of) incidents that earlier batches founded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tolltrack.ledger.api import Ledger
from tolltrack.ledger.figures import COLUMNS
from tolltrack.ledger.write import Writer
from tolltrack.model import Document
from tolltrack.store.schema import claims, incident_documents, incidents

pytestmark = pytest.mark.timeout(600)

_PLACES = [("Lyon", "France"), ("Porto", "Portugal"), ("Nairobi", "Kenya"), ("Recife", "Brazil"),
           ("Gdansk", "Poland"), ("Quito", "Ecuador")]  # fmt: skip
_EVENTS = ["fire at a textile warehouse", "bus crash on the ring road", "flood in the old quarter"]
_SOURCES = ["the fire brigade said", "police said", "the regional governor told reporters"]


def _reports() -> list[Document]:
    """Nine incidents, each told by up to three reports on following days (the toll rising)."""
    out = []
    start = date(2026, 3, 2)
    for n in range(9):
        place, country = _PLACES[n % len(_PLACES)]
        event = _EVENTS[n % len(_EVENTS)]
        day = start + timedelta(days=4 * n)
        for k in range(1 + n % 3):
            killed, hurt = 3 + n + 2 * k, 5 + 3 * n - k
            text = (
                f"{killed} people were killed in a {event} in {place}, {country}, on "
                f"{day.strftime('%A')}, {_SOURCES[(n + k) % 3]}.\n\n"
                f"At least {hurt} others were injured, {_SOURCES[(n + k + 1) % 3]}. "
                f"Update {k + 1} from our {place} correspondent."
            )
            out.append(Document(text=text, published=day + timedelta(days=k), outlet=f"Outlet {k}"))
    return sorted(out, key=lambda d: (d.published, d.id))


@pytest.fixture(scope="module")
def extracted():
    from tolltrack.extract.document import extract_many

    pairs = list(extract_many(_reports()))
    assert all(c for _, c in pairs), "every report here has claims"
    return pairs


def _copy(pairs):
    import copy

    return copy.deepcopy(pairs)


def _state(engine) -> tuple:
    """Everything the write decides: incidents with their reports, claim links and stored figures."""
    with engine.connect() as conn:
        incs = [
            (r["id"], r["label"], r["n_docs"], r["n_claims"], *(_plain(r[k]) for k in COLUMNS))
            for r in conn.execute(select(incidents).order_by(incidents.c.id)).mappings()
        ]
        members = conn.execute(select(incident_documents).order_by(*incident_documents.c)).all()
        linked = select(claims.c.doc_id, claims.c.idx, claims.c.incident_id)
        links = conn.execute(linked.order_by(claims.c.doc_id, claims.c.idx)).all()
    return incs, [tuple(m) for m in members], [tuple(x) for x in links]


def _plain(value):
    import json

    return json.dumps(value, sort_keys=True, default=str) if isinstance(value, dict | list) else value


def _write(db_url: str, pairs, size: int) -> tuple:
    with Ledger(db_url) as ledger:
        writer = Writer(ledger.engine)
        for start in range(0, len(pairs), size):
            writer.write(pairs[start : start + size])
        assert ledger.check() == []
        return _state(ledger.engine)


def test_batches_decide_as_one_report_at_a_time(extracted, db_url, tmp_path):
    one = _write(db_url, _copy(extracted), 1)
    batched = _write(f"sqlite:///{tmp_path / 'batched.db'}", _copy(extracted), 7)
    whole = _write(f"sqlite:///{tmp_path / 'whole.db'}", _copy(extracted), len(extracted))
    incs = one[0]
    assert len(incs) == 9 and sum(r[2] for r in incs) == len(extracted)  # nine incidents, every report
    assert any(r[2] == 3 for r in incs), "later reports joined incidents of earlier batches"
    assert batched == one
    assert whole == one


def test_the_product_ingest_batches_as_it_writes_one_at_a_time(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, doc in enumerate(_reports()):
        (folder / f"{i:02d}.json").write_text(
            f'{{"text": {_json(doc.text)}, "published": "{doc.published}", "outlet": "{doc.outlet}"}}'
        )
    states = []
    for size in (1, 32):
        with Ledger(f"sqlite:///{tmp_path / f'ingest-{size}.db'}") as ledger:
            summary = ledger.ingest([folder], batch_size=size)
            assert summary.new == len(_reports()) and not summary.failed
            states.append(_state(ledger.engine))
    assert states[0] == states[1]


def _json(text: str) -> str:
    import json

    return json.dumps(text)


class _Crash(RuntimeError):
    pass


def test_a_batch_that_fails_half_way_leaves_the_store_as_before(extracted, db_url, tmp_path, monkeypatch):
    first, second = extracted[:10], extracted[10:]
    with Ledger(db_url) as ledger:
        writer = Writer(ledger.engine)
        writer.write(_copy(first))
        before = _state(ledger.engine)

        import tolltrack.ledger.write as write

        def crash(*args, **kwargs):  # after the batch's reports, claims and incidents are inserted
            raise _Crash("the process died while storing the figures")

        monkeypatch.setattr(write, "refresh_figures", crash)
        with pytest.raises(_Crash):
            writer.write(_copy(second))
        assert _state(ledger.engine) == before
        monkeypatch.undo()

        writer.write(_copy(second))  # the same writer: its index was dropped with the failed batch
        after = _state(ledger.engine)
        assert ledger.check() == []
    assert after == _write(f"sqlite:///{tmp_path / 'clean.db'}", _copy(extracted), 10)


def test_a_writer_reads_each_report_once_however_often_its_incident_is_reconciled(extracted, tmp_path):
    """One report per batch: an incident told three times is reconciled three times, from all its
    reports; each report's own reading (``read_report``) is made once and kept, and the stored
    figures are those a fresh reconciliation gives (``check``)."""
    with Ledger(f"sqlite:///{tmp_path / 'kept.db'}") as ledger:
        writer = Writer(ledger.engine)
        for pair in _copy(extracted):
            writer.write([pair])
        assert writer.readings.read == len(extracted)
        assert writer.readings.reused >= 9  # the reconciliations of incidents that gained a report
        assert ledger.check() == []


def test_a_writer_reads_no_report_whose_reading_came_with_it(extracted, tmp_path, monkeypatch):
    """The extraction groups each report's claims by event and reads its own toll
    (``ledger.ingest.carry``, on its workers when it has some); a writer given those readings groups
    and reads no report itself and stores exactly what it stores doing so."""
    from tolltrack.ledger.ingest import carry
    from tolltrack.linking import groups

    carried = [carry(d, c) for d, c in _copy(extracted)]
    grouped = []
    monkeypatch.setattr(groups, "document_groups", lambda *a: grouped.append(a) or [])
    with Ledger(f"sqlite:///{tmp_path / 'carried.db'}") as ledger:
        writer = Writer(ledger.engine)
        for start in range(0, len(carried), 4):
            writer.write(carried[start : start + 4])
        assert writer.readings.read == 0 and writer.readings.reused >= 9 and grouped == []
        monkeypatch.undo()
        assert ledger.check() == []
        state = _state(ledger.engine)
    assert state == _write(f"sqlite:///{tmp_path / 'read.db'}", _copy(extracted), 4)


def test_a_reading_carried_for_other_claims_or_another_title_is_read_again(extracted):
    import dataclasses

    from tolltrack.ledger.ingest import carry
    from tolltrack.reconcile.toll_vote import KeptReadings

    doc, found = next(p for p in _copy(extracted) if len(p[1]) > 1)
    kept = KeptReadings()
    carry(doc, found[:1])  # read from the first claim only
    kept.offer(doc, found)
    kept.reading(doc, found)
    assert kept.read == 1
    carry(doc, found)
    kept = KeptReadings()
    kept.offer(dataclasses.replace(doc, title="Another headline"), found)
    kept.offer(doc, list(reversed(found)))  # read in the report's order: taken whatever the order given
    assert kept.reading(doc, found) is doc.toll.reading and kept.read == 0


def test_the_selector_chooses_once_per_reading_and_peers(extracted, monkeypatch):
    """A report alone in its incident was chosen for at extraction; with a peer it is chosen for
    again, once for those peers; the choices are those made afresh."""
    import dataclasses

    from tolltrack.ledger.ingest import carry
    from tolltrack.reconcile import selector
    from tolltrack.reconcile.toll_vote import KeptReadings, keep_readings, report_tolls

    (doc, found), (other, its) = _copy(extracted[:2])
    carry(doc, found)
    real, calls = selector.Selector.choose, []
    monkeypatch.setattr(selector.Selector, "choose", lambda self, r: calls.append(r.peers) or real(self, r))
    kept = KeptReadings()
    kept.offer(doc, found)
    with keep_readings(kept):
        alone = report_tolls({doc.id: (doc, found)})
        assert calls == [] and kept.read == 0
        both = report_tolls({doc.id: (doc, found), other.id: (other, its)})
        assert len(calls) == 2
        assert report_tolls({doc.id: (doc, found), other.id: (other, its)}) == both and len(calls) == 2
    bare = dataclasses.replace(doc, toll=None)
    assert alone == report_tolls({doc.id: (bare, found)})
    assert both == report_tolls({doc.id: (bare, found), other.id: (other, its)})
    assert len(calls) == 5


def test_only_reports_not_read_before_need_their_text(extracted):
    from tolltrack.reconcile.toll_vote import KeptReadings, keep_readings, unread

    (doc, found), (other, its) = extracted[:2]
    kept = KeptReadings(size=3)
    kept.reading(doc, found)
    docs, reports = {doc.id: doc, other.id: other}, {doc.id: found, other.id: its}
    assert unread(docs, reports) == [doc.id, other.id]  # no readings kept here
    with keep_readings(kept):
        assert unread(docs, reports) == [other.id]
        assert unread(docs, {**reports, doc.id: found[:1]}) == [doc.id, other.id]
        kept.size = 2  # as many reports as readings kept: some might be dropped before their use
        assert unread(docs, reports) == [doc.id, other.id]


def test_groups_carried_for_other_claim_objects_are_made_again(extracted):
    """The writer links the claim objects it stores: groups carried with copies of them are not used."""
    import copy

    from tolltrack.ledger.ingest import carry
    from tolltrack.linking.groups import report_groups
    from tolltrack.linking.match import LinkConfig

    doc, found = carry(*_copy(extracted)[0])
    taken = report_groups(doc, found, LinkConfig())
    assert taken and len(taken) == len(doc.reading.groups)
    assert all(g is carried for g, carried in zip(taken, doc.reading.groups, strict=True))
    others = copy.deepcopy(found)
    regrouped = report_groups(doc, others, LinkConfig())
    assert [c for g in regrouped for c in g.claims] == others
    assert all(c is o for c, o in zip([c for g in regrouped for c in g.claims], others, strict=True))


def test_kept_readings_are_read_again_for_another_title_or_other_claims(extracted):
    import dataclasses

    from tolltrack.reconcile.toll_vote import KeptReadings

    kept = KeptReadings(size=2)
    (doc, found), (other, its) = extracted[0], extracted[1]
    first = kept.reading(doc, found)
    assert kept.reading(doc, found) is first and kept.read == 1
    assert kept.reading(dataclasses.replace(doc, title="Three killed in a fire"), found) is not first
    assert kept.reading(doc, found[:1]) is not first and kept.read == 3
    kept.reading(other, its)
    kept.reading(extracted[2][0], extracted[2][1])  # the least recently used is dropped
    kept.reading(doc, found[:1])
    assert kept.read == 6


def test_kept_readings_are_read_again_for_another_date(extracted):
    import dataclasses
    from datetime import timedelta

    from tolltrack.reconcile.toll_vote import KeptReadings

    kept = KeptReadings()
    doc, found = next((d, c) for d, c in extracted if d.published)
    first = kept.reading(doc, found)
    later = dataclasses.replace(doc, published=doc.published + timedelta(days=40))
    assert kept.reading(later, found) is not first and kept.read == 2


def test_writers_in_two_threads_keep_their_own_readings(extracted):
    """Each thread reconciles with the readings its own writer keeps, even while the other thread
    keeps its own at the same time."""
    import threading

    from tolltrack.reconcile.toll_vote import KeptReadings, keep_readings, report_tolls

    halves = (extracted[: len(extracted) // 2], extracted[len(extracted) // 2 :])
    kept = (KeptReadings(), KeptReadings())
    both_inside = threading.Barrier(2, timeout=60)
    errors = []

    def work(n: int) -> None:
        try:
            with keep_readings(kept[n]):
                both_inside.wait()
                report_tolls({d.id: (d, c) for d, c in halves[n]})
                both_inside.wait()
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [k.read for k in kept] == [len(h) for h in halves]  # each its own reports, no other
