"""Matching predicted claims to hand-annotated gold claims (the rule of ../shared/hrd/README.md).

A predicted claim matches a gold claim when its span overlaps the gold sentence, the outcomes agree
(``casualties`` on either side accepts any outcome) and every number of the gold claim is among the
predicted count's numbers (a gold claim without numbers wants a prediction without numbers, a gold
``zero`` a predicted zero). Each gold and each predicted claim is matched at most once; the pairing
is a maximum matching, preferring pairs whose claimants agree. Unmatched predictions in the title
line are not false (gold folds the title into the body); on a ``none`` article, with no gold,
every other prediction is false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REPORT_ITSELF = "the report itself"
NUMBERLESS = ("vague", "unquantified")


@dataclass
class Gold:
    outcome: str
    count_kind: str
    low: int | None
    high: int | None
    claimant: str
    start: int
    end: int
    victims: str = ""


@dataclass
class Pred:
    outcome: str
    count_kind: str
    numbers: frozenset[int]  # every figure the count gives (value, low, high)
    claimant: str | None  # innermost named source; None: the report's own claim
    start: int
    end: int
    sentence: str = ""
    count_text: str = ""


@dataclass
class Result:
    matches: list[tuple[int, int]] = field(default_factory=list)  # (gold index, pred index)
    misses: list[int] = field(default_factory=list)  # gold indexes
    extras: list[int] = field(default_factory=list)  # pred indexes counted false
    spared: list[int] = field(default_factory=list)  # unmatched title-line predictions, not counted


def outcome_agrees(gold: str, pred: str) -> bool:
    return gold == pred or "casualties" in (gold, pred)


def numbers_agree(g: Gold, p: Pred) -> bool:
    if g.count_kind == "zero":
        return p.count_kind == "zero"
    if g.count_kind in NUMBERLESS:
        return p.count_kind in NUMBERLESS
    if p.count_kind == "zero":
        return False
    wanted = {n for n in (g.low, g.high) if n is not None}
    return bool(wanted) and wanted <= p.numbers


def matches(g: Gold, p: Pred) -> bool:
    return (
        p.start < g.end and g.start < p.end and outcome_agrees(g.outcome, p.outcome) and numbers_agree(g, p)
    )


_STOP = frozenset(
    {
        *("a", "an", "the", "of", "in", "at", "on", "for", "to", "from", "and", "or", "by", "with"),
        *("its", "his", "her", "their", "our", "who", "which", "that", "this"),
        *("said", "says", "told", "itself", "report"),
    }
)
_WORD = re.compile(r"[a-z0-9]+")


def distinctive_words(name: str) -> set[str]:
    """Lower-cased words without function words, plural 's' dropped ('officials' ~ 'official')."""
    words = set()
    for w in _WORD.findall(name.lower().replace("'s", "")):
        if w in _STOP:
            continue
        words.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return words


def claimant_agrees(gold: str, pred: str | None) -> bool:
    """The gold claimant against the innermost source of a prediction: the report's own claim wants
    no attribution; a named claimant wants a shared distinctive word."""
    if gold.strip().lower() == REPORT_ITSELF:
        return pred is None
    if pred is None:
        return False
    return bool(distinctive_words(gold) & distinctive_words(pred))


def match_article(gold: list[Gold], preds: list[Pred], title_end: int) -> Result:
    """Pair the gold and predicted claims of one article (``title_end``: where the title line ends)."""
    cands = {
        i: sorted(
            (j for j, p in enumerate(preds) if matches(g, p)),
            key=lambda j: (not claimant_agrees(g.claimant, preds[j].claimant), abs(preds[j].start - g.start)),
        )
        for i, g in enumerate(gold)
    }
    owner: dict[int, int] = {}  # pred index → gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in cands[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    res = Result()
    res.matches = sorted((i, j) for j, i in owner.items())
    matched_gold = set(owner.values())
    res.misses = [i for i in range(len(gold)) if i not in matched_gold]
    for j, p in enumerate(preds):
        if j in owner:
            continue
        (res.spared if p.start < title_end else res.extras).append(j)
    return res
