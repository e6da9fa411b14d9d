"""Figures in text: number words, digits and the modifiers around them → Count."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tolltrack.model import Count, CountKind

from .lexicon import ABOUT, AT_LEAST, AT_MOST, MULTIPLIERS, NUMBER_WORDS, VAGUE

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_SPACED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$")
_RANGE = re.compile(r"^(\d+)\s*[-–—]\s*(\d+)$")


def parse_number(text: str) -> int | None:
    """'32' → 32, 'thirty-two' → 32, 'a dozen' → 12, 'two hundred' → 200, '1,200' → 1200."""
    t = text.lower().strip().replace("\u2011", "-")
    if _DIGITS.match(t) or _SPACED.match(t):  # "1,200", "3 500": thousands set apart
        return int(re.sub(r"[,\s]", "", t))
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words:
        return None
    total, current, seen = 0, 0, False
    for w in words:
        if w in ("a", "an"):
            current = current or 1
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
        elif w in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[w]
            if MULTIPLIERS[w] >= 1000:
                total, current = total + current, 0
        elif _DIGITS.match(w):
            current += int(w.replace(",", ""))
        else:
            return None
        seen = True
    return total + current if seen else None


def number_span(tok: Token) -> list[Token]:
    """The tokens of a compound number around ``tok``: 'two hundred', 'thirty - two'."""
    toks = [tok]
    for child in tok.children:
        between = tok.doc[min(child.i, tok.i) + 1 : max(child.i, tok.i)]
        joined = any(t.lower_ in ("-", "–", "—", "to", "or", "and") for t in between)
        if joined and child.text[:1].isdigit():
            continue  # "150-200" is a range, not one number ("thirty-two" is one)
        mixed = child.text[:1].isdigit() != tok.text[:1].isdigit()
        if mixed and child.lower_ not in MULTIPLIERS and tok.lower_ not in MULTIPLIERS:
            continue  # "Image 12 of 30 Two men shot": digits and words never make one number
        if child.dep_ in ("compound", "quantmod", "nummod") and (
            child.like_num or child.lower_ in MULTIPLIERS
        ):
            toks.append(child)
    return sorted(toks, key=lambda t: t.i)


def token_value(tok: Token) -> int | None:
    """The value of a number token with its compound parts."""
    if tok.lower_ in NUMBER_WORDS and tok.lower_ not in ("a", "an", "no"):
        v = NUMBER_WORDS[tok.lower_]
    else:
        v = None
    span = number_span(tok)
    text = " ".join(t.text for t in span)
    val = parse_number(text)
    if val is None:
        val = parse_number(tok.text)
    return val if val is not None else v


_MODIFIERS = (
    AT_LEAST
    | AT_MOST
    | ABOUT
    | {"at", "than", "to", "up", "between", "as", "many", "much", "no", "just", "only"}
)


def _modifier_words(num: Token) -> list[Token]:
    """Words to the left of a number that qualify it: 'at least', 'more than', 'up to', 'nearly'; also
    across the article of 'a dozen', 'a hundred' ('at least a dozen')."""
    doc = num.doc
    start = num.i
    counted = num.lower_ in MULTIPLIERS or num.lower_ == "dozen"
    if start > 1 and counted and doc[start - 1].lower_ in ("a", "an"):
        start -= 1  # "at least a dozen", "as many as a hundred"
    out = []
    i = start - 1
    while i >= 0 and start - i <= 3:
        t = doc[i]
        if t.is_punct or t.like_num or t.lower_ not in _MODIFIERS:
            break
        if t.lower_ == "up" and doc[i + 1].lower_ != "to":
            break  # "rounded up 40 protesters" is 40; "up to 40" is at most 40
        out.append(t)
        i -= 1
    return out[::-1] + ([doc[start]] if out and start < num.i else [])


def count_from_number(num: Token) -> Count:
    """A Count for a number token, reading 'at least' / 'more than' / 'up to' / ranges around it."""
    value = token_value(num)
    span = number_span(num)
    left = _modifier_words(span[0])
    lw = [t.lower_ for t in left if t.lower_ not in ("a", "an")]
    text_tokens = left + span
    # Ranges: "30 to 40", "between 30 and 40", "30-40".
    m = _RANGE.match(num.text)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        return Count(CountKind.RANGE, None, min(lo, hi), max(lo, hi), num.text)
    nxt = num.doc[span[-1].i + 1] if span[-1].i + 1 < len(num.doc) else None
    nxt2 = num.doc[span[-1].i + 2] if span[-1].i + 2 < len(num.doc) else None
    if nxt is not None and nxt2 is not None and nxt.lower_ in ("to", "-", "–", "and", "or") and nxt2.like_num:
        hi = token_value(nxt2)
        if value is not None and hi is not None and hi > value and (nxt.lower_ != "and" or "between" in lw):
            text = " ".join(t.text for t in text_tokens) + f" {nxt.text} {nxt2.text}"
            return Count(CountKind.RANGE, None, value, hi, text.strip())
    prev = num.doc[span[0].i - 1] if span[0].i > 0 else None
    prev2 = num.doc[span[0].i - 2] if span[0].i > 1 else None
    if prev is not None and prev2 is not None and prev.lower_ in ("to", "-", "–", "or") and prev2.like_num:
        lo = token_value(prev2)
        if lo is not None and value is not None and lo < value:
            return Count(CountKind.RANGE, None, lo, value, f"{prev2.text} {prev.text} {num.text}")
    fraction, part = _fraction_before(span[0])
    if fraction is not None and value is not None:  # "a quarter of a million", "half a million"
        value = round(value * fraction)
        left = _modifier_words(part[0])
        lw = [t.lower_ for t in left if t.lower_ not in ("a", "an")]
        text_tokens = left + part + span
    text = " ".join(t.text for t in text_tokens if t.lower_ not in ("the", "of", "were", "was")).strip()
    if value is None:
        return Count(CountKind.UNQUANTIFIED, None, None, None, num.text)
    if value == 0:
        return Count(CountKind.ZERO, 0, 0, 0, text)
    strict = "than" in lw  # "more than 40" asserts 41 or more
    if set(lw) & AT_LEAST or (num.doc[span[-1].i + 1].lower_ in ("plus", "+") if nxt is not None else False):
        low = value + 1 if strict else value
        return Count(CountKind.AT_LEAST, value, low, None, text)
    if set(lw) & AT_MOST or lw[-3:] in (
        ["as", "many", "as"],
        ["as", "much", "as"],
    ):  # "up to 12", "as many as six"
        high = value - 1 if strict else value
        return Count(CountKind.AT_MOST, value, None, high, text)
    if set(lw) & ABOUT:
        return Count(CountKind.ABOUT, value, None, None, text)
    return Count(CountKind.EXACT, value, value, value, num.text if len(span) == 1 else text)


FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "quarters": 0.75}


def _fraction_before(first: Token) -> tuple[float | None, list[Token]]:
    """'half a million', 'a quarter of a million', 'three quarters of a million' before a multiplier."""
    if first.lower_ not in MULTIPLIERS:
        return None, []
    doc, i = first.doc, first.i - 1
    if i >= 0 and doc[i].lower_ in ("a", "an"):
        i -= 1
    if i >= 0 and doc[i].lower_ == "of":
        i -= 1
    if i < 0 or doc[i].lower_ not in FRACTIONS:
        return None, []
    frac = FRACTIONS[doc[i].lower_]
    if doc[i].lower_ == "quarters" and not (i > 0 and doc[i - 1].lower_ == "three"):
        return None, []
    start = i - 1 if i > 0 and doc[i - 1].lower_ in ("a", "an", "three") else i
    return frac, list(doc[start : first.i])


def vague_count(word: Token) -> Count | None:
    """'dozens', 'scores', 'many', 'several' → a vague Count with the low bound it implies."""
    w = word.lower_
    if w in VAGUE:
        low = VAGUE[w]
        kind = CountKind.UNQUANTIFIED if w in ("lot", "lots") else CountKind.VAGUE
        text = word.text
        if w in ("lot", "lots"):
            text = f"a {w}" if word.i > 0 and word.doc[word.i - 1].lower_ == "a" else w
        return Count(kind, None, low, None, text)
    return None
