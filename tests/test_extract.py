"""The extractor on reports written for these tests: each count kind, each chain shape, no claims."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tolltrack.extract.document import extract
from tolltrack.model import CountKind, Document, Outcome, SourceKind, Status

DATA = Path(__file__).parent / "data" / "reports"


def claims_of(text: str, published: date | None = date(2026, 3, 10)):
    return extract(Document(text=text, published=published))


def report(name: str):
    return claims_of((DATA / name).read_text())


def one(claims, outcome: Outcome):
    found = [c for c in claims if c.outcome is outcome]
    assert len(found) == 1, [(c.outcome, str(c.count), c.sentence) for c in claims]
    return found[0]


def test_report_with_no_casualty_claim_gives_nothing():
    assert report("nocasualty.txt") == []


def test_shooting_exact_counts_and_police_attribution():
    claims = report("shooting.txt")
    killed = one(claims, Outcome.KILLED)
    assert (killed.count.kind, killed.count.value) == (CountKind.EXACT, 2)
    assert killed.victims[0].head == "man"
    assert killed.attribution.claimant.name == "police"
    assert killed.attribution.claimant.kind is SourceKind.OFFICIAL
    injured, boy = [c for c in claims if c.outcome is Outcome.INJURED]
    assert (injured.count.kind, injured.count.value) == (CountKind.EXACT, 3)
    # "taken to hospital in critical condition": one of the wounded, a claim of its own
    assert (boy.count.value, boy.victims[0].head, boy.trigger) == (1, "boy", "condition")
    # "late Saturday" resolved against the publication date (Tuesday 10 March 2026)
    assert killed.event.date == date(2026, 3, 7)
    assert "shooting" in killed.event.triggers


def test_airstrike_at_least_range_vague_and_told_chain():
    claims = report("airstrike.txt")
    # "at least 12 civilians, including four children": the counted part is a claim of its own
    killed, children = [c for c in claims if c.outcome is Outcome.KILLED]
    assert (killed.count.kind, killed.count.low) == (CountKind.AT_LEAST, 12)
    assert (children.count.kind, children.count.value, children.victims[0].head) == (
        CountKind.EXACT,
        4,
        "child",
    )
    assert killed.victims[0].status is Status.CIVILIAN
    assert killed.attribution.claimant.kind is SourceKind.GOVERNMENT
    injured = one(claims, Outcome.INJURED)
    assert (injured.count.kind, injured.count.low, injured.count.high) == (CountKind.RANGE, 20, 25)
    # "The ministry said" refers back to the local health ministry named before
    assert injured.attribution.claimant.name == killed.attribution.claimant.name
    missing = one(claims, Outcome.MISSING)
    assert missing.count.kind is CountKind.VAGUE and missing.count.low == 24
    assert [s.name for s in missing.attribution.chain] == ["Reuters", "Residents"]
    assert missing.attribution.chain[0].kind is SourceKind.AGENCY


def test_flood_at_most_vague_and_pronoun_reference_to_cited_official():
    claims = report("flood.txt")
    killed = [c for c in claims if c.outcome is Outcome.KILLED]
    assert [(c.count.kind, c.count.value) for c in killed] == [(CountKind.EXACT, 27), (CountKind.EXACT, 6)]
    injured = one(claims, Outcome.INJURED)
    assert (injured.count.kind, injured.count.high) == (CountKind.AT_MOST, 40)
    missing = one(claims, Outcome.MISSING)
    assert missing.count.kind is CountKind.VAGUE
    # "He said ..." resolves to the local official the agency cited
    assert killed[1].attribution.claimant.name == "local official"
    assert killed[1].victims[0].status is Status.CIVILIAN


def test_zero_counts():
    claims = report("zero.txt")
    assert len(claims) == 3
    assert all(c.count.kind is CountKind.ZERO and c.count.value == 0 for c in claims)
    assert [c.outcome for c in claims] == [Outcome.KILLED, Outcome.INJURED, Outcome.CASUALTIES]


@pytest.mark.parametrize(
    ("sentence", "kind", "low", "high"),
    [
        ("Police said 14 people were killed.", CountKind.EXACT, 14, 14),
        ("More than 40 people were killed in the blast.", CountKind.AT_LEAST, 41, None),
        ("Officials said nearly 30 people died.", CountKind.ABOUT, None, None),
        ("Fewer than 10 people were hurt, the mayor said.", CountKind.AT_MOST, None, 9),
        ("Hundreds of people were injured in the quake.", CountKind.VAGUE, 200, None),
        ("The fire killed thirty-two residents.", CountKind.EXACT, 32, 32),
        ("Rescuers said 150-200 villagers were missing.", CountKind.RANGE, 150, 200),
        ("The army said it killed militants in the raid.", CountKind.UNQUANTIFIED, None, None),
    ],
)
def test_count_kinds(sentence, kind, low, high):
    claims = claims_of(sentence)
    assert len(claims) == 1, [str(c.count) for c in claims]
    c = claims[0]
    assert c.count.kind is kind
    assert (c.count.low, c.count.high) == (low, high)


def test_nested_chain_outermost_first():
    c = one(claims_of("The BBC reported that the health ministry said 14 people had died."), Outcome.KILLED)
    assert [s.name for s in c.attribution.chain] == ["BBC", "health ministry"]
    assert c.attribution.chain[1].kind is SourceKind.GOVERNMENT


def test_according_to_and_citing():
    c = one(claims_of("Six soldiers were killed, according to the defence ministry."), Outcome.KILLED)
    assert c.attribution.describe() == "defence ministry"
    assert c.attribution.chain[0].cue == "according to"
    assert c.victims[0].status is Status.MILITARY
    c = one(claims_of("Local media, citing hospital sources, said 9 people were wounded."), Outcome.INJURED)
    assert [s.cue for s in c.attribution.chain] == ["said", "citing"]


def test_hedges():
    c = one(claims_of("The rebels claimed that 50 soldiers were killed."), Outcome.KILLED)
    assert c.hedge == "claimed"
    c = one(claims_of("Three people were reportedly killed in the attack."), Outcome.KILLED)
    assert c.hedge == "reportedly"


def test_hypothetical_and_unrelated_numbers_are_not_claims():
    assert claims_of("The man threatened to kill his neighbours.") == []
    assert claims_of("The council will fund 40 new buses.") == []
    assert claims_of("The company shot a video of 12 new products.") == []
    assert claims_of("Doctors said the bullet could have hit her heart and killed her.") == []


def test_offsets_point_into_the_text():
    text = "Heavy rain fell overnight.\n\nAt least 7 people died in the landslide, officials said."
    c = claims_of(text)[0]
    assert text[c.start : c.end] == c.sentence
    assert text[c.trigger_start : c.trigger_start + len(c.trigger)] == c.trigger


def figures_of(text: str) -> list[tuple[str, str, int | None]]:
    return [(c.outcome.value, c.count.kind.value, c.count.value) for c in claims_of(text)]


@pytest.mark.parametrize(
    ("headline", "killed", "injured"),
    [
        ("Teen killed, another injured during carjacking", 1, 1),
        ("1 dead, 4 injured in shooting early Easter morning", 1, 4),
        ("Newspaper carrier dead, 4 others injured in Elmwood", 1, 4),
        ("One killed, six injured in Old Town shooting", 1, 6),
        # toll lists read by their shape, however the parser joins them
        ("Two dead, six injured in West Elmwood shooting rampage", 2, 6),
        ("2 Killed, 2 Hurt In West Side Elmwood Shooting", 2, 2),
        ("Teen shot in Elmwood dies, two others wounded", 1, 2),
        ("3 dead, child injured in Elmwood shooting", 3, 1),
    ],
)
def test_headline_tolls(headline, killed, injured):
    assert figures_of(headline) == [("killed", "exact", killed), ("injured", "exact", injured)]


def test_headline_forms():
    assert ("killed", "exact", 1) in figures_of("4 shot, one fatally, on Elm street")
    assert ("injured", "exact", 4) in figures_of("4 shot, one fatally, on Elm street")
    assert figures_of("Two shot dead in Dallas") == [("killed", "exact", 2)]
    assert figures_of("Man shot, killed in Northside") == [("killed", "exact", 1)]
    assert figures_of("Juvenile shot in arm in Duquesne") == [("injured", "exact", 1)]
    assert figures_of("90-year-old man accidentally shot to death by stepson") == [("killed", "exact", 1)]
    assert figures_of("Oakdale News: 4 shot in northwest") == [("injured", "exact", 4)]  # after a label
    assert figures_of("Update: 3 people shot in Elmwood after a fight") == [("injured", "exact", 3)]
    assert ("injured", "exact", 4) in figures_of("Police: 4 shot, 1 dead in east Elmwood incident")
    assert ("killed", "exact", 4) not in figures_of("Four shot, one dead in Elm Street shooting")
    assert figures_of("Child, man shot during robbery at Elmwood barbershop") == [("injured", "exact", 2)]
    assert figures_of("Teen struck by stray bullet in Elm Park") == [("injured", "exact", 1)]
    assert figures_of("Parents say 3-year-old grazed by stray bullet") == [("injured", "exact", 1)]
    assert figures_of("Woman struck by car in Elm Park") == []
    assert figures_of("10 people shot at National Guard Armory in Tennessee") == [("injured", "exact", 10)]
    assert figures_of("Man shot at officers before fleeing") == []  # 'at' a target, not a place
    assert figures_of("Elmwood teen shot in church parking lot") == [("injured", "exact", 1)]
    assert figures_of("1-year-old injured in Elmwood shooting") == [("injured", "exact", 1)]
    assert figures_of("Shooting in Elm park leaves five teens injured") == [("injured", "exact", 5)]
    assert [c.victim_text for c in claims_of("Boy, 14, fatally shot in Elm Park neighborhood")] == ["Boy, 14"]
    assert ("injured", "exact", 4) in figures_of("Suspect arrested after shooting leaves four wounded")
    assert ("injured", "exact", 8) in figures_of("Elmwood party shooting leaves 1 man dead, 8 people wounded")
    assert figures_of("Teen arraigned on shooting deaths of mother, brother") == [("killed", "exact", 2)]
    assert ("killed", "exact", 1) in figures_of("Woman shot Sunday dies at hospital")
    assert figures_of("WXYZ Channel 12 - Five injured in nightclub shooting") == [("injured", "exact", 5)]
    assert figures_of("Four hurt in East Elmwood Park drive-by shooting") == [("injured", "exact", 4)]
    assert figures_of("6-year-old dies in accidental shooting") == [("killed", "exact", 1)]
    assert figures_of("4 people shot at memorial service in Southwest Elmwood") == [("injured", "exact", 4)]
    assert ("injured", "vague", None) in figures_of("1 dead, several hurt in East Elmwood shooting")
    # a bare number after a verb of wounding: the tagger reads 'injures' as a noun
    assert ("injured", "exact", 3) in figures_of(
        "Elmwood police kill gunman after shooting rampage injures three"
    )
    assert figures_of("Elmwood man indicted in shooting that injured 7") == [("injured", "exact", 7)]
    # eight hit, two of them dead, however the parser joins them
    assert figures_of("Gunmen burst in on card game. 8 men shot, 2 dead") == [
        ("injured", "exact", 8),
        ("killed", "exact", 2),
    ]
    # the one who shot is the one hit
    assert [c.victim_text for c in claims_of("Elmwood boy, 4, shoots self in groin")] == ["Elmwood boy"]
    assert [c.victim_text for c in claims_of("The man shot his own leg while cleaning a rifle.")] == [
        "The man"
    ]


def test_a_person_after_an_age_is_another_victim_however_the_parser_joins_them():
    text = "Lee is accused of shooting Ann Cole, 31, and her 13-year-old daughter on March 28."
    assert figures_of(text) == [("injured", "exact", 2)]
    text = "The man who fled to Mexico after allegedly killing his wife and four daughters was brought back."
    assert figures_of(text) == [("killed", "exact", 5)]
    # not a person listed after a relative clause, nor a description of the same person
    assert figures_of("Officers found the girl who had been shot, and the boy they say is responsible.") == [
        ("injured", "exact", 1)
    ]
    assert figures_of("A reward is offered in the killing of a boy, and son of a police officer.") == [
        ("killed", "exact", 1)
    ]


def test_a_shooter_is_not_a_victim_of_a_headline_passive():
    assert figures_of("Police said the suspect shot at officers.") == []
    assert figures_of("He fired a shot.") == []


def test_shared_subjects_of_coordinated_verbs():
    assert figures_of("The victim was shot in the back and pronounced dead at the scene.") == [
        ("killed", "exact", 1)
    ]
    assert figures_of("The girl turned the gun on herself and died at the scene.") == [("killed", "exact", 1)]


def test_people_struck_in_hospital_condition_and_counted_victims():
    assert figures_of("A 5-year-old girl was hit by a stray bullet inside her house.") == [
        ("injured", "exact", 1)
    ]
    assert figures_of("The car was hit by gunfire.") == []
    assert figures_of("Officers found four victims who had been struck by gunfire.") == [
        ("casualties", "exact", 4),
        ("injured", "exact", 4),
    ]
    assert figures_of("One woman is dead and another is in critical condition.") == [
        ("killed", "exact", 1),
        ("injured", "exact", 1),
    ]
    assert figures_of("The house was in good condition.") == []


def test_event_words_that_count():
    assert figures_of("Police are investigating a double shooting on Elm Street.") == [
        ("injured", "exact", 2)
    ]
    assert figures_of("A triple homicide shocked the town.") == [("killed", "exact", 3)]
    assert figures_of("Officials closed the club, the site of a fatal shooting.") == [
        ("killed", "unquantified", None)
    ]


def test_numbers_that_do_not_count_victims():
    assert figures_of("A 25 y/o man was shot and killed.") == [("killed", "exact", 1)]
    assert figures_of("He was charged in the 2014 death of a teen.") == [("killed", "exact", 1)]
    assert figures_of("As many as six people were shot.") == [("injured", "at_most", 6)]


def test_coordinated_bearers_and_both():
    assert figures_of("Her mom and the boyfriend suffered minor injuries.") == [("injured", "exact", 2)]
    # the injuries of people who died of them are not a second claim (the README: "died from wounds")
    assert figures_of("Both men died from their injuries.") == [("killed", "exact", 2)]
    assert figures_of("A shooting left one woman dead and four injured.") == [
        ("killed", "exact", 1),
        ("injured", "exact", 4),
    ]


def test_fatal_wounds_and_murder_suicides_are_killings():
    assert figures_of("He was found with a fatal gunshot wound to the head.") == [("killed", "exact", 1)]
    assert ("killed", "at_least", 2) in figures_of("A man shot his son and then himself in a murder-suicide.")


def test_subjects_the_parser_or_tagger_gets_wrong():
    # a dateline parsed as a second subject is not the victim
    assert figures_of("DENVER — Three men were shot in a drive-by late Friday.") == [("injured", "exact", 3)]
    # "both", "several" and "a total of" stand for people
    assert figures_of("Both were pronounced dead at the scene.") == [("killed", "exact", 2)]
    assert figures_of("Both remain hospitalized.") == [("injured", "exact", 2)]
    assert figures_of("Several were shot outside the bar.") == [("injured", "vague", None)]
    assert figures_of("A total of six people were shot at the party.") == [("injured", "exact", 6)]
    # a surname tagged as a plural noun, agreeing with a singular verb
    assert figures_of("Rivers was pronounced dead at 2:10 a.m.") == [("killed", "exact", 1)]
    # a plural noun with a plural verb stays a thing
    assert figures_of("Two windows were shot out.") == []
    assert figures_of("The firefighter was shot while answering a call.") == [("injured", "exact", 1)]
    # people named by what they were doing or where they were
    assert figures_of("Four spectators at a drag race were injured after a fight broke out.") == [
        ("injured", "exact", 4)
    ]
    # hit by the shots of the verb before: a casualty; struck by something else: nothing
    assert figures_of("Someone fired several shots and four people were hit.") == [("injured", "exact", 4)]
    assert figures_of("Someone opened fire and two people were struck by a car.") == []
    # a station's number before the count is not the count
    assert figures_of("Police told 13 News two people were shot at a motel.") == [("injured", "exact", 2)]
    # "along with": the others are victims of the same verb
    assert figures_of("Ellis, 44, was shot along with three others at 1 a.m.") == [("injured", "exact", 4)]
    assert figures_of("The officer was shot along with his dog.") == [("injured", "exact", 1)]
    # an inverted copula after an adverb
    assert figures_of("Also wounded were four patrons of the club.") == [("injured", "exact", 4)]
    # a headline's bare noun with an age before its verb, which the parser leaves without a subject
    assert figures_of("Residents are in fear after girl, 15, was killed by masked gunmen.") == [
        ("killed", "exact", 1)
    ]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # lists of victims: ages, names with ages, a group restated by its ages
        ("Police said a 16-year-old, a 20-year-old and a 23-year-old were wounded.", ("injured", "exact", 3)),
        ("Tom Reyes, 31, Ana Cole, 19, and Luis Park, 22, were shot on the porch.", ("injured", "exact", 3)),
        ("Two boys, a seven year and an eight year old, were injured.", ("injured", "exact", 2)),
        ("Four men, ages 19-25, were shot near the park.", ("injured", "exact", 4)),
        # wounds counted on their bearer are not people
        ("A teenage boy was found suffering from several gunshot wounds.", ("injured", "exact", 1)),
        ("Deputies found both Reyes and Cole suffering from gunshot wounds.", ("injured", "exact", 2)),
        ("Nine people were taken to hospital with gunshot wounds.", ("injured", "exact", 9)),
    ],
)
def test_victims_listed_or_bearing_wounds(sentence, figure):
    assert figures_of(sentence) == [figure]


def test_an_attribute_belongs_to_its_own_noun():
    assert figures_of("Deputies found one dead man and one woman with a cut on her arm.")[0] == (
        "killed",
        "exact",
        1,
    )
    assert figures_of("Officers found an injured girl and an injured woman in the yard.") == [
        ("injured", "exact", 2)
    ]
    assert ("killed", "exact", 1) in figures_of("The shooting wounded one man and left another dead.")


def test_hit_by_gunfire_treated_and_in_good_condition():
    assert figures_of("The gunman opened fire, hitting a cashier in the arm.") == [("casualties", "exact", 1)]
    assert figures_of("The pistol went off, hitting the boy in the shoulder.") == [("casualties", "exact", 1)]
    assert figures_of("He hit the man in the face during the argument.") == []
    assert ("injured", "exact", 1) in figures_of("A second victim was treated and released.")
    assert figures_of("Several workers were treated for shock.") == []
    assert figures_of("The driver was shot and taken to a hospital for treatment.") == [
        ("injured", "exact", 1),
        ("casualties", "exact", 1),
    ]
    assert figures_of("She was taken to Mercy Hospital in good condition.") == [("injured", "exact", 1)]


def test_fatally_wounded_is_a_killing():
    assert figures_of("The gunman fatally wounded two guards and wounded another.") == [
        ("killed", "exact", 2),
        ("injured", "exact", 1),
    ]


def test_a_site_name_after_a_headline_dash_is_no_victim():
    assert figures_of("Toddler accidentally shoots dad - WXYZ News 7, Weather and Sports") == [
        ("injured", "exact", 1)
    ]


def test_struck_in_a_body_part_grazed_and_released_from_hospital():
    assert figures_of("She was struck in the shoulder while sitting on the porch.") == [
        ("injured", "exact", 1)
    ]
    assert figures_of("The mother was struck by a car.") == []
    assert figures_of("A 30-year-old was grazed in the arm.") == [("injured", "exact", 1)]
    assert figures_of("The clerk was taken to a hospital and released.") == [("injured", "exact", 1)]
    # released from jail: no injury, but the detention it asserts (../shared/hrd's rule)
    assert figures_of("The suspect was released from jail on bond.") == [("detained", "exact", 1)]


def test_headline_ages_and_names_of_every_kind():
    assert figures_of("5-year-old shot in East Toledo") == [("injured", "exact", 1)]
    assert figures_of("Six-year-old fatally shot in Richmond") == [("killed", "exact", 1)]
    assert figures_of("The man who was shot at 14th and Elm Street on Friday has died.") == [
        ("killed", "exact", 1)
    ]


def test_inverted_copula_found_shot_dead_and_lost_lives():
    assert figures_of("Killed were 20-year-old Ann Cole of Elmwood and 31-year-old Joe Park of Oakdale.") == [
        ("killed", "exact", 2)
    ]
    assert figures_of("Injured were a 19-year-old man and a 40-year-old woman.") == [("injured", "exact", 2)]
    assert figures_of("Among the dead were three children.") == [("killed", "exact", 3)]
    assert figures_of("Two men were found shot dead in a parked car.") == [("killed", "exact", 2)]
    assert figures_of("Three people lost their lives in the shooting.") == [("killed", "exact", 3)]
    assert figures_of("He lost his job after the shooting.") == []


def test_succumbed_passed_away_and_headline_shot_and_killed():
    assert ("killed", "exact", 1) in figures_of("The victim succumbed to his wounds on Monday.")
    assert figures_of("The girl was shot in the chest and passed away at the hospital.") == [
        ("killed", "exact", 1)
    ]
    assert figures_of("Teenage girl shot and killed by a neighbor") == [("killed", "exact", 1)]
    assert figures_of("Image 12 of 30 Two men shot near a bar") == [("injured", "exact", 2)]


def test_found_shot_and_arrived_with_a_wound():
    assert figures_of("A woman was found shot inside a parked car.") == [("injured", "exact", 1)]
    assert figures_of("Teen found shot near a school") == [("injured", "exact", 1)]
    assert figures_of("A man arrived at a hospital with a gunshot wound.") == [("injured", "exact", 1)]


def test_headline_fatal_subsets_site_names_and_things_beside_victims():
    assert ("injured", "exact", 9) in figures_of("9 shot, 1 fatally, at a housing complex")
    assert ("killed", "exact", 9) not in figures_of("9 shot, 1 fatally, at a housing complex")
    assert all(f[2] != 0 for f in figures_of("Woman shot by her son dies - WXYZ.com, Local News, Weather"))
    assert figures_of("Officers found two men suffering from gunshot wounds and a bullet-riddled car.") == [
        ("injured", "exact", 2)
    ]


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Officers found one deceased male inside the apartment.", Outcome.KILLED),
        ("A woman passed away at the hospital on Sunday.", Outcome.KILLED),
        ("The gunman opened fire, striking a 20-year-old man.", Outcome.CASUALTIES),
    ],
)
def test_sentences_whose_only_casualty_word_is_rare_pass_the_gate(sentence, outcome):
    """The sentence gate lets through words such as 'deceased', 'passed away' and 'striking'."""
    claims = claims_of(f"Nothing else happened on Main Street. {sentence}")
    assert [(c.outcome, c.count.value) for c in claims] == [(outcome, 1)]
