"""Scores for the evaluation: exact match, mean absolute error, count buckets and B-cubed grouping."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

BUCKETS = ("0", "1", "2", "3–5", "6+")


def bucket(n: int) -> str:
    """The count bucket a figure falls in: 0, 1, 2, 3–5 or 6+."""
    if n <= 2:
        return BUCKETS[max(n, 0)]
    return BUCKETS[3] if n <= 5 else BUCKETS[4]


def exact_match(gold: Sequence[int], pred: Sequence[int]) -> float:
    """Share of items whose predicted figure equals the gold one."""
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)


def both_match(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> float:
    """Share of items whose (killed, injured) pair is right on both counts."""
    return exact_match([tuple(g) for g in gold], [tuple(p) for p in pred])  # type: ignore[misc]


def mean_abs_error(gold: Sequence[int], pred: Sequence[int]) -> float:
    if not gold:
        return 0.0
    return sum(abs(g - p) for g, p in zip(gold, pred, strict=True)) / len(gold)


def confusion(gold: Sequence[int], pred: Sequence[int]) -> dict[str, dict[str, int]]:
    """gold bucket → predicted bucket → number of items."""
    table = {g: dict.fromkeys(BUCKETS, 0) for g in BUCKETS}
    for g, p in zip(gold, pred, strict=True):
        table[bucket(g)][bucket(p)] += 1
    return table


def bcubed(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` (item → cluster) against ``gold``.

    For each item, precision is the share of its predicted cluster that shares its gold cluster and
    recall the share of its gold cluster that shares its predicted cluster; both are averaged over
    items. Only items present in both mappings are scored.
    """
    items = [i for i in gold if i in pred]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "items": 0}
    by_gold: dict[Hashable, set] = defaultdict(set)
    by_pred: dict[Hashable, set] = defaultdict(set)
    for i in items:
        by_gold[gold[i]].add(i)
        by_pred[pred[i]].add(i)
    p_sum = r_sum = 0.0
    for i in items:
        g, p = by_gold[gold[i]], by_pred[pred[i]]
        both = len(g & p)
        p_sum += both / len(p)
        r_sum += both / len(g)
    precision, recall = p_sum / len(items), r_sum / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "items": len(items)}


ERROR_CATEGORIES = (
    "no casualty claim found",
    "no casualty claim found (text under 60 words)",
    "victims missed (under-count)",
    "too many (other incidents, a person counted twice)",
    "right number of victims, wrong killed/injured split",
    "over on one figure, under on the other",
)


def error_category(gold: tuple[int, int], pred: tuple[int, int], has_claims: bool, words: int) -> str | None:
    """Why a report's (killed, injured) prediction is wrong, in one of ``ERROR_CATEGORIES``; None if right."""
    if tuple(gold) == tuple(pred):
        return None
    if not has_claims:
        return ERROR_CATEGORIES[1] if words < 60 else ERROR_CATEGORIES[0]
    (gk, gi), (pk, pi) = gold, pred
    if pk + pi == gk + gi:
        return ERROR_CATEGORIES[4]
    over, under = pk > gk or pi > gi, pk < gk or pi < gi
    if over and under:
        return ERROR_CATEGORIES[5]
    return ERROR_CATEGORIES[3] if over else ERROR_CATEGORIES[2]
