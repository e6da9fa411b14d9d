"""The bundled example reports through the whole pipeline: ingest → extract → link → reconcile.

examples/README.md lists the reports: the seed report on the Caracas raid (published 2026-01-04),
seven later reports on the same raid (examples/raid/, HTML pages with their own dates and outlets)
and three reports on unrelated events (examples/other/reports.jsonl). The figures asserted here are
those docs/reconcile.md's rule gives for the raid; the test checks behaviour, not every value.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tolltrack.extract.document import extract_many
from tolltrack.ingest.sources import iter_documents
from tolltrack.linking.incidents import link
from tolltrack.model import Document, Outcome
from tolltrack.reconcile.ranges import reconcile

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def run():
    seed = Document(
        text=(EXAMPLES / "caracas-raid-cuba-32.txt").read_text(encoding="utf-8"), published=date(2026, 1, 4)
    )
    found = list(iter_documents([EXAMPLES / "raid", EXAMPLES / "other"]))
    docs = [seed] + [d for d in found if isinstance(d, Document)]
    assert len(docs) == len(found) + 1, [d for d in found if not isinstance(d, Document)]
    pairs = list(extract_many(docs))
    incidents = link(pairs)
    claims = [c for _, cs in pairs for c in cs]
    by_id = {d.id: d for d in docs}
    return docs, incidents, claims, by_id


@pytest.fixture(scope="module")
def raid(run):
    docs, incidents, claims, by_id = run
    (inc,) = [i for i in incidents if i.event_type == "raid"]
    done = reconcile(inc, [c for c in claims if c.incident_id == inc.id], by_id)
    figures = {(f.group, f.outcome): f for f in done.figures}
    return done, figures


def test_every_report_is_read_with_its_date_and_outlet(run):
    docs = run[0]
    assert len(docs) == 11
    later = [d for d in docs[1:] if "raid" in (d.source_path or "")]
    assert len(later) == 7 and len({d.outlet for d in later}) == 6  # Meridian Daily wrote twice
    assert all(date(2026, 1, 5) <= d.published <= date(2026, 1, 20) for d in later)


def test_one_incident_for_the_raid_and_one_per_other_event(run):
    docs, incidents, _, by_id = run
    assert len(incidents) == 4
    raid = next(i for i in incidents if i.event_type == "raid")
    assert (raid.place, raid.country, raid.date) == ("Caracas", "Venezuela", date(2026, 1, 3))
    assert sorted(raid.doc_ids) == sorted(d.id for d in docs[:8])  # the seed and the seven raid reports
    others = {i.event_type: i for i in incidents if i is not raid}
    assert set(others) == {"flood", "fire", "shooting"}
    assert (others["flood"].country, others["fire"].place, others["shooting"].place) == (
        "Mozambique",
        "Valencia",
        "Columbus, Ohio",
    )
    for inc in others.values():
        assert len(inc.doc_ids) == 1 and by_id[inc.doc_ids[0]] not in docs[:8]


def test_everyone_killed_low_best_high_with_reasons(raid):
    _, fig = raid
    f = fig["all", Outcome.KILLED]
    # low: the lowest current estimate of a named claimant, Venezuelan officials' "at least 40" via US
    # media (Venezuela's later 100 does not raise it); high: the exiled opposition's 150
    assert (f.low, f.best, f.high) == (40, 100, 150) and "US media" in f.low_reason
    # best: the toll the raid's reports vote for (three figures given twice each: the latest report's)
    assert "voted among 8 reports" in f.best_reason and "100 killed" in f.best_reason
    assert "150" in f.high_reason and "Pacific Observer" in f.high_reason


def test_cubans_and_civilians(raid):
    _, fig = raid
    cubans = fig["Cuba:military", Outcome.KILLED]
    assert (cubans.low, cubans.best, cubans.high) == (32, 32, 32)
    assert "Cuba's own officials" in cubans.best_reason
    civilians = fig["civilian", Outcome.KILLED]
    assert (civilians.low, civilians.high) == (24, 35)  # the rights group: at least 24, up to 35


def test_military_and_us_figures(raid):
    _, fig = raid
    assert fig["military", Outcome.KILLED].low >= 32  # raised to the Cubans' low
    us_killed = [f for (g, o), f in fig.items() if g.startswith("United States") and o is Outcome.KILLED]
    assert us_killed and all((f.low, f.best, f.high) == (0, 0, 0) for f in us_killed)
    us_injured = [f for (g, o), f in fig.items() if g.startswith("United States") and o is Outcome.INJURED]
    # low: Trump's "no US casualties", the lowest current estimate; high: the Pentagon's latest, 7
    # (best: Trump's zero, the only official figure: the Pentagon is read as an organisation)
    assert us_injured and all(f.low == 0 for f in us_injured) and max(f.high for f in us_injured) == 7


def test_subgroups_stay_within_the_total(raid):
    done, fig = raid
    total = fig["all", Outcome.KILLED]
    for (group, outcome), f in fig.items():
        if outcome is Outcome.KILLED and group != "all" and f.low is not None:
            assert f.low <= total.high, group
    assert not any("subgroup exceeds total" in flag for flag in done.flags)


def test_no_us_casualties_disagrees_with_the_pentagons_injured(raid):
    done, _ = raid
    flags = [f for f in done.flags if "injured: disagreement" in f and f.startswith("United States")]
    assert flags and all("Donald Trump" in f and "Pentagon" in f for f in flags)


def test_timeline_in_date_order_shows_the_toll_rising(raid):
    done, _ = raid
    points = done.timeline
    assert [p.reported for p in points] == sorted(p.reported for p in points)
    assert points[0].reported == date(2026, 1, 4)
    killed_all = [(p.reported, p.count.low if p.count.low is not None else p.count.value) for p in points
                  if p.group == "all" and p.outcome is Outcome.KILLED]  # fmt: skip
    assert (date(2026, 1, 4), 40) in killed_all and (date(2026, 1, 5), 80) in killed_all
    assert any(n == 100 and d > date(2026, 1, 5) for d, n in killed_all)
    assert any(p.group == "Cuba:military" and p.count.value == 32 and p.claimant == "Cuba" for p in points)
