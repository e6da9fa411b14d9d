"""Claims told without the usual custody or killing words, and people counted by who they are (issue 16,
session 13): going missing told by an intransitive verb, "never seen again", unknown whereabouts, a
list of people each with a relative clause, one person named beside a description. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two activists disappeared in May after a march in the capital.", [("missing", "exact", 2)]),
        ("The reporter vanished after the raid.", [("missing", "exact", 1)]),
        ("The army disappeared three students.", [("missing", "exact", 3)]),
        # no person, no claim
        ("The evidence disappeared from the court.", []),
        ("His hopes of a fair trial vanished.", []),
    ],
)  # fmt: skip
def test_going_missing_told_by_an_intransitive_verb(sentence, expected):
    assert sorted(figures_of(sentence)) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He left for the border with his savings and was never seen again.", [("missing", "exact", 1)]),
        ("The two fishermen have not been seen since.", [("missing", "exact", 2)]),
        # a denial of being seen somewhere is no disappearance
        ("The mayor was not seen at the rally on Sunday.", []),
    ],
)  # fmt: skip
def test_never_seen_again_is_a_disappearance(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tom Reyes's whereabouts have not been revealed, although his family has asked.",
         [("missing", "exact", 1)]),
        ("The whereabouts of the two drivers remain unclear.", [("missing", "exact", 2)]),
        # asking about someone's whereabouts says nothing of them
        ("Police asked anyone with information on his whereabouts to come forward.", []),
        ("His whereabouts are known to his lawyers.", []),
    ],
)  # fmt: skip
def test_unknown_whereabouts_are_a_disappearance(sentence, expected):
    assert figures_of(sentence) == expected


def test_a_list_of_people_each_with_a_relative_clause_is_added_up():
    text = (
        "The missing include Ann Cole, a farm leader, who disappeared in Leyte in 2018; Tom Reyes, who "
        "disappeared in Samar in 2019; and Mia Lund, who disappeared in Cebu in 2020."
    )
    assert figures_of(text) == [("missing", "exact", 3)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a name beside a description of one person is one person, whatever the tagger made of it
        ("Recently, another Kenyan, Joseph Kamau, was arrested by the police.", [("detained", "exact", 1)]),
        ("Than Lwin Oo, a reporter for the Daily Lens, was arrested on July 10 at his home.",
         [("detained", "exact", 1)]),
        # each title with its own name: two people, not one
        ("On Monday, a court denied bail to the opposition leader Tendai Moyo and journalist Farai "
         "Chikwanha, who is a critic of the government.", [("detained", "exact", 2)]),
        # two titles before one name stay one person
        ("Police detained activist and blogger Ann Cole.", [("detained", "exact", 1)]),
    ],
)  # fmt: skip
def test_one_person_named_beside_a_description(sentence, expected):
    assert figures_of(sentence) == expected
