"""Who says so when the source is told beside the claim rather than above it, or not at all (issue 16):
'as reported by X', 'the deaths recorded by X', 'reports from X that ...', a publisher citing its own
earlier reporting, background about a place, the writer's own 'we'. Our own sentences."""

from __future__ import annotations

import pytest

from tolltrack.extract.document import extract
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
            "The poet was arrested at her home in May, as reported by the Writers Freedom League.",
            "Writers Freedom",
        ),
        ("Four miners were killed in the collapse, as the union said on Monday.", "union"),
        ("The figure is far above the 23 deaths recorded by the Interior Ministry.", "Interior Ministry"),
        (
            "A new count came after early reports from a district official that dozens of pupils were "
            "seized from the dormitory.",
            "district official",
        ),
        (
            "The cleric claims his last victim was a trader whom he stabbed in the market, according to "
            "the Coastal Herald.",
            "cleric",
        ),
        ("The sources confided in our reporter that the gang had abducted the engineer.", "sources"),
        (
            "Two editors were detained last week, according to the Press Watch Institute's review of "
            "court files.",
            "Press Watch Institute",
        ),
    ],
)
def test_sources_beside_the_claim(text, who):
    found = claimants(text)
    assert found and all(w is not None and who in w for _, w in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The reporter was held for ten days and then released, the Valley Courier previously reported.",
        "But we need to remember the arrest of the schoolteacher Ann Cole last spring.",
        "She said she last saw him outside Greystone, a notorious prison, where hundreds of strikers "
        "were held.",
        "For two decades the gang went unpunished, claiming more than 40 victims across the region.",
    ],
)
def test_the_reports_own_claim(text):
    found = claimants(text)
    assert found and all(w is None for _, w in found), found


def test_a_restrictive_place_clause_stays_with_the_speaker():
    text = "Officials said a fire broke out at the depot where nine workers were killed on Sunday."
    assert claimants(text) == [("killed", "Officials")]


def test_a_quoted_we_keeps_the_speaker():
    text = 'The two lawyers said: "In 2016 we documented the killing of a student in the north."'
    found = claimants(text)
    assert found and all(w is not None for _, w in found), found


def test_counts_are_not_borrowed_from_a_coordinated_noun():
    text = (
        "The group listed nine cases of disappearance, four more cases reported by relatives, and two "
        "killings of fishermen."
    )
    found = dict(claimants(text))
    assert found.get("killed") != "relatives", found


def test_an_organisation_name_cut_by_the_tagger_is_named_whole():
    found = claimants("Reporters Without Borders said 40 journalists were jailed this year.")
    assert found == [("detained", "Reporters Without Borders")]


REPUBLISHED_NO_LEAD = (
    "Island: Blogger Jailed for a Post\n\n"
    "A man reads a newspaper in Port Vale, 2 May 2022.\n\n"
    "Ann Cole was arrested in March over a post about the port strike.\n\n"
    "This statement was originally published on hrf.org on 3 May 2022.\n\n"
    "For years the Harbour Rights Forum has documented how the island's courts punish critics."
)


def test_a_republished_release_speaks_as_the_owner_of_its_site():
    assert claimants(REPUBLISHED_NO_LEAD) == [("detained", "Harbour Rights Forum")]


def test_a_site_nobody_in_the_text_owns_makes_no_release():
    text = REPUBLISHED_NO_LEAD.replace("hrf.org", "portvalenews.com")
    assert claimants(text) == [("detained", None)]
