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
from tolltrack.reconcile import count_numbers

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

    def __call__(self, v: float) -> float:
        span = (self.hi - self.lo) or 1
        return round(self.start + (v - self.lo) / span * (self.end - self.start), 1)


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


def place_label(x: float, y: float, text: str, right_edge: float, gap: float = 7) -> Label:
    """A label right of the point, or left of it when it would run past the right edge."""
    if x + gap + len(text) * CHAR_W <= right_edge:
        return Label(x + gap, y, text, "start")
    return Label(x - gap, y, text, "end")


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


def _num(v: int | None) -> str:
    return "–" if v is None else str(v)


def range_chart(
    figures: Iterable[Figure],
    claims: Mapping[str, Claim],
    claimant: Callable[[Claim], str],
    href: Callable[[Claim], str],
) -> RangeChart:
    """One row per figure (victim group and outcome): the low–high bar, the best tick, every claim."""
    figures = list(figures)
    values = [v for f in figures for v in (f.low, f.best, f.high) if v is not None]
    per_fig = []
    for f in figures:
        cl = [claims[i] for i in f.claim_ids if i in claims]
        nums = [(c, count_numbers(c.count)) for c in cl]
        per_fig.append((f, nums))
        values += [v for _, n in nums for v in n if v is not None]
    ticks = nice_ticks(max(values, default=0))
    x = Scale(0, ticks[-1], LEFT, WIDTH - RIGHT)
    rows, y = [], 10.0
    for f, nums in per_fig:
        shown = [(c, n) for c, n in nums if any(v is not None for v in n)]
        height = 26 + LINE_H * len(shown)
        bar = (x(f.low if f.low is not None else 0), x(f.high)) if f.high is not None else None
        row = RangeRow(
            top=y,
            height=height,
            title=f"{f.group} · {f.outcome.value}",
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
            label = place_label(x(value), my + 4, f"{who}: {c.count}", WIDTH)
            mark = Mark(x(value), my, label, href(c), f"{who}: {c.count} ({c.count.kind.value})")
            if c.count.kind is CountKind.RANGE and lo is not None and hi is not None:
                mark.span = (x(lo), x(hi))
            elif c.count.kind in (CountKind.AT_LEAST, CountKind.VAGUE) and lo is not None:
                mark.span, mark.open_span = (x(lo), x(ticks[-1])), True
            elif c.count.kind is CountKind.AT_MOST and hi is not None:
                mark.span, mark.open_span = (x(0), x(hi)), True
            row.marks.append(mark)
        rows.append(row)
        y += height + 8
    return RangeChart(WIDTH, y + 30, rows, [(x(t), t) for t in ticks], y + 4, LEFT, WIDTH - RIGHT)
