"""Custody and captivity told in passing (issue 16): prison transfers, time spent in jail, captives
kept against their will, custody verbs the parser reads oddly. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of, new_figures_of

from tolltrack.extract.document import extract
from tolltrack.extract.prefilter import select_spans
from tolltrack.model import Document


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The poet was moved to three different prisons last winter.", [("detained", "exact", 1)]),
        ("Lena Ortiz was transferred from Ward 4 prison to a jail on the coast.", [("detained", "exact", 1)]),
        ("The publisher had to spend eight months in jail over the pamphlet.", [("detained", "exact", 1)]),
        ("Omar Diallo spent 14 years behind bars before his pardon.", [("detained", "exact", 1)]),
        ("The columnist continues to be held in prison without trial.", [("detained", "exact", 1)]),
        ("The blogger was later blindfolded and detained for two days.", [("detained", "exact", 1)]),
        ("Miners held three executives captive for two days.", [("missing", "exact", 3)]),
        ("Strikers held four managers against their will overnight.", [("missing", "exact", 4)]),
    ],
)
def test_custody_told_in_passing(sentence, expected):
    assert new_figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Throwing reporters in jail for their work sends a chilling message.",
        "The union voted against the will of its founders.",
        "The inmates will be moved to other prisons next year.",
        "Visitors spent two hours at the prison museum.",
    ],
)
def test_no_custody_claim(sentence):
    assert new_figures_of(sentence) == []


def test_a_piece_whose_only_claim_word_is_a_place_of_custody_is_parsed():
    text = "The council met on Monday.\n\nThe publisher had to spend eight months in jail over the pamphlet."
    kept = [text[s:e] for s, e in select_spans(text)]
    assert any("in jail" in k for k in kept)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Nadia Okafor was released on bail on Friday.", [("detained", "exact", 1)]),
        ("Officers questioned Ann Cole for six hours, then released her.", [("detained", "exact", 1)]),
        ("Three hostages were freed on Sunday.", [("missing", "exact", 3)]),
        ("The kidnappers released Pastor Eze early on Monday.", [("missing", "exact", 1)]),
        ("Nine students were denied bail by the magistrate.", [("detained", "exact", 9)]),
        ("His client regained his freedom after meeting the bail terms.", [("detained", "exact", 1)]),
        ("Nine students were detained on Monday and released on Friday.", [("detained", "exact", 9)]),
        ("Two traders were abducted but were freed after a ransom was paid.", [("missing", "exact", 2)]),
    ],
)
def test_a_release_asserts_the_custody_or_captivity_it_ends(sentence, expected):
    assert new_figures_of(sentence) == expected


def test_a_release_ends_what_the_report_told_before():
    text = (
        "Gunmen abducted a retired judge from his farm on Tuesday.\n\n"
        "The retired judge was released late on Friday near the border, a relative said."
    )
    claims = [c for c in extract(Document(text=text)) if c.outcome is not None]
    assert [c.outcome.value for c in claims] == ["missing", "missing"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two people were treated at the scene and released.",
        "The driver was treated and released from a local hospital.",
        "Police released a video of the attack on Monday.",
        "The union demanded that the activists be released.",
        "The rebels want to free their commander.",
        "A pastor seized last week has not been released.",
    ],
)
def test_no_release_claim(sentence):
    assert all(outcome != "detained" for outcome, _, _ in new_figures_of(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rights groups said Tariq Mensah's detention had silenced others.", [("detained", "exact", 1)]),
        ("The union compared Mr Okoro's continued incarceration to exile.", [("detained", "exact", 1)]),
        ("The columnist documented her arrest in a long post.", [("detained", "exact", 1)]),
        ("Her confinement has lasted four years.", [("detained", "exact", 1)]),
        ("Lina Haddad's abduction shocked the village.", [("missing", "exact", 1)]),
    ],
)
def test_a_custody_noun_with_its_owner_is_a_claim(sentence, expected):
    assert new_figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "A judge issued a warrant for his arrest on Monday.",
        "The suspect evaded arrest for three months.",
        "The new law allows arbitrary detention without trial.",
        "The envoy called for her release.",
        "She would stay at his side until her death.",
    ],
)
def test_no_custody_noun_claim(sentence):
    assert new_figures_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("There are now 63 prisoners in the island camp.", [("detained", "exact", 63)]),
        ("The group named nine prisoners of conscience in the region.", [("detained", "exact", 9)]),
        ("She is a prisoner of conscience, the group said.", [("detained", "exact", 1)]),
        ("Relatives of detainee Samir Haddad spoke to reporters.", [("detained", "exact", 1)]),
        ("The gang moved the 12 hostages to a forest camp.", [("missing", "exact", 12)]),
        ("A mother wept for her three captive sons.", [("missing", "exact", 3)]),
    ],
)
def test_people_named_by_their_custody_or_captivity(sentence, expected):
    assert new_figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The deal includes a prisoner swap.",
        "Prisoners' rights groups protested outside the ministry.",
        "The gang asked for a ransom for each hostage.",
        "The prisoner next to him was ordered to stand.",
    ],
)
def test_no_claim_for_a_status_noun_without_its_people(sentence):
    assert new_figures_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He lost his savings in the venture and was jailed for his pamphlets.", [("detained", "exact", 1)]),
        ("Forty students, branded as rebels by the army, were arrested.", [("detained", "exact", 40)]),
        ("Ren met Zhou after the latter was arrested in May.", [("detained", "exact", 1)]),
        ("The ministry denied that Kofi Mensah was in its custody.", [("detained", "zero", 0)]),
    ],
)
def test_custody_verbs_the_parser_reads_oddly(sentence, expected):
    assert new_figures_of(sentence) == expected


def test_a_hospital_stay_after_a_hunger_strike_is_no_wounding_of_the_striker():
    assert new_figures_of("The prisoner went on hunger strike and was hospitalised after collapsing.") == []


def test_the_people_listed_among_those_held_are_counted():
    text = "Among those arrested were Ann Cole, a nurse; Tom Reyes, a lawyer; and Bea Lund, a teacher."
    assert new_figures_of(text) == [("detained", "exact", 3)]
    assert new_figures_of("Among those detained was the poet Omar Diallo.") == [("detained", "exact", 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "jail" after a place preposition a few words back is a place of custody for the pre-filter too
        ("The council met on Monday.\n\nTom Reyes was booked into the county jail on Tuesday.",
         [("detained", "exact", 1)]),
        ("The council met on Monday.\n\nThe two brothers were sent to the Central Jail in May.",
         [("detained", "exact", 2)]),
        ("The council met on Monday.\n\nThe county jail was renovated last year.", []),
        # "up" alone before a number is no "up to"
        ("Police rounded up 40 protesters and arrested their leaders.",
         [("detained", "exact", 40), ("detained", "unquantified", None)]),
        ("Up to 40 protesters were detained after the march.", [("detained", "at_most", 40)]),
    ],
)  # fmt: skip
def test_custody_in_a_named_jail_and_rounded_up_counts(text, expected):
    assert figures_of(text) == expected
