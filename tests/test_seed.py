"""The reference case: the Caracas raid report (examples/ holds a copy of ../shared/seed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tolltrack.extract.document import extract
from tolltrack.model import CountKind, Document, Outcome, SourceKind, Status

SEED = Path(__file__).parents[1] / "examples" / "caracas-raid-cuba-32.txt"


@pytest.fixture(scope="module")
def claims():
    return extract(Document(text=SEED.read_text(encoding="utf-8"), published=date(2026, 1, 4)))


def _names(c):
    return [s.name for s in c.attribution.chain]


def test_exactly_the_expected_claims(claims):
    kinds = [(c.outcome, c.count.kind) for c in claims]
    assert kinds == [
        (Outcome.KILLED, CountKind.EXACT),  # Cuba: 32 of its citizens
        (Outcome.DETAINED, CountKind.EXACT),  # Maduro and his wife
        (None, CountKind.EXACT),  # Prensa Latina: the Cubans were military personnel
        (Outcome.KILLED, CountKind.UNQUANTIFIED),  # Padrino: soldiers, civilians, security detail
        (Outcome.KILLED, CountKind.AT_LEAST),  # US media citing Venezuelan officials: at least 40
        (Outcome.KILLED, CountKind.UNQUANTIFIED),  # Trump: a lot of death on the other side
        (Outcome.CASUALTIES, CountKind.ZERO),  # Trump: no US casualties
    ]


def test_cuba_32(claims):
    c = claims[0]
    assert c.count.value == 32
    assert _names(c) == ["Cuba"] and c.attribution.claimant.kind is SourceKind.GOVERNMENT
    assert c.attribution.claimant.cue == "announced"
    v = c.victims[0]
    assert (v.head, v.nationality, v.status) == ("citizen", "Cuba", Status.MILITARY)
    assert v.role == "military personnel"
    assert any("mourning" in n for n in c.notes)
    assert c.event.place == "Caracas" and c.event.country == "Venezuela"
    assert c.event.actor == "United States"


def test_detained(claims):
    c = claims[1]
    assert c.count.value == 2 and [v.head for v in c.victims] == ["maduro", "wife"]


def test_role_claim_links_to_cuba_32(claims):
    c = claims[2]
    assert c.refers_to == 0 and c.count.value == 32
    assert _names(c) == ["Al Jazeera", "Prensa Latina"]
    assert [s.kind for s in c.attribution.chain] == [SourceKind.OUTLET, SourceKind.AGENCY]
    assert c.victims[0].nationality == "Cuba" and c.victims[0].role == "military personnel"


def test_padrino_unquantified(claims):
    c = claims[3]
    assert _names(c) == ["Vladimir Padrino"]
    src = c.attribution.claimant
    assert src.kind is SourceKind.OFFICIAL and "minister" in src.title and src.channel == "state television"
    assert [v.head for v in c.victims] == ["soldier", "civilian", "detail"]
    assert c.victims[0].status is Status.MILITARY and c.victims[1].status is Status.CIVILIAN
    assert c.victims[2].role == "security detail"
    assert any("did not provide an official casualty figure" in n for n in c.notes)


def test_us_media_at_least_40(claims):
    c = claims[4]
    assert c.count.low == 40 and c.victims[0].head == "people"
    assert _names(c) == ["US media", "Venezuelan officials"]
    assert [s.cue for s in c.attribution.chain] == ["suggested", "citing"]
    assert c.hedge == "suggested"


def test_trump(claims):
    death, zero = claims[5], claims[6]
    assert _names(death) == ["Donald Trump"] and death.attribution.claimant.cue == "acknowledged"
    assert death.victims[0].text == "the other side"
    assert any(v.nationality == "Cuba" for v in death.victims)
    assert any("claiming" in n for n in death.notes)
    assert _names(zero) == ["Donald Trump"] and zero.hedge == "claiming"
    assert zero.count.value == 0
    assert zero.victims[0].nationality == "United States" and zero.victims[0].status is Status.MILITARY


def test_offsets(claims):
    text = SEED.read_text(encoding="utf-8")
    for c in claims:
        assert text[c.start : c.end] == c.sentence
