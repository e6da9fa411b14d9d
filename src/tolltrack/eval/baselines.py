"""The two reference baselines of the GVA evaluation, computed on the same reports as tolltrack.

- constant: every report says "1 killed, 0 injured" (the most common GVA outcome);
- surface: a regex counter that takes the largest number written just before a killed word
  ("3 killed", "two people were found dead", "four men died") and before a wounded word
  ("5 wounded", "two others injured", "three hurt"), 0 when there is none. "a"/"an" count as one
  ("a man was found dead"), up to three words may stand between number and keyword, and the
  title is read with the text.
"""

from __future__ import annotations

import re

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
          "twenty"]  # fmt: skip
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORD_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS | {"a": 1, "an": 1}

_NUM = r"(\d{1,4}|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
_GAP = r"(?:\s+[A-Za-z'-]+){0,3}?\s+"  # up to three words between the number and the keyword
KILLED_RE = re.compile(rf"\b{_NUM}{_GAP}(?:killed|dead|died)\b", re.IGNORECASE)
INJURED_RE = re.compile(rf"\b{_NUM}{_GAP}(?:wounded|injured|hurt)\b", re.IGNORECASE)


def _value(token: str) -> int:
    t = token.lower()
    return int(t) if t.isdigit() else WORD_NUMBERS[t]


def largest(pattern: re.Pattern[str], text: str) -> int:
    """The largest number the pattern finds in the text, 0 when none (years and the like excluded)."""
    values = [_value(m.group(1)) for m in pattern.finditer(text)]
    values = [v for v in values if v < 1000]
    return max(values, default=0)


def surface_counter(title: str, text: str) -> tuple[int, int]:
    """The regex baseline's (killed, injured) for one report."""
    full = f"{title or ''}\n{text}"
    return largest(KILLED_RE, full), largest(INJURED_RE, full)


def constant() -> tuple[int, int]:
    """The constant baseline: 1 killed, 0 injured."""
    return 1, 0
