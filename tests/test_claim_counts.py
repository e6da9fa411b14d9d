"""How many people a claim counts (issue 16): named people and pairs the parser lists apart, people
named in an 'including' phrase, quantifiers across 'a dozen'. Our own sentences."""

from __future__ import annotations

import pytest
from tests.claim_figures import figures_of

from tolltrack.extract.document import extract
from tolltrack.model import Document


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a name in apposition with a conjunct of its own
        ("On Friday a local nurse Ann Marie Cole and her husband Joseph were killed in the town.",
         [("killed", "exact", 2)]),
        # two subjects of one verb, the first with a clause of its own
        ("Ann Lee, raised in Leeds, and photographer Nigel Brent of Perth were snatched by armed men.",
         [("missing", "exact", 2)]),
        ("The weekly was banned and Ravi Kumar and the Welsh translator P. Owens were arrested.",
         [("detained", "exact", 2)]),
        # bare titles before a plural verb; a singular verb keeps one person
        ("As a result, the magazine's editor and publisher were arrested by the police.",
         [("detained", "exact", 2)]),
        ("The editor and founder of the magazine was arrested.", [("detained", "exact", 1)]),
    ],
)  # fmt: skip
def test_people_listed_together_are_added_up(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Soldiers fired on the march, killing 64 people, including the teacher Omar Diallo.",
         [("killed", "exact", 64), ("killed", "exact", 1)]),
        ("Twelve people were arrested in the raids, including the poet Lena Marsh.",
         [("detained", "exact", 12), ("detained", "exact", 1)]),
        ("Dozens of students, such as the blogger Tom Reyes, have been detained.",
         [("detained", "vague", None), ("detained", "exact", 1)]),
        ("Five miners were killed, including Paul Okoro and his cousin Ben.",
         [("killed", "exact", 5), ("killed", "exact", 2)]),
        # a list the parse cuts short gives no named part
        ("Some 30 reporters remain behind bars, including Mona Said and, since May, the editor Ali Fathi.",
         [("detained", "about", 30)]),
    ],
)  # fmt: skip
def test_people_named_in_an_including_phrase(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "kind", "low", "high"),
    [
        ("At least a dozen teachers have been detained.", "at_least", 12, None),
        ("More than a hundred marchers were arrested on Sunday.", "at_least", 101, None),
        ("As many as a thousand villagers may have died.", "at_most", None, 1000),
        ("A dozen pupils were abducted.", "exact", 12, 12),
    ],
)
def test_quantifier_before_a_dozen_or_a_hundred(sentence, kind, low, high):
    claims = extract(Document(text=sentence))
    assert [(c.count.kind.value, c.count.low, c.count.high) for c in claims] == [(kind, low, high)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The floods took 40 lives in the valley.", [("killed", "exact", 40)]),
        ("The blast claimed the lives of three pupils.", [("killed", "exact", 3)]),
        ("The insurgency has cost thousands of lives.", [("killed", "vague", None)]),
        ("The land dispute has claimed lives on both sides.", [("killed", "unquantified", None)]),
        ("The pianist took his own life in 2015.", []),  # a suicide
        ("The epidemic has claimed 900 lives in the province.", []),  # a disease
        ("The farmer was martyred by the militants.", [("killed", "exact", 1)]),
        ("The girl whom he strangled was never named.", [("killed", "exact", 1)]),
    ],
)
def test_deaths_told_as_lives_taken_and_martyrdom(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Her body was found in the canal on Tuesday.", [("killed", "exact", 1)]),
        ("Police named the man as Tom Reyes, whose body was recovered from the lake.",
         [("killed", "exact", 1)]),
        ("A week later a body with the same tattoo was found near the bridge.", [("killed", "exact", 1)]),
        ("Fishermen saw another body floating in the harbour.", [("killed", "exact", 1)]),
        ("Divers recovered the bodies of nine sailors.", [("killed", "exact", 9)]),
        ("His body was covered in bruises after the beating.", []),
        ("An independent body will review the case.", []),
    ],
)  # fmt: skip
def test_a_body_found_is_a_death(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The drifter was convicted of six murders in two states.", [("killed", "exact", 6)]),
        ("He admitted committing numerous murders during the decade.", [("killed", "vague", None)]),
        ("He pleaded guilty to the 2003 murder of Lucy Fields in Dayton.", [("killed", "exact", 1)]),
        ("Detectives have linked the man to two other murders.", []),
        ("The province records about 400 murders a year.", []),
    ],
)
def test_counted_murders_are_people_killed(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # titles joined before one name under a singular verb: one person
        ("A village elder and head of the traders' guild, Chief Obi Nwosu, has been detained by police.",
         [("detained", "exact", 1)]),
        ("A teacher and a nurse were detained by the police.", [("detained", "exact", 2)]),
        # a named member of a counted group
        ("The reporter Lena Marsh was among the 40 arrested in the raids.",
         [("detained", "exact", 40), ("detained", "exact", 1)]),
        ("The pastor covered the strike and was among the 12 people killed on Sunday.",
         [("killed", "exact", 12)]),
    ],
)  # fmt: skip
def test_one_person_of_many_titles_and_a_named_member(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the names after a counted group are its members, not more people
        ("Two others, Ann Cole, 24, and Joe Brent, 31, were wounded.", [("injured", "exact", 2)]),
        # a subject before another clause is not listed with the victim
        ("Neighbours at the house called for help, but the boy died at the scene.", [("killed", "exact", 1)]),
        # a year's total told as 'the N murders' is not this event's toll
        ("This year 436 people were murdered in the city, surpassing the 435 murders for all of 2011.",
         [("killed", "exact", 436)]),
    ],
)  # fmt: skip
def test_listed_members_and_totals_are_not_added(sentence, expected):
    assert figures_of(sentence) == expected
