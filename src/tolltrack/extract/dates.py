"""Dates in reports, resolved against the publication date ("on Sunday", "yesterday", "5 January")."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATEISH = re.compile(
    r"\b("
    + "|".join(WEEKDAYS)
    + r"|yesterday|today|tonight|last night|this morning|(?:"
    + "|".join(MONTHS)
    + r")[a-z]*\.?)(?![a-z])|\d{1,4}[/-]\d{1,2}",
    re.IGNORECASE,
)


def resolve(text: str, published: date | None) -> date | None:
    """A calendar date for a date expression, or None for durations and unknowns."""
    t = text.lower().strip()
    if not _DATEISH.search(t):
        return None
    base = published
    if base is not None:
        if "yesterday" in t or "last night" in t:
            return base - timedelta(days=1)
        if any(w in t for w in ("today", "tonight", "this morning", "this afternoon", "this evening")):
            return base
        for i, day in enumerate(WEEKDAYS):
            if re.search(rf"\b{day}\b", t) and not re.search(r"\d", t):
                # News usage: "on Sunday" is the most recent Sunday on or before publication.
                back = (base.weekday() - i) % 7
                if "last" in t.split() and back == 0:
                    back = 7
                return base - timedelta(days=back)
    return _dateparser(t, base)


@lru_cache(maxsize=2048)
def _dateparser(text: str, base: date | None) -> date | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"], "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    cleaned = re.sub(r"^(on|in|at|since|from|by|last|early|late)\s+", "", text)
    cleaned = re.sub(r"\s+(and|to|-|–)\s+\d{1,2}\b", "", cleaned)  # "5 and 6 January" → "5 January"
    try:
        found = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except Exception:  # dateparser raises a zoo of errors on odd input
        return None
    if found is None:
        return None
    d = found.date()
    if base is not None and d > base + timedelta(days=1) and not re.search(r"\b\d{4}\b", cleaned):
        d = d.replace(year=d.year - 1)  # "5 January" in a report of 20 December: last January
    return d
