"""Render a Report as a Word document in the administrative format of Decree 30/2020/NĐ-CP (Phụ lục I).

A4 portrait, margins 2/2/3/2 cm, Times New Roman 14 pt; the two-column header (issuing body | national
title), the document kind and title, the body, then the recipients and signature block; page numbers
at the top centre from page 2.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.shared import Cm, Emu, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from kttt.reports.cells import format_cell
from kttt.reports.dates import place_and_date
from kttt.reports.document import Cell, Chart, Column, Letterhead, Paragraph, Report, Section, Table
from kttt.reports.docx_parts import (
    BODY_PT,
    LANGUAGE,
    TABLE_PT,
    TABLE_STYLE,
    add_page_field,
    add_text,
    balanced_lines,
    configure_styles,
    keep_together,
    mark_size,
    row_flags,
    rule,
    set_widths,
    text_width,
)

TEXT_WIDTH = 16.0  # cm: 21 − 3 − 2
LAYOUT_WIDTHS = (6.4, 9.6)  # cm: the header and signature columns
CELL_PADDING = 0.38  # cm: default left + right cell margins
CHART_WIDTH = 15.5  # cm
CHART_MAX_HEIGHT = 18.0  # cm
SHORT_TABLE_ROWS = 15  # tables up to this many rows are not split across pages
HEAD_PT = 13  # issuing body, number, national motto
NATIONAL_PT = 12  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" fits one line at 12 pt
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def render_docx(report: Report, charts: Mapping[str, bytes]) -> bytes:
    """The report as .docx bytes; `charts` maps Chart.key to PNG bytes (every chart needs one)."""
    document = docx.Document()
    configure_styles(document)
    _page_setup(document)
    _letterhead(document, report.letterhead)
    _title(document, report)
    for section in report.sections:
        _section(document, section, charts, 1)
    _closing(document, report.letterhead)
    _properties(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header on page 1
    header = section.header.paragraphs[0]
    header.alignment = CENTER
    add_page_field(header, BODY_PT)


def _layout_table(document: Document, rows: int) -> DocxTable:
    """A borderless two-column table for the header and the signature block."""
    table: DocxTable = document.add_table(rows=rows, cols=2)
    set_widths(table, list(LAYOUT_WIDTHS))
    return table


def _line(cell: _Cell, text: str, size: float, *, bold: bool = False, italic: bool = False) -> DocxParagraph:
    """A centred paragraph in a layout cell (the cell's own empty first paragraph is used first)."""
    blank = len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs
    paragraph: DocxParagraph = cell.paragraphs[0] if blank else cell.add_paragraph()
    paragraph.alignment = CENTER
    add_text(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _letterhead(document: Document, head: Letterhead) -> None:
    table = _layout_table(document, 2)
    (bodies, nation), (number, date) = (row.cells for row in table.rows)
    room = LAYOUT_WIDTHS[0] - CELL_PADDING
    if head.parent_body.strip():
        _line(bodies, *_fitted(head.parent_body.upper(), room, bold=False))
    issuing, size = _fitted(head.issuing_body.upper(), room, bold=True)
    _line(bodies, issuing, size, bold=True)
    longest = max(text_width(line, size, bold=True) for line in issuing.split("\n"))
    rule(bodies.add_paragraph(), min(longest, room) * 0.45, room)
    _line(nation, NATIONAL_TITLE, NATIONAL_PT, bold=True)
    _line(nation, MOTTO, HEAD_PT, bold=True)
    rule(nation.add_paragraph(), text_width(MOTTO, HEAD_PT, bold=True), LAYOUT_WIDTHS[1] - CELL_PADDING)
    number_text = head.number if head.number.lstrip().startswith("Số") else f"Số: {head.number}"
    _line(number, number_text, HEAD_PT).paragraph_format.space_before = Pt(6)
    dated = _line(date, place_and_date(head.place, head.date), BODY_PT, italic=True)
    dated.paragraph_format.space_before = Pt(6)


def _fitted(name: str, room: float, *, bold: bool) -> tuple[str, float]:
    """An agency name in at most two lines of 13 pt, else 12 pt (long names), with its size."""
    for size in (HEAD_PT, HEAD_PT - 1):
        text = balanced_lines(name, size, room, bold=bold, most=2)
        if all(text_width(line, size, bold=bold) <= room for line in text.split("\n")):
            return text, size
    return balanced_lines(name, HEAD_PT - 1, room, bold=bold), HEAD_PT - 1


def _title(document: Document, report: Report) -> None:
    kind = document.add_paragraph()
    kind.alignment = CENTER
    kind.paragraph_format.space_before = Pt(24)
    kind.paragraph_format.keep_with_next = True
    add_text(kind, report.kind_label.upper(), BODY_PT, bold=True)
    title = document.add_paragraph()
    title.alignment = CENTER
    title.paragraph_format.keep_with_next = True
    room = TEXT_WIDTH - 2
    width = text_width(report.title, BODY_PT, bold=True)
    text = balanced_lines(report.title, BODY_PT, room, bold=True) if width < 1.8 * room else report.title
    add_text(title, text, BODY_PT, bold=True)
    longest = max(text_width(line, BODY_PT, bold=True) for line in text.split("\n"))
    line = document.add_paragraph()
    rule(line, min(longest, room) * 0.4, TEXT_WIDTH)
    line.paragraph_format.space_after = Pt(12)


def _section(document: Document, section: Section, charts: Mapping[str, bytes], level: int) -> None:
    if section.heading.strip():
        heading = section.heading.upper() if level == 1 else section.heading
        document.add_paragraph(heading, style=f"Heading {min(level, 3)}")
    for block in section.blocks:
        if isinstance(block, Paragraph):
            paragraph = document.add_paragraph(style="Body Text")
            paragraph.add_run(block.text).bold = block.bold or None
            paragraph.paragraph_format.keep_with_next = block.bold or None  # a bold lead-in
        elif isinstance(block, Table):
            _table(document, block)
        else:
            _chart(document, block, charts)
    for sub in section.subsections:
        _section(document, sub, charts, level + 1)


def column_widths(table: Table) -> list[float]:
    """Column widths in cm filling the text width.

    Each column at least fits its widest value and its widest header word; if the room allows, its label
    on at most two lines and its unit on one line.
    """
    needs = [_column_needs(table, i) for i in range(len(table.columns))]
    least, ideal = sum(n[0] for n in needs), sum(n[1] for n in needs)
    blend = 1.0 if ideal <= TEXT_WIDTH else max(0.0, (TEXT_WIDTH - least) / (ideal - least))
    widths = [low + (high - low) * blend for low, high in needs]
    scale = TEXT_WIDTH / sum(widths)
    return [round(width * scale, 2) for width in widths]


def _column_needs(table: Table, index: int) -> tuple[float, float]:
    """(least, ideal) width in cm of one column."""
    column = table.columns[index]
    rows = [*table.rows, *([table.total] if table.total else [])]
    values = [format_cell(row[index], column.kind) for row in rows if index < len(row)]
    widest = max((text_width(v, TABLE_PT, bold=True) for v in values), default=0.0)
    least = widest
    if column.kind == "text":
        widest = min(widest, 5.0)  # long names wrap
        # ...and when room is short, down to their longest word: numbers must never wrap.
        least = max((text_width(w, TABLE_PT, bold=True) for v in values for w in v.split()), default=0.0)
    words = [text_width(w, TABLE_PT, bold=True) for w in column.label.split()]
    unit = f"({column.unit})" if column.unit else ""
    words += [text_width(w, TABLE_PT) for w in unit.split()]
    label = balanced_lines(column.label, TABLE_PT, 0, bold=True, most=2).split("\n")
    two_lines = max([text_width(line, TABLE_PT, bold=True) for line in label] + [text_width(unit, TABLE_PT)])
    padding = CELL_PADDING + 0.15
    return padding + max([least, *words]), padding + max(widest, two_lines)


def _table(document: Document, table: Table) -> None:
    title = document.add_paragraph()
    title.alignment = CENTER
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.keep_with_next = True
    add_text(title, table.title, HEAD_PT, bold=True, italic=True)
    grid = document.add_table(rows=1, cols=len(table.columns), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header_row(grid.rows[0], table.columns)
    for values in table.rows:
        _data_row(grid.add_row(), table.columns, values, bold=False)
    if table.total is not None:
        _data_row(grid.add_row(), table.columns, table.total, bold=True)
    set_widths(grid, column_widths(table))
    if len(grid.rows) <= SHORT_TABLE_ROWS:
        keep_together(grid)
    if table.note:
        note = document.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        note.paragraph_format.space_before = Pt(3)
        add_text(note, table.note, TABLE_PT, italic=True)


def _header_row(row: _Row, columns: Sequence[Column]) -> None:
    row_flags(row, header=True)
    for cell, column in zip(row.cells, columns, strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.style = TABLE_STYLE
        paragraph.alignment = CENTER
        label = add_text(paragraph, column.label, TABLE_PT, bold=True)
        if column.unit:
            label.add_break()
            add_text(paragraph, f"({column.unit})", TABLE_PT, italic=True)


def _data_row(row: _Row, columns: Sequence[Column], values: Sequence[Cell], *, bold: bool) -> None:
    row_flags(row)
    for i, (cell, column) in enumerate(zip(row.cells, columns, strict=True)):
        value = values[i] if i < len(values) else None
        paragraph = cell.paragraphs[0]
        paragraph.style = TABLE_STYLE
        numeric = column.kind != "text"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        add_text(paragraph, format_cell(value, column.kind), TABLE_PT, bold=bold)


def _chart(document: Document, chart: Chart, charts: Mapping[str, bytes]) -> None:
    if chart.key not in charts:
        raise KeyError(f"no PNG for chart {chart.key!r}")
    holder = document.add_paragraph()
    holder.alignment = CENTER
    holder.paragraph_format.space_before = Pt(12)
    holder.paragraph_format.keep_with_next = True
    picture = holder.add_run().add_picture(io.BytesIO(charts[chart.key]), width=Cm(CHART_WIDTH))
    if picture.height > Cm(CHART_MAX_HEIGHT):
        ratio = Cm(CHART_MAX_HEIGHT) / picture.height
        picture.width, picture.height = Emu(int(picture.width * ratio)), Cm(CHART_MAX_HEIGHT)
    caption = document.add_paragraph()
    caption.alignment = CENTER
    caption.paragraph_format.space_before = Pt(3)
    caption.paragraph_format.space_after = Pt(6)
    add_text(caption, chart.title, HEAD_PT, italic=True)


def _closing(document: Document, head: Letterhead) -> None:
    last = list(document.iter_inner_content())[-1:]
    if last and isinstance(last[0], DocxParagraph):
        last[0].paragraph_format.keep_with_next = True  # the signature never stands alone on a page
    table = _layout_table(document, 1)
    row_flags(table.rows[0])
    recipients, signer = table.rows[0].cells
    heading = _line(recipients, "Nơi nhận:", TABLE_PT, bold=True, italic=True)
    heading.paragraph_format.space_before = Pt(12)
    for recipient in head.recipients:
        _line(recipients, recipient, 11)
    for paragraph in recipients.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    lines = [text.upper() for text in (head.signer_authority, head.signer_title) if text.strip()]
    for i, text in enumerate(lines):
        paragraph = _line(signer, text, BODY_PT, bold=True)
        if i == 0:
            paragraph.paragraph_format.space_before = Pt(12)
    name = _line(signer, head.signer_name, BODY_PT, bold=True)
    name.paragraph_format.space_before = Pt(84)  # room for the signature and seal
    mark_size(document.add_paragraph(), 1)  # Word wants a paragraph after a closing table


def _properties(document: Document, report: Report) -> None:
    props = document.core_properties
    props.title = report.title
    props.subject = report.kind_label
    props.author = report.letterhead.issuing_body
    props.last_modified_by = report.letterhead.issuing_body
    props.language = LANGUAGE
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del rels[rid]  # the template's thumbnail shows another document
