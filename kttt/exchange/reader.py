"""Read a data package — a folder of UTF-8 CSV files or one .xlsx workbook — into plain rows."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

SHEETS = ("organizations", "statuses", "annual", "union_members")
Cell = str | int | float | dt.date | dt.datetime | None


class PackageError(ValueError):
    """The package as a whole cannot be read (message in Vietnamese)."""


@dataclass
class Sheet:
    name: str
    label: str  # how errors name the file or sheet to the user
    columns: list[str]
    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)


def read_package(path: Path) -> dict[str, Sheet]:
    if path.is_dir():
        sheets = {name: _read_csv(path / f"{name}.csv", name) for name in SHEETS if (path / f"{name}.csv").exists()}
        if not sheets:
            raise PackageError(f"Thư mục {path} không có tệp nào trong số: {', '.join(n + '.csv' for n in SHEETS)}.")
        return sheets
    if not path.exists():
        raise PackageError(f"Không tìm thấy {path}.")
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    if path.suffix.lower() == ".csv" and path.stem in SHEETS:
        return {path.stem: _read_csv(path, path.stem)}
    raise PackageError(
        f"Không đọc được {path.name}: gói dữ liệu là một thư mục các tệp CSV hoặc một tệp .xlsx "
        f"có các trang {', '.join(SHEETS)}."
    )


def _header(values: list[Cell]) -> list[str]:
    return [str(v).strip().lstrip("\ufeff").lower() if v is not None else "" for v in values]


def _read_csv(path: Path, name: str) -> Sheet:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackageError(f"Tệp {path.name} không phải văn bản UTF-8 (lỗi ở byte {exc.start}).") from exc
    reader = csv.reader(text.splitlines())
    header = _header(list(next(reader, [])))
    sheet = Sheet(name, path.name, header)
    for number, values in enumerate(reader, start=2):
        if any(v.strip() for v in values):
            sheet.rows.append((number, dict(zip(header, values, strict=False))))
    return sheet


def _read_xlsx(path: Path) -> dict[str, Sheet]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise PackageError(f"Không mở được {path.name} như một tệp Excel (.xlsx): {exc}") from exc
    sheets: dict[str, Sheet] = {}
    for worksheet in workbook.worksheets:
        name = worksheet.title.strip().lower()
        if name not in SHEETS:
            continue
        rows: Iterator[tuple[Any, ...]] = worksheet.iter_rows(values_only=True)
        header = _header(list(next(rows, ())))
        sheet = Sheet(name, f"trang {worksheet.title}", header)
        for number, values in enumerate(rows, start=2):
            if any(v not in (None, "") for v in values):
                sheet.rows.append((number, dict(zip(header, values, strict=False))))
        sheets[name] = sheet
    workbook.close()
    if not sheets:
        raise PackageError(f"Tệp {path.name} không có trang nào trong số: {', '.join(SHEETS)}.")
    return sheets


def sheets_from_rows(data: Mapping[str, Sequence[Mapping[str, Cell]]]) -> dict[str, Sheet]:
    """Sheets from rows built in memory (the demo generator), numbered as a CSV file would be."""
    sheets = {}
    for name, rows in data.items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        sheet = Sheet(name, f"{name}.csv", columns)
        sheet.rows = [(number, dict(row)) for number, row in enumerate(rows, start=2)]
        sheets[name] = sheet
    return sheets
