"""Who says so, where the parse tree loses the reporting frame (issue 16): asides, frames that close
or open the sentence, 'as per', acronyms. Our own sentences."""

from __future__ import annotations

import pytest

from tolltrack.extract.document import extract
from tolltrack.extract.source_names import acronyms
from tolltrack.model import Document


def claimants(text: str) -> list[tuple[str, str | None]]:
    out = []
    for c in extract(Document(text=text)):
        if c.outcome is None or c.refers_to is not None:
            continue
        chain = c.attribution.named_chain() or c.attribution.chain
        out.append((c.outcome.value, chain[-1].name if chain else None))
    return out


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Armed men raided a village in the north on Monday, killing two farmers and seizing a dozen "
            "others, the district council said, in the third such raid this year.",
            "district council",
        ),
        (
            "The fighting has left more than 60 people dead in the valley since May, the Red Crescent notes.",
            "Red Crescent",
        ),
        (
            "Strikes broke out across the port last month, prompting a crackdown that has seen about 300 "
            "arrests, according to the Dockworkers Rights Forum.",
            "Dockworkers Rights Forum",
        ),
        (
            "In a long essay for the Harbour Gazette, Lena Brandt, 54, wrote that soldiers had stopped her "
            "at a checkpoint, detained her for six days and beat her.",
            "Lena Brandt",
        ),
    ],
)
def test_frames_the_tree_loses(text, who):
    found = claimants(text)
    assert found and all(w is not None and who in w for _, w in found), found


def test_opening_frame_with_a_date_before_that():
    text = (
        "The Prisoners Relief Committee (PRC) estimated by June 30, that the army has killed at least 410 "
        "people and arrested 2,350 since the coup."
    )
    assert claimants(text) == [
        ("killed", "Prisoners Relief Committee (PRC)"),
        ("detained", "Prisoners Relief Committee (PRC)"),
    ]


def test_as_per_gives_its_clause_its_own_source():
    text = (
        "According to a report by the Penal Reform Trust, the state has carried out its 500th execution "
        "this decade and as per the Justice Project the state executed 92 people in 2018."
    )
    assert claimants(text)[-1] == ("killed", "Justice Project")


def test_acronym_names_the_source_by_its_full_name():
    text = (
        "Journalists Without Frontiers (JWF) has tracked the case for a year.\n\n"
        "At least 14 reporters were arrested in March, JWF said."
    )
    assert claimants(text) == [("detained", "Journalists Without Frontiers (JWF)")]


def test_acronyms_need_a_name_they_can_stand_for():
    assert acronyms("the Harbour Workers Union (HWU) and the town of Rye (Sussex)") == {
        "HWU": "Harbour Workers Union"
    }
    assert acronyms("Dr. Ann Lee (AL) spoke") == {}


def test_an_acronym_after_an_opening_phrase_stands_for_the_name_alone():
    assert acronyms("According to Island Press Watch (IPW), nine editors are in jail.") == {
        "IPW": "Island Press Watch"
    }
    text = (
        "According to Island Press Watch (IPW), nine editors were jailed in May.\n\n"
        "Four more reporters were arrested in June, IPW said."
    )
    assert claimants(text) == [("detained", "Island Press Watch (IPW)")] * 2


def test_a_passive_verb_borrows_no_speaker_from_the_verb_it_is_coordinated_with():
    text = (
        "The ousted mayor appeared in court by video link and was charged with new offences on Monday, as "
        "crowds marched again in defiance of a crackdown that killed at least 12 people."
    )
    assert claimants(text) == [("killed", None)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2019, traders were kidnapped in Kano, Bauchi, Gombe and Yobe states.",
        "The day after the raid, the poet published a verse about the prison, putting his jailers in the "
        "spotlight for her thousands of readers.",
        "Two guards were killed when the convoy was ambushed near the bridge.",
    ],
)
def test_no_frame_no_source(text):
    assert all(w is None for _, w in claimants(text)), claimants(text)


def test_a_quotation_goes_on_with_the_speaker_before_it():
    text = (
        "Mara Holt, who heads the dockers' union, described the raids on its offices. \u201cThey arrested "
        "nine of our organisers and nobody knows where they are.\u201d\n\n"
        "Police said the port was calm."
    )
    assert claimants(text) == [("detained", "Mara Holt")]


