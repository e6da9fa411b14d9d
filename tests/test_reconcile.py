"""Reconciliation rules on hand-built claims: low / best / high, reasons, subgroups, flags, timeline.

Every claim here is built by hand (no extractor), one rule per test, as docs/reconcile.md states them.
"""

from __future__ import annotations

from datetime import date

import pytest

from tolltrack.model import (
    Attribution,
    Claim,
    Count,
    CountKind,
    Document,
    Incident,
    Outcome,
    Source,
    SourceKind,
    Status,
    VictimGroup,
)
from tolltrack.reconcile.ranges import ancestors, claim_group, count_numbers, reconcile, timeline

K = CountKind


def exact(n: int) -> Count:
    return Count(K.EXACT, n, n, n, str(n))


def at_least(n: int) -> Count:
    return Count(K.AT_LEAST, n, n, None, f"at least {n}")


def at_most(n: int) -> Count:
    return Count(K.AT_MOST, n, None, n, f"up to {n}")


def about(n: int) -> Count:
    return Count(K.ABOUT, n, None, None, f"about {n}")


def between(a: int, b: int) -> Count:
    return Count(K.RANGE, None, a, b, f"between {a} and {b}")


def dozens() -> Count:
    return Count(K.VAGUE, None, 24, None, "dozens")


def zero() -> Count:
    return Count(K.ZERO, 0, 0, 0, "no")


PEOPLE = VictimGroup("people", "people")
CUBANS = VictimGroup("citizen", "Cuban soldiers", "Cuba", Status.MILITARY)
CIVILIANS = VictimGroup("civilian", "civilians", None, Status.CIVILIAN)
SOLDIERS = VictimGroup("soldier", "soldiers", None, Status.MILITARY)
US_TROOPS = VictimGroup("troop", "US troops", "United States", Status.MILITARY)

VENEZUELA = Source("Venezuela", SourceKind.GOVERNMENT, "said")
CUBA = Source("Cuba", SourceKind.GOVERNMENT, "announced")
MINISTER = Source("Elena Ruiz", SourceKind.OFFICIAL, "said", title="Venezuelan interior minister")
RIGHTS = Source("Civic Forum", SourceKind.ORGANIZATION, "said")
MONITOR = Source("Casualty Monitor", SourceKind.ORGANIZATION, "estimated")
PAPER = Source("Daily Planet", SourceKind.OUTLET, "reported")
SOURCES = Source("sources", SourceKind.UNNAMED, "said")
PENTAGON = Source("Pentagon", SourceKind.GOVERNMENT, "said")

INCIDENT = Incident(id="inc-test", country="Venezuela", place="Caracas", event_type="raid")


