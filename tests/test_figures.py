"""The rules' tally of single persons (``figures.read_report``) on short texts run through the
extractor: relatives described by their relation, names given to the right person, gender from nouns."""

from __future__ import annotations

import pytest

from tolltrack.extract.descriptions import age, gender, kin, names
from tolltrack.extract.document import extract
from tolltrack.model import Document
from tolltrack.reconcile.report_figures import read_report


def figures(text: str, title: str = "Shooting on Elm Street") -> tuple[int, int]:
    doc = Document(text=text, id="fig-test", title=title)
    fig = read_report(doc, extract(doc)).figures
    return fig.killed, fig.injured


CASES = [
    pytest.param(
        "A retired firefighter was found dead on Sunday after he shot and killed his wife in their kitchen.",
        (2, 0),
        id="a_relative_is_not_the_one_met_beside_them",
    ),
    pytest.param(
        "Two deputies opened fire on a car late Tuesday, killing a 7-year-old boy and critically "
        "wounding his father. The boy died at the scene. His father was taken to a hospital.",
        (1, 1),
        id="wounded_father_is_not_the_dead_boy",
    ),
    pytest.param(
        "A gunman shot and killed a teenage boy and wounded his mother on Friday night. "
        "Marcus Tolliver, 16, was pronounced dead at the scene, police said.",
        (1, 1),
        id="name_goes_to_the_dead_not_to_the_wounded_relative",
    ),
    pytest.param(
        "A man accidentally shot his 4-year-old son at their home on Sunday. "
        "The boy was taken to a hospital in stable condition.",
        (0, 1),
        id="relative_named_again_as_the_victim_is_one_person",
    ),
    pytest.param(
        "A 6-year-old girl was shot in the leg on Willow Street on Saturday night, police said. "
        "A second victim, a 20-year-old man, was treated and released for a graze wound.",
        (0, 2),
        id="one_phrase_read_by_two_claims_is_one_person",
    ),
    pytest.param(
        "Three people were killed when a gunman opened fire on a parked car late Friday. "
        "A fourth person was hospitalized and is expected to survive, police said.",
        (3, 1),
        id="an_ordinal_counts_the_dead_among_the_victims",
    ),
    pytest.param(
        "Officers found a man with a gunshot wound outside a bar on Elm Street early Sunday. "
        "Three others were taken to a hospital with serious injuries. "
        "The man was pronounced dead at the scene.",
        (1, 3),
        id="others_add_the_persons_before_them_as_they_ended_up",
    ),
    pytest.param(
        "A woman was killed and four other people were hurt outside a diner on Main Street on Friday. "
        "Deputies found five people with gunshot wounds in the parking lot.",
        (1, 4),
        id="people_bearing_wounds_include_the_dead",
    ),
    pytest.param(
        "A gunman killed a clerk on Friday. Later that night he wounds two men at a gas station on Main "
        "Street.",
        (1, 2),
        id="the_verb_wounds_counts_the_injured",
    ),
    pytest.param(
        "A man was sentenced on Monday for a double murder at a bowling alley on Elm Street. "
        "Two other gunshot victims arrived at the hospital in a private car.",
        (2, 2),
        id="other_gunshot_victims_add_to_a_group_of_dead",
    ),
    pytest.param(
        "Police found four people dead in a motel room on Sunday. "
        "Investigators said the father shot the other three victims and then himself.",
        (4, 0),
        id="the_other_victims_are_among_the_dead",
    ),
    pytest.param(
        "A 19-year-old was shot and killed on Elm Street on Monday night. Another man was wounded. "
        "Nineteen-year-old Tariq Holloway was found with a gunshot wound in a parked car and was "
        "pronounced dead at the scene.",
        (1, 1),
        id="the_same_age_is_the_same_person",
    ),
    pytest.param(
        "A 24-year-old man was shot in the leg on Elm Street on Friday. "
        "The 31-year-old man was shot in the arm, police said.",
        (0, 2),
        id="another_age_is_another_person",
    ),
    pytest.param(
        "Police said the shooting on Elm Street that left four people and an unborn baby dead was planned.",
        (4, 0),
        id="the_unborn_are_not_counted",
    ),
    pytest.param(
        "A man was shot and killed on Elm Street on Friday night. Police said three men were shot and "
        "wounded in two separate shootings across the city on Saturday.",
        (1, 0),
        id="a_round_up_of_separate_shootings_is_not_the_toll",
    ),
    pytest.param(
        "A 30-year-old man was shot in the leg on Elm Street on Sunday. He was among nine people shot "
        "across the city from Friday evening to early Monday, police said.",
        (0, 1),
        id="a_round_up_of_a_weekend_is_not_the_toll",
    ),
    pytest.param(
        "A woman was shot and killed outside a bar on Elm Street on Friday. "
        "Two other women were shot dead in the same parking lot back in March.",
        (1, 0),
        id="back_in_is_an_earlier_event",
    ),
    pytest.param(
        "A man was shot and killed outside a bar on Elm Street on Friday. The same bar was the scene of "
        "a shooting in August 2015, when three people were shot dead.",
        (1, 0),
        id="a_month_and_year_mark_an_earlier_event",
    ),
    pytest.param(
        "A gunman shot six people at a diner on Elm Street on Friday. Five of them survived; the sixth "
        "victim died at a hospital.",
        (1, 5),
        id="the_sixth_victim_counts_the_people_hit",
    ),
    pytest.param(
        "A 10-year-old girl was wounded on Elm Street. The little girl is another shooting victim in a "
        "spree of violence across the east side.",
        (0, 1),
        id="a_victim_named_in_the_predicate_is_the_subject",
    ),
    pytest.param(
        "Four people were shot on Elm Street on Friday and three of them died. The fourth victim, a "
        "woman, is in stable condition. The surviving fourth victim was hit in the leg.",
        (3, 1),
        id="the_wounded_named_one_by_one_are_among_the_people_hit",
    ),
    pytest.param(
        "Two children and an adult male were found dead in a home on Elm Street after a standoff. "
        "The man had a gunshot wound to the head.",
        (3, 0),
        id="a_wound_of_someone_among_the_dead_is_no_injury",
    ),
    pytest.param(
        "Three people were found dead in a home on Elm Street. A woman had a gunshot wound to the arm.",
        (3, 1),
        id="someone_new_with_a_wound_is_not_among_the_dead",
    ),
    pytest.param(
        "A 5-year-old boy was shot in the arm at a home on Elm Street on Friday. Police said a child had "
        "been playing with a loaded gun, which went off and struck another child.",
        (0, 1),
        id="another_child_than_the_one_who_held_the_gun_is_no_new_victim",
    ),
    pytest.param(
        "A man was killed on Elm Street on Friday and another man was wounded.",
        (1, 1),
        id="another_man_than_the_dead_one_is_a_new_victim",
    ),
    pytest.param(
        "A 16-year-old boy was found dead after a shooting at a party on Elm Street. A woman and two other "
        "men were shot and taken to a hospital.",
        (1, 3),
        id="two_other_men_beside_a_woman_are_others_than_the_dead_boy",
    ),
    pytest.param(
        "A gunman killed his stepfather on Elm Street on Friday. His mother was injured. He killed his "
        "stepfather and injured four others, including a baby.",
        (1, 4),
        id="a_bare_four_others_may_count_the_wounded_named_before",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_persons_tallied(text: str, expected: tuple[int, int]):
    assert figures(text) == expected


def test_kin_and_gender_of_descriptions():
    assert kin("his father") == {"father"}
    assert kin("her 3-year-old son") == {"son"}
    assert kin("the boy's mother") == {"mother"}
    assert kin("the father") == set()
    assert kin("a man") == set()
    assert gender("her son") == "m"
    assert gender("his wife") == "f"
    assert gender("she") == "f"
    assert gender("the driver") is None
    assert gender("his friend") is None  # the possessive is the owner's
    assert gender("his 16-year-old girlfriend") == "f"
    assert gender("the man who shot him") == "m"


def test_a_dead_person_picked_out_of_the_wounded_is_not_injured():
    assert figures(
        "Three people were injured in the shooting, including one who later died at a hospital."
    ) == (1, 2)
    assert figures("One of four women wounded in a late night shooting on Elm Street has died.") == (1, 3)
    assert figures("Five people were wounded, one of whom died later.") == (1, 4)
    assert figures(  # the group and its dead in different sentences
        "Two young children were wounded on Elm Street. One of the two girls has died, police said."
    ) == (1, 1)


def test_round_ups_of_a_city_s_shootings_are_no_incident_s_toll():
    assert figures("Teenager killed, 6 wounded in Elmwood shootings") == (1, 0)
    assert figures("18 people shot in Elmwood in 48-hour span") == (0, 0)
    assert figures("Violent night in Elmwood leaves 2 dead, 8 injured") == (0, 0)
    assert figures("Two people were killed and two were injured in the shootings at the mall.") == (2, 2)


def test_headline_numbers_beside_their_outcome_are_separate_people():
    assert figures("UPDATE: 1 dead, 4 injured in series of shootings in Elmwood") == (1, 4)
    assert figures("2 dead, 2 injured in north Elmwood neighborhood after domestic dispute") == (2, 2)
    assert figures("JUST IN: One of two men shot late Monday in Elmwood dies") == (1, 0)


def test_a_vague_number_of_wounds_counts_no_people():
    assert figures("A 2-year-old boy was shot. A single gunshot resulted in multiple wounds.") == (0, 1)
    assert figures("Four shot, one dead in Elm Street shooting") == (1, 3)


def test_the_officer_is_not_the_suspect():
    assert figures("Elmwood police officer shot, suspect killed in South Loop") == (1, 1)
    assert figures("A deputy was shot in the arm. The suspect was killed by other deputies.") == (1, 1)


def test_a_bare_noun_of_another_gender_is_another_person():
    assert figures("Man killed, girl injured during shooting on Elm Street") == (1, 1)


def test_two_person_nouns_in_a_headline_are_two_people():
    title = "Man killed, boy injured in drive-by shooting on Elm Street"
    doc = Document(text="Police are investigating.", id="fig-test", title=title)
    headline = extract(Document(text=title, id="title:fig-test"))
    fig = read_report(doc, extract(doc), headline).figures
    assert (fig.killed, fig.injured) == (1, 1)


def test_the_father_is_not_the_son():
    text = "The son, 12, was shot in the leg on Elm Street on Friday night. The father died at the scene."
    assert figures(text) == (1, 1)


def test_capitalised_common_nouns_are_not_names():
    assert names("Teen") == set()
    assert names("Second Victim") == set()
    assert names("Kevin Barbee") == {"kevin", "barbee"}
    assert names("Deputies: Boy") == set()
    assert names("his friend on the Skokomish Reservation") == set()
    assert names("A Portsmouth Man") == set()  # a headline's modifier before a person noun
    assert names("Texas Teen Killed") == set()
    assert names("Man Dead After Shooting") == set()
    assert names("a 17-year-old Dunmore high school student") == set()  # a place before its person noun
    assert names("student Ryan Mayhew") == {"ryan", "mayhew"}
    assert names("Girl Shot Herself") == set()
    assert names("One dead in apparent Oakdale home invasion") == set()  # a place after 'in apparent'
    assert names("a man near Millbrook Downs") == set()
    assert names("shot by officer Dana Whitfield") == {"dana", "whitfield"}
    assert names("Photos: police in Oakdale") == set()
    assert names("KIDRON, Ohio - ") == set()  # a dateline
    assert names("ELMWOOD, Pa. – John Hartley") == {"john", "hartley"}


def test_ages_of_descriptions():
    assert age("a 17-year-old") == 17
    assert age("Seventeen-year-old Damani Aitch") == 17
    assert age("24 - Year - Old Woman") == 24
    assert age("Amos Rudd, 57, of Dunbar") == 57
    assert age("the man") is None
    assert age("two men, both 31") is None
    assert names("Maple Grove Park") == set()
    assert names("May 31 death") == set()
    assert names("Three-Year-Old Boy") == set()
    assert names("Dion Lofton Jr.") == {"dion", "lofton"}
    text = "Teen Killed On Elm Street. A 16-year-old boy was shot and killed on Elm Street on Friday night."
    doc = Document(text=text, id="fig-test", title="Teen Killed On Elm Street")
    claims = extract(doc)
    headline = extract(Document(text=doc.title, id="title:fig-test"))
    fig = read_report(doc, claims, headline).figures
    assert (fig.killed, fig.injured) == (1, 0)
