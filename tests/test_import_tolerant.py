"""Tolerant reading of data packages: workbooks and CSV files as people really type them are read; what they
mean is still checked strictly, and every liberty the reader took is said in a warning."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from kttt.annual.models import AnnualFigures
from kttt.exchange import cells
from kttt.exchange.headers import match_column, sheet_name
from kttt.exchange.importer import ImportFailed, import_package
from kttt.exchange.reader import read_package
from kttt.registry.models import Organisation

ORG_HEADER = ["STT", "Mã tổ chức", "TEN TO CHUC", "loại hình", "Lĩnh vực", "Tỉnh, thành phố", "Xã, phường",
              "Ngày thành lập"]  # fmt: skip
ORG_KEYS = ["", "code", "name", "kind", "sector", "province", "area", "established"]
ORGS = [
    [1, "HTX-TT", "Hợp tác xã Chè Tân Thành", "Hợp tác xã", "Nông nghiệp", "Lạng Sơn", "Tân Thành, Hữu Lũng",
     "15/03/2010"],
    [2, "HTX-BS", "HTX Dịch vụ Bắc Sơn", "HTX", "nong nghiep", "20", "6442", "01/01/2012"],
]  # fmt: skip
ANNUAL_HEADER = ["Mã tổ chức", "Năm", "Thành viên (chính thức)", "Lao động thường xuyên", "VỐN ĐIỀU LỆ (đồng)"]
ANNUAL: list[list[Any]] = [["HTX-TT", 2023, "1.810", "25", "274.000.000"], ["HTX-BS", 2023, 12, 9, 500_000_000]]


def officer_workbook(path: Path, *, bad_members: Any = None) -> Path:
    """A workbook as a commune officer types it: merged title rows, Vietnamese headers (some in capitals
    without diacritics), a row-number column, the English keys under the headers, dd/mm/yyyy text dates."""
    book = Workbook()
    orgs = book.active
    assert orgs is not None
    orgs.title = "Tổ chức"
    orgs.append(["ỦY BAN NHÂN DÂN XÃ TÂN THÀNH"])
    orgs.append(["DANH SÁCH HỢP TÁC XÃ NĂM 2024"])
    orgs.merge_cells("A1:H1")
    orgs.merge_cells("A2:H2")
    orgs.append([])
    rows: list[list[Any]] = [ORG_HEADER, ORG_KEYS, *ORGS]
    for row in rows:
        orgs.append(row)
    annual = book.create_sheet("SO LIEU NAM")
    annual.append(["BÁO CÁO SỐ LIỆU NĂM 2023"])
    annual.merge_cells("A1:E1")
    for row in [ANNUAL_HEADER, *ANNUAL]:
        annual.append(row)
    if bad_members is not None:
        annual["C4"] = bad_members  # the real Excel row 4: the second organisation
    book.create_sheet("Hướng dẫn").append(["Điền mỗi tổ chức một dòng."])
    book.save(path)
    return path


def test_an_officers_workbook_imports_after_a_dry_run_that_explains_everything(db: None, tmp_path: Path) -> None:
    path = officer_workbook(tmp_path / "danh-sach.xlsx")
    dry = import_package(path, dry_run=True)
    assert Organisation.objects.count() == 0
    assert (dry.counts["organizations"].created, dry.counts["annual"].created) == (2, 2)
    said = "\n".join(str(w) for w in dry.warnings)
    assert "trang Tổ chức: Dòng tiêu đề là dòng 4; bỏ qua 3 dòng phía trên" in said
    assert "dòng 5 cũng là tiêu đề" in said
    assert "“Mã tổ chức” (B) → code" in said and "“VỐN ĐIỀU LỆ (đồng)” (E) → charter_capital" in said
    assert "trang Tổ chức, dòng 4, cột STT: Cột không thuộc trang này: bỏ qua." in said
    assert "Hướng dẫn" not in said  # the instructions sheet is passed over silently
    result = import_package(path)
    assert result.errors == []
    org = Organisation.objects.get(code="HTX-TT")
    assert (org.name, org.kind, org.established) == ("Hợp tác xã Chè Tân Thành", "HTX", dt.date(2010, 3, 15))
    figures = AnnualFigures.objects.get(organisation=org, year=2023)
    assert (figures.members, figures.workers, figures.charter_capital) == (1810, 25, 274_000_000)
    assert AnnualFigures.objects.get(organisation__code="HTX-BS").charter_capital == 500_000_000


def test_a_workbook_with_one_bad_cell_writes_nothing_and_points_to_it(db: None, tmp_path: Path) -> None:
    path = officer_workbook(tmp_path / "danh-sach.xlsx", bad_members="mười hai")
    with pytest.raises(ImportFailed) as failed:
        import_package(path)
    (error,) = failed.value.result.errors
    assert (error.sheet, error.row, error.column) == ("trang SO LIEU NAM", 4, "members")
    # The user is told the column as they see it: the letter and the header they typed, not the English key.
    assert error.title == f"C ({ANNUAL_HEADER[2]})"
    assert str(error).startswith(f"trang SO LIEU NAM, dòng 4, cột C ({ANNUAL_HEADER[2]}): ")
    assert "mười hai" in error.message
    assert Organisation.objects.count() == 0 and AnnualFigures.objects.count() == 0


def test_a_missing_column_is_reported_on_the_header_row_below_the_titles(db: None, tmp_path: Path) -> None:
    path = officer_workbook(tmp_path / "danh-sach.xlsx")
    book = load_workbook(path)
    book["Tổ chức"].delete_cols(8)  # "Ngày thành lập"
    book.save(path)
    with pytest.raises(ImportFailed) as failed:
        import_package(path)
    (error,) = [e for e in failed.value.result.errors if e.sheet == "trang Tổ chức"]
    assert (error.sheet, error.row, error.column) == ("trang Tổ chức", 4, "established")
    assert error.title == "established (Ngày thành lập)"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Mã tổ chức", "code"),
        ("MA TO CHUC", "code"),
        ("ma to chuc", "code"),
        (" Mã  tổ-chức: ", "code"),
        ("code", "code"),
        ("CODE", "code"),
        ("Ngày thành lập (dd/mm/yyyy)", "established"),
        ("Xã, phường (hoặc huyện)", "area"),
        ("XA PHUONG", "area"),
    ],
)
def test_headers_are_matched_however_they_are_written(header: str, key: str) -> None:
    assert match_column("organizations", header) == key


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Số thành viên", "members"),
        ("Tổng số thành viên", "members"),
        ("SỐ LAO ĐỘNG THƯỜNG XUYÊN", "workers"),
        ("Số cán bộ quản lý chủ chốt", "managers"),
        ("Doanh thu (đồng)", "revenue"),
    ],
)
def test_figure_headers_may_start_with_so_or_tong_so(header: str, key: str) -> None:
    assert match_column("annual", header) == key


def test_an_unknown_header_matches_nothing() -> None:
    assert match_column("organizations", "Ghi chú riêng") is None
    assert match_column("annual", "Mã tổ chức") == "code"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Tổ chức", "organizations"),
        ("TO CHUC", "organizations"),
        ("so-lieu-nam", "annual"),
        ("annual", "annual"),
        ("Thành viên liên hiệp", "union_members"),
        ("union_members", "union_members"),
        ("trang-thai", "statuses"),
        ("Hướng dẫn", None),
    ],
)
def test_sheets_and_files_are_found_by_key_or_vietnamese_name(title: str, name: str | None) -> None:
    assert sheet_name(title) == name


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Vietnamese Windows saves it: letters with ˆ ˘ ơ ư precomposed, the tone mark combining."""
    out = ""
    for char in text:
        try:
            char.encode("cp1258")
            out += char
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base + "".join(c for c in parts if c in TONES)
    return out.encode("cp1258")


