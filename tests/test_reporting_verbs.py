"""Which words say something and what they say (issue 16): phrasal and light-verb forms of saying,
'claimed N victims', a speaker's own fate coordinated with a verb of saying, circumstances of a verb's
own object, words of a quotation's frame, unnamed reports, and 'according to' as a relay. Our own
sentences."""

from __future__ import annotations

import pytest

from tolltrack.extract.document import extract
from tolltrack.model import Document


def chains(text: str) -> list[tuple[str, list[str]]]:
    return [
        (c.outcome.value, [s.name for s in c.attribution.named_chain()])
        for c in extract(Document(text=text))
        if c.outcome is not None and c.refers_to is None
    ]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "The rights group pointed out that police had arrested two reporters covering the march.",
            "rights group",
        ),
        (
            "In her sermon, the bishop referred to 40 villagers who were abducted by gunmen last month.",
            "bishop",
        ),
        (
            "In the debate, the senator made reference to 80 prisoners held without trial at the camp.",
            "senator",
        ),
        ("The army made his death public only in March, after weeks of pressure.", "army"),
        ("“Twelve of our members were arrested,” the union’s statement reads.", "union"),
    ],
)
def test_forms_that_say(text, who):
    found = chains(text)
    assert found and all(chain and chain[-1] == who for _, chain in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Over ten years, the gang leader evaded police while claiming at least 20 victims.",
        "Ann Cole reported on the protests and was among the 30 arrested in the raid.",
        "Police arrested six men on Monday, and a judge denied bail for three activists held since May.",
        "After writing about the arrest of two editors, she posted: “We will not be silenced.”",
    ],
)
def test_words_beside_a_verb_of_saying_that_it_does_not_say(text):
    found = chains(text)
    assert found and all(chain == [] for _, chain in found), found


def test_a_verb_of_saying_still_speaks_for_a_clause_the_parser_coordinated_with_it():
    found = chains("Ann Cole wrote that soldiers had stopped her at a checkpoint, detained her and beat her.")
    assert found and all(chain == ["Ann Cole"] for _, chain in found), found


def test_reports_of_harm_are_unnamed_reports():
    found = chains(
        "The count was unclear, though there were reports of dozens of students held in police cells."
    )
    assert found == [("detained", ["unnamed reports"])]


def test_according_to_beside_a_speaker_relays_the_speaker():
    found = chains("“Four of our staff were detained,” the group said, according to the Daily Lens.")
    assert found == [("detained", ["Daily Lens", "group"])]


def test_speakers_named_only_by_their_clause_keep_it():
    assert chains("Those who survived the attack said two guards were killed.") == [
        ("killed", ["Those who survived the attack"])
    ]
