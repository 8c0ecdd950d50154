"""A report shown on the web page: the same document model the Word, PDF and Excel files are laid out from,
turned into plain data for a template (reports/_report.html).

Cells are formatted by the renderers' own `format_cell`, so the page shows the figures exactly as the files
print them. Charts are drawn by the site's SVG helper rather than matplotlib: a preview must come quickly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from kttt.reports.cells import format_cell
from kttt.reports.dates import place_and_date
from kttt.reports.document import Block, Cell, Chart, Column, Paragraph, Report, Section, Table
from kttt.web.svg import Line, bar_chart, line_chart

TOP_LEVEL = 3  # the page's title is h1 and the report's title h2, so its sections start at h3


@dataclass
class ShownCell:
    text: str
    numeric: bool


@dataclass
class ShownTable:
    key: str
    title: str
    head: list[Column]
    rows: list[list[ShownCell]]
    total: list[ShownCell] | None
    note: str


@dataclass
class ShownChart:
    title: str
    svg: SafeString
    room: int = 0  # percent of the width kept free on the right for a legend wider than the chart


@dataclass
class ShownBlock:
    paragraph: Paragraph | None = None
    table: ShownTable | None = None
    chart: ShownChart | None = None


@dataclass
class ShownSection:
    heading: str
    level: int
    blocks: list[ShownBlock] = field(default_factory=list)
    subsections: list[ShownSection] = field(default_factory=list)


@dataclass
class ShownReport:
    issuing_body: str
    place_and_date: str
    kind_label: str
    title: str
    sections: list[ShownSection]


def shown_report(report: Report, charts: bool = True) -> ShownReport:
    letterhead = report.letterhead
    return ShownReport(
        issuing_body=letterhead.issuing_body,
        place_and_date=place_and_date(letterhead.place, letterhead.date),
        kind_label=report.kind_label,
        title=report.title,
        sections=[_section(section, TOP_LEVEL, charts) for section in report.sections],
    )


def _section(section: Section, level: int, charts: bool) -> ShownSection:
    blocks = [shown for block in section.blocks if (shown := _block(block, charts)) is not None]
    subsections = [_section(sub, level + 1, charts) for sub in section.subsections]
    return ShownSection(section.heading, min(level, 6), blocks, subsections)


def _block(block: Block, charts: bool) -> ShownBlock | None:
    if isinstance(block, Paragraph):
        return ShownBlock(paragraph=block)
    if isinstance(block, Table):
        return ShownBlock(table=_table(block))
    svg = _chart_svg(block) if charts else None
    return ShownBlock(chart=ShownChart(block.title, svg, _legend_room(block))) if svg is not None else None


def _table(table: Table) -> ShownTable:
    return ShownTable(
        key=table.key,
        title=table.title,
        head=table.columns,
        rows=[_cells(row, table.columns) for row in table.rows],
        total=_cells(table.total, table.columns) if table.total is not None else None,
        note=table.note,
    )


def _cells(row: list[Cell], columns: list[Column]) -> list[ShownCell]:
    padded = row + [""] * (len(columns) - len(row))
    return [
        ShownCell(format_cell(value, column.kind), column.kind != "text")
        for value, column in zip(padded, columns, strict=False)
    ]


def _chart_svg(chart: Chart) -> SafeString | None:
    """The chart as inline SVG; None when there is nothing to draw (an area with no HTX)."""
    if not chart.categories or not chart.series:
        return None
    scaled = [[None if v is None else v / chart.scale for v in series.values] for series in chart.series]
    if chart.style != "line" and len(chart.series) == 1:
        return bar_chart(chart.title, list(zip(chart.categories, scaled[0], strict=False)), chart.unit)
    if not all(category.isdigit() for category in chart.categories):
        return None  # only years make a line chart's axis
    years = [int(category) for category in chart.categories]
    lines = [Line(series.name, values) for series, values in zip(chart.series, scaled, strict=True)]
    return line_chart(chart.title, years, lines, chart.unit)


ROOM_STEP, MAX_ROOM = 5, 50


def _legend_room(chart: Chart) -> int:
    """kttt.web.svg writes a line chart's legend on one line from x = 64 of a 640-wide drawing, 28 + 7 per
    character for each entry; long series names run past the edge. The page lets the SVG overflow into a
    right margin this wide (percent of the figure) instead of cutting the names off."""
    if chart.style != "line" and len(chart.series) == 1:
        return 0
    overflow = (64 + sum(28 + 7 * len(series.name) for series in chart.series) - 640) / 640
    if overflow <= 0:
        return 0
    # In steps of ROOM_STEP, each a class of reports.css (a style attribute would break the CSP).
    room = math.ceil(100 * overflow / (1 + overflow)) + 1
    return min(MAX_ROOM, ROOM_STEP * math.ceil(room / ROOM_STEP))