class Ledger:
    """Reports and their claims, built by hand."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}
        self.claims: list[Claim] = []

    def report(self, day: int, outlet: str = "Wire") -> Document:
        doc = Document(
            text=f"report {len(self.docs)} of {outlet}", outlet=outlet, published=date(2026, 1, day)
        )
        self.docs[doc.id] = doc
        return doc

    def claim(self, doc, count, outcome=Outcome.KILLED, victims=(PEOPLE,), chain=(VENEZUELA,), hedge=None):
        index = sum(c.doc_id == doc.id for c in self.claims)
        c = Claim(
            count=count,
            outcome=outcome,
            victims=list(victims),
            attribution=Attribution(list(chain), hedge),
            sentence=f"claim {index}",
            start=0,
            end=7,
            doc_id=doc.id,
            index=index,
        )
        self.claims.append(c)
        return c

    def say(self, day: int, count, **kw) -> Claim:
        return self.claim(self.report(day, kw.pop("outlet", "Wire")), count, **kw)

    def figures(self, incident: Incident = INCIDENT):
        done = reconcile(incident, self.claims, self.docs)
        return done, {(f.group, f.outcome.value): f for f in done.figures}


@pytest.fixture
def led() -> Ledger:
    return Ledger()


# --------------------------------------------------------------------------- what a claim says


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (exact(32), (32, 32, 32)),
        (at_least(40), (40, 40, 40)),
        (at_most(12), (None, 12, None)),
        (about(30), (None, 30, 30)),
        (between(30, 40), (30, 40, 35)),
        (dozens(), (24, None, None)),
        (zero(), (0, 0, 0)),
        (Count(K.UNQUANTIFIED), (None, None, None)),
    ],
)
def test_count_numbers_by_kind(count, expected):
    assert count_numbers(count) == expected


def test_groups_and_their_parents():
    assert ancestors("Cuba:military") == ["Cuba:military", "Cuba", "military", "all"]
    mixed = Claim(exact(3), Outcome.KILLED, [SOLDIERS, CIVILIANS], Attribution(), "s", 0, 1)
    assert claim_group(mixed) == "all"  # soldiers and civilians together count for everyone
    both = Claim(exact(3), Outcome.KILLED, [CUBANS, SOLDIERS], Attribution(), "s", 0, 1)
    assert claim_group(both) == "military"


# --------------------------------------------------------------------------- low


def test_low_is_the_lowest_current_estimate_of_a_named_claimant(led):
    led.say(4, at_least(40), chain=(PAPER, MINISTER))
    led.say(5, exact(30), chain=(RIGHTS,))  # another claimant's higher figure does not raise it
    led.say(5, exact(9), chain=(SOURCES,))  # unnamed: not used while someone named gives a figure
    _, fig = led.figures()
    f = fig["all", "killed"]
    assert f.low == 30 and "Civic Forum" in f.low_reason and "lowest current estimate" in f.low_reason


def test_unnamed_sources_count_only_when_nobody_named_gives_a_bound(led):
    led.say(4, exact(15), chain=(SOURCES,))
    _, fig = led.figures()
    assert fig["all", "killed"].low == 15 and "unnamed source only" in fig["all", "killed"].low_reason


def test_a_claimants_later_report_supersedes_its_earlier_one(led):
    led.say(5, exact(80))
    led.say(12, exact(100))
    done, fig = led.figures()
    f = fig["all", "killed"]
    assert (f.low, f.best, f.high) == (100, 100, 100)
    assert "2026-01-12" in f.best_reason and not done.flags


def test_figures_of_one_report_hold_together(led):
    doc = led.report(9, "Continental Post")
    led.claim(doc, at_least(24), victims=(CIVILIANS,), chain=(RIGHTS,))
    led.claim(doc, at_most(35), victims=(CIVILIANS,), chain=(RIGHTS,))
    done, fig = led.figures()
    f = fig["civilian", "killed"]
    assert (f.low, f.best, f.high) == (24, 24, 35)
    assert not done.flags  # 'at least 24' and 'up to 35' of one claimant do not disagree


# --------------------------------------------------------------------------- best


def test_best_prefers_the_latest_official_figure_of_the_home_country(led):
    led.say(4, exact(80), chain=(MINISTER,))
    led.say(6, exact(75), chain=(CUBA,))  # an official figure, but not Venezuela's
    led.say(7, about(120), chain=(MONITOR,))
    _, fig = led.figures()
    f = fig["all", "killed"]
    assert f.best == 80 and "Venezuela's own officials" in f.best_reason


def test_best_for_a_nationality_prefers_that_countrys_government(led):
    led.say(4, exact(32), victims=(CUBANS,), chain=(CUBA,))
    led.say(5, exact(30), victims=(CUBANS,), chain=(VENEZUELA,))
    _, fig = led.figures()
    f = fig["Cuba:military", "killed"]
    assert f.best == 32 and "Cuba's own officials" in f.best_reason


def test_without_an_official_best_is_the_median_of_named_claimants(led):
    led.say(4, about(92), chain=(MONITOR,))  # an estimate, no lower bound
    led.say(5, exact(60), chain=(RIGHTS,))
    led.say(6, exact(40), chain=(PAPER,))
    led.say(6, exact(500), chain=(SOURCES,))  # unnamed: left out of the median
    _, fig = led.figures()
    f = fig["all", "killed"]
    assert f.best == 60 and "median of the latest figures of 3 named claimants" in f.best_reason


def test_best_is_never_below_low(led):
    led.say(4, exact(30), chain=(MINISTER,))
    led.say(5, at_least(50), chain=(RIGHTS,))
    _, fig = led.figures()
    f = fig["all", "killed"]
    assert f.low == 30 and f.low <= f.best <= f.high


def test_only_bounds_give_best_equal_to_low(led):
    led.say(4, dozens(), victims=(SOLDIERS,), chain=(MINISTER,))
    _, fig = led.figures()
    f = fig["military", "killed"]
    assert (f.low, f.best, f.high) == (24, 24, 24)
    assert "best = low" in f.best_reason and "nobody claimed more" in f.high_reason


# --------------------------------------------------------------------------- high


def test_high_is_the_largest_figure_ever_claimed(led):
    led.say(4, between(75, 110), chain=(MONITOR,))
    led.say(5, at_most(150), chain=(PAPER,), hedge="claimed")
    led.say(6, exact(200), chain=(RIGHTS,))
    led.say(9, exact(90), chain=(RIGHTS,))  # superseded for low and best, but it was claimed
    _, fig = led.figures()
    f = fig["all", "killed"]
    assert f.high == 200 and "Civic Forum" in f.high_reason and "2026-01-06" in f.high_reason


# --------------------------------------------------------------------------- subgroups


def test_a_subgroup_raises_the_low_of_its_total(led):
    led.say(4, exact(32), victims=(CUBANS,), chain=(CUBA,))
    led.say(4, at_least(20), chain=(PAPER, MINISTER))
    done, fig = led.figures()
    total = fig["all", "killed"]
    assert total.low == 32 and total.low_reason.startswith("raised to the low of subgroup Cuba:military")
    assert ("military", "killed") not in fig  # figures only for groups someone gave a claim for
    assert not any("exceeds" in f for f in done.flags)


def test_a_subgroup_above_everything_claimed_for_its_total_is_flagged(led):
    led.say(4, exact(32), victims=(CUBANS,), chain=(CUBA,))
    led.say(5, at_most(20), chain=(MINISTER,))
    done, fig = led.figures()
    assert any("subgroup exceeds total: Cuba:military at least 32" in f for f in fig["all", "killed"].flags)
    assert any(f.startswith("all/killed: subgroup exceeds total") for f in done.flags)


# --------------------------------------------------------------------------- flags


def test_claimants_far_apart_disagree(led):
    led.say(4, exact(32), chain=(CUBA,), outlet="Havana Daily")
    led.say(5, exact(80), chain=(VENEZUELA,), outlet="Andean Herald")
    _, fig = led.figures()
    (flag,) = fig["all", "killed"].flags
    assert flag.startswith("disagreement: 32 (Cuba, Havana Daily, 2026-01-04) vs 80") and "ratio 2.5" in flag


@pytest.mark.parametrize(
    ("a", "b"), [(at_least(40), exact(80)), (exact(60), exact(80)), (between(75, 110), exact(100))]
)
def test_compatible_or_close_figures_do_not_disagree(led, a, b):
    led.say(4, a, chain=(PAPER,))
    led.say(5, b, chain=(VENEZUELA,))
    done, _ = led.figures()
    assert not done.flags


def test_a_claimant_lowering_its_figure_is_flagged(led):
    led.say(5, exact(100))
    led.say(9, exact(80))
    _, fig = led.figures()
    assert fig["all", "killed"].flags == [
        "downward revision: Venezuela said 100 on 2026-01-05, then 80 on 2026-01-09"
    ]


def test_no_casualties_is_zero_killed_and_zero_injured(led):
    led.say(4, zero(), outcome=Outcome.CASUALTIES, victims=(US_TROOPS,), chain=(PENTAGON,))
    led.say(6, exact(6), outcome=Outcome.INJURED, victims=(US_TROOPS,), chain=(PENTAGON,))
    _, fig = led.figures()
    killed, injured = fig["United States:military", "killed"], fig["United States:military", "injured"]
    assert (killed.low, killed.best, killed.high) == (0, 0, 0)
    assert (injured.low, injured.best, injured.high) == (6, 6, 6)  # the Pentagon's later report


def test_descriptions_of_earlier_victims_count_nothing(led):
    doc = led.report(4)
    first = led.claim(doc, exact(32), victims=(CUBANS,), chain=(CUBA,))
    role = led.claim(doc, exact(32), outcome=None, victims=(CUBANS,), chain=(PAPER,))
    role.refers_to = first.index
    _, fig = led.figures()
    assert list(fig) == [("Cuba:military", "killed")] and fig["Cuba:military", "killed"].claim_ids == [
        first.id
    ]


def test_a_pronoun_or_a_number_at_the_end_of_a_chain_is_not_the_claimant(led):
    led.say(4, exact(80), chain=(VENEZUELA, Source("80", SourceKind.UNNAMED)))
    led.say(5, exact(12), chain=(RIGHTS, Source("it", SourceKind.UNNAMED)))
    _, fig = led.figures()
    f = fig["all", "killed"]
    assert f.low == 12 and f.low_reason.split(": ")[1] == "Civic Forum"


# --------------------------------------------------------------------------- timeline


def test_timeline_in_date_order_each_figure_at_its_first_report(led):
    led.say(12, exact(100))
    led.say(4, exact(32), victims=(CUBANS,), chain=(CUBA,))
    led.say(5, exact(80))
    led.say(19, exact(100))  # the same claimant and figure again: not a new point
    led.say(6, Count(K.UNQUANTIFIED), chain=(MINISTER,))  # no figure: not on the timeline
    points = timeline(led.claims, led.docs)
    assert [(p.reported.day, p.claimant, str(p.count), p.group) for p in points] == [
        (4, "Cuba", "32", "Cuba:military"),
        (5, "Venezuela", "80", "all"),
        (12, "Venezuela", "100", "all"),
    ]
    done, _ = led.figures()
    assert done.timeline == points
