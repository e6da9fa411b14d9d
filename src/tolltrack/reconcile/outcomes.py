"""Disjoint outcomes: killed and injured never count the same person.

A "shot" (or "struck", "hit") figure counts the people *hit*, the dead among them: "four people were
shot, one fatally" is one killed and three injured, and a report that says "three men were shot ...
one of them died Sunday" gives one killed and two injured. ``fatal_share`` reads the dead a hit
figure names beside it ("one fatally", "two of them fatally", "one mortally"); ``injured_part`` is
what a hit figure leaves for the injured once the dead the same report states are taken away. A
"casualties" figure (killed or injured, not said which) stays a figure of its own.
"""

from __future__ import annotations

import re

from tolltrack.extract.numbers import parse_number
from tolltrack.model import Claim, Outcome

HIT_TRIGGERS = ("shot", "shoot", "gunshot", "gunfire", "hit", "struck", "strike", "graze")
FATALLY = re.compile(
    r"^[^.;]{0,40}?,?\s*\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?: of them)?\s+"
    r"(?:fatally|mortally)\b",
    re.IGNORECASE,
)


def is_hit(c: Claim) -> bool:
    """Whether an injured claim counts people hit, the dead among them ("four people were shot")."""
    return c.outcome is Outcome.INJURED and c.trigger.lower().startswith(HIT_TRIGGERS)


def fatal_share(c: Claim) -> int | None:
    """The dead a hit figure names right after its trigger: 'were shot, one fatally' → 1."""
    if not is_hit(c) or c.trigger_start < c.start:
        return None
    after = c.sentence[c.trigger_start - c.start + len(c.trigger) :]
    m = FATALLY.match(after)
    return parse_number(m.group(1)) if m else None


def injured_part(value: int | None, dead: int) -> int | None:
    """A hit figure's share of injured once ``dead`` of them are known to have died."""
    return None if value is None else max(value - dead, 0)
