"""Charts as inline SVG rendered on the server (no script, nothing loaded from elsewhere). Every label
comes from report text and is escaped here; the templates mark the result safe."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from html import escape

from markupsafe import Markup

from tolltrack.model import Claim, Count, CountKind, Figure, TimelinePoint

ROW, LEFT, WIDTH, PAD = 34, 200, 520, 14
COLOURS = {"killed": "#b2182b", "injured": "#ef8a62", "missing": "#67a9cf", "detained": "#2166ac"}


def value_of(count: Count) -> float | None:
    """The number a claim puts on the chart: the value, else the low (or high) bound."""
    if count.kind is CountKind.ZERO:
        return 0
    for v in (count.value, count.low, count.high):
        if v is not None:
            return float(v)
    return None


def _x(v: float, top: float) -> float:
    return LEFT + (v / top) * WIDTH if top else LEFT


def _text(x: float, y: float, s: str, cls: str = "", anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">{escape(s)}</text>'


def range_chart(figures: list[Figure], claims: dict[str, Claim], claimant: Callable[[Claim], str]) -> Markup:
    """One row per victim group and outcome: a bar from low to high, a tick at best, each claim a dot
    labelled by its claimant."""
    rows = [f for f in figures if any(v is not None for v in (f.low, f.best, f.high))]
    if not rows:
        return Markup("")
    values = [v for f in rows for v in (f.low, f.best, f.high) if v is not None]
    values += [
        v for f in rows for cid in f.claim_ids if cid in claims for v in [value_of(claims[cid].count)] if v
    ]
    top = max(values) or 1
    height = PAD * 2 + ROW * len(rows) + 20
    out = [
        f'<svg class="range-chart" role="img" aria-label="low, best and high figures per victim group" '
        f'viewBox="0 0 {LEFT + WIDTH + 40} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, f in enumerate(rows):
        y = PAD + i * ROW + ROW / 2
        colour = COLOURS.get(f.outcome.value, "#555")
        out.append(f'<g class="range-row" data-group="{escape(f.group)}" data-outcome="{f.outcome.value}">')
        out.append(_text(LEFT - 8, y + 4, f"{f.group} · {f.outcome.value}", "row-label", "end"))
        lo, hi = (f.low if f.low is not None else f.best), (f.high if f.high is not None else f.best)
        if lo is not None and hi is not None:
            x1, x2 = _x(lo, top), _x(hi, top)
            out.append(
                f'<rect class="range-bar" x="{x1:.1f}" y="{y - 6:.1f}" width="{max(x2 - x1, 2):.1f}" '
                f'height="12" fill="{colour}" fill-opacity="0.35">'
                f"<title>{escape(f'low {f.low}, high {f.high}')}</title></rect>"
            )
        if f.best is not None:
            xb = _x(f.best, top)
            out.append(
                f'<line class="best" x1="{xb:.1f}" x2="{xb:.1f}" y1="{y - 9:.1f}" y2="{y + 9:.1f}" '
                f'stroke="{colour}" stroke-width="3"><title>best {f.best}</title></line>'
            )
        for k, cid in enumerate(f.claim_ids):
            c = claims.get(cid)
            v = value_of(c.count) if c else None
            if v is None:
                continue
            who = claimant(c)
            cx, cy = _x(v, top), y + (-11 if k % 2 else 11)
            out.append(
                f'<circle class="claim-point" cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(f'{who}: {c.count}')}</title></circle>"
            )
            out.append(_text(cx + 5, cy + 3, who[:28], "point-label"))
        out.append("</g>")
    axis_y = PAD + ROW * len(rows) + 6
    out.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT + WIDTH}" y1="{axis_y}" y2="{axis_y}"/>')
    for t in _ticks(top):
        out.append(_text(_x(t, top), axis_y + 14, f"{t:g}", "tick", "middle"))
    out.append("</svg>")
    return Markup("".join(out))


def _ticks(top: float) -> list[float]:
    step = 10 ** max(len(str(int(top))) - 1, 0)
    while top / step > 6:
        step *= 2
    return [i * step for i in range(int(top // step) + 1)]


def timeline_chart(points: Iterable[TimelinePoint]) -> Markup:
    """Each figure at the date it was first reported, one colour per outcome."""
    pts = [(p, value_of(p.count)) for p in points if p.reported and p.outcome]
    pts = [(p, v) for p, v in pts if v is not None]
    if not pts:
        return Markup("")
    days = [p.reported.toordinal() for p, _ in pts]
    first, span = min(days), max(max(days) - min(days), 1)
    top = max(v for _, v in pts) or 1
    w, h, left, bottom = 640, 240, 50, 200
    out = [
        f'<svg class="timeline-chart" role="img" aria-label="figures by first-reported date" '
        f'viewBox="0 0 {w + 120} {h + 20}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{left}" x2="{left + w}" y1="{bottom}" y2="{bottom}"/>',
        f'<line class="axis" x1="{left}" x2="{left}" y1="10" y2="{bottom}"/>',
    ]
    for t in _ticks(top):
        y = bottom - t / top * (bottom - 20)
        out.append(_text(left - 6, y + 4, f"{t:g}", "tick", "end"))
    seen_dates: set[date] = set()
    for p, v in pts:
        x = left + (p.reported.toordinal() - first) / span * w
        y = bottom - v / top * (bottom - 20)
        colour = COLOURS.get(p.outcome.value, "#555")
        label = f"{p.claimant}: {p.count} {p.outcome.value} ({p.group}), first reported {p.reported}"
        out.append(
            f'<circle class="timeline-point" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">'
            f"<title>{escape(label)}</title></circle>"
        )
        if p.reported not in seen_dates:
            seen_dates.add(p.reported)
            out.append(_text(x, bottom + 16, p.reported.strftime("%d %b"), "tick", "middle"))
    out.append("</svg>")
    return Markup("".join(out))
