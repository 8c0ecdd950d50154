"""Excel templates and exports in the same layout (issue: spreadsheet exchange)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kttt.annual.models import AnnualFigures, Rating
from kttt.areas.gazetteer import shared_gazetteer
from kttt.exchange.columns import COLUMNS, GUIDE_SHEET, LISTS_SHEET, SHEET_LABELS
from kttt.exchange.importer import ImportResult, import_package, import_sheets
from kttt.exchange.reader import sheets_from_rows
from kttt.exchange.templates import (
    KEY_ROW,
    TEMPLATES,
    XLSX,
    annual_rows,
    area_label,
    area_units,
    export_workbook,
    link_rows,
    organisation_rows,
    sheet_columns,
    status_rows,
    template_workbook,
)
from kttt.registry.models import Kind, Organisation, Sector, Status, StatusChange, UnionMembership
from tests.conftest import Loader, lang_son, province_officer

PACKAGE: dict[str, list[dict[str, Any]]] = {
    "organizations": [
        {"code": "HTX-A", "established": "2010-03-15", "area": "Tân Thành, Hữu Lũng"},
        {"code": "HTX-B", "established": "2012-01-01", "area": "6628", "name": '=HYPERLINK("x")'},
        {"code": "LH-1", "kind": "LHHTX", "established": "2014-05-01", "area": "Huyện Cao Lộc"},
        {
            "code": "THT-1",
            "kind": "THT",
            "sector": "thuong-mai",
            "established": "2016-01-01",
            "dissolved": "2020-06-30",
        },
        {"code": "QTD-1", "kind": "QTDND", "sector": "tin-dung", "established": "2005-01-01"},
    ],
    "annual": [
        {"code": "HTX-A", "year": "2018", "members": "12", "workers": "20", "revenue": "900.000.000", "rating": "kha"},
        {"code": "HTX-A", "year": "2019", "members": "12", "source": "Báo cáo năm", "as_of": "30/06/2019"},
        {"code": "HTX-B", "year": "2018", "members": "9", "workers": "8", "profit": "-5000000"},
        {"code": "LH-1", "year": "2018", "members": "4", "charter_capital": "300000000"},
        {"code": "THT-1", "year": "2018", "members": "5", "workers": "5", "revenue": "100000000"},
    ],
    "union_members": [
        {"union_code": "LH-1", "member_code": "HTX-A", "joined": "2014-05-01", "left": ""},
        {"union_code": "LH-1", "member_code": "HTX-B", "joined": "2015-01-01", "left": "2019-06-30"},
    ],
    "statuses": [
        {"code": "HTX-B", "date": "2021-03-01", "status": "tam-ngung", "note": "Quyết định số 12"},
        {"code": "QTD-1", "date": "2022-05-01", "status": "thu-hoi"},
    ],
}


def opened(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def row_values(ws: Worksheet, row: int) -> list[Any]:
    return [cell.value for cell in ws[row]]


def list_values(workbook: Workbook, formula: str) -> list[str]:
    """The values a drop-down's range ('Danh mục'!$A$2:$A$5) points at."""
    sheet, cells = formula.split("!")
    assert sheet.strip("'") == LISTS_SHEET
    return [c.value for (c,) in workbook[LISTS_SHEET][cells.replace("$", "")]]


