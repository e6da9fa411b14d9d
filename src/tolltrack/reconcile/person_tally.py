"""The persons and groups of one report, tallied claim by claim (``figures.read_report`` feeds it).

Single persons ("a man", "Kevin Barbee", "he") are tracked as individuals: a name seen before, a
pronoun or a description without a novelty word is the same person again; "another man", "a second
victim", a new name, another gender, age, side of a shootout (the officer is not the suspect) or
generation (the father is not the son) is someone else. Group claims ("four people") are kept by
category; groups of *other* people ("two other men") add the persons met before them once the
report has been read, a bare "N others" only the dead among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tolltrack.extract import descriptions as desc
from tolltrack.extract.lexicon import PERSON_NOUNS
from tolltrack.model import Claim, CountKind

KILLED, INJURED, HIT = "killed", "injured", "hit"
BORNE = {"wound", "wounds", "injury", "injuries"}  # the dead bear wounds too


@dataclass
class Person:
    names: set[str]
    gender: str | None
    outcomes: set[str]
    claim_ids: list[str]
    mentions: set[tuple[str, str]] = field(default_factory=set)  # (sentence, description)
    kin: set[str] = field(default_factory=set)  # relations named: "his father" → {"father"}
    ages: set[int] = field(default_factory=set)  # "a 17-year-old", "Amos Rudd, 57"
    sides: set[str] = field(default_factory=set)  # "suspect", "officer": never the same person
    said_hurt: bool = False  # a claim says the person was hurt (not only "shot" or "had a wound")
    introduced: bool = False  # first met as someone new: "a woman", "another female"
    generations: set[str] = field(default_factory=set)  # "parent", "child": "the father", "his son"


class Tally:
    def __init__(self) -> None:
        self.groups: dict[str, list[tuple[int, bool, str]]] = {KILLED: [], INJURED: [], HIT: []}
        self.people: list[Person] = []
        # groups of "others", for close(): figure, persons and dead before, category, exact, claim id, bare
        self.others: list[tuple[int, list[Person], int, str, bool, str, bool]] = []

    def person(self, c: Claim, cat: str, late: bool = False, headline: bool = False) -> None:
        text = c.victim_text
        words = desc.tokens(text)
        names = desc.names(text)
        gender = desc.gender(text)
        said_hurt = cat == INJURED and c.trigger.lower() not in BORNE
        kin = desc.kin(text)
        age = desc.age(text)
        side = desc.side(text)
        gen = desc.generation(text)
        mention = (c.sentence, text.lower())
        novel = desc.novel(words) and not self._contrast_within(c, words)
        target = None
        if novel:  # "A second victim ... was treated and released": one phrase read twice is one person
            target = next((p for p in self.people if mention in p.mentions), None)
        if target is None and names:
            target = next((p for p in self.people if p.names & names), None)
        if target is None and age is not None and not novel:  # "a 17-year-old ... Seventeen-year-old X"
            target = next(
                (p for p in reversed(self.people) if age in p.ages and not (names and p.names)), None
            )
        if target is not None:
            pass
        elif names:
            if not novel:  # "a man ... Kevin Barbee": name a nameless person
                fits = [
                    p
                    for p in reversed(self.people)
                    if not p.names and compatible(p, gender, said_hurt, age, side, gen)
                ]
                target = likeliest(fits, cat)
        elif not novel and self.people:
            fits = [p for p in reversed(self.people) if compatible(p, gender, age=age, side=side, gen=gen)]
            apart = kin and said_hurt  # "killing a boy and wounding his father": the father is someone else
            if apart:
                fits = [p for p in fits if status(p) != KILLED or p.kin & kin]
            if kin and any(beside(p, mention) and not p.kin & kin for p in fits):
                # "an ex-officer ... killed his wife": the wife is not the one met beside her
                fits = [p for p in fits if p.kin & kin or not beside(p, mention)]
                apart = True
            target = likeliest(fits, cat)
            last = self.people[-1]
            if (
                target is None
                and words
                and words[0] not in ("a", "an", "one")
                and not apart
                and compatible(last, gender, age=age, side=side, gen=gen)
            ):
                target = last
        if headline and target is not None and other_noun_beside(target, mention):
            target = None  # headline "Man killed, boy injured": two person nouns, two people
        if target is None:
            if late and not novel:
                return  # met only after the lead, not said to be another victim: someone else's story
            introduced = novel or words[:1] in (["a"], ["an"], ["one"])  # "a woman", "another female"
            target = Person(set(), gender, set(), [], introduced=introduced)
            self.people.append(target)
        target.names |= names
        target.gender = target.gender or gender
        target.outcomes.add(cat)
        target.claim_ids.append(c.id)
        target.said_hurt = target.said_hurt or said_hurt
        target.mentions.add(mention)
        target.kin |= kin
        if age is not None:
            target.ages.add(age)
        if side is not None:
            target.sides.add(side)
        if gen is not None:
            target.generations.add(gen)
        k = desc.ordinal(words)
        if k:  # "a fourth person was hurt": four people hit, the dead among them; "the sixth victim died":
            index = words[0] == "the"  # the sixth of the people hit, who may have lived
            self.groups[KILLED if cat == KILLED and not index else HIT].append((k, True, c.id))

    def _contrast_within(self, c: Claim, words: list[str]) -> bool:
        """'a student discharged the weapon and another student was struck', 'one of them was handling a
        firearm when it hit the other juvenile': 'another' sets the victim apart from someone earlier in
        the same sentence who is no victim (no person was met in it), not from the victims before."""
        if words[:1] != ["another"] and words[:2] != ["the", "other"]:
            return False
        if any(sentence == c.sentence for p in self.people for sentence, _ in p.mentions):
            return False
        before = c.sentence[: max(c.sentence.find(c.victim_text), 0)]
        earlier = rf"\b(?:(?:a|an|one) (?:\w+ )?{re.escape(words[-1])}|one of them)\b"  # "a student"
        return re.search(earlier, before, re.IGNORECASE) is not None

    def group(self, c: Claim, cat: str, n: int) -> None:
        """A group figure; a group of *other* people ("two other gunshot victims", "a woman and two
        other men") adds the persons met before it once all are read (``close``); a bare "N others"
        only the dead among them: "wounding three others" may count wounded the report named before."""
        exact = c.count.kind in (CountKind.EXACT, CountKind.ZERO)
        other = [v for v in c.victims if "other" in " ".join(desc.tokens(v.text))]
        if other and (len(c.victims) == 1 or _others_beyond(c, other[0])):
            # "two other gunshot victims" after a double murder are two more; "the other three victims"
            # may be among the four dead
            definite = desc.tokens(other[0].text)[:1] == ["the"]
            dead_before = 0 if definite else best(self.groups[KILLED])[0]
            bare = "other" not in desc.tokens(other[0].text)  # "three others", not "three other men"
            self.others.append((n, list(self.people), dead_before, cat, exact, c.id, bare))
        else:
            self.groups[cat].append((n, exact, c.id))

    def close(self) -> None:
        """Add up the groups of *others* and the persons met before them, as the persons ended up: "one
        victim ... three others with serious injuries ... the victim was found dead" is three injured."""
        for n, before, dead_before, cat, exact, cid, bare in self.others:
            if bare:  # "wounding three others": others than the dead, the wounded named may be among them
                n += sum(1 for p in before if status(p) == KILLED) if cat != INJURED else 0
            elif cat == HIT:  # "a double murder ... two other gunshot victims": the dead are the first hit
                hurt_before = sum(1 for p in before if status(p) == INJURED)
                n += max(len(before), dead_before + hurt_before)
            else:
                n += sum(1 for p in before if status(p) == cat)
            self.groups[cat].append((n, exact, cid))
        self.others = []


def compatible(
    p: Person,
    gender: str | None,
    said_hurt: bool = False,
    age: int | None = None,
    side: str | None = None,
    gen: str | None = None,
) -> bool:
    """Whether a mention can be the person ``p`` again: same gender and age, the same side of a
    shootout (the officer is not the suspect); someone named as hurt ("Sherri Downs was injured") is
    not the nameless person already dead."""
    if said_hurt and status(p) == KILLED:
        return False
    if side is not None and p.sides and side not in p.sides:
        return False
    if gen is not None and p.generations and gen not in p.generations:
        return False  # the father is not the son
    if age is not None and p.ages and age not in p.ages:
        return False
    return gender is None or p.gender in (None, gender)


def likeliest(fits: list[Person], cat: str) -> Person | None:
    """The person (latest first) a mention most likely is again: the dead are said dead again, the hurt
    said hurt again, so one of the same status first."""
    same = [p for p in fits if (status(p) == KILLED) == (cat == KILLED)] if cat != HIT else []
    return (same or fits or [None])[0]


def other_noun_beside(p: Person, mention: tuple[str, str]) -> bool:
    """Whether ``p`` was met in the sentence of ``mention`` as another person noun ('man' and 'boy')."""
    noun = last_word(mention[1])
    others = {last_word(text) for sentence, text in p.mentions if sentence == mention[0]} - {noun}
    return noun in PERSON_NOUNS and any(w in PERSON_NOUNS for w in others)


def last_word(text: str) -> str:
    words = desc.tokens(text)
    return words[-1] if words else ""


def beside(p: Person, mention: tuple[str, str]) -> bool:
    """Whether ``p`` was met in the sentence of ``mention`` under another description."""
    return any(sentence == mention[0] and text != mention[1] for sentence, text in p.mentions)


def status(p: Person) -> str:
    return KILLED if KILLED in p.outcomes else INJURED


def best(groups: list[tuple[int, bool, str]]) -> tuple[int, list[str]]:
    """The largest exact figure, or the largest figure of any kind when none is exact."""
    pool = [g for g in groups if g[1]] or groups
    if not pool:
        return 0, []
    top = max(n for n, _, _ in pool)
    return top, [cid for n, _, cid in pool if n == top]


def _others_beyond(c: Claim, other) -> bool:
    """'shot a woman and two other men': the other men are others than someone before the claim (the
    woman is no man); in 'a boy and six other people' they are others than the boy."""
    kind = desc.gender(other.text)
    if kind is None or desc.tokens(other.text)[:1] == ["the"]:
        return False
    return all(desc.gender(v.text) not in (None, kind) for v in c.victims if v is not other)
