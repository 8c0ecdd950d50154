"""A report as an Excel workbook: a cover sheet with the text, then one sheet per table.

Numbers are stored as real numbers with number formats, never as text, so Excel shows them with the
reader's own separators (1.810 in a Vietnamese Excel) and they can be summed and charted.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kttt.reports.cells import format_cell
from kttt.reports.document import Cell as Value
from kttt.reports.document import CellKind, Chart, Column, Paragraph, Report, Table
from kttt.text import FORMULA_STARTS

Fact = str | int | dt.date | None

INFO_SHEET = "Thông tin"
TITLE_ROW, UNIT_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
VARIANTS = {"annual": "Báo cáo năm", "review": "Báo cáo sơ kết, tổng kết", "midyear": "Báo cáo 6 tháng"}
FORMATS: dict[CellKind, str] = {
    "count": "#,##0",
    "money_mn": "#,##0",
    "money_bn": "#,##0.0",
    "ratio": "0.00",
    "decimal": "General",
    "percent": "0.0%",
    "change": "+#,##0;-#,##0;0",
}
DIVISORS: dict[CellKind, float] = {"money_mn": 1e6, "money_bn": 1e9}
MONEY_UNITS: dict[CellKind, str] = {"money_mn": "triệu đồng", "money_bn": "tỷ đồng"}
SHEET_NAME_INVALID = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
WIDTH_MIN, WIDTH_MAX, HEADER_WRAP = 8, 50, 14
LINE_HEIGHT = 15.0  # points per line of 11 pt text

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def render_xlsx(report: Report) -> bytes:
    """The workbook as .xlsx bytes: sheet "Thông tin", then one sheet per table named by Table.key."""
    workbook = Workbook()
    info = workbook.active
    assert isinstance(info, Worksheet)
    info.title = INFO_SHEET
    tables = report.tables()
    names = _sheet_names([t.key for t in tables])
    _write_info(info, report, dict(zip((id(t) for t in tables), names, strict=True)))
    for table, name in zip(tables, names, strict=True):
        _write_table(workbook.create_sheet(name), table)
    workbook.properties.title = report.title
    workbook.properties.subject = report.kind_label
    workbook.properties.creator = report.letterhead.issuing_body
    workbook.properties.lastModifiedBy = report.letterhead.issuing_body
    workbook.properties.language = "vi-VN"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_names(keys: Sequence[str]) -> list[str]:
    """Valid, unique (case-insensitively, as Excel compares) sheet names for the table keys."""
    used = {INFO_SHEET.casefold(), "history"}  # Excel reserves "History"
    names: list[str] = []
    for i, key in enumerate(keys, start=1):
        base = SHEET_NAME_INVALID.sub("_", key).strip("'")[:SHEET_NAME_MAX] or f"Bang_{i}"
        name, n = base, 2
        while name.casefold() in used:
            suffix = f"_{n}"
            name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
        used.add(name.casefold())
        names.append(name)
    return names


def put_text(cell: Cell, text: str) -> None:
    """Write text that stays text: a leading = + - @ never turns into a formula."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = clean
    if clean.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited


# --- cover sheet -------------------------------------------------------------------------------------


def _write_info(ws: Worksheet, report: Report, sheets: dict[int, str]) -> None:
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    title = _at(ws, 1, 1)
    put_text(title, f"{report.kind_label} {report.title}".strip())
    title.font, title.alignment = Font(bold=True, size=13), LEFT
    ws.merge_cells("A1:B1")
    ws.row_dimensions[1].height = LINE_HEIGHT * 1.3 * _lines(str(title.value), 120)
    row = 3
    for label, value in _facts(report):
        put_text(_at(ws, row, 1), label)
        _at(ws, row, 1).font = BOLD
        _put_fact(_at(ws, row, 2), value)
        row += 1
    put_text(_at(ws, row + 1, 1), "NỘI DUNG")
    _at(ws, row + 1, 1).font = BOLD
    _write_contents(ws, report, sheets, row + 2)
    _print_setup(ws, landscape=False, title_rows=None)


def _facts(report: Report) -> list[tuple[str, Fact]]:
    head = report.letterhead
    facts: list[tuple[str, Fact]] = []
    if head.parent_body:
        facts.append(("Cơ quan chủ quản", head.parent_body))
    facts += [
        ("Cơ quan ban hành", head.issuing_body),
        ("Số, ký hiệu", head.number),
        ("Tiêu đề", report.title),
        ("Loại báo cáo", VARIANTS.get(report.variant, report.variant)),
        ("Năm báo cáo", report.year or None),
        ("Năm gốc so sánh", report.baseline),
        ("Địa danh", head.place),
        ("Ngày ban hành", head.date),
        ("Người ký", ", ".join(p for p in (head.signer_authority, head.signer_title, head.signer_name) if p)),
    ]
    return facts


def _put_fact(cell: Cell, value: Fact) -> None:
    if isinstance(value, str):
        put_text(cell, value)
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    else:
        cell.value = value  # a year: a number shown without separators ("General" format)
    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)


