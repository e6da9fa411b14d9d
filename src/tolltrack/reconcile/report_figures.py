"""One killed and one injured figure per report, from the extractor's claims (GVA semantics).

The Gun Violence Archive counts, per incident, the people killed and the people injured, where
"injured" excludes the killed and both include suspects shot by police. A report states these
figures many times over and in many shapes: "four people were shot, one fatally", "a man was
killed ... another man was wounded ... two others were taken to hospital", "he was pronounced dead".
``report_figures`` turns the claims of one report into the two numbers:

1. Only killed, injured and casualty claims count. A "shot" (or a casualty) is a *hit*: the person
   may have died, so hits stand for killed + injured together.
2. Group claims ("four people", "two others") give a figure each; repeated mentions of the same
   group are not added up: the largest figure of a category wins, exact figures before vague ones.
   A group of *other* people ("two other gunshot victims", "a woman and two other men") adds the
   single persons met before it; a bare "six others were hurt" is a figure of its own.
3. Single persons ("a man", "Kevin Barbee", "he") are tracked as individuals (``person_tally``): a
   name seen before, a pronoun or a description without a novelty word is the same person again;
   "another man", "a second victim" or a new name is a new one. A person who was hit and later died is killed.
   An ordinal ("a fifth person was shot") says at least that many were hit. A relative ("killing a
   boy and wounding his father", "he killed his wife") is not the person the sentence names beside
   them; "three wounded, including one who died" counts the dead among the wounded.
4. killed = max(killed groups, killed persons); injured = max(injured groups, injured persons,
   hits - killed), where an exact number of people hit caps the wounded persons at hits - killed, and
   a person only said to bear a wound or to have been shot, met as someone already known ("the man"),
   may be one of the dead a group figure counts without naming them.
5. What is about other incidents is set aside: yearly tolls and earlier events ("the city's 40th
   homicide this year", "years ago"; only when the report also reports something current), claims set
   in another state or country than the report's lead, counts of wounds ("25 stab wounds"), and single
   persons first met after the report's first three casualty claims unless they are marked as new
   ("another man"). The headline's claims are read first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tolltrack.config import SETTINGS
from tolltrack.extract import descriptions as desc
from tolltrack.extract.lexicon import PERSON_NOUNS
from tolltrack.extract.numbers import parse_number
from tolltrack.geo.places import resolve_place
from tolltrack.model import Claim, CountKind, Document, Outcome

from .outcomes import fatal_share
from .person_tally import BORNE, HIT, INJURED, KILLED, Tally, best, status

HIT_TRIGGERS = ("shot", "shoot", "gunshot", "gunfire", "hit", "struck", "strike", "graze")


@dataclass
class ReportFigures:
    killed: int
    injured: int
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (claim id, why it counted)

    def to_dict(self) -> dict:
        return {"killed": self.killed, "injured": self.injured, "evidence": [list(e) for e in self.evidence]}


def category(c: Claim) -> str | None:
    """killed, injured (wounded, hurt, hospitalised) or hit (shot, casualties); None for others."""
    if c.outcome is Outcome.KILLED:
        return KILLED
    if c.outcome is Outcome.CASUALTIES:
        return HIT
    if c.outcome is Outcome.INJURED:
        return HIT if c.trigger.lower().startswith(HIT_TRIGGERS) else INJURED
    return None


def figure(c: Claim) -> int | None:
    """The number of people a claim counts, None when it gives none."""
    n = c.count
    k = n.kind
    if k is CountKind.ZERO:
        return 0
    if k in (CountKind.EXACT, CountKind.ABOUT):
        return n.value
    if k is CountKind.AT_LEAST:
        return n.low if n.low is not None else n.value
    if k is CountKind.AT_MOST:
        return n.high if n.high is not None else n.value
    if k is CountKind.RANGE:
        return n.low
    if k is CountKind.VAGUE:
        return n.low
    if k is CountKind.UNQUANTIFIED:
        return 1 if _singular(c) or c.trigger.lower() in FATAL_EVENT_WORDS else None
    return None


def _singular(c: Claim) -> bool:
    if len(c.victims) != 1:
        return False
    v = c.victims[0]
    words = desc.tokens(v.text or v.head)
    if not words:
        return False
    if words[0] in ("a", "an", "another", "one") or words[-1] in desc.PRONOUNS - {"they", "them", "it"}:
        return True
    if words[0] in PERSON_NOUNS and desc.age(v.text) is not None:  # headline "Boy, 14, fatally shot"
        return True
    return bool(desc.names(v.text)) and not v.head.endswith("s")


LEAD_CLAIMS = SETTINGS.lead_claims  # a report names its victims in its first casualty claims
FATAL_EVENT_WORDS = {"fatal", "deadly", "fatally"}  # "a fatal shooting": at least one killed
WOUND_HEADS = {"wound", "injury", "gunshot", "shot", "trauma", "laceration", "bullet"}
COUNT_WORD = re.compile(r"\s*(?:\d|(?:an?|the|one|two|three|four|five|six|several|his|her)\b)", re.I)


AGE = re.compile(r"\b(?:year|month|week)s?[- ]old\b", re.IGNORECASE)


def _wounds(c: Claim) -> bool:
    """Whether a claim counts wounds, not people ("25 stab wounds", "two exit wounds"); an age before
    the word ("17-year-old shot, killed") makes it a person."""

    def head(v) -> str:  # "multiple wounds": a vague count of wounds has no person for its head
        bare = v.head == "people" and not v.text.endswith("shot")  # not "4 shot"
        words = desc.tokens(v.text) if bare else []
        return (words[-1] if words else v.head.lower()).removesuffix("s")

    return all(head(v) in WOUND_HEADS and AGE.search(v.text) is None for v in c.victims)


def borne(c: Claim) -> bool:
    """Whether a claim counts people bearing wounds ("two men with gunshot wounds", "suffering from
    injuries"), which says nothing of whether they lived, rather than the verb ("wounds two")."""
    if c.trigger.lower() not in BORNE:
        return False
    after = c.sentence[c.trigger_start - c.start + len(c.trigger) :]
    return COUNT_WORD.match(after) is None


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
BACKGROUND = re.compile(
    r"\b(?:(?:this|last|past|previous|that|each|every|per|a|the) (?:calendar |fiscal )?year|so far|to date|"
    r"as of|in (?:" + _MONTHS + r")\.? (?:\d{1,2}, )?(?:19|20)\d\d|"
    r"(?:a|one|two|three|several|few) (?:weeks?|months?) (?:after|before|earlier|ago)|"
    r"since (?:the start of |the beginning of )?(?:\d{4}|" + _MONTHS + r")|in (?:19|20)\d\d|"
    r"years? (?:ago|earlier|before|prior)|months? (?:ago|earlier|before|prior)|"
    r"in the (?:past|last) (?:\w+ ){0,2}(?:years|months|weeks|decades?)|back in|"
    r"homicides|statistics|year-to-date|(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth) "
    r"(?:homicide|murder|killing|shooting|slaying|fatal)s?\b(?: \w+)? (?:of|this|in|so)|"
    r"nationwide|across the (?:country|nation|state|city))",
    re.IGNORECASE,
)


STATISTICS = re.compile(
    r"\b(?:in (?:19|20)\d\d|statistics|stats|nationwide|across the (?:country|nation)|per year|annually|"
    r"each year|every year|according to (?:the )?(?:data|figures|records))\b",
    re.IGNORECASE,
)


def statistic(c: Claim) -> bool:
    """A figure from statistics or another year ('in 2014, 21,022 occupants were killed in crashes'):
    never the report's incident."""
    return STATISTICS.search(c.sentence) is not None


def background(c: Claim) -> bool:
    """A figure about other events: yearly tolls, earlier incidents, statistics ('the city's 40th
    homicide this year', 'in 2014 a man was killed', 'years ago')."""
    return BACKGROUND.search(c.sentence) is not None


def region(c: Claim) -> str | None:
    """The state (in the US) or country where a claim's event happened, when its place is known."""
    if not c.event.place:
        return None
    hit = resolve_place(c.event.place, c.event.country)
    if hit is None:
        return None
    place, country = hit
    if country == "United States" and ", " in place:
        return place.rsplit(", ", 1)[1]
    return place if country == "United States" else country


def elsewhere(claims: list[Claim]) -> set[str]:
    """Ids of claims about events in another state or country than the report's main one, which the
    headline and the first claims name ('hours before three officers were shot dead in Baton Rouge')."""
    regions = [(c, region(c)) for c in claims]
    lead = [r for _, r in regions if r][:3]
    if not lead:
        return set()
    main = Counter(lead).most_common(1)[0][0]
    return {c.id for c, r in regions if r and r != main}


@dataclass
class Reading:
    """What the rules read in one report: the claims (headline first), the ones set aside as about
    another place, the ones the tally read, the tally itself and the figures the rules chose from it.
    ``parts`` holds the figures the choice weighed: the best killed, injured and hit group figures
    ("group_killed", ...), the single persons dead and hurt ("persons_killed", "persons_injured")."""

    claims: list[Claim]
    headline_ids: set[str]
    away: set[str]
    read: list[Claim]
    tally: Tally
    parts: dict[str, int]
    figures: ReportFigures
    text: str = ""  # the report's title and text
    # the rules' (killed, injured) of the other reports linked into the same incident, when known
    peers: list[tuple[int, int]] = field(default_factory=list)
    # the selector's choices for this reading, by selector and peers (``toll_vote``), shared by its copies
    chosen: dict = field(default_factory=dict, compare=False, repr=False)


_DAY = r"(?:early |late )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
SEPARATE = re.compile(  # a round-up: "in separate shootings", "were shot from Friday to early Monday"
    r"\b(?:separate|unrelated|different) (?:\w+ )?(?:shootings|incidents|attacks)\b|"
    rf"\bfrom {_DAY}\b.{{0,40}}\b(?:to|through|until) {_DAY}|\bbetween {_DAY}\b.{{0,30}}\band {_DAY}|"
    r"\bin (?!(?:the|a|an|this|that|two|three|early|late|\d+)\b)(?:(?!of\b)[\w-]+ ){1,2}shootings\b|"
    r"\b\d+-hour (?:span|period)\b|\bviolent (?:night|weekend|day|stretch|24 hours)\b|"
    r"\bcitywide\b|\bacross the city\b|\bone of \d+ shootings\b",
    re.IGNORECASE,
)
PARTITIVE = re.compile(r"^(?:one|two|three|four|five|\d+|some|several|each) of\b")
INCLUDING = re.compile(r"\b(?:including|among them|of whom)\b", re.IGNORECASE)


WHOLE = re.compile(r"^(?:one|two|three|\d+) of (?:the )?(\w+)\b")


def _whole(c: Claim) -> int | None:
    """The group a death claim picks its dead from: 'one of two girls' → 2."""
    m = WHOLE.match(" ".join(desc.tokens(c.victim_text)))
    n = parse_number(m.group(1)) if m else None
    return n if n is not None and n > 1 else None


def _among(c: Claim) -> bool:
    """Whether a death claim picks its dead out of a group named beside it: 'one of the four women',
    'including one who died', 'one of whom died'."""
    text = " ".join(desc.tokens(c.victim_text))
    if PARTITIVE.match(text):
        return True
    return text in ("who", "whom", "one") and INCLUDING.search(c.sentence) is not None


def report_figures(doc: Document, claims: list[Claim], headline: list[Claim] = ()) -> ReportFigures:
    """The killed and injured figures of the incident a report is about. ``headline`` holds the claims
    of the report's title, read first: a headline names the incident's toll and its main victim."""
    return read_report(doc, claims, headline).figures


def read_report(doc: Document, claims: list[Claim], headline: list[Claim] = ()) -> Reading:
    """The rules' reading of a report (see ``report_figures``), with the intermediate figures."""
    tally = Tally()
    every = [*headline, *claims]
    # "Both men died from their injuries": the wounds of the dead are not more injured people.
    # (not a bare number: "2 dead, 2 injured" are four people)
    dead = {
        (c.doc_id, c.start, c.victim_text)
        for c in every
        if c.outcome is Outcome.KILLED and not c.victim_text.strip().isdigit()
    }
    away = elsewhere([c for c in every if category(c) is not None])
    counted = [
        c
        for c in every
        if category(c) is not None
        and c.id not in away
        and not (c.outcome is Outcome.INJURED and (c.doc_id, c.start, c.victim_text) in dead)
    ]
    counted = [c for c in counted if not statistic(c)]
    current = [c for c in counted if not background(c)]
    # A court story a year on ("a gunfight last year left a bystander dead") is about its incident:
    # background claims are set aside only when the report also reports something current.
    # "Three people were wounded, including one who died": the wounded figure counts the dead too
    among = {c.sentence for c in every if c.outcome is Outcome.KILLED and _among(c)}
    # "One of two girls shot Wednesday has died": a group of two wounded counts her too
    wholes = {n for c in every if c.outcome is Outcome.KILLED and (n := _whole(c)) is not None}
    seen = 0  # casualty claims read so far that name victims
    heads = {c.id for c in headline}
    skipped: set[str] = set()  # wounds and round-ups: read, but no incident's toll
    for c in current or counted:
        if _wounds(c):
            skipped.add(c.id)
            continue  # "25 stab wounds", "two exit wounds": wounds counted, not people
        cat = category(c)
        n = figure(c)
        if n is None:
            continue
        if n > 1 and SEPARATE.search(c.sentence):
            skipped.add(c.id)
            continue  # "two men shot to death in separate incidents": a round-up, not one incident's toll
        unborn = sum(1 for v in c.victims if "unborn" in v.text.lower())  # GVA counts the born
        if unborn and n <= unborn:
            continue
        n -= unborn
        if cat == INJURED and n > 1 and (c.sentence in among or n in wholes):
            cat = HIT
        if cat == INJURED and n > 1 and borne(c):
            cat = HIT  # "found six people with gunshot wounds": the dead among them
        share = fatal_share(c) if cat == HIT else None
        if share:  # "four people were shot, one fatally": one of the four hit is dead
            tally.groups[KILLED].append((share, c.count.kind is CountKind.EXACT, c.id))
        if c.trigger.lower() in FATAL_EVENT_WORDS:  # "a fatal shooting": at least one killed, nobody named
            tally.groups[cat].append((n, False, c.id))
            continue
        if n == 1 and c.count.kind in (CountKind.EXACT, CountKind.UNQUANTIFIED):
            tally.person(c, cat, late=seen >= LEAD_CLAIMS, headline=c.id in heads)
        else:
            tally.group(c, cat, n)
        seen += 1
    evidence: list[tuple[str, str]] = []
    tally.close()
    gk, gk_ids = best(tally.groups[KILLED])
    dead = [p for p in tally.people if status(p) == KILLED]
    hurt = [p for p in tally.people if status(p) == INJURED]
    if gk >= len(dead):
        killed = gk
        evidence += [(cid, f"killed: group figure {gk}") for cid in gk_ids]
    else:
        killed = len(dead)
        evidence += [(p.claim_ids[0], "killed: one person") for p in dead]
    gi, gi_ids = best(tally.groups[INJURED])
    gh, gh_ids = best(tally.groups[HIT])
    unnamed_dead = killed - len(dead) if not any(exact for _, exact, _ in tally.groups[KILLED]) else 0
    if unnamed_dead > 0:  # "a deadly shooting ... found a teen suffering from a gunshot wound": the dead
        hurt = hurt[unnamed_dead:]
    elif killed > len(dead):  # "two children and an adult male dead ... the man had a gunshot wound"
        unsure = [p for p in hurt if not (p.said_hurt or p.introduced or p.names)][: killed - len(dead)]
        hurt = [p for p in hurt if all(p is not u for u in unsure)]
    if any(exact for _, exact, _ in tally.groups[HIT]) and gh > killed and gi <= gh - killed < len(hurt):
        # "four people shot, three dead ... a fourth person ... the surviving fourth victim": the wounded
        # named one by one are among the four
        hurt = hurt[: gh - killed]
    options = [
        (gi, [(cid, f"injured: group figure {gi}") for cid in gi_ids]),
        (len(hurt), [(p.claim_ids[0], "injured: one person") for p in hurt]),
        (gh - killed, [(cid, f"injured: {gh} shot minus {killed} killed") for cid in gh_ids]),
    ]
    injured, why = max(options, key=lambda o: o[0])
    if injured > 0:
        evidence += why
    parts = {
        "group_killed": gk,
        "persons_killed": len(dead),
        "group_injured": gi,
        "persons_injured": len(hurt),
        "group_hit": gh,
    }
    figures = ReportFigures(killed=killed, injured=max(injured, 0), evidence=evidence)
    text = f"{doc.title or ''}\n{doc.text}"
    read = [c for c in current or counted if c.id not in skipped]
    return Reading(every, {c.id for c in headline}, away, read, tally, parts, figures, text)