def validations(workbook: Workbook, ws: Worksheet) -> dict[str, list[str]]:
    """Column key (from the key row) → the values of its drop-down."""
    keys = {get_column_letter(number): str(cell.value) for number, cell in enumerate(ws[KEY_ROW], start=1)}
    found = {}
    for validation in ws.data_validations.dataValidation:
        assert validation.type == "list"
        first = str(validation.sqref).split(":")[0]
        assert first.endswith("4")  # from the first data row down
        found[keys[first.rstrip("0123456789")]] = list_values(workbook, validation.formula1)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_every_template_has_title_vietnamese_headers_and_the_key_row(kind: str) -> None:
    workbook = opened(template_workbook(kind, 2018, lang_son()))
    template = TEMPLATES[kind]
    data_sheets = [SHEET_LABELS[s] for s in template.sheets]
    assert workbook.sheetnames == [*data_sheets, GUIDE_SHEET, LISTS_SHEET]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    for sheet in template.sheets:
        ws = workbook[SHEET_LABELS[sheet]]
        columns = sheet_columns(sheet, template.form)
        assert str(ws["A1"].value).startswith("MẪU NHẬP ") and "LẠNG SƠN" in str(ws["A1"].value)
        assert [str(r) for r in ws.merged_cells.ranges] == [f"A1:{get_column_letter(len(columns))}1"]
        assert row_values(ws, 2) == [c.label for c in columns]
        assert all(cell.font.b and cell.alignment.wrap_text for cell in ws[2])
        assert row_values(ws, 3) == [c.key for c in columns]
        assert all(cell.font.sz == 8 for cell in ws[3])
        assert ws.freeze_panes == "A4" and ws.max_row == 3


@pytest.mark.django_db
def test_the_yearly_forms_keep_sensible_columns() -> None:
    keys = {form: [c.key for c in sheet_columns("annual", form)] for form in ("tht", "htx", "union")}
    assert keys["htx"] == [c.key for c in COLUMNS["annual"]]
    assert "charter_capital" not in keys["tht"] and "rating" not in keys["tht"]
    assert {"members", "workers", "revenue", "avg_income"} <= set(keys["tht"])
    assert {"members", "workers", "charter_capital", "revenue", "profit", "rating"} <= set(keys["union"])
    title = opened(template_workbook("annual-tht", 2019, lang_son()))["Số liệu năm"]["A1"].value
    assert title == "MẪU NHẬP SỐ LIỆU TỔ HỢP TÁC NĂM 2019 – TỈNH LẠNG SƠN"


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2018, 2025])
def test_drop_downs_list_the_vietnamese_labels_and_the_areas_in_force(year: int) -> None:
    province = lang_son(dt.date(year, 12, 31))
    workbook = opened(template_workbook("all", year, province))
    units = area_units(province, dt.date(year, 12, 31))
    assert validations(workbook, workbook["Tổ chức"]) == {
        "kind": [label for _, label in Kind.choices],
        "sector": [label for _, label in Sector.choices],
        "area": [area_label(u) for u in units],
    }
    assert validations(workbook, workbook["Trạng thái"]) == {"status": [label for _, label in Status.choices]}
    assert validations(workbook, workbook["Số liệu năm"]) == {"rating": [label for _, label in Rating.choices]}
    assert validations(workbook, workbook["Thành viên liên hiệp"]) == {}
    if year == 2018:  # 11 districts, then the communes with their district
        assert len(units) > 200 and "Huyện Hữu Lũng" in list_values(workbook, "'Danh mục'!$E$2:$E$12")
    else:
        assert len(units) == 65 and all(u.level == "commune" for u in units)


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2018, 2025])
def test_every_area_of_the_list_is_read_back_as_that_unit(year: int) -> None:
    day = dt.date(year, 12, 31)
    province, gazetteer = lang_son(day), shared_gazetteer()
    for unit in area_units(province, day):
        assert gazetteer.area(area_label(unit), province, day).pk == unit.pk, area_label(unit)


@pytest.mark.django_db
def test_the_instructions_list_every_column() -> None:
    workbook = opened(template_workbook("all", 2018, lang_son()))
    guide = workbook[GUIDE_SHEET]
    rows = [row for row in guide.iter_rows(values_only=True)]
    text = "\n".join(" ".join(str(v) for v in row if v is not None) for row in rows)
    for sheet, columns in COLUMNS.items():
        assert f"Trang “{SHEET_LABELS[sheet]}”" in text
        for column in columns:
            assert any(row[0] == column.label and row[1] == column.key for row in rows), column.key
    kind_row = next(row for row in rows if row[1] == "kind")
    assert kind_row[2] == "Có" and "Hợp tác xã (HTX)" in str(kind_row[4])
    members_row = next(row for row in rows if row[1] == "members")
    assert members_row[2] == "Không" and members_row[3] == "người"
    assert "1.810" in text and "dd/mm/yyyy" in text and "để trống" in text.lower()


