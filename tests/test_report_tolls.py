"""The incident's toll voted among its reports' own readings (``reconcile.toll_vote``), hand-made figures."""

from __future__ import annotations

from datetime import date

from tolltrack.model import Outcome
from tolltrack.reconcile.toll_vote import ReportToll, describe, died_later, main_incident
from tolltrack.reconcile.toll_vote import incident_toll as voted


def incident_toll(found):
    out = voted(found)
    return out[Outcome.KILLED], out[Outcome.INJURED]


def tolls(figs, days=None):
    days = days or [1] * len(figs)
    return [
        ReportToll(f"d{i}", k, n, None if d is None else date(2016, 5, d), (k, n))
        for i, ((k, n), d) in enumerate(zip(figs, days, strict=True))
    ]


def test_the_incident_takes_the_figures_most_reports_give():
    assert incident_toll(tolls([(1, 1), (1, 1), (3, 0)])) == (1, 1)
    assert voted([]) is None
    assert incident_toll(tolls([(0, 3)])) == (0, 3)
    assert "1 report of the incident" in describe(tolls([(0, 3)]))


def test_the_injured_figure_is_voted_among_the_reports_that_give_one():
    # two early reports name the wounded; three court stories name only the dead
    assert incident_toll(tolls([(2, 3), (2, 3), (2, 0), (2, 0), (2, 0)])) == (2, 3)
    assert incident_toll(tolls([(1, 0), (1, 0)])) == (1, 0)


def test_a_tie_goes_to_the_latest_report():
    assert incident_toll(tolls([(1, 2), (2, 2)], [3, 5])) == (2, 2)
    assert incident_toll(tolls([(2, 2), (1, 2)], [3, 5])) == (1, 2)


def test_a_later_report_with_more_dead_outdates_an_earlier_one():
    # two shot; a day later one of them has died: both reports now say 1 killed, 1 injured
    assert died_later(tolls([(0, 2), (1, 1)], [1, 2])) == [(1, 1), (1, 1)]
    # a man wounded; later the gunman who shot him is found dead too
    assert died_later(tolls([(0, 1), (1, 1)], [1, 2])) == [(1, 1), (1, 1)]
    # an earlier report with more dead is not outdated by a later one with fewer
    assert died_later(tolls([(1, 0), (0, 3)], [1, 2])) == [(1, 0), (0, 3)]
    # unknown dates outdate nothing
    assert died_later(tolls([(0, 2), (1, 1)], [None, 2])) == [(0, 2), (1, 1)]
    assert incident_toll(tolls([(0, 2), (0, 2), (1, 1)], [1, 1, 2])) == (1, 1)


def test_a_report_belongs_to_the_incident_most_of_its_casualty_claims_went_to():
    from tolltrack.model import Attribution, Claim, Count, CountKind, VictimGroup

    def claim(i, outcome, inc):
        return Claim(Count(CountKind.EXACT, 1, 1, 1), outcome, [VictimGroup("man")], Attribution(), "s", 0, 1,
                     doc_id="d", index=i, incident_id=inc)  # fmt: skip

    found = [claim(0, Outcome.KILLED, "A"), claim(1, Outcome.DETAINED, "B"), claim(2, Outcome.DETAINED, "B")]
    assert main_incident(found) == "A"
    assert main_incident(found[1:]) == "B"
    assert main_incident([]) is None


def test_a_tie_between_incidents_goes_to_the_one_the_report_leads_with():
    from tolltrack.extract.report import HEADLINE
    from tolltrack.model import Attribution, Claim, Count, CountKind, VictimGroup

    def claim(i, outcome, inc, notes=()):
        return Claim(Count(CountKind.EXACT, 1, 1, 1), outcome, [VictimGroup("man")], Attribution(), "s", 0, 1,
                     doc_id="d", index=i, incident_id=inc, notes=list(notes))  # fmt: skip

    # one casualty claim each: the other claims break the tie, then the first casualty claim
    lead = [claim(0, Outcome.KILLED, "Z"), claim(1, Outcome.INJURED, "A")]
    assert main_incident(lead) == "Z"
    assert main_incident([*lead, claim(2, Outcome.DETAINED, "A")]) == "A"
    # the headline's claims are stored after the text's, but the report leads with them
    titled = [claim(0, Outcome.KILLED, "Z"), claim(1, Outcome.KILLED, "A", notes=[HEADLINE])]
    assert main_incident(titled) == "A"


def test_a_toll_raised_by_two_later_reports_overtakes_the_older_one():
    # three early reports give 80; two later ones 100 (one outlier 150 between them): 100 stands
    rising = tolls([(80, 0), (80, 0), (80, 0), (100, 0), (150, 0), (100, 0)], [5, 6, 9, 12, 15, 19])
    assert incident_toll(rising)[0] == 100
    # one later report alone does not overtake a figure three reports give
    assert incident_toll(tolls([(80, 0), (80, 0), (80, 0), (100, 0)], [5, 6, 9, 12]))[0] == 80
    # the old figure repeated after the rise still stands, and wins the vote
    assert incident_toll(tolls([(80, 0), (80, 0), (100, 0), (100, 0), (80, 0)], [5, 6, 12, 13, 14]))[0] == 80
    # undated reports are never overtaken
    assert incident_toll(tolls([(3, 0), (3, 0), (3, 0), (4, 0), (4, 0)], [None, None, None, 2, 3]))[0] == 3