def _write_contents(ws: Worksheet, report: Report, sheets: dict[int, str], row: int) -> None:
    for section in report.walk():
        put_text(_at(ws, row, 2), section.heading)
        _at(ws, row, 2).font = BOLD
        row += 1
        for block in section.blocks:
            cell = _at(ws, row, 2)
            if isinstance(block, Paragraph):
                put_text(cell, block.text)
                cell.font = BOLD if block.bold else Font()
            elif isinstance(block, Chart):
                put_text(cell, f"[Biểu đồ] {block.title}")
                cell.font = ITALIC
            else:
                name = sheets[id(block)]
                put_text(cell, f"[Bảng] {block.title} — xem sheet “{name}”")
                quoted = name.replace("'", "''")
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")
                cell.font = Font(italic=True, underline="single", color="1F3D7A")
            cell.alignment = LEFT
            ws.row_dimensions[row].height = LINE_HEIGHT * _lines(str(cell.value), 100)
            row += 1


# --- table sheets ------------------------------------------------------------------------------------


def _write_table(ws: Worksheet, table: Table) -> None:
    for values in _all_rows(table):
        if len(values) != len(table.columns):
            raise ValueError(f"table {table.key!r}: a row has {len(values)} cells for {len(table.columns)} columns")
    widths = _column_widths(table)
    unit = _common_unit(table.columns)
    _title_rows(ws, table.title, unit, widths)
    _header_row(ws, table.columns, widths, show_units=not unit)
    row = FIRST_DATA_ROW
    for values in table.rows:
        _data_row(ws, row, table.columns, values, widths, bold=False)
        row += 1
    if table.total is not None:
        _data_row(ws, row, table.columns, table.total, widths, bold=True)
        row += 1
    if table.note:
        put_text(_at(ws, row, 1), table.note)
        _at(ws, row, 1).font = ITALIC
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"  # below the header, right of the first column
    _print_setup(ws, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _title_rows(ws: Worksheet, title: str, unit: str, widths: list[float]) -> None:
    cell = _at(ws, TITLE_ROW, 1)
    put_text(cell, title)
    cell.font, cell.alignment = Font(bold=True, size=12), LEFT
    if len(widths) > 1:
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(widths))
    ws.row_dimensions[TITLE_ROW].height = LINE_HEIGHT * 1.2 * _lines(title, sum(widths))
    if unit:
        put_text(_at(ws, UNIT_ROW, 1), f"Đơn vị tính: {unit}")
        _at(ws, UNIT_ROW, 1).font = ITALIC


def _header_row(ws: Worksheet, columns: list[Column], widths: list[float], *, show_units: bool) -> None:
    lines = 1
    for i, column in enumerate(columns, start=1):
        unit = _unit(column)
        label = f"{column.label}\n({unit})" if unit and show_units else column.label
        cell = _at(ws, HEADER_ROW, i)
        put_text(cell, label)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTRE, BORDER, HEADER_FILL
        lines = max(lines, _lines(label, widths[i - 1]))
    ws.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * lines


def _data_row(
    ws: Worksheet, row: int, columns: list[Column], values: list[Value], widths: list[float], *, bold: bool
) -> None:
    lines = 1
    for i, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = _at(ws, row, i)
        cell.border = BORDER
        cell.font = BOLD if bold else Font()
        if isinstance(value, str):
            put_text(cell, value)
            cell.alignment = LEFT
            lines = max(lines, _lines(value, widths[i - 1]))
        elif value is not None and math.isfinite(value):
            cell.value = value / DIVISORS.get(column.kind, 1)
            cell.number_format = FORMATS.get(column.kind, "General")
            cell.alignment = RIGHT
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines


def _all_rows(table: Table) -> list[list[Value]]:
    return [*table.rows, table.total] if table.total is not None else table.rows


def _unit(column: Column) -> str:
    """The unit the stored numbers are in; for money it follows from the kind."""
    return MONEY_UNITS.get(column.kind, column.unit)


def _common_unit(columns: list[Column]) -> str:
    """One unit shared by every number column goes above the table ("Đơn vị tính: …") instead."""
    units = {_unit(c) for c in columns if c.kind != "text"}
    return units.pop() if len(units) == 1 else ""


def _column_widths(table: Table) -> list[float]:
    widths: list[float] = []
    for i, column in enumerate(table.columns):
        words = [len(w) for w in f"{column.label} ({_unit(column)})".split()]
        header = max(min(len(column.label), HEADER_WRAP), *words)
        cells = [len(format_cell(r[i], column.kind)) for r in _all_rows(table)]
        widths.append(float(min(WIDTH_MAX, max(WIDTH_MIN, header, *cells, 0) + 2)))
    return widths


def _at(ws: Worksheet, row: int, column: int) -> Cell:
    cell = ws.cell(row, column)
    assert isinstance(cell, Cell), "writing into a merged range"
    return cell


def _lines(text: str, width: float) -> int:
    """About how many lines the text takes in a wrapped cell of this width (in characters)."""
    per_line = max(int(width) - 1, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _print_setup(ws: Worksheet, *, landscape: bool, title_rows: str | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