def test_a_quoted_paragraph_after_a_quoted_speaker_is_still_theirs():
    text = (
        "\u201cThe strike will go on,\u201d said Omar Diallo, a spokesman for the miners.\n\n"
        "\u201cFour of our members were arrested at dawn.\u201d\n\n"
        "Four other miners were injured in a fall last year."
    )
    assert claimants(text) == [("detained", "Omar Diallo"), ("injured", None)]


def test_a_quotation_after_a_paragraph_break_in_the_narration_is_not_carried():
    text = (
        "The council said the river had risen overnight.\n\n"
        "Residents recalled the last flood.\n\n"
        "\u201cThree men drowned in the square.\u201d"
    )
    assert claimants(text) == [("killed", None)]


RELEASE = (
    "Island: Free the Jailed Reporters\n\n"
    "(Port Vale) \u2013 The island's police have arrested at least 14 reporters since March, the Harbour "
    "Rights Forum said today.\n\n"
    "Six of them remain in custody without charge.\n\n"
    "\u201cThe authorities must free them now,\u201d said Ines Roy, research director at the Harbour Rights "
    "Forum."
)


def test_a_press_release_speaks_as_its_organisation():
    found = claimants(RELEASE)
    assert found and all(w == "Harbour Rights Forum" for _, w in found), found


def test_a_news_report_of_the_same_statement_keeps_its_own_voice():
    news = RELEASE.replace("said Ines Roy, research director at the Harbour Rights Forum", "said Ines Roy")
    found = claimants(news)
    assert ("detained", None) in found, found


JOINT_RELEASE = (
    "Island: Free the Jailed Reporters\n\n"
    "Press release\n\n"
    "The island's police must free the 14 reporters arrested since March, four regional press freedom "
    "groups said today.\n\n"
    "Six of them remain in custody without charge."
)
REPUBLISHED = (
    "Island: Reporters Behind Bars\n\n"
    "A reporter is led into court in Port Vale, 2 May 2022.\n\n"
    "This statement was originally published on hrf.org on 3 May 2022.\n\n"
    "The Harbour Rights Forum today called on the island's authorities to free the 14 reporters "
    "arrested since March.\n\n"
    "Six of them remain in custody without charge."
)


@pytest.mark.parametrize(
    ("text", "who"),
    [(JOINT_RELEASE, "four regional press freedom groups"), (REPUBLISHED, "Harbour Rights Forum")],
)
def test_a_release_marked_as_such_speaks_as_its_authors(text, who):
    found = claimants(text)
    assert found and all(w == who for _, w in found), found


def test_a_site_of_another_name_makes_no_release():
    assert ("detained", None) in claimants(REPUBLISHED.replace("hrf.org", "islandnews.com"))


def test_the_newspaper_is_the_outlet_named_before():
    text = (
        "The Harbour Gazette reported that police had arrested two reporters in Port Vale.\n\n"
        "According to the newspaper, three more were detained on Friday."
    )
    assert claimants(text) == [("detained", "Harbour Gazette"), ("detained", "Harbour Gazette")]


def test_a_colon_after_a_verb_of_saying_gives_the_quotation_its_speaker():
    text = (
        "The retired judge Amos Kerr wrote to the council last week. The judge further notes in his "
        "letter: \u201cThe guards beat the prisoners, and at least nine men died in the cells that winter."
        "\u201d"
    )
    found = claimants(text)
    assert found and all(w is not None and ("judge" in w or "Kerr" in w) for _, w in found), found


def test_we_inside_a_quotation_is_its_speaker():
    text = (
        "\u201cIn 2019 we documented the killing of two activists in the delta,\u201d said Lina Osei, "
        "a researcher for the Delta Watch group."
    )
    assert claimants(text) == [("killed", "Lina Osei")]


def test_an_embedded_post_is_its_authors():
    text = (
        "Activists shared posts about the raid.\n\n"
        "They arrested three students at dawn and nobody knows where they are "
        "pic.example.com/x1 \u2014 Nadia Farouk (@nfarouk) March 3, 2021\n\n"
        "Two other students were arrested on Monday."
    )
    assert claimants(text) == [("detained", "Nadia Farouk"), ("detained", None)]
