"""The timeline chart: each claimant's figures at the date they were first reported, one panel per
outcome and victim group (groups never share an axis) on a shared date axis. Points with the same
date and figure are drawn once with their claimants together; a label that would overlap another
is left out (the point keeps its tooltip and the table under the chart lists every figure)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from tolltrack.model import Outcome, TimelinePoint
from tolltrack.reconcile.ranges import count_numbers

from .charts import CHAR_W, WIDTH, Label, Scale, nice_ticks

LEFT, RIGHT = 56.0, WIDTH - 24.0
PANEL_H, HEAD, FOOT = 170.0, 24.0, 30.0
_ORDER = list(Outcome)
# where a label may go, relative to its point: right, left, then above and below each side
SPOTS = [(7, 4, "start"), (-7, 4, "end"), (7, -9, "start"), (7, 17, "start"), (-7, -9, "end"),
         (-7, 17, "end"), (7, 30, "start"), (7, -22, "start")]  # fmt: skip


@dataclass
class TimelineMark:
    x: float
    y: float
    css: str  # the outcome, for the colour
    href: str
    title: str
    label: Label | None = None


@dataclass
class Panel:
    outcome: str
    group: str
    top: float
    plot_top: float
    plot_bottom: float
    yticks: list[tuple[float, int]] = field(default_factory=list)
    marks: list[TimelineMark] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # SVG paths joining one claimant's figures
    hidden: int = 0  # labels left out to avoid overlaps


@dataclass
class TimelineChart:
    width: int
    height: float
    left: float
    right: float
    xticks: list[tuple[float, str]]
    panels: list[Panel]
    undated: int = 0


def _cell_order(cell: tuple[Outcome, str]) -> tuple:
    outcome, group = cell
    return _ORDER.index(outcome), group != "all", group


def _value(p: TimelinePoint) -> int | None:
    lo, hi, point = count_numbers(p.count)
    return next((v for v in (point, lo, hi) if v is not None), None)


def _box(lb: Label) -> tuple[float, float, float, float]:
    w = len(lb.text) * CHAR_W
    x0 = lb.x if lb.anchor == "start" else lb.x - w
    return x0, lb.y - 10, x0 + w, lb.y + 3


def _hits(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place(mark: TimelineMark, text: str, panel: Panel, taken: list[tuple]) -> Label | None:
    for dx, dy, anchor in SPOTS:
        label = Label(round(mark.x + dx, 1), round(mark.y + dy, 1), text, anchor)
        box = _box(label)
        inside = (
            box[0] >= 2
            and box[2] <= WIDTH - 2
            and box[1] >= panel.top + 14
            and box[3] <= panel.plot_bottom + 8
        )
        if inside and not any(_hits(box, t) for t in taken):
            taken.append(box)
            return label
    return None


def _names(claimants: list[str]) -> str:
    return (
        ", ".join(claimants) if len(claimants) <= 2 else f"{', '.join(claimants[:2])} +{len(claimants) - 2}"
    )


def timeline_chart(
    points: Iterable[TimelinePoint], href: Callable[[TimelinePoint], str]
) -> TimelineChart | None:
    """The chart, or None when no figure has a date."""
    dated, undated = [], 0
    for p in points:
        value = _value(p)
        if value is None or p.outcome is None:
            continue
        if p.reported is None:
            undated += 1
        else:
            dated.append((p, value))
    if not dated:
        return None
    days = [p.reported.toordinal() for p, _ in dated]
    d0, d1 = min(days), max(days)
    x = Scale(d0 - 0.5 if d1 > d0 else d0 - 1, d1 + 0.5 if d1 > d0 else d1 + 1, LEFT + 10, RIGHT - 10)
    step = max(1, math.ceil((d1 - d0 + 1) / 7))
    xticks = [(x(d), date.fromordinal(d).isoformat()) for d in range(d0, d1 + 1, step)]

    panels, top = [], 0.0
    cells = sorted({(p.outcome, p.group) for p, _ in dated}, key=_cell_order)
    for outcome, group in cells:
        mine = [(p, v) for p, v in dated if p.outcome is outcome and p.group == group]
        yticks = nice_ticks(max(v for _, v in mine), 4)
        y = Scale(0, yticks[-1], top + PANEL_H - FOOT, top + HEAD + 8)
        panel = Panel(outcome.value, group, top, top + HEAD, top + PANEL_H - FOOT)
        panel.yticks = [(y(t), t) for t in yticks]
        panels.append(panel)
        top += PANEL_H
        merged: dict[tuple, list[TimelinePoint]] = {}
        for p, v in sorted(mine, key=lambda pv: (pv[0].reported, -pv[1], pv[0].group)):
            merged.setdefault((p.reported, v, p.group), []).append(p)
        series: dict[tuple, list[tuple[float, float]]] = {}
        for (reported, v, group), same in merged.items():
            names = list(dict.fromkeys(p.claimant for p in same))
            cx, cy = x(reported.toordinal()), y(v)
            title = f"{reported}: {'; '.join(names)} — {same[0].count} {outcome.value} ({group})"
            panel.marks.append(TimelineMark(cx, cy, outcome.value, href(same[0]), title))
            for p in same:
                series.setdefault((p.claimant, group), []).append((cx, cy))
        taken = [(m.x - 5, m.y - 5, m.x + 5, m.y + 5) for m in panel.marks]
        for mark, same in zip(panel.marks, merged.values(), strict=True):
            names = list(dict.fromkeys(p.claimant for p in same))
            text = f"{_names(names)}: {same[0].count}"
            mark.label = _place(mark, text, panel, taken)
            panel.hidden += mark.label is None
        panel.lines = [
            "M " + " L ".join(f"{a} {b}" for a, b in pts) for pts in series.values() if len(set(pts)) > 1
        ]
    return TimelineChart(WIDTH, top + 4, LEFT, RIGHT, xticks, panels, undated)
