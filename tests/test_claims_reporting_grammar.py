"""Reporting grammar of conflicts, trials, custody and abductions that the claim rules read (issue 16):
custody told by where people are sent or stay, tolls counted by a participle, victims stated by a
verb of knowing, a pronoun whose counted antecedent is the main clause's patient, a numbered
apposition, and role nouns of such reports. Our own sentences."""

from __future__ import annotations

import pytest

from test_claims_abroad import figures_of
from tolltrack.extract.document import extract
from tolltrack.model import Document


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The novelist was sent to prison for a column on the army.", [("detained", "exact", 1)]),
        ("Five editors remain in detention after the raid.", [("detained", "exact", 5)]),
        ("Once a death row inmate, the nurse now campaigns for others.", [("detained", "exact", 1)]),
        ("The number arrested rose to 40 by nightfall.", [("detained", "exact", 40)]),
        ("This brings the total executed so far this year to 61.", [("killed", "exact", 61)]),
        ("At least three miners were confirmed killed by the rescue team.", [("killed", "at_least", 3)]),
        (
            "Six traders were freed by soldiers on Sunday after they were abducted on the highway.",
            [("missing", "exact", 6)],
        ),
        (
            "Four nurses were kidnapped by the militia, and two, the sisters Ann and Mary Cole, were slain.",
            [("missing", "exact", 4), ("killed", "exact", 2)],
        ),
        ("The murder of a gendarme in the village shocked the region.", [("killed", "exact", 1)]),
        ("The engineer was abducted along with his translator in May.", [("missing", "exact", 2)]),
    ],
)
def test_reporting_grammar(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "He was sentenced to prison for fraud in absentia.",  # a sentence, not a custody
        "Her lawyer went to the prison to visit him.",
        "The total rose to 40 percent of the vote.",
        "Residents were warned after they were seen at the market.",
    ],
)
def test_no_claim(sentence):
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The inquiry found that the columnist's assassination was ordered by the prince.",
            [("killed", "exact", 1)],
        ),
        (
            "Two men were charged over Ann Cole's kidnapping and killing in March.",
            [("missing", "exact", 1), ("killed", "exact", 1)],
        ),
        ("Ann Cole's arrest sparked protests in the capital.", [("detained", "exact", 1)]),
        (
            "Those arrested included one nurse who was beaten.",
            [("detained", "unquantified", None), ("detained", "exact", 1)],
        ),
        (
            "Police say a fugitive wanted for robbing a bank has been arrested in Ohio.",
            [("detained", "exact", 1)],
        ),
    ],
)
def test_named_owner_and_included(sentence, expected):
    assert figures_of(sentence) == expected


def test_owner_that_is_an_organisation_is_no_victim():
    assert figures_of("The militia's kidnapping campaign was condemned by the bishops.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The editor and founder of the weekly was arrested in May.", [("detained", "exact", 1)]),
        ("The driver and passenger were killed.", [("killed", "exact", 2)]),
        # two titles before one name are that person; a title with its own determiner is another
        (
            "Last May, a local reporter and human rights lawyer, Dana Okafor, was detained by police.",
            [("detained", "exact", 1)],
        ),
        ("Soldiers detained campaigner and blogger Omar Reyes without charge.", [("detained", "exact", 1)]),
        ("Police arrested a teacher and a nurse, Ann Cole, on Monday.", [("detained", "exact", 2)]),
        (
            "The report profiles some of the many reporters who remain detained.",
            [("detained", "vague", None)],
        ),
    ],
)
def test_titles_and_relative_clauses(sentence, expected):
    assert figures_of(sentence) == expected


def claimants_of(text: str) -> list[tuple[str, str | None]]:
    claims = extract(Document(text=text))
    return [
        (c.outcome.value, c.attribution.claimant.name if c.attribution.claimant else None) for c in claims
    ]


def test_parenthetical_speaker_after_the_claim():
    text = (
        "Gunmen stormed a depot on Monday, killing two guards, the regional governor said, in the third raid."
    )
    assert claimants_of(text) == [("killed", "regional governor")]


def test_the_description_of_a_source_is_the_reports_own():
    text = "Ann Cole, a novelist jailed in 2010, said the crackdown was the worst in decades."
    assert claimants_of(text) == [("detained", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A mob beat the preacher to death.", [("killed", "exact", 1)]),
        ("Three villagers were burned to death in their homes.", [("killed", "exact", 3)]),
        (
            "Two farmers were gunned down after militants killed a guard.",
            [("injured", "exact", 2), ("killed", "exact", 1)],
        ),
        ("Gunmen gunned down and killed three traders.", [("killed", "exact", 3)]),
        ("He was sentenced to death in 2019.", []),
        ("The students were bored to death by the speech.", []),
    ],
)
def test_verbs_to_death_and_phrasal_verbs(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The vote came a day after the release of the poet Ann Cole from prison.",
            [("detained", "exact", 1)],
        ),
        ("The release of the three hostages followed long talks.", [("missing", "exact", 3)]),
        ("The union called for the release of the editor.", []),
        ("The release of the report was delayed.", []),
    ],
)
def test_a_release_asserts_the_custody_it_ends(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Local monitors put the death toll in the 30s.", [("killed", "range", None)]),
        ("A union says harassment by police drove her to kill herself.", []),
        (
            "Two men were killed, and the gunman later killed himself.",
            [("killed", "exact", 2), ("killed", "exact", 1)],
        ),
    ],
)
def test_decades_and_suicides(sentence, expected):
    assert figures_of(sentence) == expected


def test_a_toll_in_the_thirties_is_a_range():
    (claim,) = extract(Document(text="Local monitors put the death toll in the 30s."))
    assert (claim.count.low, claim.count.high) == (30, 39)


def test_a_generic_source_speaks_through_its_named_example():
    text = "Rights groups such as Amnesty International said 40 people were detained."
    assert claimants_of(text) == [("detained", "Amnesty International")]
