"""Session 14, claim precision: shapes that assert no new claim, each beside one of the same shape that
does and must keep its claim. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of, new_figures_of

from tolltrack.extract.restatements import same_claimant
from tolltrack.model import Attribution, Claim, Count, CountKind, Outcome, Source, SourceKind


@pytest.mark.parametrize(
    "text",
    [
        # a custody told only inside a release that is demanded (claims.unasserted._demanded)
        "The authorities must immediately release all journalists imprisoned for their work.",
        "The union called for the release of all organisers who remain in detention.",
        "They urged the government to free all students detained at the rally.",
        "Free all students detained at the rally!",
        # an event noun of a class of people, nothing making it one event (claims.unasserted._class_event)
        "The sweeping arrests of pro-democracy demonstrators are an assault on those who speak out.",
        "The kidnapping of foreign nationals is just one aspect of the crisis.",
        "The disappearances of rural teachers belie the government's account.",
        "The ministry never comments on police activity such as the detention of dissidents.",
        "The killing of reporters is a stain on the country.",
        # deaths put down to a disease (claims.unasserted._disease_agent)
        "Officials were blamed for the outbreak that has killed 3,000 people in the province.",
        "The virus killed 20 inmates at the prison.",
    ],
)
def test_no_claim_is_asserted(text):
    assert figures_of(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a release told as done asserts the custody it ends
        ("The court released all students detained at the rally.", [("detained", "unquantified", None)]),
        # a named person's arrest told inside a demand is still told
        (
            "The group called for the release of Ann Cole, who was arrested on Monday.",
            [("detained", "exact", 1)],
        ),
        # one event: a date, a place or a figure
        ("The arrests of students on Monday drew protests.", [("detained", "unquantified", None)]),
        ("The arrest of journalists in Minsk drew protests.", [("detained", "unquantified", None)]),
        ("Police confirmed the arrests of 12 protesters.", [("detained", "exact", 12)]),
        # an event another led to, an event under a law
        (
            "The raid resulted in the arrests of former ministers and civil servants.",
            [("detained", "unquantified", None)],
        ),
        (
            "This is evident in the widespread arrests of journalists under Section 505 of the Penal Code.",
            [("detained", "unquantified", None)],
        ),
        # a killing of a class of people, not the subject of what is said of it
        ("The two men were convicted of the murder of police officers.", [("killed", "unquantified", None)]),
        # a killing at a place named for a disease
        ("Gunmen killed a nurse at the Covid ward.", [("killed", "exact", 1)]),
    ],
)
def test_the_same_shapes_that_assert_harm_keep_their_claim(text, expected):
    assert figures_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person told first by a description, the name beside it, then by the name alone
        (
            "Officers arrested a woman, Rose Tandy, at the market on Friday.\n\n"
            "Tandy was arrested for selling fruit without a licence.",
            [("detained", "exact", 1)],
        ),
        # another speaker makes a claim of their own
        (
            "Officers arrested a woman, Rose Tandy, at the market on Friday.\n\n"
            "Tandy was arrested without a warrant, her lawyer said.",
            [("detained", "exact", 1), ("detained", "exact", 1)],
        ),
        # a pronoun after the name
        (
            "The poet Ann Marlowe was finally allowed to see her family, weeks after she was freed from "
            "prison.\n\nMarlowe was arrested during a crackdown on writers.",
            [("detained", "exact", 1)],
        ),
        # a date of its own may tell another custody
        (
            "The poet Ann Marlowe was finally allowed to see her family, weeks after she was freed from "
            "prison.\n\nThe authorities released Marlowe on bail on June 8, 2020.",
            [("detained", "exact", 1), ("detained", "exact", 1)],
        ),
        # a name the earlier sentence gives to someone else than its victim
        (
            "Ann Marlowe saw police arrest a teacher at the market.\n\nPolice arrested Marlowe at home.",
            [("detained", "exact", 1), ("detained", "exact", 1)],
        ),
    ],
)
def test_one_person_named_after_a_description_is_one_claim(text, expected):
    assert new_figures_of(text) == expected


def _said_by(name: str) -> Claim:
    return Claim(
        count=Count(CountKind.EXACT, 1, 1, 1, "1"),
        outcome=Outcome.DETAINED,
        victims=[],
        attribution=Attribution([Source(name, SourceKind.OFFICIAL, "said")]),
        sentence="",
        start=0,
        end=0,
    )


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Kenya Defence Forces (KDF)", "Kenya Defence Forces (KDF", True),  # a name cut at a parenthesis
        ("Kenya Defence Forces", "kenya defence forces", True),
        ("Kenyan Army", "Army", False),  # a shorter name may be someone else
        ("Samuel Little", "Little", False),
        ("police", "her lawyer", False),
    ],
)
def test_one_source_named_twice_is_one_claimant(first, second, same):
    assert same_claimant(_said_by(first), _said_by(second)) is same
