"""Victims counted in shapes the claim rules missed (issue 16, session 15): cases counted for a harm, counted
disappearances and abductions, a wave of counted arrests, two harm nouns sharing one "of" phrase, and
companions "along with" the victim. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Monitors verified 36 cases of civilian detention in the province.", [("detained", "exact", 36)]),
        ("The group shared details of seven cases of enforced disappearance.", [("missing", "exact", 7)]),
        ("The commission documented 19 enforced disappearances since 2016.", [("missing", "exact", 19)]),
        ("Police recorded more than 300 abductions on the highway.", [("missing", "at_least", 300)]),
        ("The crackdown brought a wave of over 2,000 arrests.", [("detained", "at_least", 2000)]),
        # counted complaints, a wave with no number, a rate, other events, numbered murders: no new claim
        ("The office received 269 complaints of arbitrary arrests.", []),
        ("The town lived through a wave of kidnappings.", []),
        ("The region sees 40 abductions a year.", []),
        ("The gang was linked to two other abductions.", []),
        ("The killer was matched to 50 cases of the 93 murders he claims.", []),
    ],
)  # fmt: skip
def test_counted_events_count_their_victims(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He admitted the kidnapping and murder of a young reporter.",
         [("missing", "exact", 1), ("killed", "exact", 1)]),
        ("A video shows the torture and murder of a man near the river.", [("killed", "exact", 1)]),
        # nouns of one outcome make one claim; a noun with a determiner of its own has its own victims
        ("The court reviewed the arrest and detention of two students.", [("detained", "exact", 2)]),
        ("The arrest of five students and the deaths shocked the town.", [("detained", "exact", 5)]),
    ],
)  # fmt: skip
def test_harm_nouns_share_one_of_phrase(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "along with" hung on the victim rather than on the verb still adds its people
        ("Ann Cole, along with two colleagues, was arrested on Monday.", [("detained", "exact", 3)]),
        ("The activist, together with her lawyer, was detained at the airport.", [("detained", "exact", 2)]),
        # not things, and not the companions of a speaker
        ("A teacher, along with his car, was seized by gunmen.", [("missing", "exact", 1)]),
        ("The mayor, along with the police chief, condemned the arrest of five students.",
         [("detained", "exact", 5)]),
    ],
)  # fmt: skip
def test_companions_of_the_victim_are_counted(sentence, expected):
    assert figures_of(sentence) == expected