@pytest.mark.django_db
def test_number_formats_of_the_columns() -> None:
    ws = opened(template_workbook("all", 2018, lang_son()))["Số liệu năm"]
    formats = {
        cell.value: ws.column_dimensions[get_column_letter(number)].number_format
        for number, cell in enumerate(ws[3], 1)
    }
    assert formats["revenue"] == formats["members"] == "#,##0"
    assert formats["as_of"] == "dd/mm/yyyy" and formats["code"] == "@"


# --- exports ---------------------------------------------------------------------------------------------


def export_everything(year: int = 2018) -> bytes:
    return export_workbook(
        {
            "organizations": organisation_rows(Organisation.objects.all()),
            "statuses": status_rows(StatusChange.objects.all()),
            "annual": annual_rows(AnnualFigures.objects.all()),
            "union_members": link_rows(UnionMembership.objects.all()),
        },
        year=year,
        province=lang_son(),
    )


def rows_under_the_keys(workbook: Workbook) -> dict[str, list[dict[str, Any]]]:
    """The data rows of each sheet keyed by the English key row: the package the template stands for."""
    sheets = {}
    for name, label in SHEET_LABELS.items():
        if label not in workbook.sheetnames:
            continue
        ws = workbook[label]
        keys = row_values(ws, KEY_ROW)
        sheets[name] = [dict(zip(keys, row, strict=True)) for row in ws.iter_rows(min_row=4, values_only=True)]
    return sheets


def assert_nothing_changed(result: ImportResult) -> None:
    assert result.errors == []  # the reader's notes on headers and skipped sheets are warnings
    counts = {name: (c.created, c.updated, c.unchanged) for name, c in result.counts.items()}
    assert counts == {
        "organizations": (0, 0, 5),
        "statuses": (0, 0, 3),  # the two changes and THT-1's dissolution
        "annual": (0, 0, 5),
        "union_members": (0, 0, 2),
    }


def test_an_export_holds_the_records_as_the_importer_reads_them(load: Loader) -> None:
    load(**PACKAGE)
    workbook = opened(export_everything())
    assert not str(workbook["Tổ chức"]["A1"].value).startswith("MẪU")
    rows = rows_under_the_keys(workbook)
    htx_a = next(r for r in rows["organizations"] if r["code"] == "HTX-A")
    assert htx_a["kind"] == "Hợp tác xã" and htx_a["sector"] == "Nông nghiệp"
    assert htx_a["area"] == "Xã Tân Thành, Hữu Lũng" and htx_a["established"] == dt.datetime(2010, 3, 15)
    qtd = next(r for r in rows["organizations"] if r["code"] == "QTD-1")
    assert qtd["dissolved"] is None  # a revocation travels on the statuses sheet
    figures = next(r for r in rows["annual"] if (r["code"], r["year"]) == ("HTX-A", 2018))
    assert figures["revenue"] == 900_000_000 and figures["rating"] == "Khá" and figures["profit"] is None
    ws = workbook["Số liệu năm"]
    revenue = next(c for c in ws[3] if c.value == "revenue").column_letter
    assert ws[f"{revenue}4"].number_format == "#,##0"
    name = workbook["Tổ chức"]["B5"]
    assert name.value == '=HYPERLINK("x")' and name.data_type == "s" and name.quotePrefix


def test_export_then_import_changes_nothing(load: Loader) -> None:
    load(**PACKAGE)
    result = import_sheets(sheets_from_rows(rows_under_the_keys(opened(export_everything()))))
    assert_nothing_changed(result)


