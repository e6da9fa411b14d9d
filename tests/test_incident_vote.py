import pytest

from tolltrack.incident_vote import incident_vote


def test_reports_of_one_incident_take_the_figures_most_of_them_give():
    groups = ["a", "a", "a", "b"]
    figures = [(1, 0), (1, 1), (1, 1), (2, 0)]
    assert incident_vote(groups, figures) == [(1, 1), (1, 1), (1, 1), (2, 0)]


def test_no_agreement_keeps_each_report_its_own():
    assert incident_vote(["a", "a"], [(1, 0), (0, 1)]) == [(1, 0), (0, 1)]  # a tie
    assert incident_vote(["a", "b"], [(1, 0), (0, 1)]) == [(1, 0), (0, 1)]  # alone
    # two against two: no majority, nobody is outvoted
    assert incident_vote(list("aaaa"), [(1, 0), (1, 0), (2, 0), (2, 0)]) == [(1, 0), (1, 0), (2, 0), (2, 0)]


def test_groups_and_figures_must_match():
    with pytest.raises(ValueError):
        incident_vote(["a"], [])


def test_each_reading_learns_what_the_other_reports_of_its_group_say():
    from types import SimpleNamespace

    from tolltrack.incident_vote import attach_peers

    readings = [
        SimpleNamespace(figures=SimpleNamespace(killed=k, injured=i), peers=[])
        for k, i in [(1, 0), (1, 2), (0, 1)]
    ]
    attach_peers(readings, ["a", "a", "b"])
    assert [r.peers for r in readings] == [[(1, 2)], [(1, 0)], []]


def test_a_report_with_more_dead_than_the_group_agrees_on_keeps_its_own():
    groups = ["a", "a", "a"]
    figures = [(0, 1), (0, 1), (1, 0)]  # two early reports: shot; the latest: the victim died
    assert incident_vote(groups, figures) == [(0, 1), (0, 1), (1, 0)]


def test_the_injured_figure_is_voted_among_the_reports_that_give_one():
    # two early reports name the wounded; three court stories name only the dead
    groups = ["a"] * 5
    figures = [(2, 3), (2, 3), (2, 0), (2, 0), (2, 0)]
    assert incident_vote(groups, figures) == [(2, 3)] * 5
    # no two reports agree on a number of wounded: each keeps its own
    assert incident_vote(["a"] * 3, [(1, 2), (1, 3), (1, 0)]) == [(1, 2), (1, 3), (1, 0)]


def test_a_later_report_with_more_dead_outdates_an_earlier_one():
    groups = ["a", "a", "b", "b", "c", "c"]
    figures = [(0, 2), (1, 1), (0, 1), (1, 1), (1, 0), (0, 3)]
    published = ["2016-05-01", "2016-05-02", "2016-05-01", "2016-05-02", "2016-05-01", "2016-05-02"]
    assert incident_vote(groups, figures, published) == [
        (1, 1),  # two shot; a day later one of them has died
        (1, 1),
        (1, 1),  # a man wounded; later the gunman who shot him is found dead too
        (1, 1),
        (1, 0),  # an earlier report with more dead is not outdated by a later one with fewer
        (0, 3),
    ]
    # an older report never outdates a newer one, and unknown dates outdate nothing
    assert incident_vote(["a", "a"], [(1, 1), (0, 2)], ["2016-05-01", "2016-05-02"]) == [(1, 1), (0, 2)]
    assert incident_vote(["a", "a"], [(0, 2), (1, 1)], [None, "2016-05-02"]) == [(0, 2), (1, 1)]
