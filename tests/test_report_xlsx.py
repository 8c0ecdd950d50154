"""The Excel workbook: sheets, real numbers with number formats, styles, and no formula injection."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kttt.reports.document import Column, Paragraph, Report, Table
from kttt.reports.xlsx import render_xlsx
from tests.report_sample import sample_report

HOSTILE = '=HYPERLINK("http://example.com/x","Bấm vào đây")'


def workbook(report: Report) -> Workbook:
    return load_workbook(io.BytesIO(render_xlsx(report)))


def sheet(book: Workbook, name: str) -> Worksheet:
    ws = book[name]
    assert isinstance(ws, Worksheet)
    return ws


def cell(ws: Worksheet, ref: str) -> Cell:
    result = ws[ref]
    assert isinstance(result, Cell)
    return result


def test_one_sheet_per_table_after_the_cover() -> None:
    report = sample_report()
    book = workbook(report)
    assert book.sheetnames == ["Thông tin", *[t.key for t in report.tables()]]
    assert book.properties.title == report.title
    assert book.properties.creator == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"


def test_cover_sheet_stands_alone() -> None:
    ws = sheet(workbook(sample_report()), "Thông tin")
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in values
    assert 2018 in values and 2003 in values  # years as plain numbers, shown without separators
    assert dt.datetime(2019, 5, 14) in values
    assert "Báo cáo sơ kết, tổng kết" in values
    assert any(isinstance(v, str) and v.startswith("Tính đến hết năm 2018") for v in values)
    assert any(isinstance(v, str) and "theo_dia_ban" in v for v in values)


def test_table_layout_numbers_and_formats() -> None:
    ws = sheet(workbook(sample_report()), "theo_dia_ban")
    assert cell(ws, "A1").value == "Bảng 1. Hợp tác xã theo địa bàn, cuối năm 2018"
    assert cell(ws, "A1").font.b and "A1:H1" in ws.merged_cells
    assert cell(ws, "E3").value == "Doanh thu bình quân\n(triệu đồng)"
    assert cell(ws, "D3").value == "Vốn điều lệ\n(tỷ đồng)"
    assert cell(ws, "A3").font.b and cell(ws, "A3").alignment.wrap_text
    expected = {
        "B4": (40, "#,##0"),
        "C4": (812, "#,##0"),
        "D4": (61.5, "#,##0.0"),
        "E4": (1250, "#,##0"),
        "F4": (22, "+#,##0;-#,##0;0"),
        "G4": (0.625, "0.0%"),
        "H4": (3.1, "0.00"),
        "F5": (-2, "+#,##0;-#,##0;0"),
        "E5": (420, "#,##0"),
    }
    for ref, (value, number_format) in expected.items():
        assert cell(ws, ref).data_type == "n", ref
        assert cell(ws, ref).value == pytest.approx(value), ref
        assert cell(ws, ref).number_format == number_format, ref
        assert cell(ws, ref).alignment.horizontal == "right", ref
    assert cell(ws, "A4").value == "Thành phố Lạng Sơn" and cell(ws, "A4").alignment.horizontal == "left"
    assert cell(ws, "D5").value is None and cell(ws, "G5").value is None


def test_total_row_note_freeze_and_print_setup() -> None:
    ws = sheet(workbook(sample_report()), "theo_dia_ban")
    assert cell(ws, "A6").value == "Tổng số"
    assert all(cell(ws, f"{col}6").font.b for col in "ABCDEFGH")
    assert not cell(ws, "B4").font.b
    assert cell(ws, "A7").value == "2 HTX chưa báo cáo vốn điều lệ." and cell(ws, "A7").font.i
    assert ws.freeze_panes == "B4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert 18 <= (ws.column_dimensions["A"].width or 0) <= 50


def test_common_unit_goes_above_the_table() -> None:
    report = sample_report()
    table = Table("hai_cot", "Bảng 2", [Column("Địa bàn", "text"), Column("Vốn", "money_bn")], [["A", 2e9]])
    report.sections[1].blocks.append(table)
    ws = sheet(workbook(report), "hai_cot")
    assert cell(ws, "A2").value == "Đơn vị tính: tỷ đồng"
    assert cell(ws, "B3").value == "Vốn"
    assert cell(ws, "B4").value == 2.0


def test_hostile_text_is_never_a_formula() -> None:
    report = sample_report()
    report.tables()[0].rows[1][0] = HOSTILE
    report.sections[1].blocks.append(Paragraph("@SUM(1+1)*cmd|' /C calc'!A0"))
    report.tables()[0].note = "-2+3"
    data = render_xlsx(report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    book = load_workbook(io.BytesIO(data))
    area = cell(sheet(book, "theo_dia_ban"), "A5")
    assert area.value == HOSTILE and area.data_type == "s" and area.quotePrefix
    info = [c for row in sheet(book, "Thông tin").iter_rows() for c in row if c.value is not None]
    assert any(c.value == "@SUM(1+1)*cmd|' /C calc'!A0" and c.data_type == "s" for c in info)


def test_sheet_names_are_valid_and_unique() -> None:
    report = sample_report()
    long_key = "bang_so_lieu_theo_dia_ban_cap_huyen_2018"
    keys = [long_key, long_key, "a/b:c*?", "thông tin", "THEO_DIA_BAN"]
    columns = [Column("Địa bàn", "text")]
    report.sections[1].blocks += [Table(k, k, columns, [["x"]]) for k in keys]
    names = workbook(report).sheetnames
    assert len({n.casefold() for n in names}) == len(names) == 7
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert names[2] == long_key[:31] and names[3].endswith("_2")


def test_row_width_must_match_columns() -> None:
    report = sample_report()
    report.tables()[0].rows.append(["Thiếu cột", 1])
    with pytest.raises(ValueError, match="2 cells for 8 columns"):
        render_xlsx(report)