def test_export_then_import_through_the_reader_changes_nothing(load: Loader, tmp_path: Path) -> None:
    load(**PACKAGE)
    path = tmp_path / "xuat.xlsx"
    path.write_bytes(export_everything())
    result = import_package(path)
    assert not [w for w in result.warnings if "Hướng dẫn" in str(w) or "Danh mục" in str(w)]
    assert_nothing_changed(result)


# --- command line ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_writes_a_template(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    call_command("template", "annual-htx", "-o", str(path), "--province", "Lạng Sơn", "--year", "2018")
    ws = opened(path.read_bytes())["Số liệu năm"]
    assert ws["A1"].value == "MẪU NHẬP SỐ LIỆU HỢP TÁC XÃ NĂM 2018 – TỈNH LẠNG SƠN"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [(["bogus"], "Không có mẫu “bogus”"), (["all", "--province", "Atlantis"], "Không tìm thấy tỉnh")],
)
def test_the_command_refuses_in_vietnamese(tmp_path: Path, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("template", *args, "-o", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


# --- web -------------------------------------------------------------------------------------------------


@pytest.fixture
def officer(client: Client, db: None) -> Client:
    client.force_login(province_officer("officer", password="x-Strong-pass-1"))
    return client


@pytest.mark.django_db
def test_the_pages_need_a_login(client: Client) -> None:
    for url in (reverse("exchange:templates"), reverse("exchange:template", kwargs={"kind": "all"})):
        assert client.get(url)["Location"].startswith(reverse("web:login"))


def test_the_templates_page_links_every_template(officer: Client) -> None:
    html = officer.get(reverse("exchange:templates"), {"province": "20", "year": "2018"}).content.decode()
    assert "Mẫu Excel" in html
    for kind in TEMPLATES:
        assert f"{reverse('exchange:template', kwargs={'kind': kind})}?province=20&amp;year=2018" in html
    assert f"{reverse('exchange:export_annual')}?province=20&amp;year=2018&amp;form=htx" in html


def test_a_template_download_has_a_vietnamese_file_name(officer: Client) -> None:
    url = reverse("exchange:template", kwargs={"kind": "annual-htx"})
    response = officer.get(url, {"province": "20", "year": "2018"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''M%E1%BA%ABu%20nh%E1%BA%ADp%20s%E1%BB%91%20li%E1%BB%87u" in disposition
    assert "L%E1%BA%A1ng%20S%C6%A1n.xlsx" in disposition
    assert opened(response.content).sheetnames[0] == "Số liệu năm"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/mau-nhap-lieu/khong-co/", {}),
        ("/mau-nhap-lieu/all/", {"province": "Atlantis"}),
        ("/mau-nhap-lieu/all/", {"year": "abc"}),
        ("/xuat-so-lieu/", {"form": "bogus"}),
    ],
)
def test_bad_requests_get_a_message(officer: Client, url: str, params: dict[str, str]) -> None:
    response = officer.get(url, params)
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert 'role="alert"' in response.content.decode()


def test_the_figures_export_of_a_form_holds_its_kinds(officer: Client, load: Loader) -> None:
    load(**PACKAGE)
    response = officer.get(reverse("exchange:export_annual"), {"province": "20", "year": "2018", "form": "htx"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    ws = opened(response.content)["Số liệu năm"]
    assert ws["A1"].value == "SỐ LIỆU HỢP TÁC XÃ NĂM 2018 – TỈNH LẠNG SƠN"
    assert [row[0] for row in ws.iter_rows(min_row=4, values_only=True)] == ["HTX-A", "HTX-B"]
    union = officer.get(reverse("exchange:export_annual"), {"province": "20", "year": "2018", "form": "union"})
    ws = opened(union.content)["Số liệu năm"]
    assert [row[:3] for row in ws.iter_rows(min_row=4, values_only=True)] == [("LH-1", 2018, 4)]
