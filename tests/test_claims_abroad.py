"""Claims in the reporting of conflicts, protests, abductions and repression (issue 16): captivity,
custody, abductions and the people such reports name. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of

from tolltrack.extract.document import extract
from tolltrack.model import Document


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Six engineers were kidnapped by gunmen near the quarry on Friday.", [("missing", "exact", 6)]),
        ("Armed men abducted two nurses from the clinic.", [("missing", "exact", 2)]),
        ("Dozens of travellers were held hostage for a week.", [("missing", "vague", None)]),
        ("The rebels took three herdsmen captive.", [("missing", "exact", 3)]),
        ("Nine of the accused remain in custody.", [("detained", "exact", 9)]),
        ("The poet has been behind bars since 2017.", [("detained", "exact", 1)]),
        ("Twelve dissidents are on death row.", [("detained", "exact", 12)]),
        ("The authorities held 1,250 demonstrators in detention.", [("detained", "exact", 1250)]),
        ("The blogger was held for eleven days and then released.", [("detained", "exact", 1)]),
        ("Four fishermen drowned when their boat capsized.", [("killed", "exact", 4)]),
        ("Two critics of the regime were hanged at dawn.", [("killed", "exact", 2)]),
    ],
)
def test_captivity_custody_and_abduction(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The committee held a rally in the square on Sunday.",
        "Ministers were held responsible for the delays.",
        "The editor faces ten years in prison if convicted.",
        "He was sentenced to five years in jail for fraud.",
        "The council held talks with the union leaders.",
    ],
)
def test_no_custody_claim(sentence):
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry recorded 310 coronavirus cases and 14 deaths on Monday.",
        "The activist died of a heart attack in his cell.",
        "The men would not be executed if they were convicted.",
        "The army could face heavy casualties in the valley.",
    ],
)
def test_disease_deaths_and_hypotheticals_are_no_killing(sentence):
    assert [f for f in figures_of(sentence) if f[0] in ("killed", "casualties")] == []


def test_a_restated_figure_is_one_claim():
    text = (
        "At least 40 villagers were killed in the raid on Tuesday, the governor said.\n\n"
        "Residents gathered at the mosque on Wednesday.\n\n"
        "The 40 villagers were killed by men on motorbikes, the governor said."
    )
    first, again = extract(Document(text=text))
    assert (first.outcome.value, first.count.low, first.refers_to) == ("killed", 40, None)
    assert again.refers_to == first.index and "restates #0" in again.notes


def test_the_same_figure_for_other_people_stays_apart():
    text = (
        "On May 3, five engineers were kidnapped near the dam.\n\n"
        "On June 9, five sailors were kidnapped off the coast."
    )
    assert figures_of(text) == [("missing", "exact", 5), ("missing", "exact", 5)]


def test_a_moved_toll_gives_two_claims_the_newer_superseding():
    claims = extract(
        Document(text="The death toll from the landslide has risen to 45 from 30, officials said.")
    )
    assert [(c.outcome.value, c.count.value) for c in claims] == [("killed", 45), ("killed", 30)]
    new, old = claims
    assert new.supersedes == old.index and old.supersedes is None
    assert [s.name for s in new.attribution.chain] == ["officials"]


def test_a_toll_revised_down_and_a_toll_without_a_casualty_word():
    claims = extract(Document(text="The health ministry revised the toll down to 12 from 20 on Friday."))
    figures = sorted((c.count.value, c.supersedes is not None) for c in claims)
    assert figures == [(12, True), (20, False)]
    assert figures_of("The number of missing has risen to 17.") == [("missing", "exact", 17)]


def test_a_figure_put_by_someone():
    claims = extract(Document(text="A local elder put it at 50 after the raid on the market."))
    assert [(c.outcome.value, c.count.value) for c in claims] == [("casualties", 50)]
    assert claims[0].attribution.claimant.name.endswith("elder")


def test_what_is_reported_is_no_speaker_and_a_statement_has_an_issuer():
    claims = extract(Document(text="The march went on all day, but no injuries were reported."))
    assert [(c.count.kind.value, c.attribution.chain) for c in claims] == [("zero", [])]
    text = (
        "Two farmers were abducted near the border, according to a statement that the provincial "
        "governor's office issued on Monday."
    )
    claims = extract(Document(text=text))
    assert "office" in claims[0].attribution.claimant.name.lower()


def test_numbers_in_words_at_a_sentence_start_and_spaced_thousands():
    assert figures_of("Thirty-eight miners were killed in the collapse.") == [("killed", "exact", 38)]
    assert figures_of("More than 2 000 civilians have been killed, the agency said.") == [
        ("killed", "at_least", 2000)
    ]
    assert figures_of("Police detained 3 500 people in the capital.") == [("detained", "exact", 3500)]
    assert figures_of("A dozen soldiers were wounded.") == [("injured", "exact", 12)]


def test_two_claimants_side_by_side():
    text = "The army put the figure at 12, while the rebels claim more than 40 soldiers were killed."
    claims = extract(Document(text=text))
    assert [(c.count.value, [s.name for s in c.attribution.chain]) for c in claims] == [
        (12, ["army"]),
        (40, ["rebels"]),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Armed men kidnapped 30 people, including 11 children.",
            [("missing", "exact", 30), ("missing", "exact", 11)],
        ),
        (
            "Police arrested 120 protesters, including 14 students, on Sunday.",
            [("detained", "exact", 120), ("detained", "exact", 14)],
        ),
        (
            "Many activists have been arrested, including at least 14 of the people who signed the letter.",
            [("detained", "vague", None), ("detained", "at_least", 14)],
        ),
        (
            "Of the 52 men executed, 40 were Iraqi, nine were Kuwaiti and one was a Jordanian national.",
            [
                ("killed", "exact", 52),
                ("killed", "exact", 9),
                ("killed", "exact", 1),
                ("killed", "exact", 40),
            ],
        ),
    ],
)
def test_a_counted_part_of_a_counted_group_is_its_own_claim(sentence, expected):
    assert sorted(figures_of(sentence), key=str) == sorted(expected, key=str)


def test_parts_told_by_a_copula_but_not_a_named_member_or_a_place():
    parts = [f for f in figures_of("Three of those arrested were students and two were teachers.") if f[2]]
    assert sorted(parts) == [("detained", "exact", 2), ("detained", "exact", 3)]
    assert [f for f in figures_of("One of those arrested in May, Ann Cole, is a lawyer.") if f[2]] == []
    assert figures_of("Only two of the 32 arrested were from the capital.") == [("detained", "exact", 32)]


def test_a_number_before_a_list_of_bare_plurals_counts_the_list():
    assert figures_of("At least 238 writers, academics and intellectuals were detained last year.") == [
        ("detained", "at_least", 238)
    ]
    assert figures_of("The agency detained two lecturers and 28 others.") == [("detained", "exact", 30)]


def test_one_person_told_again_is_one_claim():
    text = (
        "A 52-year-old man was arrested in Leeds on Monday on suspicion of smuggling arms.\n\n"
        "Officers searched a flat in the city after the arrest of the 52-year-old man.\n\n"
        "He has been taken into custody at a police station in Leeds.\n\n"
        "Tom Vance was detained in a separate raid on a farm near York on Monday.\n\n"
        "Police arrested Vance under the Firearms Act at a cottage in Selby."
    )
    claims = [c for c in extract(Document(text=text)) if c.outcome is not None]
    new = [(c.count.value, c.victims[0].text) for c in claims if c.refers_to is None]
    assert new == [(1, "A 52-year-old man"), (1, "Tom Vance")]


def test_a_pronoun_after_a_newly_named_person_is_that_person():
    text = (
        "Ann Cole was abducted near the river in May.\n\n"
        "Bea Lund, 31, was a nurse from Lagos who was on her way home when she was kidnapped."
    )
    claims = [c for c in extract(Document(text=text)) if c.outcome is not None]
    assert [(c.outcome.value, c.refers_to) for c in claims] == [("missing", None), ("missing", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The former mayor is serving a 20-year sentence in a federal prison.", [("detained", "exact", 1)]),
        ("At least nine poets are serving life sentences.", [("detained", "at_least", 9)]),
        ("The reporter is serving his first year in prison.", [("detained", "exact", 1)]),
        ("The striker served a three-match ban.", []),
        ("Forty pupils were snatched from the school.", [("missing", "exact", 40)]),
        ("Kidnappers seized two traders near the market.", [("missing", "exact", 2)]),
        ("The army seized power in 2021.", []),
        ("Police questioned Ann Cole, whose cameras were seized.", []),
        ("They met a farmer whose son was killed in the raid.", [("killed", "exact", 1)]),
    ],
)
def test_serving_a_sentence_snatching_and_seizing(sentence, expected):
    assert figures_of(sentence) == expected


def _claimants(text: str) -> list[tuple[int | None, str | None]]:
    out = []
    for c in extract(Document(text=text)):
        chain = c.attribution.named_chain() or c.attribution.chain
        out.append((c.count.value, chain[-1].name if chain else None))
    return out


def test_a_document_speaks_for_its_issuer_and_according_to_closes_a_coordination():
    assert _claimants(
        "At least 30 writers were detained last year, according to a report released Tuesday by PEN Watch."
    ) == [(30, "PEN Watch")]
    assert _claimants("In 2020, 24 reporters were jailed and 3 were killed according to the watchdog.") == [
        (24, "watchdog"),
        (3, "watchdog"),
    ]


def test_a_quotation_over_several_sentences_speaks_for_its_speaker_within_its_paragraph():
    text = (
        "“Gunmen kidnapped 12 pupils from the dormitory. They came at night,” the headmaster said.\n\n"
        "Two guards were wounded.\n\n"
        "The mayor said: “Gunmen came at night.\n\n"
        "They shot dead three elders.\n\n"
        "“Eight men were abducted near the well. The rest fled,” a herder told us.\n\n"
        "ALSO READ | Six herders arrested in the north"
    )
    assert _claimants(text) == [(12, "headmaster"), (2, None), (3, None), (8, "herder"), (6, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two traders were rescued after being abducted by gunmen.", [("missing", "exact", 2)]),
        (
            "The nurse, who was killed last year after being kidnapped by militants, was 40.",
            [("killed", "exact", 1), ("missing", "exact", 1)],
        ),
        (
            "He was threatened, arrested, kidnapped, and dumped in a ditch.",
            [("detained", "exact", 1), ("missing", "exact", 1)],
        ),
        ("The families of murdered columnist Ann Cole met the minister.", [("killed", "exact", 1)]),
        ("The murdered man was buried on Sunday.", []),
    ],
)
def test_victims_of_a_passive_gerund_a_list_of_passives_and_a_named_attribute(sentence, expected):
    assert figures_of(sentence) == expected


def test_fractions_of_a_million_and_as_much_as():
    assert figures_of("Half a million people were detained.") == [("detained", "exact", 500000)]
    text = "Between 1990 and 2001 as much as quarter of a million people in Ruritania were killed in a war."
    claims = extract(Document(text=text))
    assert [(c.count.kind.value, c.count.high) for c in claims] == [("at_most", 250000)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Deaths occurred when the troops fired into the crowd.",
        "The tactic often causes severe injuries.",
        "The law allows arbitrary detention and torture.",
        "Two officers were charged over the deaths.",
    ],
)
def test_a_casualty_noun_with_no_victims_and_no_figure_is_no_claim(sentence):
    assert figures_of(sentence) == []


def test_a_casualty_noun_with_its_victims_or_figure_stays():
    assert figures_of("Three miners suffered injuries in the blast.") == [("injured", "exact", 3)]
    assert figures_of("The clashes caused 14 deaths.") == [("killed", "exact", 14)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The army arrests people when it sees them.",
        "Young men are kidnapped to join the rebels.",
        "Critics can be arrested for speaking out.",
        "Police have the right to detain members of the assembly.",
        "The regime is quick to jail its opponents.",
    ],
)
def test_habits_powers_and_possibilities_are_no_claims(sentence):
    assert figures_of(sentence) == []


def test_an_ongoing_or_headline_present_stays_a_claim():
    assert figures_of("Protesters are being detained for holding blank signs.") == [
        ("detained", "unquantified", None)
    ]
    assert figures_of("Police arrest protesters in the capital") == [("detained", "unquantified", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "He knows he will not be safe if he is arrested.",
        "Are we going to wait for a man to be lying dead in the street?",
    ],
)
def test_conditions_and_questions_are_no_claims(sentence):
    assert figures_of(sentence) == []


def test_the_numbered_definite_refers_back():
    text = (
        "Two Indian engineers were kidnapped near the plant on Monday.\n\n"
        "The two Indians were kidnapped at the gate of the plant."
    )
    claims = extract(Document(text=text))
    assert [(c.count.value, c.refers_to) for c in claims] == [(2, None), (2, 0)]


def test_a_pronoun_speaker_under_a_named_one_and_background_after_since():
    text = (
        "The judge, Ann Sise, said the case was clear.\n\n"
        "Lead counsel Tom Vance said that, based on testimony, he calculated that 214 people died."
    )
    assert _claimants(text) == [(214, "Tom Vance")]
    found = _claimants("The agency has calculated at least 9,300 arrests since the killing of Ann Cole.")
    assert found == [(9300, "agency"), (1, None)]


def test_a_number_before_a_list_in_an_event_noun_and_alongside():
    assert figures_of("Police carried out the arrest of 53 politicians and activists on Wednesday.") == [
        ("detained", "exact", 53)
    ]
    assert figures_of("The engineer was kidnapped alongside a local colleague at the site.") == [
        ("missing", "exact", 2)
    ]


def test_a_named_appositive_and_the_issuer_of_reports_speak():
    assert _claimants(
        "At least 114 people were killed on Saturday, according to the news website Daily Lens."
    ) == [(114, "Daily Lens")]
    assert _claimants("Reports by local rights groups have detailed the killing of 30 villagers.") == [
        (30, "local rights groups")
    ]


def test_background_about_a_place_that_opens_the_sentence_is_the_reports_own():
    text = "In the city of Tessa, where the mayor was kidnapped, four reporters were held, the union said."
    assert _claimants(text) == [(1, None), (4, "union")]
    quoted = (
        "The report described camps in Tessa, a town where gunmen kidnapped nine farmers, the union said."
    )
    assert _claimants(quoted) == [(9, "report")]  # what the report described stays with it


def test_one_killing_told_by_several_verbs_or_with_its_wounds_is_one_claim():
    assert figures_of("A passerby died from bullet wounds caused by the mob.") == [("killed", "exact", 1)]
    assert figures_of("On Monday a driver was murdered, shot dead and his companion wounded.") == [
        ("killed", "exact", 1),
        ("injured", "exact", 1),
    ]
