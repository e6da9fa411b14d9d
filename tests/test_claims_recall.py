"""Claims told without the usual custody or killing words, and people counted by who they are (issue 16,
session 13): going missing told by an intransitive verb, "never seen again", unknown whereabouts, a
list of people each with a relative clause, one person named beside a description. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of, new_figures_of


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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The editor was taken by secret police from a hotel room in the capital.",
         [("detained", "exact", 1)]),
        ("Soldiers took the two men away.", [("detained", "exact", 2)]),
        ("Suspected kidnappers attacked the engineer and whisked him away.", [("missing", "exact", 1)]),
        ("Unknown men took the two farmers away at night.", [("missing", "exact", 2)]),
        # the seizure is the claim; carrying the same person off tells nothing more
        ("Masked men detained the activist and drove her away in a van.", [("detained", "exact", 1)]),
        # no armed men, no police, or no person: no claim
        ("The man took his family away from the city.", []),
        ("Police took away his phone.", []),
        ("The injured were taken to hospital by relatives.", []),
    ],
)  # fmt: skip
def test_people_carried_off_by_police_or_armed_men(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ann Cole and five others had been placed under arrest.", [("detained", "exact", 6)]),
        ("A woman on house arrest has come forward with new allegations.", [("detained", "exact", 1)]),
        ("This included the jailing of the writer Ann Cole and threats against a painter.",
         [("detained", "exact", 1)]),
        ("So Cole's jailing is a landmark event.", [("detained", "exact", 1)]),
        # an arrest in another sense, or one only asked for, is none
        ("The court issued a warrant for his arrest.", []),
    ],
)  # fmt: skip
def test_custody_told_by_arrest_and_jailing_nouns(sentence, expected):
    assert figures_of(sentence) == expected


def test_not_seen_since_an_arrest_is_no_disappearance():
    text = "The party leader has not been seen in public since her detention on February 1."
    assert ("missing", "exact", 1) not in figures_of(text)


def test_their_unknown_whereabouts_refer_to_the_missing_just_told():
    text = "Two reporters disappeared near the border on Monday. Their whereabouts are unknown."
    assert new_figures_of(text) == [("missing", "exact", 2)]