def test_a_csv_folder_with_vietnamese_names_windows_1258_and_semicolons_is_read(db: None, tmp_path: Path) -> None:
    folder = tmp_path / "goi"
    folder.mkdir()
    lines = [
        "Mã tổ chức;Tên tổ chức;Loại hình;Lĩnh vực;Tỉnh;Ngày thành lập",
        "X;HTX Ẩm thực Xứ Lạng;HTX;Khác;20;15/03/2010",
    ]
    (folder / "to-chuc.csv").write_bytes(windows_1258("\r\n".join(lines)))
    (folder / "ghi-chu.txt").write_text("không phải CSV", "utf-8")
    result = import_package(folder)
    assert Organisation.objects.get(code="X").name == "HTX Ẩm thực Xứ Lạng"
    said = [str(w) for w in result.warnings]
    assert any("to-chuc.csv: Tệp không phải UTF-8 nên đã được đọc theo bảng mã Windows-1258" in w for w in said)


def test_a_single_csv_file_is_found_by_its_vietnamese_name(tmp_path: Path) -> None:
    path = tmp_path / "so-lieu-nam.csv"
    path.write_text('\ufeffMã tổ chức,Năm,Thành viên\nX,2020,"1,810"\n', "utf-8")
    sheet = read_package(path)["annual"]
    assert sheet.columns == ["code", "year", "members"]
    assert sheet.rows == [(2, {"code": "X", "year": "2020", "members": "1,810"})]
    assert cells.integer(sheet.rows[0][1]["members"]) == 1810


