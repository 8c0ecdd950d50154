"""The file formats of a data package, each turned into worksheets of raw rows numbered as the user sees
them (the real Excel row number, or the line of a CSV file): .xlsx/.xlsm (calamine, or openpyxl), .xls (xlrd)
and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

import xlrd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook, SheetTypeEnum

from kttt.exchange import guard
from kttt.exchange.errors import Cell, Note, PackageError
from kttt.exchange.survey import survey
from kttt.text import FORMULA_STARTS

Rows = Iterator[tuple[int, list[Cell]]]
DELIMITERS = (",", ";", "\t")
# KTTT's CSV exports put an apostrophe before text a spreadsheet would run as a formula (= + - @ …):
# reading such a cell back gives the text as it was.
GUARDED = tuple("'" + start for start in FORMULA_STARTS)


@dataclass
class RawSheet:
    title: str  # the worksheet title or the CSV file name
    label: str  # how messages name it: "trang Tổ chức", "to-chuc.csv"
    rows: Rows
    notes: list[Note] = field(default_factory=list)


def _plain(value: Any) -> Cell:
    if value is None or isinstance(value, (str, int, float, dt.date)):
        return value
    return str(value)  # times, durations: kept as text, refused by the cell parsers if not text columns


def xlsx_sheets(path: Path) -> Iterator[RawSheet]:
    """Every worksheet, its rows read only when asked for; a formula cell gives its cached value. Plain values
    are read by calamine; a workbook with formulas, error values or a huge extent by openpyxl (see survey)."""
    if survey(path).plain:
        return _calamine_sheets(path)
    return _openpyxl_sheets(path, guard.has_formulas(path))


def _calamine_sheets(path: Path) -> Iterator[RawSheet]:
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises CalamineError or ValueError for damaged files
        raise PackageError(f"Không mở được {path.name} như một tệp Excel (.xlsx): {exc}") from exc
    try:
        for sheet in book.sheets_metadata:
            if sheet.typ == SheetTypeEnum.WorkSheet:
                yield RawSheet(sheet.name, f"trang {sheet.name}", _calamine_rows(path, book, sheet.name))
    finally:
        book.close()


def _calamine_rows(path: Path, book: CalamineWorkbook, title: str) -> Rows:
    try:
        # The whole grid from A1, so that a row's index is its Excel row number even above the first data row.
        grid = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
    except Exception as exc:
        raise PackageError(f"Không đọc được trang {title} của tệp {path.name}: {exc}") from exc
    for number, row in enumerate(grid, start=1):
        yield number, [_calamine_value(v) for v in row]


def _calamine_value(value: Any) -> Cell:
    """An empty cell is "" to calamine and every number a float: give None and whole numbers as int, as
    openpyxl does (Excel stores 2020 as "2020")."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return _plain(value)


def _openpyxl_sheets(path: Path, has_formulas: bool) -> Iterator[RawSheet]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False) if has_formulas else None
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise PackageError(f"Không mở được {path.name} như một tệp Excel (.xlsx): {exc}") from exc
    try:
        for worksheet in book.worksheets:
            other = formulas[worksheet.title] if formulas else None
            yield RawSheet(worksheet.title, f"trang {worksheet.title}", _xlsx_rows(worksheet, other))
    finally:
        book.close()
        if formulas:
            formulas.close()


def _xlsx_rows(worksheet: Any, formulas: Any) -> Rows:
    worksheet.reset_dimensions()  # read the rows there are, not the (often wrong) declared dimension
    values = worksheet.iter_rows(values_only=True)
    if formulas is None:
        for number, row in enumerate(values, start=1):
            yield number, [_plain(v) for v in row]
        return
    formulas.reset_dimensions()
    pairs = zip_longest(values, formulas.iter_rows(values_only=True), fillvalue=())
    for number, (row, written) in enumerate(pairs, start=1):
        cells = [_plain(v) for v in row]
        for position, formula in enumerate(written):
            computed = cells[position] if position < len(cells) else None
            if isinstance(formula, str) and formula.startswith("=") and computed is None:
                raise PackageError(
                    f"Ô {get_column_letter(position + 1)}{number} của trang {worksheet.title} có công thức "
                    f"{formula} nhưng tệp không lưu kết quả của công thức. Hãy mở tệp bằng Excel, lưu lại "
                    "(hoặc dán giá trị thay cho công thức) rồi gửi lại."
                )
        yield number, cells


def xls_sheets(path: Path) -> Iterator[RawSheet]:
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise PackageError(
                f"Tệp {path.name} được bảo vệ bằng mật khẩu nên không đọc được. Hãy bỏ mật khẩu rồi gửi lại."
            ) from exc
        raise PackageError(f"Không mở được {path.name} như một tệp Excel 97-2003 (.xls): {exc}") from exc
    except Exception as exc:  # xlrd raises many types for damaged files
        raise PackageError(f"Không mở được {path.name} như một tệp Excel 97-2003 (.xls): {exc}") from exc
    try:
        for title in book.sheet_names():
            yield RawSheet(title, f"trang {title}", _xls_rows(book, title))
    finally:
        book.release_resources()


def _xls_rows(book: Any, title: str) -> Rows:
    sheet = book.sheet_by_name(title)
    for index in range(sheet.nrows):
        yield index + 1, [_xls_value(cell, book.datemode) for cell in sheet.row(index)]


def _xls_value(cell: Any, datemode: int) -> Cell:
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        moment: dt.datetime = xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        return moment.date() if moment.time() == dt.time() else moment
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#LỖI"))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    value: str | float = cell.value
    return int(value) if isinstance(value, float) and value.is_integer() else value


def decode_csv(path: Path) -> tuple[str, list[Note]]:
    """UTF-8 (with or without BOM); else Windows-1258, the code page of Vietnamese Windows, said in a note."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise PackageError(
            f"Tệp {path.name} không phải văn bản UTF-8 hay Windows-1258 (lỗi ở byte {exc.start})."
        ) from exc
    note = "Tệp không phải UTF-8 nên đã được đọc theo bảng mã Windows-1258; hãy kiểm tra lại các chữ có dấu."
    return text, [Note(path.name, 0, "", note)]


def csv_sheet(path: Path) -> RawSheet:
    text, notes = decode_csv(path)
    sample = "\n".join(text.splitlines()[:20])
    delimiter = max(DELIMITERS, key=sample.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    numbered: Rows = (
        (number, [v[1:] if v.startswith(GUARDED) else v for v in values]) for number, values in enumerate(rows, start=1)
    )
    return RawSheet(path.name, path.name, numbered, notes)
