"""Incident linking on small hand-built reports: pairs that must join and pairs that must not.

Each report is a short text written for these tests with claims built by hand (their events as the
extractor would give them), so the linking rules are tested apart from the extractor. A few tests at
the end parse sentences to check the event dates and places the extractor hands to the linker.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tolltrack.geo.places import resolve_place
from tolltrack.linking.incidents import (
    IncidentIndex,
    document_groups,
    dominant_event,
    first_published,
    link,
    stored_keys,
)
from tolltrack.linking.match import LinkConfig, Signature, match_score
from tolltrack.linking.names import report_names, report_places, weight
from tolltrack.model import (
    Attribution,
    Claim,
    Count,
    CountKind,
    Document,
    Event,
    Outcome,
    Source,
    SourceKind,
    VictimGroup,
)


def report(text: str, published: date, title: str | None = None) -> Document:
    return Document(text=text, published=published, title=title)


def claim(doc: Document, index: int, event: Event, n: int = 3, refers_to: int | None = None) -> Claim:
    return Claim(
        count=Count(CountKind.EXACT, n, n, n, str(n)),
        outcome=Outcome.KILLED if refers_to is None else None,
        victims=[VictimGroup("people", f"{n} people")],
        attribution=Attribution([Source("officials", SourceKind.OFFICIAL, "said")]),
        sentence=doc.text.split(". ")[min(index, doc.text.count(". "))],
        start=0,
        end=10,
        event=event,
        doc_id=doc.id,
        index=index,
        refers_to=refers_to,
    )


def ev(triggers: str, place: str | None, country: str | None, when: date | None = None, **kw) -> Event:
    return Event(triggers=triggers.split(), place=place, country=country, date=when, **kw)


def incidents_of(*reports: tuple[Document, list[Claim]]):
    found = link(list(reports))
    return found, {c.id: c.incident_id for _, cs in reports for c in cs}


def joined(a: tuple[Document, list[Claim]], b: tuple[Document, list[Claim]]) -> bool:
    _, home = incidents_of(a, b)
    return home[a[1][0].id] == home[b[1][0].id]


JAN = date(2026, 1, 1)


def day(n: int) -> date:
    return date(2026, 1, n)


def raid_report(published: date, text: str, event: Event, n: int = 40):
    doc = report(text, published)
    return doc, [claim(doc, 0, event, n)]


RAID = ev("raid", "Caracas", "Venezuela", day(3), actor="United States", target="Venezuela")


# --------------------------------------------------------------------------- must join


def test_reports_days_apart_about_the_same_raid_join():
    first = raid_report(day(4), "The raid on Caracas killed 40 people, officials said.", RAID)
    later_event = ev("raid", "Caracas", "Venezuela", None, actor="United States")
    later = raid_report(
        day(12), "Officials raised the toll from the raid on Caracas to 100.", later_event, 100
    )
    assert joined(first, later)


def test_event_date_given_once_and_publication_inside_the_window_join():
    first = raid_report(day(4), "The raid on Caracas killed 40 people.", RAID)
    undated = ev("assault", "Caracas", "Venezuela")  # 'assault' and 'raid' are one family
    later = raid_report(day(20), "The assault on Caracas killed 100 people.", undated, 100)
    assert joined(first, later)


def test_claims_of_one_report_in_two_towns_of_one_country_stay_together():
    doc = report("Two people died in the shooting in Gary. A third died in hospital in Indianapolis.", day(5))
    a = claim(doc, 0, ev("shooting", "Gary, Indiana", "United States", day(4)))
    b = claim(doc, 1, ev("shooting", "Indianapolis, Indiana", "United States", day(4)))
    groups = document_groups(doc, [a, b])
    assert len(groups) == 1 and groups[0].sig.place == "Gary, Indiana"


def test_a_claim_naming_only_another_country_names_the_claimant_not_another_event():
    doc = report("Cuba said 32 of its citizens died in the raid on Caracas. Venezuela said 80 died.", day(4))
    a = claim(doc, 0, ev("raid", "Cuba", "Cuba"))
    b = claim(doc, 1, ev("raid", "Caracas", "Venezuela"))
    c = claim(doc, 2, ev("raid", "Caracas", "Venezuela"))
    groups = document_groups(doc, [a, b, c])
    assert len(groups) == 1 and groups[0].sig.country == "Venezuela"


def test_an_elaborating_claim_goes_with_the_claim_it_refers_to():
    doc = report("Floods killed nine people in Beira. The nine were fishermen from Lisbon.", day(8))
    a = claim(doc, 0, ev("flood", "Beira", "Mozambique"))
    b = claim(doc, 1, ev("", "Lisbon", "Portugal"), refers_to=0)
    groups = document_groups(doc, [a, b])
    assert len(groups) == 1 and [c.index for c in groups[0].claims] == [0, 1]


def test_a_follow_up_months_later_sharing_names_joins_without_a_place():
    first_doc = report(
        "Police said Marcus Delaney Whitfield, 19, was shot dead on Quarry Hollow Lane in Gary on "
        "Saturday. Two other men were wounded.",
        date(2025, 3, 3),
    )
    first = (
        first_doc,
        [claim(first_doc, 0, ev("shooting", "Gary, Indiana", "United States", date(2025, 3, 1)), 1)],
    )
    later_doc = report(
        "A jury on Tuesday convicted a man of the killing of Marcus Delaney Whitfield, who was shot "
        "on Quarry Hollow Lane last spring. Two others were wounded in the shooting.",
        date(2025, 11, 18),
    )
    later = (later_doc, [claim(later_doc, 0, ev("shooting", None, None), 1)])
    assert joined(first, later)


def test_a_trial_more_than_two_years_on_sharing_names_joins_but_not_years_later():
    # Murder trials often open two or three years after the shooting; the names carry the link.
    first_doc = report(
        "Police said Odalys Pemberton-Reyes, 24, was shot dead outside the Copperleaf Diner on "
        "Hensworth Road in Toledo on Friday. A second woman was wounded.",
        date(2024, 5, 4),
    )
    first = (
        first_doc,
        [claim(first_doc, 0, ev("shooting", "Toledo, Ohio", "United States", date(2024, 5, 3)), 1)],
    )

    def trial(published: date):
        doc = report(
            "The trial of the man charged with killing Odalys Pemberton-Reyes outside the Copperleaf "
            "Diner on Hensworth Road opened on Monday. A second woman was wounded in the shooting.",
            published,
        )
        return doc, [claim(doc, 0, ev("shooting", None, None), 1)]

    assert joined(first, trial(date(2026, 11, 9)))  # two and a half years on
    assert not joined(first, trial(date(2028, 2, 7)))  # nearly four years on: another story


def test_a_town_read_in_another_country_is_the_same_town():
    a_doc = report("One man was killed in a shooting in Taunton on Friday, police said.", date(2025, 6, 28))
    a = (a_doc, [claim(a_doc, 0, ev("shooting", "Taunton", "United Kingdom", date(2025, 6, 27)), 1)])
    b_doc = report(
        "A teenager was charged with murder in the shooting in Taunton, Massachusetts.", date(2025, 6, 29)
    )
    b = (
        b_doc,
        [claim(b_doc, 0, ev("shooting", "Taunton, Massachusetts", "United States", date(2025, 6, 27)), 1)],
    )
    assert joined(a, b)


# --------------------------------------------------------------------------- must not join


def test_same_day_same_type_in_another_country_stays_apart():
    caracas = raid_report(day(4), "The raid on Caracas killed 40 people.", RAID)
    bogota = raid_report(
        day(4), "The raid on Bogota killed 12 people.", ev("raid", "Bogota", "Colombia", day(3)), 12
    )
    assert not joined(caracas, bogota)


def test_event_dates_weeks_apart_stay_apart():
    first = raid_report(day(4), "The raid on Caracas killed 40 people.", RAID)
    feb = ev("raid", "Caracas", "Venezuela", date(2026, 2, 14), actor="United States")
    second = raid_report(date(2026, 2, 15), "A second raid on Caracas killed 9 people.", feb, 9)
    assert not joined(first, second)


def test_reports_published_weeks_after_the_window_stay_apart():
    first = raid_report(day(4), "The raid on Caracas killed 40 people.", RAID)
    late = raid_report(
        date(2026, 3, 1), "An attack in Caracas killed 3 people.", ev("attack", "Caracas", "Venezuela"), 3
    )
    assert not joined(first, late)


def test_a_different_event_type_in_the_same_city_and_week_stays_apart():
    flood = raid_report(
        day(6), "Floods in Caracas killed 5 people.", ev("flood", "Caracas", "Venezuela", day(5)), 5
    )
    raid = raid_report(
        day(6), "The raid on Caracas killed 40 people.", ev("raid", "Caracas", "Venezuela", day(5))
    )
    assert not joined(raid, flood)


def test_another_city_of_the_same_country_stays_apart():
    raid = raid_report(day(5), "The raid on Caracas killed 80 people.", RAID, 80)
    fire_doc = report("A fire at a factory in Valencia killed six workers on Friday.", day(10))
    fire = (fire_doc, [claim(fire_doc, 0, ev("fire blaze", "Valencia", "Venezuela", day(9)), 6)])
    assert not joined(raid, fire)


def test_two_shootings_in_one_city_on_different_days_stay_apart():
    a_doc = report("Two men were shot dead on Elm Street in Columbus, Ohio, on Sunday.", date(2025, 5, 5))
    a = (a_doc, [claim(a_doc, 0, ev("shooting", "Columbus, Ohio", "United States", date(2025, 5, 4)), 2)])
    b_doc = report("A woman was shot dead outside a store in Columbus, Ohio, on Wednesday.", date(2025, 5, 8))
    b = (b_doc, [claim(b_doc, 0, ev("shooting", "Columbus, Ohio", "United States", date(2025, 5, 7)), 1)])
    assert not joined(a, b)


def test_a_state_and_a_town_in_it_with_only_the_week_in_common_stay_apart():
    a_doc = report("A man was shot dead in southern Ohio, police said.", date(2025, 5, 5))
    a = (a_doc, [claim(a_doc, 0, ev("shooting", "Ohio", "United States"), 1)])
    b_doc = report("A woman was shot dead in Columbus, Ohio, police said.", date(2025, 5, 8))
    b = (b_doc, [claim(b_doc, 0, ev("shooting", "Columbus, Ohio", "United States"), 1)])
    assert not joined(a, b)


def test_sharing_only_a_hospital_and_a_county_is_no_evidence():
    a_doc = report(
        "A man was shot on Maple Road and taken to Riverside General Hospital, Harlan County deputies said.",
        date(2025, 4, 2),
    )
    a = (a_doc, [claim(a_doc, 0, ev("shooting", None, None), 1)])
    b_doc = report(
        "A boy was shot on Birch Avenue and taken to Riverside General Hospital, Harlan County police said.",
        date(2025, 4, 3),
    )
    b = (b_doc, [claim(b_doc, 0, ev("shooting", None, None), 1)])
    assert not joined(a, b)


# --------------------------------------------------------------------------- rules in detail


def test_match_score_evidence_and_limits():
    cfg = LinkConfig()
    caracas = Signature(
        day(3), day(4), "Caracas", "Venezuela", frozenset({"raid"}), places=frozenset({"Caracas"})
    )
    same = Signature(
        day(3), day(5), "Caracas", "Venezuela", frozenset({"raid"}), places=frozenset({"Caracas"})
    )
    # country 2 + place 3 + same date 3 + type 2
    assert match_score(same, caracas, cfg) == 10
    country_only = Signature(
        None, day(5), "Venezuela", "Venezuela", frozenset({"raid"}), places=frozenset({"Venezuela"})
    )
    assert match_score(country_only, caracas, cfg) == 2 + 1 + 1 + 2  # country, contains, published, type
    far = Signature(
        day(20), day(21), "Caracas", "Venezuela", frozenset({"raid"}), places=frozenset({"Caracas"})
    )
    assert match_score(far, caracas, cfg) is None
    other_city = Signature(
        day(3), day(4), "Maracaibo", "Venezuela", frozenset({"raid"}), places=frozenset({"Maracaibo"})
    )
    assert match_score(other_city, caracas, cfg) is None
    assert match_score(other_city, caracas, cfg, names=cfg.other_place_names) is not None


def test_a_report_with_no_country_needs_names_to_join():
    cfg = LinkConfig()
    inc = Signature(
        day(3),
        day(4),
        "Gary, Indiana",
        "United States",
        frozenset({"shooting"}),
        places=frozenset({"Gary, Indiana"}),
    )
    loose = Signature(None, day(6), None, None, frozenset({"shooting"}))
    assert match_score(loose, inc, cfg) is None
    assert match_score(loose, inc, cfg, names=cfg.min_names) is not None


def test_a_city_shooting_reported_days_later_joins_only_on_shared_names():
    # a shooting in Gary on the 3rd; a report of the 9th of a shooting in Gary, no date given:
    # another of the city's shootings unless the reports share a name (the victim's, the street's)
    cfg = LinkConfig()
    inc = Signature(
        day(3), day(3), "Gary, Indiana", "United States", frozenset({"shooting"}),
        places=frozenset({"Gary, Indiana"}),
    )  # fmt: skip
    later = Signature(
        None, day(9), "Gary, Indiana", "United States", frozenset({"shooting"}),
        places=frozenset({"Gary, Indiana"}),
    )  # fmt: skip
    assert match_score(later, inc, cfg) is None
    assert match_score(later, inc, cfg, names=cfg.min_names) is not None
    next_day = dataclasses.replace(later, published=day(4))
    assert match_score(next_day, inc, cfg) is not None
    # within one report (not located) the claims share a publication and the window stays wide
    assert match_score(later, inc, cfg, located=False) is not None


def test_dominant_event_prefers_a_country_named_by_a_city():
    sigs = [
        Signature(place="Cuba", country="Cuba", places=frozenset({"Cuba"})),
        Signature(place="Cuba", country="Cuba", places=frozenset({"Cuba"})),
        Signature(place="Caracas", country="Venezuela", places=frozenset({"Caracas"})),
        Signature(place="Caracas", country="Venezuela", places=frozenset({"Caracas"})),
    ]
    dom = dominant_event(sigs)
    assert (dom.place, dom.country) == ("Caracas", "Venezuela")


def test_names_leave_out_places_function_words_and_sentence_openers():
    text = (
        "Authorities said Jalen Okafor was shot on Quarry Hollow Lane in Gary. "
        "The authorities took him to Methodist Hospital. Okafor died on Sunday; police said Okafor was 19."
    )
    names = report_names(text)
    assert {"jalen okafor", "quarry hollow lane", "okafor", "methodist hospital"} <= names
    assert "gary" not in names and "authorities" not in names and "sunday" not in names
    assert report_names("Okafor died on Sunday.") == frozenset()  # a sentence opener alone is no name
    assert weight("jalen okafor") == 2 and weight("okafor") == 1 and weight("methodist hospital") == 0


def test_the_outlets_own_names_are_no_names_of_the_report():
    # the site name after the headline (and the page's own mentions of it) comes with every report
    # of the outlet: two of its reports of different shootings would share it
    title = "Teen wounded near park - KXQR News 8 - Lakeport Weather & Sports"
    text = (
        "Police said Desmond Ravensworth was shot on Tillery Court on Friday, the station KXQR learned. "
        "Ravensworth is expected to survive, the family told KXQR News and the Lakeport Weather desk."
    )
    assert report_names(text, title) == {"desmond ravensworth", "tillery court"}
    assert {"kxqr", "lakeport weather"} <= report_names(text)  # without the title nothing says whose


def test_names_of_page_furniture_are_no_names_of_the_report():
    # menus, copyright lines, invitations to download or subscribe and pointers to the outlet's
    # social media come with every report of the outlet; a time stamp's zone is no name either
    text = (
        "Posted: Tuesday, May 6, 2025 8:18 PM EST\n\n"
        "Police said Odell Brannigan was shot on Wexmoor Street on Monday.\n\n"
        "Get the latest from KXQR anytime: Android | Storm Tracker | Text Alerts | Instagram\n\n"
        "Download the free Gridley Weather app for your phone.\n\n"
        "Follow Marla Quenby on Twitter for more.\n\n"
        "Copyright 2025 Harbison Media Group. All rights reserved."
    )
    assert report_names(text) == {"odell brannigan", "wexmoor street"}
    # prose that mentions social media keeps its names; so does a long flattened page, sentence by sentence
    prose = "Her cousin Tamsin Orrey wrote on Facebook that the family had moved from Pell Ridge."
    assert {"tamsin orrey", "pell ridge"} <= report_names(prose)
    flat = " ".join(["Police said Odell Brannigan was shot on Wexmoor Street on Monday."] * 6)
    flat += " Download the Gridley Weather app. " + "He was taken to a hospital and is expected to live. " * 4
    assert report_names(flat) == {"odell brannigan", "wexmoor street"}


def test_two_shootings_reported_by_one_outlet_do_not_join_on_its_page_furniture():
    footer = (
        "\n\nGet the latest from KXQR anytime: Android | Storm Tracker | Text Alerts | Instagram"
        "\n\nCopyright 2025 Harbison Media Group. All rights reserved."
    )
    first = report("Police said Odell Brannigan was shot on Wexmoor Street." + footer, day(3))
    weeks_later = date(2026, 2, 12)
    other = report("Police said Renata Colquist was shot on Abbey Fold Road." + footer, weeks_later)
    c1 = claim(first, 0, ev("shooting", "Lakeport, Ohio", "United States", day(3)), 1)
    c2 = claim(other, 0, ev("shooting", "Lakeport, Ohio", "United States"), 1)
    incidents_of((first, [c1]), (other, [c2]))
    assert c1.incident_id != c2.incident_id
    # the same follow-up naming the victim and the street does join, weeks later
    again = report("Odell Brannigan, shot on Wexmoor Street, has died, police said." + footer, weeks_later)
    c3 = claim(again, 0, ev("shooting", "Lakeport, Ohio", "United States"), 1)
    incidents_of((first, [c1]), (again, [c3]))
    assert c1.incident_id == c3.incident_id


def test_two_shootings_of_one_city_and_day_on_different_streets_stay_apart():
    # the same city, the same day, no name in common: each report names a street, and they differ
    first = report("Police said a man was shot on Wexmoor Street in Lakeport, Ohio, on Saturday.", day(4))
    other = report("A teenager was wounded on Abbey Fold Road in Lakeport, Ohio, on Saturday.", day(4))
    alike = report("Officers found the victim on Wexmoor Street in Lakeport, Ohio, on Saturday.", day(4))
    vague = report("A man was shot in Lakeport, Ohio, on Saturday night, police said.", day(4))
    where = ev("shooting", "Lakeport, Ohio", "United States", day(3))
    c1, c2, c3, c4 = (claim(d, 0, where, 1) for d in (first, other, alike, vague))
    incidents_of((first, [c1]), (other, [c2]))
    assert c1.incident_id != c2.incident_id
    incidents_of((first, [c1]), (alike, [c3]), (vague, [c4]))
    assert c1.incident_id == c3.incident_id == c4.incident_id  # the same street, or none said


def test_a_street_written_short_or_in_full_is_one_name():
    # 'Wexmoor Ave.' and 'Wexmoor Avenue' are one street: a shared name (and no other street), so a
    # report of one shooting days later joins it; 'St' opening a name stays a saint
    assert report_names("He was shot on Wexmoor Ave. near Tollan Rd, police said.") == {
        "wexmoor avenue",
        "tollan road",
    }
    assert report_names("Victims went to St Brennock Hospital.") == {"st brennock hospital"}
    first = report("Police said a man was shot on Wexmoor Avenue in Lakeport, Ohio.", day(4))
    later = report("The man shot on Wexmoor Ave. in Lakeport, Ohio, has died, police said.", day(8))
    other = report("The man shot on Abbey Fold Road in Lakeport, Ohio, has died, police said.", day(8))
    where = ev("shooting", "Lakeport, Ohio", "United States")
    c1, c2, c3 = (claim(d, 0, where, 1) for d in (first, later, other))
    incidents_of((first, [c1]), (later, [c2]), (other, [c3]))
    assert c1.incident_id == c2.incident_id != c3.incident_id


def test_report_places_reads_ambiguous_towns_in_the_report_country():
    where = report_places(
        "TAUNTON, Mass. - A man was shot in Taunton on Friday, Massachusetts State Police said."
    )
    assert where.country == "United States" and where.places[0] == ("Taunton, Massachusetts", "United States")
    assert where.state == "Massachusetts"


def test_state_abbreviations_with_periods_and_georgia_near_the_us():
    assert resolve_place("Ind.") == ("Indiana", "United States")
    assert resolve_place("Gary, Ind.") == ("Gary, Indiana", "United States")
    assert resolve_place("Georgia") == ("Georgia", "Georgia")
    assert resolve_place("Georgia", near="United States") == ("Georgia", "United States")


def test_index_rebuilt_from_stored_incidents_keeps_linking():
    first = raid_report(day(4), "Officials said the raid on Caracas killed Ramon Ezequiel Quintero.", RAID, 1)
    index = IncidentIndex()
    (inc,) = index.assign(*first)
    published = {first[0].id: first[0].published}
    rebuilt = IncidentIndex([inc], published, names={inc.id: index.names_of(inc.id)})
    later = raid_report(
        day(9), "Ramon Ezequiel Quintero was buried in Caracas.", ev("raid", "Caracas", "Venezuela"), 1
    )
    (again,) = rebuilt.assign(*later)
    assert again.id == inc.id and len(again.doc_ids) == 2
    assert index.names_of(inc.id) == [["ramon ezequiel quintero"]]


def test_incident_ids_are_stable_and_reassigning_a_report_changes_nothing():
    first = raid_report(day(4), "The raid on Caracas killed 40 people.", RAID)
    one, _ = incidents_of(first)
    two, _ = incidents_of(first)
    assert [i.id for i in one] == [i.id for i in two]
    index = IncidentIndex()
    index.assign(*first)
    again = index.assign(*first)
    assert len(index) == 1 and again[0].doc_ids == [first[0].id]


@pytest.mark.parametrize("order", [0, 1])
def test_linking_does_not_depend_on_input_order(order):
    a = raid_report(day(4), "The raid on Caracas killed 40 people.", RAID)
    b = raid_report(day(6), "The raid on Caracas killed 80 people.", ev("raid", "Caracas", "Venezuela"), 80)
    found = link([a, b] if order == 0 else [b, a])
    assert len(found) == 1 and found[0].label == "raid, Caracas (Venezuela), 2026-01-03"


# --------------------------------------------------------------------------- what the extractor hands over


@pytest.fixture(scope="module")
def nlp():
    from tolltrack.nlp.pipeline import load

    return load()


def _event(nlp, text: str, published: date) -> Event:
    from tolltrack.extract.events import sentence_event

    return sentence_event(next(nlp(text).sents), None, published)


def test_event_date_comes_from_the_event_not_the_reporting_verb(nlp):
    e = _event(
        nlp, "The Pentagon said on Monday that seven soldiers were injured in the January 3 raid.", day(19)
    )
    assert e.date == day(3)
    e = _event(nlp, "Cuba said on Wednesday that 32 soldiers died in Saturday's raid on Caracas.", day(7))
    assert e.date == day(3) and e.place == "Caracas"


def test_a_place_that_speaks_is_no_place_and_a_city_before_an_event_noun_is_no_actor(nlp):
    e = _event(nlp, "Washington has not given an estimate of deaths in the raid.", day(5))
    assert e.place is None
    e = _event(nlp, "Six soldiers were injured in the Caracas raid.", day(5))
    assert e.place == "Caracas" and e.actor is None
    e = _event(nlp, "Six soldiers were injured in the US raid.", day(5))
    assert e.actor == "United States"


def test_opened_fire_is_no_blaze(nlp):
    assert (
        "fire" not in _event(nlp, "A gunman opened fire on the crowd, killing two people.", day(5)).triggers
    )
    assert "fire" in _event(nlp, "The fire killed six workers at the factory.", day(5)).triggers


def test_month_names_resolve():
    from tolltrack.extract.dates import resolve

    assert resolve("January 3", day(19)) == day(3)
    assert resolve("3 January", day(19)) == day(3)
    assert resolve("Sept. 4", day(19)) == date(2025, 9, 4)
    assert resolve("three days", day(19)) is None


def test_names_given_with_a_title_and_parts_of_town_are_no_evidence():
    text = (
        "Police Chief Dana Whitlock said Marisol Teague was wounded on the Far South Side. "
        "Later, Whitlock said the gunman fled.\nBy Lena Marsh"
    )
    names = report_names(text)
    assert "marisol teague" in names
    assert not {"dana whitlock", "whitlock", "lena marsh"} & names
    assert weight("far south side") == 0 and weight("east end") == 0


def test_two_towns_of_one_name_in_two_states_need_shared_names():
    cfg = LinkConfig()
    conn = Signature(day(3), day(4), "Bristol, Connecticut", "United States", frozenset({"shooting"}),
                     places=frozenset({"Bristol, Connecticut"}))  # fmt: skip
    tenn = Signature(day(3), day(5), "Bristol, Tennessee", "United States", frozenset({"shooting"}),
                     places=frozenset({"Bristol, Tennessee"}))  # fmt: skip
    assert match_score(tenn, conn, cfg) is None
    assert match_score(tenn, conn, cfg, names=cfg.min_names) is not None


def test_a_claim_naming_no_kind_of_event_takes_it_from_its_casualty_word():
    doc = report("Two men were shot in Gary on Friday night.", day(5))
    c = claim(doc, 0, ev("", "Gary, Indiana", "United States", day(2)), 2)
    c.trigger = "shot"
    (group,) = document_groups(doc, [c])
    assert "shooting" in group.sig.triggers and group.sig.local


def test_a_report_without_claims_joins_the_incident_its_text_names_and_founds_none():
    # three days on, the vigil joins through the victim's name (without a shared name, a report of a
    # shooting in the same city more than 2 days on is taken for another shooting)
    first = report(
        "Darnell Okoro and another man were shot dead outside a bar in Columbus, Ohio on Sunday.",
        date(2026, 5, 4),
    )
    shot = (first, [claim(first, 0, ev("shooting", "Columbus, Ohio", "United States", date(2026, 5, 3)))])
    vigil = report(
        "Friends of Darnell Okoro gathered in Columbus, Ohio, where a shooting left two dead.",
        date(2026, 5, 6),
        title="Vigil held in Columbus after shooting",
    )
    elsewhere = report("A shooting in Tacoma, Washington left one man hurt.", date(2026, 5, 5))
    found = link([(vigil, []), shot, (elsewhere, [])])
    assert len(found) == 1
    assert found[0].doc_ids == [first.id, vigil.id]
    assert found[0].claim_ids == [shot[1][0].id]


def test_a_place_misread_abroad_joins_on_many_shared_names_but_not_on_few():
    dayton = Signature(
        date=date(2025, 9, 1),
        place="Dayton, Ohio",
        country="United States",
        triggers=frozenset({"shooting"}),
        places=frozenset({"Dayton, Ohio"}),
    )
    abroad = Signature(
        date=date(2025, 9, 1),
        place="Orchard",
        country="United Kingdom",
        triggers=frozenset({"shooting"}),
        places=frozenset({"Orchard"}),
    )
    assert match_score(abroad, dayton, names=4) is not None
    assert match_score(abroad, dayton, names=2) is None
    assert match_score(abroad, dayton, LinkConfig(names_over_country=False), names=4) is None


def test_an_upper_case_dateline_without_a_state_places_the_report():
    where = report_places("May 3, 2025 CHICAGO (WXYZ) — Three men were shot on Sunday night.")
    assert where.country == "United States" and where.places[0][0] == "Chicago, Illinois"
    assert report_places("Three men were shot - police said.").country is None
    assert report_places("Detroit — A father was charged on Thursday.").places[0][0] == "Detroit, Michigan"


def test_the_towns_a_title_names_are_read_in_the_report_state():
    text = "Police in Campbell, Ohio said a boy was shot. He was taken to a hospital in Youngstown, Ohio."
    where = report_places(text, "Campbell Boy Hospitalized After Shooting")
    assert where.titled == ("Campbell, Ohio",)
    assert report_places(text, "Boy hospitalized after accidental shooting").titled == ()


NOTICE = "Subscribe to keep reading. Already have an account? Sign in to continue."


def test_a_page_that_names_no_place_is_placed_by_the_town_its_title_case_title_names():
    where = report_places(NOTICE, "Three Wounded During Argument At Bus Stop In Toledo")
    assert where.country == "United States" and where.places[0][0] == "Toledo, Ohio"
    assert report_places(NOTICE, "Two Hurt In Downtown Toledo Shooting").places[0][0] == "Toledo, Ohio"
    # the text's own places come first; towns of two countries in the title place nothing
    assert report_places("Police in Dayton, Ohio said two were hurt.", "Shooting In Toledo").places[0][0] == (
        "Dayton, Ohio"
    )
    assert report_places(NOTICE, "Shooting Suspects From Toledo Caught In Rotterdam").country is None
    assert report_places(NOTICE, "Three Wounded During Argument At Bus Stop").country is None


def test_a_page_of_site_furniture_joins_the_shooting_its_title_names():
    shot = report("Three men were shot at a bus stop in Toledo, Ohio, on Monday, police said.", day(5))
    page = report(NOTICE, day(6), title="Three Wounded During Argument At Bus Stop In Toledo")
    found = link(
        [(shot, [claim(shot, 0, ev("shooting", "Toledo, Ohio", "United States", day(5)))]), (page, [])]
    )
    assert len(found) == 1 and found[0].doc_ids == [shot.id, page.id]


def test_names_written_with_an_age_or_a_middle_initial_are_the_same_name():
    first = report_names("Police identified the victim as Dorian K. Maplethorpe, a father of two.")
    later = report_names("Nineteen-year-old Dorian Maplethorpe was shot near the park, his family said.")
    assert "dorian maplethorpe" in first & later


def test_an_event_date_years_before_the_report_is_a_misreading():
    doc = report("Two men were shot dead in Columbus, Ohio, police said.", date(2025, 5, 6))
    old = claim(doc, 0, ev("shooting", "Columbus, Ohio", "United States", date(2019, 5, 5)), 2)
    recent = claim(doc, 0, ev("shooting", "Columbus, Ohio", "United States", date(2025, 5, 5)), 2)
    assert document_groups(doc, [old])[0].sig.date is None
    assert document_groups(doc, [recent])[0].sig.date == date(2025, 5, 5)


def test_a_follow_up_naming_another_place_needs_more_names():
    def sig(place: str, when: date) -> Signature:
        return Signature(
            date=when,
            published=when,
            place=place,
            country="United States",
            triggers=frozenset({"shooting"}),
            places=frozenset({place}),
        )

    first, trial = sig("Dayton, Ohio", date(2025, 3, 1)), sig("Toledo, Ohio", date(2025, 10, 1))
    same_town = sig("Dayton, Ohio", date(2025, 10, 1))
    assert match_score(same_town, first, names=4) is not None
    assert match_score(trial, first, names=4) is None
    assert match_score(trial, first, names=6) is not None


def test_a_name_carried_by_more_incidents_than_the_cap_is_common():
    def evidence(cap: int) -> list[int]:
        index = IncidentIndex(config=LinkConfig(rare_share=1.0, rare_cap=cap))
        for n in range(1, 7):
            doc = report(
                f"Two men were shot in Gary, Indiana. A vigil was held at Corvallo Park ({n}).", day(n * 3)
            )
            index.assign(
                doc, [claim(doc, 0, ev("shooting", "Gary, Indiana", "United States", day(n * 3)), 2)]
            )
        assert len(index) >= 4
        newcomer = Signature(
            date=day(9),
            published=day(9),
            place="Gary, Indiana",
            country="United States",
            places=frozenset({"Gary, Indiana"}),
            names=frozenset({"corvallo park"}),
        )
        found = index.candidates(newcomer)
        assert found
        return [index.name_evidence(newcomer, e) for e in found]

    assert max(evidence(10)) > 0
    assert max(evidence(3)) == 0


def test_the_reading_carried_from_extraction_is_used_only_for_its_own_text_and_title():
    from tolltrack.linking.reading import read_text, text_reading

    doc = Document(text="Dana Okafor was shot on Quarry Hollow Lane in Dayton, Ohio.", title="A shooting")
    doc.reading = read_text(doc)  # as the extraction carries it (``ledger.ingest.carry``)
    assert text_reading(doc) is doc.reading
    assert "dana okafor" in doc.reading.names and doc.reading.where.country == "United States"
    retitled = Document(text=doc.text, title="Shooting in Akron, Ohio", reading=doc.reading)
    assert text_reading(retitled) is not doc.reading and text_reading(retitled) == read_text(retitled)
    other = Document(text="A man was stabbed in Leeds.", reading=doc.reading)
    assert text_reading(other).where.country != "United States"


def test_an_incident_whose_date_moves_is_found_under_its_new_blocks_only():
    # The first report dates the raid to Saturday 3 January (one week bucket); two later reports to
    # Monday 5 January (the next): the incident's date becomes the 5th, and a search must find it
    # under the keys a store would give it now, not under the week it has left.
    index = IncidentIndex()
    first = raid_report(day(4), "The raid on Caracas on Saturday killed 40 people.", RAID)
    monday = ev("raid", "Caracas", "Venezuela", day(5), actor="United States", target="Venezuela")
    later = [
        raid_report(day(n), f"The raid on Caracas on Monday killed {n + 40} people.", monday, n + 40)
        for n in (5, 6)
    ]
    for doc, claims in [first, *later]:
        index.assign(doc, claims)
    (inc,) = index.incidents
    assert inc.date == day(5)
    published = {doc.id: doc.published for doc, _ in [first, *later]}
    expected = stored_keys(
        inc, first_published(inc, published), index.names_of(inc.id), index.tallies_of(inc.id)
    )
    assert index.keys_of(inc.id) == expected
    saturday_week = f"P{day(3).toordinal() // 7}:Caracas"
    assert saturday_week not in expected and inc.id not in index._blocks.get(saturday_week, set())
