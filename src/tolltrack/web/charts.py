"""Chart geometry for the incident page: scales, labels and the low–best–high range chart (the
timeline is in charts_timeline.py).

Only numbers and text are computed here; templates/_charts.html draws them as inline SVG (with
Jinja's autoescape, so claimant names from reports stay text).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from tolltrack.model import Claim, CountKind, Figure
from tolltrack.reconcile.ranges import count_numbers

WIDTH = 760
LEFT = 240  # room for the row titles
RIGHT = 24
CHAR_W = 6.3  # average width of an 11px label character
LINE_H = 18


def nice_ticks(top: float, count: int = 5) -> list[int]:
    """Round tick values from 0 to at least ``top``."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = max(1, int(next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)))
    return [i * step for i in range(math.ceil(top / step) + 1)]


@dataclass
class Scale:
    lo: float
    hi: float
    start: float
    end: float
    log: bool = False  # log10(1 + v): a value that dwarfs the rest leaves them room

    def _t(self, v: float) -> float:
        return math.log10(1 + max(v, 0)) if self.log else v

    def __call__(self, v: float) -> float:
        span = (self._t(self.hi) - self._t(self.lo)) or 1
        return round(self.start + (self._t(v) - self._t(self.lo)) / span * (self.end - self.start), 1)


OUTLIER_RATIO = 20  # a largest value this many times the median of the others calls for a log axis


def needs_log(values: list[int]) -> bool:
    """Whether one value dwarfs the rest: the largest over the median of the others (all above 0)."""
    positive = sorted(v for v in values if v > 0)
    if len(positive) < 2:
        return False
    return positive[-1] > OUTLIER_RATIO * positive[(len(positive) - 1) // 2]


def log_ticks(top: float) -> list[int]:
    """0, 1, 10, 100... up to at least ``top``."""
    ticks, t = [0, 1], 1
    while t < top:
        t *= 10
        ticks.append(t)
    return ticks


def fit(text: str, width: float, char_w: float = CHAR_W) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels."""
    most = max(1, int(width / char_w))
    return text if len(text) <= most else text[: most - 1] + "…"


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


def place_label(
    x: float,
    y: float,
    text: str,
    right_edge: float,
    gap: float = 7,
    left_edge: float = 0,
    prefer: str = "right",
) -> Label:
    """A label right of the point, or left of it when it would run past the right edge (``prefer``
    "left": left of it unless it would run past the left edge)."""
    width = len(text) * CHAR_W
    fits_right, fits_left = x + gap + width <= right_edge, x - gap - width >= left_edge
    if (prefer == "left" and fits_left) or not fits_right:
        return Label(x - gap, y, text, "end")
    return Label(x + gap, y, text, "start")


# --------------------------------------------------------------------------- range chart


@dataclass
class Mark:
    """One claim on a range row: a point, an optional span (range, open bound) and its label."""

    x: float
    y: float
    label: Label
    href: str
    title: str
    span: tuple[float, float] | None = None
    open_span: bool = False  # an open bound ("at least", "up to"), drawn dashed


@dataclass
class RangeRow:
    top: float
    height: float
    title: str
    full_title: str
    numbers: str
    bar: tuple[float, float] | None
    best: float | None
    bar_y: float
    marks: list[Mark] = field(default_factory=list)
    unquantified: int = 0


@dataclass
class RangeChart:
    width: int
    height: float
    rows: list[RangeRow]
    ticks: list[tuple[float, int]]
    axis_y: float
    left: float
    right: float
    log: bool = False
    without_numbers: list[str] = field(default_factory=list)  # figures with no number to draw


def _num(v: int | None) -> str:
    return "–" if v is None else str(v)


def range_chart(
    figures: Iterable[Figure],
    claims: Mapping[str, Claim],
    claimant: Callable[[Claim], str],
    href: Callable[[Claim], str],
) -> RangeChart | None:
    """One row per figure (victim group and outcome) that has a number: the low–high bar, the best
    tick, every claim. None when no figure has one. The axis is logarithmic when one value dwarfs
    the others, so that they are not squashed against zero."""
    values, per_fig, without = [], [], []
    for f in figures:
        cl = [claims[i] for i in f.claim_ids if i in claims]
        nums = [(c, count_numbers(c.count)) for c in cl]
        own = [v for v in (f.low, f.best, f.high) if v is not None]
        own += [v for _, n in nums for v in n if v is not None]
        if not own:
            without.append(f"{f.group} · {f.outcome.value}")
            continue
        per_fig.append((f, nums))
        values += own
    if not per_fig:
        return None
    log = needs_log(values)
    ticks = log_ticks(max(values)) if log else nice_ticks(max(values))
    x = Scale(0, ticks[-1], LEFT, WIDTH - RIGHT, log)
    rows, y = [], 10.0
    for f, nums in per_fig:
        shown = [(c, n) for c, n in nums if any(v is not None for v in n)]
        height = 26 + LINE_H * len(shown)
        bar = (x(f.low if f.low is not None else 0), x(f.high)) if f.high is not None else None
        title = f"{f.group} · {f.outcome.value}"
        row = RangeRow(
            top=y,
            height=height,
            title=fit(title, LEFT - 16, 7.4),
            full_title=title,
            numbers=f"low {_num(f.low)} · best {_num(f.best)} · high {_num(f.high)}",
            bar=bar,
            best=x(f.best) if f.best is not None else None,
            bar_y=y + 14,
            unquantified=len(nums) - len(shown),
        )
        for k, (c, (lo, hi, point)) in enumerate(shown):
            my = y + 30 + LINE_H * k
            value = next(v for v in (point, lo, hi) if v is not None)
            who = claimant(c)
            rightward = c.count.kind in (CountKind.AT_LEAST, CountKind.VAGUE) and lo is not None
            label = place_label(x(value), my + 4, fit(f"{who}: {c.count}", WIDTH - LEFT), WIDTH,
                                left_edge=LEFT, prefer="left" if rightward else "right")  # fmt: skip
            mark = Mark(x(value), my, label, href(c), f"{who}: {c.count} ({c.count.kind.value})")
            if c.count.kind is CountKind.RANGE and lo is not None and hi is not None:
                mark.span = (x(lo), x(hi))
            elif rightward:
                mark.span, mark.open_span = (x(lo), x(ticks[-1])), True
            elif c.count.kind is CountKind.AT_MOST and hi is not None:
                mark.span, mark.open_span = (x(0), x(hi)), True
            _clear_of_label(mark)
            row.marks.append(mark)
        rows.append(row)
        y += height + 8
    ticks_at = [(x(t), t) for t in ticks]
    return RangeChart(WIDTH, y + 30, rows, ticks_at, y + 4, LEFT, WIDTH - RIGHT, log, without)


def _clear_of_label(mark: Mark) -> None:
    """Shorten a span so that it stops short of its own label instead of running through it."""
    if mark.span is None:
        return
    width = len(mark.label.text) * CHAR_W + 4
    a, b = mark.span
    if mark.label.anchor == "start":  # the label runs right from the point
        lo, hi = mark.label.x - 2, mark.label.x + width
    else:
        lo, hi = mark.label.x - width, mark.label.x + 2
    if a < hi and lo < b:  # overlap: keep the longer piece, before or after the label
        before, after = (a, min(b, lo)), (max(a, hi), b)
        mark.span = max(before, after, key=lambda s: s[1] - s[0])
        if mark.span[1] - mark.span[0] < 1:
            mark.span = None
