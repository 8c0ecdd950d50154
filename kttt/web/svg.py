"""Charts drawn on the server as SVG: fast, accessible (title, description, a table beside each chart on the
page) and identical on every browser. Numbers on the axes are written the Vietnamese way."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from kttt.numbers import number

# Colour-blind safe palette (Okabe–Ito), dark enough for 3:1 contrast on white.
COLOURS = ("#0b5cad", "#c2410c", "#047857", "#7c3aed", "#b45309", "#be185d")


@dataclass(frozen=True)
class Line:
    label: str
    values: Sequence[float | None]


def nice_ceiling(value: float) -> float:
    """The axis maximum: 1, 2, 2.5 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1.0
    power: float = 10.0 ** math.floor(math.log10(value))
    return next(float(step * power) for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def value_axis(value: float) -> tuple[float, int]:
    """The axis maximum and the number of intervals: a round step (1, 2, 2.5 or 5 times a power of ten)
    taken 4 or 5 times, as little above `value` as possible — 25 → 5 × 5, 900 → 4 × 250."""
    if value <= 0:
        return 1.0, 4
    candidates = []
    for intervals in (4, 5):
        power: float = 10.0 ** math.floor(math.log10(value / intervals))
        step = next(float(s * power) for s in (1, 2, 2.5, 5, 10) if s * power * intervals >= value)
        candidates.append((step * intervals, intervals))
    return min(candidates)


def tick(value: float) -> str:
    digits = 0 if value == int(value) else (1 if value * 10 == int(value * 10) else 2)
    return number(value, digits)


def _frame(title: str, description: str, width: int, height: int, body: list[str]) -> SafeString:
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>",
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))


def line_chart(title: str, years: Sequence[int], lines: Sequence[Line], unit: str = "") -> SafeString:
    """One line per series over the years; gaps where a value is missing."""
    legend = _legend([line.label for line in lines], 64, 640 - 16)
    width, height, left, right, top, bottom = 640, 262 + 20 * legend.rows, 64, 16, 16, 38 + 20 * legend.rows
    known = [v for line in lines for v in line.values if v is not None]
    top_value, intervals = value_axis(max(known, default=0))
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(years) - 1, 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        return left + i * step, top + plot_h * (1 - value / top_value)

    body = _grid(top_value, intervals, left, top, plot_w, plot_h, unit)
    label_every = max(1, math.ceil(len(years) / 12))
    for i, year in enumerate(years):
        if i % label_every == 0 or i == len(years) - 1:
            x = left + i * step
            body.append(f'<text x="{x:.1f}" y="{top + plot_h + 18}" class="axis" text-anchor="middle">{year}</text>')
    for n, line in enumerate(lines):
        colour = COLOURS[n % len(COLOURS)]
        for segment in _segments(line.values):
            points = " ".join("{:.1f},{:.1f}".format(*xy(i, v)) for i, v in segment)
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
            for i, v in segment:
                x, y = xy(i, v)
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                    f"<title>{escape(line.label)} {years[i]}: {tick(v)} {escape(unit)}</title></circle>"
                )
    body.extend(legend.draw(height - bottom + 40))
    description = "; ".join(f"{line.label}: {_describe(years, line.values)}" for line in lines)
    return _frame(title, description, width, height, body)


def bar_chart(title: str, items: Sequence[tuple[str, float | None]], unit: str = "") -> SafeString:
    """Horizontal bars in the order given, from a zero line that leaves room for negative values (a fall is
    drawn to the left in another colour); the value is written at the end of each bar."""
    row, left, right, top = 26, 190, 70, 8
    width, height = 640, top + row * max(len(items), 1) + 8
    known = [v for _, v in items if v is not None]
    high, low = max([0.0, *known]), -min([0.0, *known])
    span = nice_ceiling(high + low) if known else 1.0
    plot_w = width - left - right - (50 if low else 0)  # room for the value written left of a negative bar
    zero = left + (50 if low else 0) + plot_w * low / span
    body = [f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top}" y2="{height - 8}" class="grid"/>'] if low else []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        short = label if len(label) <= 28 else label[:27] + "…"
        body.append(f'<text x="{left - 8}" y="{y + 17}" class="axis" text-anchor="end">{escape(short)}</text>')
        if value is None:
            body.append(f'<text x="{zero + 4:.1f}" y="{y + 17}" class="axis muted">chưa có số liệu</text>')
            continue
        bar = max(plot_w * abs(value) / span, 1)
        x, colour = (zero, COLOURS[0]) if value >= 0 else (zero - bar, COLOURS[1])
        body.append(
            f'<rect x="{x:.1f}" y="{y + 4}" width="{bar:.1f}" height="{row - 8}" fill="{colour}" rx="2">'
            f"<title>{escape(label)}: {tick(value)} {escape(unit)}</title></rect>"
        )
        anchor, at = ("start", zero + bar + 6) if value >= 0 else ("end", zero - bar - 6)
        body.append(f'<text x="{at:.1f}" y="{y + 17}" class="axis" text-anchor="{anchor}">{tick(value)}</text>')
    description = "; ".join(f"{label}: {'chưa có số liệu' if v is None else tick(v)}" for label, v in items)
    return _frame(title, description, width, height, body)


def _grid(top_value: float, intervals: int, left: int, top: int, plot_w: int, plot_h: int, unit: str) -> list[str]:
    body = []
    for k in range(intervals + 1):
        value = top_value * k / intervals
        y = top + plot_h * (1 - k / intervals)
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">{tick(value)}</text>')
    if unit:
        body.append(f'<text x="{left}" y="{top - 4}" class="axis muted">{escape(unit)}</text>')
    return body


def _segments(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    segments: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((i, value))
    return [s for s in segments if s]


@dataclass(frozen=True)
class Legend:
    """Legend entries laid out in rows that wrap at the chart's right edge, so long names are never cut."""

    entries: list[tuple[int, int, int, str]]  # (series number, x, row, label)
    rows: int

    def draw(self, y: int) -> list[str]:
        body = []
        for n, x, row, label in self.entries:
            top = y + 20 * row
            colour = COLOURS[n % len(COLOURS)]
            body.append(f'<rect x="{x}" y="{top - 9}" width="12" height="12" fill="{colour}"/>')
            body.append(f'<text x="{x + 16}" y="{top + 1}" class="axis">{escape(label)}</text>')
        return body


def _legend(labels: Sequence[str], left: int, right: int) -> Legend:
    entries, x, row = [], left, 0
    for n, label in enumerate(labels):
        size = 28 + 7 * len(label)  # about 7 px per character at 12 px
        if x > left and x + size > right:
            x, row = left, row + 1
        entries.append((n, x, row, label))
        x += size
    return Legend(entries, row + 1 if labels else 0)


def _describe(years: Sequence[int], values: Sequence[float | None]) -> str:
    pairs = [(y, v) for y, v in zip(years, values, strict=False) if v is not None]
    if not pairs:
        return "chưa có số liệu"
    (y0, v0), (y1, v1) = pairs[0], pairs[-1]
    first = f"{tick(v0)} năm {y0}"
    return first if y0 == y1 else f"{first}, {tick(v1)} năm {y1}"
