"""Quotation marks in a text and what each does, without spaCy (the prefilter reads them too):
curly and straight double marks, and single curly marks where they cannot be apostrophes."""

from __future__ import annotations

OPEN, CLOSE = "“", "”"
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
BEFORE_OPENING = "([—–-“\""
ENDING_PUNCT = ".,!?;:…"


def marks(s: str) -> list[tuple[int, str]]:
    """The quotation marks of ``s`` with what each does: 'open', 'close' or 'toggle' (a straight
    double quote). Single marks count where they cannot be apostrophes: '‘' after a space or at the
    start, '’' after the quotation's last punctuation, or ending a quotation opened in ``s``
    (the ’ of "the unions’ rights" is neither)."""
    found, single = [], False
    for k, ch in enumerate(s):
        if ch == OPEN:
            found.append((k, "open"))
        elif ch == CLOSE:
            found.append((k, "close"))
        elif ch == '"':
            found.append((k, "toggle"))
        elif ch == SINGLE_OPEN and (k == 0 or s[k - 1].isspace() or s[k - 1] in BEFORE_OPENING):
            single = True
            found.append((k, "open"))
        elif ch == SINGLE_CLOSE and k and _closes(s, k, single):
            single = False
            found.append((k, "close"))
    return found


def _closes(s: str, k: int, single: bool) -> bool:
    return s[k - 1] in ENDING_PUNCT or (single and not s[k + 1 : k + 2].isalnum())


def after(inside: bool, effect: str) -> bool:
    """Inside a quotation after a mark with this effect."""
    return effect == "open" or (effect == "toggle" and not inside)
