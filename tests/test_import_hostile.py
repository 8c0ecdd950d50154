"""Hostile or broken files are refused before any parser reads them, with a clear Vietnamese message, and
nothing is written. The corpus is built here, in fixtures, rather than committed as binaries."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from pytest_django import Settings

from kttt.exchange.importer import import_package
from kttt.exchange.reader import PackageError, read_package
from kttt.registry.models import Organisation

HEADER = ["code", "name", "kind", "sector", "province", "established"]
ROW = ["X", "Hợp tác xã X", "HTX", "khac", "20", "15/03/2010"]


def workbook(path: Path, *rows: list[Any]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "organizations"
    for row in (HEADER, *(rows or [ROW])):
        sheet.append(row)
    book.save(path)
    return path


def rewrite(path: Path, change: Callable[[str, bytes], bytes], extra: dict[str, bytes] | None = None) -> Path:
    """Copy a workbook member by member, changing some and adding others."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def refused(path: Path, *fragments: str) -> str:
    with pytest.raises(PackageError) as error:
        import_package(path)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message
    assert Organisation.objects.count() == 0
    return message


def test_an_empty_file_is_refused(db: None, tmp_path: Path) -> None:
    (tmp_path / "g.xlsx").write_bytes(b"")
    refused(tmp_path / "g.xlsx", "g.xlsx rỗng (0 byte)")


def test_a_text_file_renamed_xlsx_is_refused(db: None, tmp_path: Path) -> None:
    (tmp_path / "g.xlsx").write_text("code,name\nX,Y\n", "utf-8")
    refused(tmp_path / "g.xlsx", "không phải là tệp Excel (.xlsx)", "bị đổi tên")


def test_a_zip_that_is_not_a_workbook_is_refused(db: None, tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "g.xlsx", "w") as archive:
        archive.writestr("anh.jpg", b"\xff\xd8")
    refused(tmp_path / "g.xlsx", "là tệp nén (zip) chứ không phải sổ làm việc Excel")


def test_a_password_protected_workbook_is_refused(db: None, tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1000)
    (tmp_path / "g.xlsx").write_bytes(ole)
    refused(tmp_path / "g.xlsx", "được bảo vệ bằng mật khẩu", "bỏ mật khẩu")


def test_an_old_excel_file_named_xlsx_is_told_to_be_renamed(db: None, tmp_path: Path) -> None:
    (tmp_path / "g.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    refused(tmp_path / "g.xlsx", "Excel 97-2003", ".xls")


@pytest.mark.parametrize("content", [b"not an excel file at all", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)])
def test_a_broken_xls_is_refused(db: None, tmp_path: Path, content: bytes) -> None:
    (tmp_path / "g.xls").write_bytes(content)
    refused(tmp_path / "g.xls", "g.xls", "Excel 97-2003 (.xls)")


def test_a_workbook_saved_as_csv_is_refused(db: None, tmp_path: Path) -> None:
    workbook(tmp_path / "g.xlsx").rename(tmp_path / "organizations.csv")
    refused(tmp_path / "organizations.csv", "là một tệp Excel chứ không phải CSV")


def test_a_file_over_the_byte_limit_is_refused_and_the_limit_is_said(
    db: None, tmp_path: Path, settings: Settings
) -> None:
    settings.KTTT_IMPORT_MAX_BYTES = 1024
    refused(workbook(tmp_path / "g.xlsx"), "quá lớn", "giới hạn là 1.024 byte", "KTTT_IMPORT_MAX_BYTES")


def test_a_package_over_the_row_limit_is_refused_and_the_limit_is_said(
    db: None, tmp_path: Path, settings: Settings
) -> None:
    settings.KTTT_IMPORT_MAX_ROWS = 2
    path = workbook(tmp_path / "g.xlsx", ROW, ["Y", *ROW[1:]], ["Z", *ROW[1:]])
    refused(path, "quá nhiều dòng", "giới hạn 2 dòng", "KTTT_IMPORT_MAX_ROWS")


def test_the_limits_have_defaults_in_the_settings() -> None:
    from django.conf import settings

    assert settings.KTTT_IMPORT_MAX_BYTES == 50 * 1024 * 1024
    assert settings.KTTT_IMPORT_MAX_ROWS == 500_000


def test_a_zip_bomb_is_refused_by_its_compression_ratio(db: None, tmp_path: Path) -> None:
    path = rewrite(workbook(tmp_path / "g.xlsx"), lambda _, data: data, {"xl/media/bom.bin": bytes(20 * 1024 * 1024)})
    assert path.stat().st_size < 1024 * 1024
    refused(path, "khi giải nén", "tỷ lệ nén", "không được đọc")


def test_a_workbook_unpacking_over_the_limit_is_refused(db: None, tmp_path: Path, settings: Settings) -> None:
    settings.KTTT_IMPORT_MAX_BYTES = 100_000
    path = rewrite(workbook(tmp_path / "g.xlsx"), lambda _, data: data, {"xl/media/lon.bin": bytes(2 * 1024 * 1024)})
    refused(path, "khi giải nén", "giới hạn 1.000.000 byte")


def test_macros_are_ignored_with_a_warning(db: None, tmp_path: Path) -> None:
    source = workbook(tmp_path / "g.xlsx")
    path = rewrite(source, lambda _, data: data, {"xl/vbaProject.bin": b'Attribute VB_Name = "Module1"'})
    path = path.rename(tmp_path / "g.xlsm")
    result = import_package(path)
    assert Organisation.objects.filter(code="X").exists()
    assert "g.xlsm: Tệp có macro (VBA); macro không được chạy và đã được bỏ qua." in [str(w) for w in result.warnings]


def formula_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "annual"
    sheet.append(["code", "year", "members", "workers"])
    sheet.append(["X", 2020, 5, "=C2*2"])
    book.save(path)
    return path


def test_a_formula_without_a_cached_value_is_refused_naming_its_cell(db: None, tmp_path: Path) -> None:
    refused(formula_workbook(tmp_path / "g.xlsx"), "Ô D2 của trang annual có công thức =C2*2", "lưu lại")


def test_a_formula_with_a_cached_value_gives_that_value(tmp_path: Path) -> None:
    path = formula_workbook(tmp_path / "g.xlsx")
    rewrite(path, lambda name, data: data.replace(b"<v></v>", b"<v>10</v>") if "worksheets" in name else data)
    assert read_package(path)["annual"].rows == [(2, {"code": "X", "year": 2020, "members": 5, "workers": 10})]


def test_html_in_a_name_stays_text(db: None, tmp_path: Path) -> None:
    name = '<script>alert("x")</script> HTX & <b>Bắc Sơn</b>'
    import_package(workbook(tmp_path / "g.xlsx", ["X", name, *ROW[2:]]))
    assert Organisation.objects.get(code="X").name == name


def test_two_sheets_for_the_same_data_are_refused(db: None, tmp_path: Path) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "annual"
    book.create_sheet("Số liệu năm")
    book.save(tmp_path / "g.xlsx")
    refused(tmp_path / "g.xlsx", "hai trang cùng là Số liệu năm")
