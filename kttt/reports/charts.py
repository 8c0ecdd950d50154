"""Charts of a report as PNG or SVG images.

Only matplotlib's object-oriented API is used (a Figure with its own Agg canvas, no pyplot), so charts can
be drawn from several threads of a web server. Numbers on the value axis are written the Vietnamese way
(1.810; 3,5); categories such as years are kept as the strings they are ("2018", never "2.018").
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from typing import Literal

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from kttt.numbers import number
from kttt.reports.cells import MISSING
from kttt.reports.document import Chart, Report

ImageFormat = Literal["png", "svg"]
Values = npt.NDArray[np.float64]

FONT = "DejaVu Sans"  # ships with matplotlib and covers Vietnamese diacritics
DPI = 200
WIDTH_IN, HEIGHT_IN = 6.3, 3.15  # 16 × 8 cm, 1260 × 630 px at 200 dpi
CM = 1 / 2.54
# Dark and light tones alternate so that series stay apart when printed in greyscale.
COLOURS = ("#1f3d7a", "#e69f00", "#3b8c84", "#a6bddb", "#555555")
LINE_STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v")
GRID = "#d9d9d9"
MUTED = "#595959"
NO_DATA = "Chưa có số liệu"
GROUP_WIDTH = 0.7  # share of a category slot taken by its bars
MAX_BAR_LABELS = 24  # more bars than this and value labels become clutter
MAX_CATEGORY_LABELS = 20
BARH_WRAP = 30  # characters per line of an area name  # beyond this only every n-th category is labelled

# SVG element ids are hashes salted with this value instead of a random one, so output is reproducible.
# Set once at import (never toggled per call, which would race between threads).
if mpl.rcParams["svg.hashsalt"] is None:
    mpl.rcParams["svg.hashsalt"] = "kttt"


def render_chart(chart: Chart, fmt: ImageFormat, dpi: int = DPI) -> bytes:
    """Draw one chart as PNG (16 × 8 cm at 200 dpi) or SVG bytes."""
    _validate(chart)
    fig = _figure(chart)
    # No title inside the image: the Word, PDF and Markdown documents caption each chart themselves.
    ax = fig.add_subplot()
    if not _has_data(chart):
        _draw_empty(ax)
    elif chart.style == "line":
        _draw_lines(ax, chart)
    else:
        _draw_bars(ax, chart, horizontal=chart.style == "barh")
    if _has_data(chart) and len(chart.series) >= 2:
        fig.legend(
            loc="outside lower center",
            # Long Vietnamese series names in one row run off the figure: fewer columns then.
            ncols=min(len(chart.series), 4 if sum(len(s.name) for s in chart.series) <= 80 else 2),
            frameon=False,
            prop={"family": FONT, "size": 8},
        )
    return _save(fig, fmt, dpi)


def render_charts(report: Report, fmt: ImageFormat, dpi: int = DPI) -> dict[str, bytes]:
    """Every chart of the report, by Chart.key, in reading order (`dpi` applies to PNG)."""
    result: dict[str, bytes] = {}
    for chart in report.charts():
        if chart.key in result:
            raise ValueError(f"two charts share the key {chart.key!r}")
        result[chart.key] = render_chart(chart, fmt, dpi)
    return result


def _validate(chart: Chart) -> None:
    if not chart.scale or not math.isfinite(chart.scale):
        raise ValueError(f"chart {chart.key!r}: scale must be a non-zero number, not {chart.scale!r}")
    for series in chart.series:
        if len(series.values) != len(chart.categories):
            raise ValueError(
                f"chart {chart.key!r}: series {series.name!r} has {len(series.values)} values "
                f"for {len(chart.categories)} categories"
            )


def _has_data(chart: Chart) -> bool:
    return any(v is not None and math.isfinite(v) for s in chart.series for v in s.values)


def _figure(chart: Chart) -> Figure:
    height = HEIGHT_IN
    if chart.style == "barh":  # a ranking of many areas gets the room every label needs
        lines = max((len(textwrap.wrap(c, BARH_WRAP)) for c in chart.categories), default=1)
        slot = max(0.5 * len(chart.series), 0.4 * lines + 0.2)
        height = max(HEIGHT_IN, (3 + slot * len(chart.categories)) * CM)
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Figure, fmt: ImageFormat, dpi: int = DPI) -> bytes:
    buffer = io.BytesIO()
    if fmt == "png":
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    elif fmt == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    else:
        raise ValueError(f"unknown image format {fmt!r}")
    return buffer.getvalue()


def _scaled(values: Sequence[float | None], scale: float) -> Values:
    return np.array([np.nan if v is None else v / scale for v in values], dtype=np.float64)


def _draw_empty(ax: Axes) -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        NO_DATA,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontfamily=FONT,
        fontsize=11,
        color=MUTED,
    )


def _draw_lines(ax: Axes, chart: Chart) -> None:
    x = np.arange(len(chart.categories))
    lowest = math.inf
    for i, series in enumerate(chart.series):
        y = _scaled(series.values, chart.scale)
        ax.plot(
            x,
            y,
            label=series.name,
            color=COLOURS[i % len(COLOURS)],
            linestyle=LINE_STYLES[i % len(LINE_STYLES)],
            marker=MARKERS[i % len(MARKERS)],
            markersize=4,
            linewidth=1.8,
        )
        lowest = min(lowest, float(np.nanmin(y)) if not np.all(np.isnan(y)) else math.inf)
    if lowest >= 0:
        ax.set_ylim(bottom=0)  # counts and amounts are read against zero
    ax.set_xlim(-0.5, len(chart.categories) - 0.5)
    _category_axis(ax.xaxis, chart.categories, wrap=0)
    _value_axis(ax, ax.yaxis, chart.unit)


def _draw_bars(ax: Axes, chart: Chart, *, horizontal: bool) -> None:
    positions = np.arange(len(chart.categories), dtype=np.float64)
    width = GROUP_WIDTH / len(chart.series)
    labelled = len(chart.series) * len(chart.categories) <= MAX_BAR_LABELS
    for i, series in enumerate(chart.series):
        values = _scaled(series.values, chart.scale)
        where = positions - GROUP_WIDTH / 2 + width * (i + 0.5)
        sizes = np.nan_to_num(values, nan=0.0)  # a missing value gets no bar but a "–" label
        colour = COLOURS[i % len(COLOURS)]
        if horizontal:
            bars = ax.barh(where, sizes, height=width, label=series.name, color=colour)
        else:
            bars = ax.bar(where, sizes, width=width, label=series.name, color=colour)
        if labelled:
            texts = _bar_labels(values)
            ax.bar_label(bars, labels=texts, padding=2, fontsize=7, fontfamily=FONT, color=MUTED)
    if horizontal:
        ax.invert_yaxis()  # the first category (the top of the ranking) on top
        _category_axis(ax.yaxis, chart.categories, wrap=BARH_WRAP)
        _value_axis(ax, ax.xaxis, chart.unit)
        ax.margins(x=0.08)  # room for the value labels
    else:
        _category_axis(ax.xaxis, chart.categories, wrap=16)
        _value_axis(ax, ax.yaxis, chart.unit)
        ax.margins(y=0.08)


def _bar_labels(values: Values) -> list[str]:
    present = values[~np.isnan(values)]
    digits = _decimals(present, most=2)
    return [MISSING if math.isnan(v) else number(v, digits) for v in values]


def _category_axis(axis: Axis, categories: list[str], *, wrap: int) -> None:
    """Categories are labels, not numbers: years stay "2018"."""
    step = math.ceil(len(categories) / MAX_CATEGORY_LABELS)
    labels = [(textwrap.fill(c, wrap) if wrap else c) if i % step == 0 else "" for i, c in enumerate(categories)]
    axis.set_ticks(range(len(categories)), labels=labels)
    axis.set_tick_params(length=0, labelsize=8, labelfontfamily=FONT)


def _value_axis(ax: Axes, axis: Axis, unit: str) -> None:
    axis.set_major_formatter(VietnameseTicks())
    axis.set_tick_params(labelsize=8, labelfontfamily=FONT, colors=MUTED, length=0)
    axis.set_label_text(unit, fontfamily=FONT, fontsize=8, color=MUTED)
    ax.grid(axis="x" if axis is ax.xaxis else "y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#808080")


class VietnameseTicks(FuncFormatter):
    """Tick labels such as 1.500 or 2,5, with as many decimals as the tick spacing needs."""

    def __init__(self) -> None:
        self._digits = 0
        super().__init__(self._label)

    def set_locs(self, locs: list[float]) -> None:
        super().set_locs(locs)
        self._digits = _decimals(np.asarray(locs, dtype=np.float64), most=3)

    def _label(self, value: float, _pos: int | None) -> str:
        shown = 0.0 if abs(value) < 10 ** -(self._digits + 1) else value  # no "-0"
        return number(shown, self._digits)


def _decimals(values: Values, *, most: int) -> int:
    """The fewest decimals (up to `most`) that show every value exactly."""
    for digits in range(most + 1):
        if np.allclose(values, np.round(values, digits), rtol=0, atol=10 ** -(digits + 3)):
            return digits
    return most
