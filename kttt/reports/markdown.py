"""Render a report as Markdown (GitHub flavour): header, sections, pipe tables, chart links, signature."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from kttt.reports.cells import format_cell
from kttt.reports.dates import place_and_date
from kttt.reports.document import Block, Cell, Chart, Column, Letterhead, Paragraph, Report, Section, Table

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_INLINE = re.compile(r"([\\`*_~\[\]<>|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "1. " would open an ordered list
_BLOCK_MARK = re.compile(r"^(?=#{1,6}(?:\s|$)|[+-](?:\s|$)|(?:-[ \t]*){3,}$)")  # heading, list, rule
_BREAK = "\\\n"  # a hard line break (CommonMark backslash form, survives editors that strip spaces)


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document; charts are linked as KEY.svg beside the .md file."""
    parts = [
        _header(report.letterhead),
        f"# {_inline(report.kind_label)}",
        _strong(_inline(report.title)),
    ]
    for section in report.sections:
        parts.extend(_section(section, level=2))
    parts.extend(_closing(report.letterhead))
    return "\n\n".join(parts) + "\n"


def _inline(text: str) -> str:
    """Escape Markdown punctuation so names such as "A*B <C>" show literally."""
    return _ENTITY.sub("\\&", _INLINE.sub(r"\\\1", " ".join(text.split("\n"))))


def _text(text: str) -> str:
    """Escape a whole paragraph, including a start that would open a heading or a list."""
    return _BLOCK_MARK.sub("\\\\", _LIST_NUMBER.sub(r"\1\\\2", _inline(text)))


def _strong(text: str) -> str:
    text = text.strip()
    return f"**{text}**" if text else ""


def _header(letterhead: Letterhead) -> str:
    left = [_strong(_inline(letterhead.issuing_body)), _text(letterhead.number)]
    if letterhead.parent_body:
        left.insert(0, _text(letterhead.parent_body))
    right = f"**{NATIONAL_TITLE}**{_BREAK}**{MOTTO}**"
    date_line = f"*{_inline(place_and_date(letterhead.place, letterhead.date))}*"
    return "\n\n".join([_BREAK.join(left), right, date_line])


def _section(section: Section, level: int) -> Iterator[str]:
    yield f"{'#' * min(level, 6)} {_inline(section.heading)}"
    for block in section.blocks:
        yield _block(block)
    for sub in section.subsections:
        yield from _section(sub, level + 1)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _strong(_inline(block.text)) if block.bold else _text(block.text)
    if isinstance(block, Table):
        return _table(block)
    return _chart(block)


def _table(table: Table) -> str:
    lines = [
        _row([_label(column) for column in table.columns]),
        _row(["---" if column.kind == "text" else "---:" for column in table.columns]),
    ]
    lines.extend(_row(_cells(row, table.columns)) for row in table.rows)
    if table.total is not None:
        lines.append(_row([_strong(cell) for cell in _cells(table.total, table.columns)]))
    parts = [_strong(_inline(table.title)), "\n".join(lines)]
    if table.note:
        parts.append(f"*{_inline(table.note)}*")
    return "\n\n".join(part for part in parts if part)


def _label(column: Column) -> str:
    return _inline(f"{column.label} ({column.unit})" if column.unit else column.label)


def _cells(row: list[Cell], columns: list[Column]) -> list[str]:
    padded = row + [""] * (len(columns) - len(row))
    return [_inline(format_cell(value, column.kind)) for value, column in zip(padded, columns, strict=False)]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _chart(chart: Chart) -> str:
    return f"![{_inline(chart.title)}]({quote(chart.key)}.svg)\n\n*{_inline(chart.title)}*"


def _closing(letterhead: Letterhead) -> Iterator[str]:
    recipients = [f"- {_inline(line.removeprefix('- '))}" for line in letterhead.recipients]
    yield "\n".join(["***Nơi nhận:***", *recipients])
    yield _BREAK.join(_strong(_inline(line)) for line in (letterhead.signer_authority, letterhead.signer_title))
    yield _strong(_inline(letterhead.signer_name))
