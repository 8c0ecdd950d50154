"""Read a data package — a folder of CSV files, one CSV file, or one workbook (.xlsx, .xlsm, .xls) — into
plain rows keyed by the English column keys. Forgiving about form (title rows, Vietnamese headers with or
without diacritics, columns in any order, extra columns, legacy encodings), it notes what it did in the
sheets' warnings; the meaning of the cells is checked later (cells.py, validate.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from openpyxl.utils import get_column_letter

from kttt.exchange import guard, legacy, sources
from kttt.exchange.columns import GUIDE_SHEET, LISTS_SHEET, SHEET_LABELS
from kttt.exchange.errors import Cell, Note, PackageError
from kttt.exchange.headers import HEADER_SEARCH_ROWS, Header, find_header, normalise, sheet_name

__all__ = ["SHEETS", "Cell", "Note", "PackageError", "Sheet", "read_package", "sheets_from_rows"]

SHEETS = ("organizations", "statuses", "annual", "union_members")
WORKBOOKS: dict[str, Callable[[Path], Iterator[sources.RawSheet]]] = {
    ".xlsx": sources.xlsx_sheets,
    ".xlsm": sources.xlsx_sheets,
    ".xls": sources.xls_sheets,
}


@dataclass
class Sheet:
    name: str
    label: str  # how errors name the file or sheet to the user
    columns: list[str]
    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)  # what reading noticed, passed on to the import result
    header_row: int = 1  # the row (as the user numbers it) holding the column headers
    titles: dict[str, str] = field(default_factory=dict)  # key → "F (Số thành viên)": the column as the user sees it

    def title(self, keys: str) -> str:
        """How messages name a column (or several, comma-separated): its letter and the header the user typed."""
        return ", ".join(self.titles.get(key.strip(), key.strip()) for key in keys.split(",")) if keys else ""


@dataclass
class Budget:
    """The rows a package may still have (KTTT_IMPORT_MAX_ROWS over all its sheets)."""

    left: int = field(default_factory=guard.max_rows)

    def take(self, label: str) -> None:
        self.left -= 1
        if self.left < 0:
            raise guard.row_limit_error(label)


def to_unicode(text: str) -> tuple[str, legacy.Encoding | None]:
    """The text in NFC Unicode, and the legacy encoding it was converted from (None if it was Unicode)."""
    converted = legacy.to_unicode(text)
    return converted.text, converted.encoding


def read_package(path: Path) -> dict[str, Sheet]:
    if path.is_dir():
        return _read_folder(path)
    if not path.exists():
        raise PackageError(f"Không tìm thấy {path}.")
    suffix = path.suffix.lower()
    if suffix in WORKBOOKS:
        notes = guard.check_file(path)
        return _read_workbook(path, WORKBOOKS[suffix](path), notes)
    if suffix == ".csv" and (name := sheet_name(path.stem)):
        notes = guard.check_file(path)
        sheet = _build(name, sources.csv_sheet(path), Budget())
        sheet.warnings[:0] = notes
        return {name: sheet}
    raise PackageError(
        f"Không đọc được {path.name}: gói dữ liệu là một thư mục các tệp CSV, hoặc một tệp Excel (.xlsx, .xls) "
        f"có các trang {_expected()}."
    )


def _expected(suffix: str = "") -> str:
    return ", ".join(f"{key}{suffix} ({SHEET_LABELS[key]})" for key in SHEETS)


def _read_folder(path: Path) -> dict[str, Sheet]:
    files = sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() == ".csv")
    found: dict[str, Path] = {}
    notes = []
    for file in files:
        name = sheet_name(file.stem)
        if name is None:
            notes.append(Note(file.name, 0, "", f"Tên tệp không ứng với trang nào ({_expected('.csv')}): bỏ qua."))
        elif name in found:
            raise PackageError(f"Hai tệp {found[name].name} và {file.name} cùng là trang {SHEET_LABELS[name]}.")
        else:
            found[name] = file
    if not found:
        raise PackageError(f"Thư mục {path} không có tệp nào trong số: {_expected('.csv')}.")
    budget, sheets = Budget(), {}
    for name, file in found.items():
        file_notes = guard.check_file(file)
        sheets[name] = _build(name, sources.csv_sheet(file), budget)
        sheets[name].warnings[:0] = file_notes
    return _with_notes(sheets, notes)


def _read_workbook(path: Path, raw_sheets: Iterable[sources.RawSheet], notes: list[Note]) -> dict[str, Sheet]:
    budget, sheets = Budget(), dict[str, Sheet]()
    for raw in raw_sheets:
        name = sheet_name(raw.title)
        if name is None and raw.title in (GUIDE_SHEET, LISTS_SHEET):
            continue
        if name is None:
            notes.append(Note(raw.label, 0, "", "Tên trang không ứng với trang dữ liệu nào: bỏ qua."))
            continue
        if name in sheets:
            raise PackageError(
                f"Tệp {path.name} có hai trang cùng là {SHEET_LABELS[name]}: {sheets[name].label}, {raw.label}."
            )
        sheets[name] = _build(name, raw, budget)
    if not sheets:
        raise PackageError(f"Tệp {path.name} không có trang nào trong số: {_expected()}.")
    return _with_notes(sheets, notes)


def _with_notes(sheets: dict[str, Sheet], notes: list[Note]) -> dict[str, Sheet]:
    """Notes on the package as a whole are carried by its first sheet."""
    first = next(iter(sheets.values()))
    first.warnings[:0] = notes
    return sheets


def _text_only(values: Sequence[Cell]) -> list[Cell]:
    return [to_unicode(v)[0] if isinstance(v, str) else v for v in values]


def _build(name: str, raw: sources.RawSheet, budget: Budget) -> Sheet:
    head = list(islice(raw.rows, HEADER_SEARCH_ROWS + 1))
    header = find_header(name, [_text_only(values) for _, values in head])
    header_row = head[header.index][0] if head else 1
    sheet = Sheet(name, raw.label, [], warnings=list(raw.notes), header_row=header_row)
    positions = _positions(sheet, header, header_row)
    sheet.columns = list(positions.values())
    sheet.titles = {
        key: f"{get_column_letter(p + 1)} ({_header_text(header, p) or key})" for p, key in positions.items()
    }
    _explain(sheet, header, head, positions)
    converted: Counter[tuple[str, legacy.Encoding]] = Counter()
    unnamed: dict[int, int] = {}  # position of a column without header → first row with data there
    for number, values in chain(head[header.index + header.height :], raw.rows):
        if not any(v is not None and str(v).strip() for v in values):
            continue
        budget.take(raw.label)
        row: dict[str, Cell] = {}
        for position, value in enumerate(values):
            key = positions.get(position)
            if key is None:
                if value is not None and str(value).strip() and not _header_text(header, position):
                    unnamed.setdefault(position, number)
                continue
            if isinstance(value, str) and not value.isascii():  # ASCII is NFC and never legacy-encoded
                value, encoding = to_unicode(value)
                if encoding:
                    converted[(key, encoding)] += 1
            row[key] = value
        sheet.rows.append((number, row))
    _report(sheet, header, header_row, positions, converted, unnamed)
    return sheet


def _header_text(header: Header, position: int) -> str:
    return header.headers[position] if position < len(header.headers) else ""


def _positions(sheet: Sheet, header: Header, header_row: int) -> dict[int, str]:
    """Which key each column position holds; an unknown or repeated header is ignored with a note."""
    positions: dict[int, str] = {}
    for position, key in enumerate(header.keys):
        text = _header_text(header, position)
        if key is None:
            if text:
                sheet.warnings.append(Note(sheet.label, header_row, text, "Cột không thuộc trang này: bỏ qua."))
        elif key in positions.values():
            message = f"Cột {get_column_letter(position + 1)} lặp lại cột đã có ({key}): bỏ qua."
            sheet.warnings.append(Note(sheet.label, header_row, text, message))
        else:
            positions[position] = key
    return positions


def _explain(sheet: Sheet, header: Header, head: list[tuple[int, list[Cell]]], positions: dict[int, str]) -> None:
    """Say where the header was found and how Vietnamese headers were read, when it is not the plain form."""
    renamed = [
        f"“{_header_text(header, p)}” ({get_column_letter(p + 1)}) → {key}"
        for p, key in positions.items()
        if normalise(_header_text(header, p)) != normalise(key)
    ]
    if not head or (header.index == 0 and header.height == 1 and not renamed):
        return
    row = head[header.index][0]
    parts = [f"Dòng tiêu đề là dòng {row}"]
    if header.index:
        parts.append(f"bỏ qua {header.index} dòng phía trên (tên đơn vị, tiêu đề)")
    if header.height == 2:
        parts.append(f"dòng {head[header.index + 1][0]} cũng là tiêu đề (tên cột tiếng Anh hoặc tiêu đề phụ)")
    if renamed:
        parts.append("các cột được đọc: " + ", ".join(renamed))
    sheet.warnings.append(Note(sheet.label, 0, "", "; ".join(parts) + "."))


def _report(
    sheet: Sheet,
    header: Header,
    header_row: int,
    positions: dict[int, str],
    converted: Counter[tuple[str, legacy.Encoding]],
    unnamed: dict[int, int],
) -> None:
    titles = {key: _header_text(header, p) or key for p, key in positions.items()}
    for (key, encoding), count in converted.items():
        message = f"{count} ô được chuyển từ {legacy.describe(encoding)} sang Unicode."
        sheet.warnings.append(Note(sheet.label, 0, titles[key], message))
    for position, number in unnamed.items():
        message = f"Cột {get_column_letter(position + 1)} không có tiêu đề nên bị bỏ qua (có dữ liệu từ dòng {number})."
        sheet.warnings.append(Note(sheet.label, header_row, "", message))


def sheets_from_rows(data: Mapping[str, Sequence[Mapping[str, Cell]]]) -> dict[str, Sheet]:
    """Sheets from rows built in memory (the demo generator), numbered as a CSV file would be."""
    sheets = {}
    for name, rows in data.items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        sheet = Sheet(name, f"{name}.csv", columns)
        sheet.rows = [(number, dict(row)) for number, row in enumerate(rows, start=2)]
        sheets[name] = sheet
    return sheets
