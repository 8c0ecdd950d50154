"""Data-package import (issue 2, deliverable 7): all-or-nothing, every error placed, idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from kttt.annual.models import AnnualFigures
from kttt.exchange.importer import ImportFailed, ImportResult
from kttt.exchange.validate import Problem
from kttt.registry.models import Organisation, StatusChange, UnionMembership
from tests.conftest import Loader

D = dt.date
REPO = Path(__file__).resolve().parents[1]


def table_counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        AnnualFigures.objects.count(),
        UnionMembership.objects.count(),
        StatusChange.objects.count(),
    )


def failure(load: Loader, **sheets: list[dict[str, Any]]) -> list[Problem]:
    """Import a package that must fail; check that nothing was written and return its errors."""
    before = table_counts()
    with pytest.raises(ImportFailed) as failed:
        load(**sheets)
    assert table_counts() == before
    assert failed.value.result.errors
    return failed.value.result.errors


def only_error(load: Loader, **sheets: list[dict[str, Any]]) -> Problem:
    errors = failure(load, **sheets)
    assert len(errors) == 1, errors
    return errors[0]


# A package touching every sheet: two HTX, a union with both as members, a THT, statuses.
PACKAGE: dict[str, list[dict[str, Any]]] = {
    "organizations": [
        {"code": "HTX-A", "established": "2010-03-15", "area": "Tân Thành, Hữu Lũng"},
        {"code": "HTX-B", "established": "2012-01-01", "area": "6628"},
        {"code": "LH-1", "kind": "LHHTX", "established": "2014-05-01", "area": "Huyện Cao Lộc"},
        {"code": "THT-1", "kind": "THT", "established": "2016-01-01", "dissolved": "2020-06-30"},
    ],
    "annual": [
        {"code": "HTX-A", "year": "2018", "members": "12", "workers": "20", "revenue": "900000000"},
        {"code": "HTX-A", "year": "2019", "members": "12", "workers": "", "revenue": ""},
        {"code": "HTX-B", "year": "2018", "members": "9", "workers": "8", "revenue": "500000000"},
        {"code": "THT-1", "year": "2018", "members": "5", "workers": "5", "revenue": "100000000"},
    ],
    "union_members": [
        {"union_code": "LH-1", "member_code": "HTX-A", "joined": "2014-05-01", "left": ""},
        {"union_code": "LH-1", "member_code": "HTX-B", "joined": "2015-01-01", "left": "2019-06-30"},
    ],
    "statuses": [
        {"code": "HTX-B", "date": "2021-03-01", "status": "tam-ngung"},
    ],
}


def snapshot_rows() -> dict[str, list[tuple[Any, ...]]]:
    return {
        "orgs": list(
            Organisation.objects.order_by("code").values_list(
                "pk",
                "code",
                "name",
                "kind",
                "established",
                "dissolved",
                "area_id",
                "former_district_id",
                "current_commune_id",
                "updated_at",
            )
        ),
        "annual": list(AnnualFigures.objects.order_by("pk").values_list()),
        "links": list(UnionMembership.objects.order_by("pk").values_list()),
        "statuses": list(StatusChange.objects.order_by("pk").values_list()),
    }


def test_it_imports_a_package_into_every_table(load: Loader) -> None:
    result = load(**PACKAGE)
    assert result.errors == []
    assert table_counts() == (4, 4, 2, 2)  # the THT's "dissolved" cell is a status change too
    assert result.counts["organizations"].created == 4
    assert result.counts["annual"].created == 4
    assert result.counts["union_members"].created == 2
    assert Organisation.objects.get(code="THT-1").dissolved == D(2020, 6, 30)


def test_it_changes_nothing_when_the_same_package_is_imported_twice(load: Loader) -> None:
    load(**PACKAGE)
    before = snapshot_rows()
    second = load(**PACKAGE)
    assert second.errors == []
    for name, counts in second.counts.items():
        assert (counts.created, counts.updated) == (0, 0), name
    assert second.counts["organizations"].unchanged == 4
    assert second.counts["annual"].unchanged == 4
    assert second.counts["union_members"].unchanged == 2
    assert snapshot_rows() == before


def test_it_updates_a_changed_name_by_code(load: Loader) -> None:
    load(**PACKAGE)
    pk = Organisation.objects.get(code="HTX-A").pk
    renamed = [{**PACKAGE["organizations"][0], "name": "Hợp tác xã Chè Tân Thành"}]
    result = load(organizations=renamed)
    assert (result.counts["organizations"].created, result.counts["organizations"].updated) == (0, 1)
    org = Organisation.objects.get(code="HTX-A")
    assert org.pk == pk
    assert org.name == "Hợp tác xã Chè Tân Thành"
    assert Organisation.objects.count() == 4
    assert "che tan thanh" in org.search_name


def test_it_updates_changed_yearly_figures_and_keeps_the_others(load: Loader) -> None:
    load(**PACKAGE)
    result = load(annual=[{"code": "HTX-A", "year": "2018", "members": "15"}])
    assert (result.counts["annual"].created, result.counts["annual"].updated) == (0, 1)
    row = AnnualFigures.objects.get(organisation__code="HTX-A", year=2018)
    assert row.members == 15
    assert row.revenue == 900_000_000  # a column absent from the package keeps its value


def test_it_keeps_blank_optional_cells_as_unknown_not_zero(load: Loader) -> None:
    load(**PACKAGE)
    row = AnnualFigures.objects.get(organisation__code="HTX-A", year=2019)
    assert row.members == 12
    assert row.workers is None
    assert row.revenue is None
    org = Organisation.objects.get(code="HTX-A")
    assert org.dissolved is None


def test_it_reads_vietnamese_numbers_and_dates(load: Loader) -> None:
    load(
        organizations=[{"code": "HTX-VN", "established": "25/11/2019"}],
        annual=[
            {
                "code": "HTX-VN",
                "year": "2.019",
                "members": "1.810",
                "charter_capital": "274.000.000.000",
                "avg_income": "50.000.000",
                "as_of": "31/12/2019",
            }
        ],
    )
    org = Organisation.objects.get(code="HTX-VN")
    assert org.established == D(2019, 11, 25)
    row = AnnualFigures.objects.get(organisation=org)
    assert row.year == 2019
    assert row.members == 1810
    assert row.charter_capital == 274_000_000_000
    assert row.avg_income == 50_000_000
    assert row.as_of == D(2019, 12, 31)


@pytest.mark.parametrize(
    ("value", "column"),
    [("1,5", "members"), ("abc", "members"), ("-3", "workers"), ("12.34", "members")],
)
def test_it_refuses_a_malformed_number(load: Loader, value: str, column: str) -> None:
    error = only_error(
        load,
        organizations=[{"code": "HTX-N", "established": "2010-01-01"}],
        annual=[{"code": "HTX-N", "year": "2018", column: value}],
    )
    assert (error.sheet, error.row, error.column) == ("annual.csv", 2, column)
    assert value in error.message


def test_it_refuses_a_malformed_date(load: Loader) -> None:
    error = only_error(load, organizations=[{"code": "HTX-D", "established": "31/02/2018"}])
    assert (error.sheet, error.row, error.column) == ("organizations.csv", 2, "established")
    assert "31/02/2018" in error.message


def test_it_writes_nothing_when_one_row_is_bad_and_names_its_place(load: Loader) -> None:
    load(**PACKAGE)
    before = snapshot_rows()
    bad = {
        **PACKAGE,
        "organizations": [
            {**PACKAGE["organizations"][0], "name": "Tên mới không được ghi"},
            *PACKAGE["organizations"][1:],
            {"code": "HTX-NEW", "established": "2019-01-01"},
        ],
        "annual": [*PACKAGE["annual"], {"code": "HTX-NEW", "year": "2019", "members": "mười"}],
    }
    error = only_error(load, **bad)
    assert (error.sheet, error.row, error.column) == ("annual.csv", 6, "members")
    text = str(error)
    assert "annual.csv" in text and "6" in text and "members" in text
    assert snapshot_rows() == before
    assert not Organisation.objects.filter(code="HTX-NEW").exists()


def test_it_lists_every_error_of_the_package(load: Loader) -> None:
    errors = failure(
        load,
        organizations=[
            {"code": "OK-1", "established": "2010-01-01"},
            {"code": "BAD-1", "established": "sometime"},
            {"code": "OK-2", "established": "2010-01-01", "kind": "công ty"},
        ],
        annual=[
            {"code": "OK-1", "year": "2018", "members": "x"},
            {"code": "OK-1", "year": "2019", "workers": "10", "worker_members": "11"},
            {"code": "GHOST", "year": "2018"},
        ],
        union_members=[{"union_code": "OK-1", "member_code": "OK-1", "joined": "2015-01-01"}],
    )
    places = {(e.sheet, e.row, e.column) for e in errors}
    assert ("organizations.csv", 3, "established") in places
    assert ("organizations.csv", 4, "kind") in places
    assert ("annual.csv", 2, "members") in places
    assert ("annual.csv", 3, "worker_members") in places
    assert ("annual.csv", 4, "code") in places
    assert ("union_members.csv", 2, "union_code") in places
    assert len({(e.sheet, e.row) for e in errors}) == 6


def test_a_dry_run_writes_nothing_but_reports_what_it_would_do(load: Loader) -> None:
    result = load(dry_run=True, **PACKAGE)
    assert result.dry_run
    assert table_counts() == (0, 0, 0, 0)
    assert result.counts["organizations"].created == 4
    assert result.counts["annual"].created == 4
    assert result.counts["union_members"].created == 2


def test_a_dry_run_of_an_update_leaves_the_stored_record(load: Loader) -> None:
    load(**PACKAGE)
    before = snapshot_rows()
    renamed = [{**PACKAGE["organizations"][0], "name": "Tên thử"}]
    result = load(dry_run=True, organizations=renamed)
    assert result.counts["organizations"].updated == 1
    assert snapshot_rows() == before


def test_it_names_an_unknown_province_in_vietnamese(load: Loader) -> None:
    error = only_error(load, organizations=[{"code": "X", "established": "2010-01-01", "province": "Xứ Mơ"}])
    assert (error.sheet, error.row, error.column) == ("organizations.csv", 2, "province")
    assert "Xứ Mơ" in error.message
    assert "Không tìm thấy" in error.message


def test_it_names_an_unknown_area_in_vietnamese(load: Loader) -> None:
    error = only_error(load, organizations=[{"code": "X", "established": "2010-01-01", "area": "Xã Mộng Mơ"}])
    assert (error.sheet, error.row, error.column) == ("organizations.csv", 2, "area")
    assert "Xã Mộng Mơ" in error.message
    assert "Không tìm thấy" in error.message


def test_it_refuses_an_area_of_another_province(load: Loader) -> None:
    # 6628 is Xã Đình Lập in Lạng Sơn; the row says Hà Nội.
    error = only_error(
        load, organizations=[{"code": "X", "established": "2010-01-01", "province": "1", "area": "6628"}]
    )
    assert error.column == "area"


def test_it_asks_for_a_code_when_a_commune_name_is_ambiguous(load: Loader) -> None:
    # Lạng Sơn had three communes named Tân Thành before 1/7/2025 (Cao Lộc, Bắc Sơn, Hữu Lũng).
    error = only_error(load, organizations=[{"code": "X", "established": "2010-01-01", "area": "Tân Thành"}])
    assert (error.sheet, error.row, error.column) == ("organizations.csv", 2, "area")
    assert "mã" in error.message
    for code in ("6250", "6379", "6442"):
        assert code in error.message


@pytest.mark.parametrize("area", ["Tân Thành, Hữu Lũng", "tan thanh, huu lung", "6442"])
def test_it_accepts_an_ambiguous_name_narrowed_by_district_or_a_code(load: Loader, area: str) -> None:
    load(organizations=[{"code": "X", "established": "2010-01-01", "area": area}])
    org = Organisation.objects.get(code="X")
    assert org.area is not None
    assert (org.area.code, org.area.name) == ("6442", "Xã Tân Thành")


@pytest.mark.parametrize("established", ["2010-01-01", "2025-06-30"])
def test_it_accepts_a_district_for_a_record_before_the_reform(load: Loader, established: str) -> None:
    load(organizations=[{"code": "X", "established": established, "area": "Huyện Hữu Lũng"}])
    org = Organisation.objects.get(code="X")
    assert org.former_district is not None
    assert org.former_district.code == "186"
    assert org.current_commune is None


@pytest.mark.parametrize("area", ["Huyện Hữu Lũng", "186"])
def test_it_refuses_a_district_for_an_organisation_established_after_the_reform(load: Loader, area: str) -> None:
    error = only_error(load, organizations=[{"code": "X", "established": "2025-07-01", "area": area}])
    assert (error.sheet, error.row, error.column) == ("organizations.csv", 2, "area")
    assert "huyện" in error.message.lower()
    assert "1/7/2025" in error.message


CONSISTENCY = [
    ({"workers": "10", "worker_members": "11"}, "worker_members"),
    ({"managers": "3", "managers_trained": "4"}, "managers_trained"),
    ({"charter_capital": "1000000", "max_member_capital": "1000001"}, "max_member_capital"),
]


@pytest.mark.parametrize(("figures", "column"), CONSISTENCY)
def test_it_refuses_a_part_larger_than_its_whole(load: Loader, figures: dict[str, str], column: str) -> None:
    error = only_error(
        load,
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "members": "20", **figures}],
    )
    assert (error.sheet, error.row, error.column) == ("annual.csv", 2, column)


@pytest.mark.parametrize(
    "figures",
    [
        {"workers": "10", "worker_members": "10"},
        {"managers": "3", "managers_trained": "3"},
        {"charter_capital": "1000000", "max_member_capital": "100000"},
        {"workers": "", "worker_members": "5"},
    ],
)
def test_it_accepts_a_part_equal_to_or_below_its_whole(load: Loader, figures: dict[str, str]) -> None:
    result = load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "members": "20", **figures}],
    )
    assert result.errors == []
    assert AnnualFigures.objects.count() == 1


@pytest.mark.parametrize(
    ("year", "ok"),
    [("2014", False), ("2015", True), ("2020", True), ("2021", False)],
)
def test_it_refuses_a_year_outside_the_organisations_life(load: Loader, year: str, ok: bool) -> None:
    sheets: dict[str, list[dict[str, Any]]] = {
        "organizations": [{"code": "X", "established": "2015-06-01", "dissolved": "2020-03-01"}],
        "annual": [{"code": "X", "year": year, "members": "10"}],
    }
    if ok:
        load(**sheets)
        assert AnnualFigures.objects.get().year == int(year)
        return
    error = only_error(load, **sheets)
    assert (error.sheet, error.row, error.column) == ("annual.csv", 2, "year")
    assert year in error.message


def test_it_refuses_a_year_after_the_organisation_already_stored_was_dissolved(load: Loader) -> None:
    load(organizations=[{"code": "X", "established": "2015-06-01", "dissolved": "2020-03-01"}])
    error = only_error(load, annual=[{"code": "X", "year": "2021", "members": "10"}])
    assert (error.sheet, error.row, error.column) == ("annual.csv", 2, "year")


def test_it_refuses_a_year_after_a_revocation_in_the_statuses_sheet(load: Loader) -> None:
    # A revocation ends the organisation just as a dissolution does (Organisation.dissolved is set),
    # so figures for a later year are refused whichever sheet the end date came from.
    error = only_error(
        load,
        organizations=[{"code": "X", "established": "2015-06-01"}],
        statuses=[{"code": "X", "date": "2020-03-01", "status": "thu-hoi"}],
        annual=[{"code": "X", "year": "2021", "members": "10"}],
    )
    assert (error.sheet, error.row, error.column) == ("annual.csv", 2, "year")


ORGS_FOR_LINKS = [
    {"code": "LH", "kind": "LHHTX", "established": "2010-01-01"},
    {"code": "LH-2", "kind": "LHHTX", "established": "2010-01-01"},
    {"code": "HTX-1", "established": "2010-01-01"},
    {"code": "HTX-2", "established": "2010-01-01"},
    {"code": "THT-1", "kind": "THT", "established": "2010-01-01"},
]


@pytest.mark.parametrize(
    ("union", "member", "column"),
    [
        ("HTX-1", "HTX-2", "union_code"),  # an HTX is not a union
        ("THT-1", "HTX-2", "union_code"),
        ("LH", "THT-1", "member_code"),  # a union's members are HTX
        ("LH", "LH-2", "member_code"),
        ("LH", "NOWHERE", "member_code"),
    ],
)
def test_it_refuses_a_union_link_between_the_wrong_kinds(load: Loader, union: str, member: str, column: str) -> None:
    error = only_error(
        load,
        organizations=ORGS_FOR_LINKS,
        union_members=[{"union_code": union, "member_code": member, "joined": "2015-01-01"}],
    )
    assert (error.sheet, error.row, error.column) == ("union_members.csv", 2, column)


def test_it_accepts_a_union_link_from_an_htx_to_a_union(load: Loader) -> None:
    load(
        organizations=ORGS_FOR_LINKS,
        union_members=[{"union_code": "LH", "member_code": "HTX-1", "joined": "15/01/2015", "left": ""}],
    )
    link = UnionMembership.objects.get()
    assert (link.union.code, link.member.code) == ("LH", "HTX-1")
    assert (link.joined, link.left) == (D(2015, 1, 15), None)


def test_it_refuses_leaving_a_union_before_joining(load: Loader) -> None:
    error = only_error(
        load,
        organizations=ORGS_FOR_LINKS,
        union_members=[{"union_code": "LH", "member_code": "HTX-1", "joined": "2015-01-01", "left": "2014-12-31"}],
    )
    assert (error.sheet, error.row, error.column) == ("union_members.csv", 2, "left")


def test_a_suspension_keeps_the_organisation_active(load: Loader) -> None:
    load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        statuses=[{"code": "X", "date": "2018-05-01", "status": "tam-ngung"}],
    )
    org = Organisation.objects.get(code="X")
    assert org.dissolved is None
    assert org.active_on(D(2018, 12, 31))
    assert list(org.status_changes.values_list("status", "date")) == [("tam-ngung", D(2018, 5, 1))]


def test_a_revocation_ends_the_organisation(load: Loader) -> None:
    load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        statuses=[{"code": "X", "date": "01/09/2018", "status": "thu-hoi", "note": "Quyết định thu hồi"}],
    )
    org = Organisation.objects.get(code="X")
    assert org.dissolved == D(2018, 9, 1)
    assert org.active_on(D(2018, 8, 31))
    assert not org.active_on(D(2018, 12, 31))
    # The revocation is not doubled by a dissolution on the same day.
    assert list(org.status_changes.values_list("status", flat=True)) == ["thu-hoi"]


def test_a_status_before_establishment_is_refused(load: Loader) -> None:
    error = only_error(
        load,
        organizations=[{"code": "X", "established": "2010-01-01"}],
        statuses=[{"code": "X", "date": "2009-12-31", "status": "tam-ngung"}],
    )
    assert (error.sheet, error.row, error.column) == ("statuses.csv", 2, "date")


# --- The `kttt import` command, on CSV folders and .xlsx workbooks ---------------------------------

CSV_COLUMNS = {
    "organizations": ["code", "name", "kind", "sector", "province", "area", "established", "dissolved"],
    "annual": ["code", "year", "members", "workers", "worker_members", "charter_capital", "revenue"],
    "union_members": ["union_code", "member_code", "joined", "left"],
}
CSV_ROWS: dict[str, list[list[Any]]] = {
    "organizations": [
        ["HTX-C1", "Hợp tác xã Chè Bắc Sơn", "HTX", "nong-nghiep", "Lạng Sơn", "6442", "15/03/2010", ""],
        ["LH-C1", "Liên hiệp HTX Xứ Lạng", "LHHTX", "Thương mại – dịch vụ", "20", "", "01/05/2014", ""],
    ],
    "annual": [
        ["HTX-C1", "2018", "1.810", "20", "15", "274.000.000", "900.000.000"],
        ["LH-C1", "2018", "", "", "", "", ""],
    ],
    "union_members": [["LH-C1", "HTX-C1", "01/06/2014", ""]],
}


def write_csv_package(folder: Path, bad_members: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in CSV_COLUMNS.items():
        rows = [list(r) for r in CSV_ROWS[name]]
        if name == "annual" and bad_members is not None:
            rows[1][2] = bad_members
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
    return folder


def write_xlsx_package(path: Path, bad_members: Any = None) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, columns in CSV_COLUMNS.items():
        sheet = workbook.create_sheet(name)
        sheet.append(columns)
        for row in CSV_ROWS[name]:
            sheet.append(row)
    annual = workbook["annual"]
    # Typed cells as Excel stores them: a real date, real numbers.
    annual["B2"], annual["C2"], annual["G2"] = 2018, 1810, 900_000_000
    workbook["organizations"]["G2"] = dt.datetime(2010, 3, 15)
    if bad_members is not None:
        annual["C3"] = bad_members
    workbook.save(path)
    return path


def run_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def check_imported() -> None:
    org = Organisation.objects.get(code="HTX-C1")
    assert org.established == D(2010, 3, 15)
    assert org.former_district is not None and org.former_district.code == "186"
    row = AnnualFigures.objects.get(organisation=org, year=2018)
    assert (row.members, row.workers, row.worker_members, row.revenue) == (1810, 20, 15, 900_000_000)
    union_row = AnnualFigures.objects.get(organisation__code="LH-C1")
    assert union_row.members is None
    assert Organisation.objects.get(code="LH-C1").sector == "thuong-mai"
    assert UnionMembership.objects.get().joined == D(2014, 6, 1)


def test_the_command_imports_a_csv_folder(db: None, tmp_path: Path) -> None:
    out, _ = run_import(str(write_csv_package(tmp_path / "pkg")))
    check_imported()
    assert table_counts() == (2, 2, 1, 0)
    assert "Đã nhập xong" in out
    out, _ = run_import(str(tmp_path / "pkg"))  # a second time: nothing changes
    assert table_counts() == (2, 2, 1, 0)
    assert "thêm 0, cập nhật 0" in out


def test_the_command_imports_an_xlsx_workbook(db: None, tmp_path: Path) -> None:
    run_import(str(write_xlsx_package(tmp_path / "goi.xlsx")))
    check_imported()
    assert table_counts() == (2, 2, 1, 0)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_command_dry_run_writes_nothing(db: None, tmp_path: Path, kind: str) -> None:
    path = write_csv_package(tmp_path / "pkg") if kind == "csv" else write_xlsx_package(tmp_path / "g.xlsx")
    out, _ = run_import(str(path), "--dry-run")
    assert table_counts() == (0, 0, 0, 0)
    assert "không ghi" in out
    assert "sẽ thêm 2" in out


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_command_fails_on_a_bad_package_and_writes_nothing(db: None, tmp_path: Path, kind: str) -> None:
    path = (
        write_csv_package(tmp_path / "pkg", bad_members="nhiều")
        if kind == "csv"
        else write_xlsx_package(tmp_path / "g.xlsx", bad_members="nhiều")
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import", str(path), stdout=io.StringIO(), stderr=err)
    assert table_counts() == (0, 0, 0, 0)
    label = "annual.csv" if kind == "csv" else "trang annual"
    # The column is named as the user sees it: its letter (members is the third column) and its header.
    assert f"{label}, dòng 3, cột C (members):" in err.getvalue()


def test_the_command_fails_readably_on_a_missing_package(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run_import(str(tmp_path / "khong-co.xlsx"))


def test_the_console_script_exits_non_zero_and_names_the_bad_row(tmp_path: Path) -> None:
    package = write_csv_package(tmp_path / "pkg", bad_members="nhiều")
    done = subprocess.run(
        [str(REPO / ".venv/bin/kttt"), "import", str(package)],
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0
    assert "annual.csv, dòng 3, cột C (members)" in done.stderr
    assert "nhiều" in done.stderr
    assert "Traceback" not in done.stderr
    # Nothing was written to the fresh database.
    check = subprocess.run(
        [
            str(REPO / ".venv/bin/python"),
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "print(c.execute('select count(*) from registry_organisation').fetchone()[0])",
            f"{tmp_path}/x.sqlite3",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.strip() == "0"


def test_the_result_has_no_errors_when_it_succeeds(load: Loader) -> None:
    result: ImportResult = load(organizations=[{"code": "X", "established": "2010-01-01"}])
    assert result.errors == []
    assert result.warnings == []
    assert not result.dry_run


def test_a_column_absent_from_the_package_keeps_the_stored_values(load: Loader) -> None:
    # docs/data-package.md: "A column absent from the file leaves the stored value as it is".
    load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[
            {
                "code": "X",
                "year": "2018",
                "members": "12",
                "revenue": "900000000",
                "rating": "kha",
                "source": "Báo cáo năm 2018 của HTX",
                "as_of": "31/12/2018",
            }
        ],
    )
    load(annual=[{"code": "X", "year": "2018", "members": "13"}])
    row = AnnualFigures.objects.get()
    assert row.members == 13
    assert row.revenue == 900_000_000
    assert row.rating == "kha"
    assert row.source == "Báo cáo năm 2018 của HTX"
    assert row.as_of == D(2018, 12, 31)


def test_a_blank_cell_in_a_present_column_makes_the_value_unknown(load: Loader) -> None:
    load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "members": "12", "revenue": "900000000"}],
    )
    result = load(annual=[{"code": "X", "year": "2018", "members": "12", "revenue": ""}])
    assert result.counts["annual"].updated == 1
    assert AnnualFigures.objects.get().revenue is None


@pytest.mark.parametrize(
    ("kind", "sector", "expected"),
    [
        ("HTX", "nong-nghiep", ("HTX", "nong-nghiep")),
        ("hợp tác xã", "Nông nghiệp", ("HTX", "nong-nghiep")),
        ("HOP TAC XA", "nong nghiep", ("HTX", "nong-nghiep")),
        ("LH HTX", "Thương mại – dịch vụ", ("LHHTX", "thuong-mai")),
        ("Liên hiệp hợp tác xã", "thuong-mai", ("LHHTX", "thuong-mai")),
        ("tổ hợp tác", "VẬN TẢI", ("THT", "van-tai")),
        ("QTDND", "Quỹ tín dụng", ("QTDND", "tin-dung")),
    ],
)
def test_choices_are_read_from_codes_or_labels_with_or_without_diacritics(
    load: Loader, kind: str, sector: str, expected: tuple[str, str]
) -> None:
    load(organizations=[{"code": "X", "established": "2010-01-01", "kind": kind, "sector": sector}])
    org = Organisation.objects.get()
    assert (org.kind, org.sector) == expected


@pytest.mark.parametrize("text", ["1810", "1.810", "1,810", "1 810", "1\u00a0810"])
def test_it_reads_grouped_thousands(load: Loader, text: str) -> None:
    load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "members": text}],
    )
    assert AnnualFigures.objects.get().members == 1810


def test_only_profit_may_be_negative(load: Loader) -> None:
    load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "profit": "-5.000.000"}],
    )
    assert AnnualFigures.objects.get().profit == -5_000_000
    error = only_error(load, annual=[{"code": "X", "year": "2019", "revenue": "-5.000.000"}])
    assert (error.row, error.column) == (2, "revenue")


def test_a_code_twice_in_the_organizations_sheet_is_refused(load: Loader) -> None:
    error = only_error(
        load,
        organizations=[
            {"code": "X", "established": "2010-01-01"},
            {"code": "X", "established": "2011-01-01"},
        ],
    )
    assert (error.sheet, error.row, error.column) == ("organizations.csv", 3, "code")


def test_the_same_year_twice_is_refused(load: Loader) -> None:
    error = only_error(
        load,
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "members": "9"}, {"code": "X", "year": "2018", "members": "8"}],
    )
    assert (error.sheet, error.row, error.column) == ("annual.csv", 3, "year")


def test_a_missing_required_column_is_named(db: None, tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "organizations.csv").write_text("code,name,kind,sector,area\nX,HTX X,HTX,khac,\n", "utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(folder), stdout=io.StringIO(), stderr=err)
    assert "organizations.csv, dòng 1, cột province (Tỉnh, thành phố), established (Ngày thành lập)" in err.getvalue()
    assert Organisation.objects.count() == 0


def test_a_csv_with_a_byte_order_mark_is_read(db: None, tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        "\ufeffcode,name,kind,sector,province,established\nX,Hợp tác xã Ẩm thực Xứ Lạng,HTX,khac,20,2010-01-01\n",
        "utf-8",
    )
    run_import(str(folder))
    assert Organisation.objects.get(code="X").name == "Hợp tác xã Ẩm thực Xứ Lạng"


def test_a_part_larger_than_its_whole_names_both_figures(load: Loader) -> None:
    error = only_error(
        load,
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "members": "30", "workers": "10", "worker_members": "12"}],
    )
    assert "12" in error.message and "10" in error.message


@pytest.mark.parametrize(
    ("link", "column"),
    [
        # Joined before the member HTX was established (2012).
        ({"union_code": "LH", "member_code": "HTX-LATE", "joined": "2011-06-01"}, "joined"),
        # Joined after the union had been dissolved (2016).
        ({"union_code": "LH-GONE", "member_code": "HTX-1", "joined": "2017-01-01"}, "union_code"),
        # Joined after the member had been dissolved.
        ({"union_code": "LH", "member_code": "HTX-GONE", "joined": "2017-01-01"}, "member_code"),
    ],
)
def test_a_union_link_outside_either_organisations_life_is_refused(
    load: Loader, link: dict[str, str], column: str
) -> None:
    orgs = [
        {"code": "LH", "kind": "LHHTX", "established": "2010-01-01"},
        {"code": "LH-GONE", "kind": "LHHTX", "established": "2010-01-01", "dissolved": "2016-01-01"},
        {"code": "HTX-1", "established": "2010-01-01"},
        {"code": "HTX-LATE", "established": "2012-01-01"},
        {"code": "HTX-GONE", "established": "2010-01-01", "dissolved": "2016-01-01"},
    ]
    error = only_error(load, organizations=orgs, union_members=[link])
    assert (error.sheet, error.row, error.column) == ("union_members.csv", 2, column)


def test_an_income_typed_in_millions_gives_a_warning(load: Loader) -> None:
    result = load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        annual=[{"code": "X", "year": "2018", "avg_income": "50", "workers": "10"}],
    )
    assert [(w.row, w.column) for w in result.warnings] == [(2, "avg_income")]
    assert AnnualFigures.objects.get().avg_income == 50


def test_a_later_resumption_brings_a_dissolved_organisation_back(load: Loader) -> None:
    load(
        organizations=[{"code": "X", "established": "2010-01-01"}],
        statuses=[
            {"code": "X", "date": "2018-05-01", "status": "thu-hoi"},
            {"code": "X", "date": "2019-03-01", "status": "hoat-dong"},
        ],
    )
    assert Organisation.objects.get().dissolved is None
