"""What a claim's figure is about: this incident, another incident, or an aggregate in the background.

A report on one event often cites other figures: a senator's "thousands and thousands" of gun
deaths, a city's yearly homicide count, a study's statistics, a worldwide estimate, an earlier event
("the worst flood since 2012, when 124 people died", "a shooting at the same corner last year").
``classify`` gives each claim a scope and the reason, from its sentence and its count:

- ``background``: an aggregate figure: a rate told by a frequency on the claim's verb ("four
  miners were killed every week", marked at extraction: ``RATE``), totals over a year, a country or
  the world, statistics and studies, figures counted in thousands of an open class of people;
- ``other``: a figure about another, earlier event: a past year or date named beside it, "years
  ago", "last year", "earlier this month", "the worst since ...", an earlier or separate shooting;
- ``incident``: everything else.

Only claims about the incident enter its figures (``reconcile``); the others are kept, shown apart
with their scope and reason, and can be queried (``Ledger.claims(scope=...)``, the CLI and the API).
"""

from __future__ import annotations

import re

from tolltrack.config import SETTINGS
from tolltrack.model import Claim, CountKind

INCIDENT, OTHER, BACKGROUND = "incident", "other", "background"
SCOPES = (INCIDENT, OTHER, BACKGROUND)
RATE = "a rate (a figure per day, week, month or year)"  # set at extraction from the parse

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_AGGREGATE = [
    (r"\b(?:thousands|millions|tens of thousands|hundreds of thousands)\s+(?:and\s+\w+\s+)?of\b",
     "a figure in thousands of an open class of people"),
    (r"\b(?:worldwide|globally|around the world|across the (?:world|globe))\b", "a worldwide figure"),
    (r"\b(?:nationwide|nationally|across the (?:country|nation|state|united states))\b", "a national total"),
    # not a bare "so far" or "to date": "40 have died so far" is the incident's own toll, still rising
    (r"\b(?:each|every|per|a) year\b|\bannually\b|\byearly\b|\b(?:this|so far this|last) year\b|"
     r"\byear-to-date\b|\bsince (?:the start of |the beginning of )?(?:january|the year)\b",
     "a yearly or running total"),
    (r"\b(?:stud(?:y|ies)|survey|statistics|researchers?|data (?:show|from|compiled)|per capita|"
     r"rate of|per 100,000|report (?:found|showed|says))\b",
     "a study's or statistics' figure"),
]  # fmt: skip
_OTHER = [
    (r"\b(?:since|in) (?:(?:" + _MONTHS + r")\.? (?:\d{1,2}, )?)?(?:19|20)\d\d\b,? when\b",
     "an earlier event named beside it (a year and 'when')"),
    (r"\b(?:worst|deadliest|largest|biggest)\b[^.]{0,60}\bsince\b",
     "an earlier event the incident is compared with"),
    (r"\b(?:years?|decades?|months?) (?:ago|earlier|before)\b|"
     r"\blast (?:month|summer|winter|spring|fall|autumn)\b|\bearlier this (?:year|month)\b|"
     r"\bback in\b|\bin (?:19|20)\d\d\b",
     "an earlier event (a past year or 'years ago')"),
    (r"\b(?:earlier|previous|prior|separate|unrelated|another) (?:\w+ )?"
     r"(?:shooting|attack|incident|flood|crash|fire|explosion|raid|strike)s?\b",
     "another incident named as such"),
]  # fmt: skip
_AGGREGATE = [(re.compile(p, re.IGNORECASE), why) for p, why in _AGGREGATE]
_OTHER = [(re.compile(p, re.IGNORECASE), why) for p, why in _OTHER]
BIG = SETTINGS.background_vague_at_least  # "thousands" is no single incident's toll


def classify(c: Claim) -> tuple[str, str]:
    """(scope, reason) of one claim."""
    if c.scope_reason == RATE:  # "250,000 die each year": a frequency on the claim's own verb
        return BACKGROUND, RATE
    text = c.sentence
    for pattern, why in _AGGREGATE:
        if pattern.search(text):
            return BACKGROUND, why
    if c.count.kind is CountKind.VAGUE and (c.count.low or 0) >= BIG:
        return BACKGROUND, "a vague count in the thousands"
    for pattern, why in _OTHER:
        if pattern.search(text):
            return OTHER, why
    return INCIDENT, ""


def classify_claims(claims: list[Claim]) -> list[Claim]:
    """Set the scope and reason of every claim (an elaboration, ``refers_to``, takes its claim's);
    returns the claims."""
    by_index = {c.index: c for c in claims}
    for c in claims:
        ref = by_index.get(c.refers_to) if c.refers_to is not None else None
        c.scope, c.scope_reason = (ref.scope, ref.scope_reason) if ref is not None else classify(c)
    return claims
