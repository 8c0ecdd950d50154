"""Plain .xlsx values are read by calamine, the rest by openpyxl: both give the same cells and row numbers,
and a workbook whose extent would exhaust memory never reaches calamine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from kttt.exchange.reader import read_package
from kttt.exchange.survey import survey


def annual_workbook(path: Path, cells: dict[str, Any]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "annual"
    for reference, value in cells.items():
        sheet[reference] = value
    book.save(path)
    return path


HEADER = {"B3": "code", "C3": "year", "D3": "members", "E3": "as_of", "F3": "revenue"}


def test_values_and_row_numbers_are_those_excel_shows(tmp_path: Path) -> None:
    row = {"B5": "X", "C5": 2020, "D5": 12, "E5": dt.date(2020, 6, 30), "F5": 2.5}
    path = annual_workbook(tmp_path / "g.xlsx", HEADER | row)
    assert survey(path).plain
    sheet = read_package(path)["annual"]
    assert sheet.header_row == 3
    expected = {"code": "X", "year": 2020, "members": 12, "as_of": dt.date(2020, 6, 30), "revenue": 2.5}
    assert sheet.rows == [(5, expected)]
    assert type(sheet.rows[0][1]["year"]) is int


def test_an_error_value_stays_visible(tmp_path: Path) -> None:
    path = annual_workbook(tmp_path / "g.xlsx", HEADER | {"B4": "X", "C4": 2020, "D4": "#N/A"})
    assert not survey(path).plain
    assert read_package(path)["annual"].rows[0][1]["members"] == "#N/A"


def test_a_far_away_cell_sends_the_workbook_to_openpyxl(tmp_path: Path) -> None:
    path = annual_workbook(tmp_path / "g.xlsx", HEADER | {"B4": "X", "C4": 2020, "XFD1048576": "x"})
    assert not survey(path).plain
    assert read_package(path)["annual"].rows[0] == (4, {"code": "X", "year": 2020})
