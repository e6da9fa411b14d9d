"""Where a report is, read from the place names its text and title give (``linking.names.report_places``):
forms of US local news that the gazetteer's town table alone misreads. Reports invented for these tests."""

from __future__ import annotations

from datetime import date

from tolltrack.geo.places import county_state
from tolltrack.linking.incidents import link
from tolltrack.linking.names import report_places
from tolltrack.model import Attribution, Claim, Count, CountKind, Document, Event, Outcome, Source, SourceKind


def test_a_town_with_a_postal_state_code_is_read_in_that_state():
    # 'Birmingham, AL' at the end of a page title: the Alabama city, not 'Birmingham, A' (the English one)
    where = report_places(
        "Birmingham police said the boy was shot on Saturday night outside a house on Larkspur Avenue.",
        "Boy, 6, dies after shooting - WXYR News 9 - Birmingham, AL",
    )
    assert where.country == "United States" and where.state == "Alabama"
    assert where.places[0][0] == "Birmingham, Alabama"
    assert (
        report_places("A man was shot in Eau Claire, WI on Monday.").places[0][0] == "Eau Claire, Wisconsin"
    )
    # the state decides between towns of one name: Portland, Maine, not the larger Portland, Oregon
    assert report_places("A man was shot in Portland, ME on Monday.").places[0][0] == "Portland, Maine"


def test_a_county_only_one_state_has_places_the_report_in_that_state():
    assert county_state("Nodaway County") == "Missouri"
    assert county_state("Nodaway County Sheriff's Office") == "Missouri"
    assert county_state("Jefferson County") is None  # many states have one
    where = report_places(
        "Barrow County deputies are looking into a shooting that wounded a girl, 9, on Monday.",
        "Deputies: girl, 9, shot in Barrow County",
    )
    assert where.country == "United States" and where.state == "Georgia"  # not Barrow-in-Furness
    assert "United Kingdom" not in where.named


def _shooting(doc: Document, place: str | None, when: date | None) -> Claim:
    return Claim(
        count=Count(CountKind.EXACT, 1, 1, 1, "a girl"),
        outcome=Outcome.INJURED,
        victims=[],
        attribution=Attribution([Source("deputies", SourceKind.OFFICIAL, "said")]),
        sentence=doc.text,
        start=0,
        end=10,
        event=Event(triggers=["shooting"], place=place, country=None, date=when),
        doc_id=doc.id,
        index=0,
    )


def test_two_reports_of_one_county_shooting_join_and_a_namesake_abroad_stays_apart():
    monday = date(2025, 3, 3)
    first = Document(
        text="Barrow County deputies said a girl, 9, was shot at a mobile home on Monday.",
        published=monday,
        title="Girl, 9, shot in Barrow County",
    )
    second = Document(
        text="A girl, 9, shot by her mother's boyfriend on Monday is recovering, Barrow County deputies say.",
        published=date(2025, 3, 4),
    )
    found = link(
        [(first, [_shooting(first, "Barrow County", monday)]), (second, [_shooting(second, None, None)])]
    )
    assert len(found) == 1 and found[0].country == "United States"
