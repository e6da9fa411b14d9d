"""Casualty words that assert no harm (claims.unasserted): purposes and orders, generic classes of
victims, counterfactuals, illness; each beside a sentence of the same shape that does assert the harm
and must keep its claim. Habits told by their frequency are rates: kept, as background claims the
scorer of `eval claims` leaves out. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of, new_figures_of

from tolltrack.eval.claims import scored
from tolltrack.extract.document import extract
from tolltrack.extract.scope import BACKGROUND, RATE
from tolltrack.model import Document


@pytest.mark.parametrize(
    "sentence",
    [
        # a purpose of a plan, or of what cannot be done
        "Two brothers charged in the plot to kidnap the mayor were extradited to Ohio on Monday.",
        "A friend warned her about a plan drawn up by the governor's aides at a dinner to arrest her.",
        "Without money the gangs cannot buy rifles to shoot villagers.",
        # an order or a permission
        "The general ordered his men to shoot the farmers.",
        "The new decree allows the police to detain reporters without a warrant.",
        # a generic class of victims, no figure
        "The gang makes its living by kidnapping travellers.",
        "The agency has a reputation for harassing and arresting opposition members.",
        "The report lists arbitrary detentions of students, lawyers and bloggers.",
        # a counterfactual
        "Had she been arrested, the editor would have lost her column.",
        # a stay in hospital for an illness
        "The activist was hospitalized for severe stomach pain on Tuesday.",
        # a manner of treatment, a term in office, a release only asked for
        "Nobody knows how the prisoner is treated.",
        "The general was serving his second term in office when the coup came.",
        "The ministry took steps towards the release of the captured engineers.",
    ],
)
def test_no_claim_is_asserted(sentence):
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a deed told as done, with its purpose
        ("Soldiers were sent into the suburbs to arrest 40 students.", [("detained", "exact", 40)]),
        ("The regime spends millions each year to imprison 300 dissidents.", [("detained", "exact", 300)]),
        # a date, not a frequency
        ("Last week, a village teacher was abducted in the district.", [("missing", "exact", 1)]),
        # a gerund with its people told: counted, or after a time preposition
        ("The officer boasted about killing prisoners in the camp.", [("killed", "unquantified", None)]),
        ("The gang was blamed for kidnapping 14 travellers.", [("missing", "exact", 14)]),
        # the event's own arrests, with an article
        ("The arrests of students on Monday drew protests.", [("detained", "unquantified", None)]),
        # a medical treatment, a prison term
        ("Two guards were treated and released.", [("injured", "exact", 2)]),
        ("The general is serving a second prison term.", [("detained", "exact", 1)]),
        # a stay in hospital after violence
        ("Three guards were hospitalized after the blast.", [("injured", "exact", 3)]),
    ],
)
def test_the_same_shapes_that_assert_harm_keep_their_claim(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an event noun owned by its victim refers back, whoever speaks of it
        (
            "Police arrested the poet Ann Marlowe on Monday. The writers' union said Marlowe's arrest was "
            "part of a wider crackdown.",
            [("detained", "exact", 1)],
        ),
        (
            "The reporter Tom Ebbers died in the fire. The minister promised an inquiry into the "
            "reporter's death.",
            [("killed", "exact", 1)],
        ),
        # "the death" with no victim told refers to the death told before
        (
            "A guard was killed in the raid. Following the death, villagers marched to the town hall.",
            [("killed", "exact", 1)],
        ),
        # a source that confirms the harm makes its own claim
        (
            "Police arrested the poet Ann Marlowe on Monday. The interior ministry confirmed "
            "Marlowe's arrest.",
            [("detained", "exact", 1), ("detained", "exact", 1)],
        ),
        # the first telling stays a claim
        ("The union said Marlowe's arrest was part of a wider crackdown.", [("detained", "exact", 1)]),
    ],
)
def test_references_to_a_told_harm_fold_into_it(text, expected):
    assert new_figures_of(text) == expected


@pytest.mark.parametrize(
    ("sentence", "rate"),
    [
        ("Every month, a village teacher gets abducted in the district.", True),
        ("At that time four miners were being killed every single week.", True),
        ("Officials say 1,200 people die on the roads each year.", True),
        # a frequency elsewhere in the sentence, or a date: the claim is told as done
        ("The regime spends millions each year to imprison 300 dissidents.", False),
        ("A year ago, four miners were killed in the pit.", False),
    ],
)
def test_a_habit_told_by_its_frequency_is_a_rate_kept_apart(sentence, rate):
    claims = [c for c in extract(Document(text=sentence)) if c.outcome is not None]
    assert claims, "the claim is kept either way"
    assert all((c.scope_reason == RATE) is rate for c in claims)
    assert all(c.scope == BACKGROUND for c in claims if rate)
    assert all(scored(c) is not rate for c in claims)