def test_extra_and_unnamed_columns_are_ignored_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "annual.csv"
    path.write_text("code,year,members,Người lập biểu,\nX,2020,5,Nguyễn Văn A,ghi tay\n", "utf-8")
    sheet = read_package(path)["annual"]
    assert sheet.rows == [(2, {"code": "X", "year": "2020", "members": "5"})]
    said = [str(w) for w in sheet.warnings]
    assert "annual.csv, dòng 1, cột Người lập biểu: Cột không thuộc trang này: bỏ qua." in said
    assert "annual.csv, dòng 1: Cột E không có tiêu đề nên bị bỏ qua (có dữ liệu từ dòng 2)." in said


def test_a_two_row_header_with_merged_cells_is_read(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Số liệu năm"
    sheet.append(["Mã tổ chức", "Năm", "Số người", None])
    sheet.append([None, None, "Thành viên", "Lao động thường xuyên"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:D1")
    sheet.append(["X", 2020, 7, 9])
    book.save(tmp_path / "g.xlsx")
    annual = read_package(tmp_path / "g.xlsx")["annual"]
    assert annual.rows == [(3, {"code": "X", "year": 2020, "members": 7, "workers": 9})]


def test_a_date_column_accepts_excel_dates_text_and_serial_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "organizations"
    sheet.append(["code", "established"])
    for code, value in (("A", dt.datetime(2010, 3, 15)), ("B", "15/03/2010"), ("C", "2010-03-15"), ("D", 40252)):
        sheet.append([code, value])
    book.save(tmp_path / "g.xlsx")
    rows = read_package(tmp_path / "g.xlsx")["organizations"].rows
    assert {values["code"]: cells.date(values["established"]) for _, values in rows} == dict.fromkeys(
        "ABCD", dt.date(2010, 3, 15)
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.810,5", "1810.5"), ("1,810.5", "1810.5"), ("1810,5", "1810.5"), ("1810.5", "1810.5"), ("0,810", "0.81"),
     ("1.234.567", "1234567"), ("1,234,567.25", "1234567.25"), ("1 810,5", "1810.5"), ("1810", "1810")],
)  # fmt: skip
def test_decimals_are_read_in_vietnamese_or_english_notation(text: str, value: str) -> None:
    assert cells.decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1.810", "1,810"])
def test_an_ambiguous_decimal_is_refused_with_a_question(text: str) -> None:
    with pytest.raises(cells.CellError, match=r"không rõ là 1810 .* hay 1,81"):
        cells.decimal(text)


@pytest.mark.parametrize("text", ["1.810", "1,810", "1 810", 1810, 1810.0])
def test_a_whole_number_with_a_separator_is_unambiguous(text: Any) -> None:
    assert cells.integer(text) == 1810


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "organizations.csv"
    path.write_text("code,name\nA,Ho\u031b\u0323p ta\u0301c xa\u0303\n", "utf-8")  # combining marks (NFD)
    assert read_package(path)["organizations"].rows[0][1]["name"] == "Hợp tác xã"


def test_text_in_a_legacy_encoding_is_converted_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "Tổ chức.csv"
    rows = "A,Hîp t¸c x· Hoµ B×nh\nB,Hîp t¸c x· N«ng nghiÖp\nC,Hợp tác xã C\n"
    path.write_text("Mã tổ chức,Tên tổ chức\n" + rows, "utf-8")
    sheet = read_package(path)["organizations"]
    names = [values["name"] for _, values in sheet.rows]
    assert names == ["Hợp tác xã Hoà Bình", "Hợp tác xã Nông nghiệp", "Hợp tác xã C"]
    said = [str(w) for w in sheet.warnings]
    assert any("cột Tên tổ chức: 2 ô được chuyển từ TCVN3" in w for w in said), said
