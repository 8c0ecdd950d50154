"""Spreadsheet exchange of ratings, key-officer training and Support-Fund loans: templates, import (created,
updated, unchanged; all or nothing; errors by sheet, row and column), undo, and export in the same layout."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from kttt.annual.models import AnnualFigures, Rating
from kttt.exchange.extra_layout import export_rows
from kttt.exchange.importer import ImportFailed, ImportResult, import_package
from kttt.exchange.log import describe, logged_import, new_log, undo_import
from kttt.exchange.templates import export_workbook, template_workbook
from kttt.ratings.models import Assessment, Criterion
from kttt.ratings.services import record_assessment
from kttt.registry.models import Organisation
from kttt.support.models import Disbursement, Fund, FundLevel, Loan, Repayment, ScheduledRepayment
from kttt.training.models import OfficerTraining
from tests.conftest import ORG_DEFAULTS, Loader, lang_son, province_officer

FUND = "Quỹ Hỗ trợ phát triển HTX tỉnh Lạng Sơn"
ORGS = [
    {"code": "HTX-A", "established": "2015-01-01"},
    {"code": "HTX-B", "established": "2016-01-01", "sector": "thuong-mai"},
    {"code": "THT-1", "kind": "THT", "established": "2016-01-01"},
]
LOAN = {
    "code": "V-1",
    "fund": FUND,
    "borrower": "HTX-A",
    "purpose": "Mở rộng xưởng chế biến chè",
    "project_cost": "1.000.000.000",
    "own_funds": "300.000.000",
    "amount_requested": "400.000.000",
    "applied_on": "03/01/2022",
    "term_months": "12",
    "interest_rate": "4,8",
    "approved_on": "10/01/2022",
    "amount_approved": "400.000.000",
    "first_due": "31/03/2022",
}
MEMBER_LOAN = LOAN | {
    "code": "V-2",
    "borrower": "",
    "borrower_member_name": "Nguyễn Văn An",
    "member_of": "THT-1",
    "amount_requested": "50.000.000",
    "approved_on": "",
    "amount_approved": "",
    "first_due": "",
}
PACKAGE: dict[str, list[dict[str, Any]]] = {
    "organizations": ORGS,
    "assessments": [
        {"code": "HTX-A", "year": "2021", "rating": "Khá", "reported_wording": ""},
        {"code": "HTX-B", "year": "2021", "rating": "giỏi", "reported_wording": ""},
    ],
    "officer_training": [
        {"code": "HTX-A", "year": "2021", "officers": "7", "trained_basic": "3", "trained_higher": "2", "source": ""},
    ],
    "loans": [LOAN, MEMBER_LOAN],
    "disbursements": [
        {"loan": "V-1", "date": "15/01/2022", "amount": "300.000.000"},
        {"loan": "V-1", "date": "01/02/2022", "amount": "100.000.000"},
    ],
    "repayments": [{"loan": "V-1", "date": "31/03/2022", "principal": "100.000.000", "interest": "4.800.000"}],
}


@pytest.fixture
def fund(db: None) -> Fund:
    return Fund.objects.create(name=FUND, level=FundLevel.PROVINCIAL, province=lang_son())


def counts(result: ImportResult) -> dict[str, tuple[int, int, int]]:
    return {name: (c.created, c.updated, c.unchanged) for name, c in result.counts.items() if name in FURTHER}


FURTHER = ("assessments", "officer_training", "loans", "disbursements", "repayments")


def refused(load: Loader, **sheets: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    with pytest.raises(ImportFailed) as failed:
        load(**sheets)
    return [(p.sheet, p.row, p.column) for p in failed.value.result.errors]


def messages(load: Loader, **sheets: list[dict[str, Any]]) -> str:
    with pytest.raises(ImportFailed) as failed:
        load(**sheets)
    return "\n".join(str(p) for p in failed.value.result.errors)


# --- import ------------------------------------------------------------------------------------------------


def test_it_creates_then_leaves_unchanged(load: Loader, fund: Fund) -> None:
    result = load(**PACKAGE)
    assert counts(result) == {
        "assessments": (2, 0, 0),
        "officer_training": (1, 0, 0),
        "loans": (2, 0, 0),
        "disbursements": (2, 0, 0),
        "repayments": (1, 0, 0),
    }
    a = Assessment.objects.get(organisation__code="HTX-B")
    assert a.rating == Rating.GOOD and a.reported_wording == "giỏi" and a.scheme is not None
    assert a.scheme.code == "tt01-2020" and a.total is None
    figures = AnnualFigures.objects.get(organisation__code="HTX-A", year=2021)
    assert (figures.rating, figures.managers, figures.managers_trained) == (Rating.FAIR, 7, 5)
    loan = Loan.objects.get(code="V-1")
    assert loan.borrower is not None and loan.borrower.code == "HTX-A" and loan.fund == fund
    assert loan.interest_rate_percent_per_year == Decimal("4.8") and loan.amount_approved == 400_000_000
    # Approved on import: four quarterly instalments of 100 mn from the first due date, as approve() makes them.
    schedule = list(ScheduledRepayment.objects.filter(loan=loan).values_list("due_date", "principal"))
    assert [(d.isoformat(), p) for d, p in schedule] == [
        ("2022-03-31", 100_000_000),
        ("2022-06-30", 100_000_000),
        ("2022-09-30", 100_000_000),
        ("2022-12-31", 100_000_000),
    ]
    member = Loan.objects.get(code="V-2")
    assert member.borrower is None and member.member_of is not None and member.approved_on is None

    again = load(**PACKAGE)
    assert counts(again) == {
        "assessments": (0, 0, 2),
        "officer_training": (0, 0, 1),
        "loans": (0, 0, 2),
        "disbursements": (0, 0, 2),
        "repayments": (0, 0, 1),
    }
    assert ScheduledRepayment.objects.count() == 4


def test_it_updates_and_a_dry_run_writes_nothing(load: Loader, fund: Fund) -> None:
    load(**PACKAGE)
    changed = PACKAGE | {
        "officer_training": [
            {"code": "HTX-A", "year": "2021", "officers": "8", "trained_basic": "4", "trained_higher": "2"}
        ],
        "assessments": [{"code": "HTX-A", "year": "2021", "rating": "Trung bình"}],
        "loans": [
            LOAN | {"purpose": "Xưởng chế biến chè mới"},
            MEMBER_LOAN | {"approved_on": "20/01/2022", "amount_approved": "40000000"},
        ],
        "repayments": [{"loan": "V-1", "date": "31/03/2022", "principal": "100000000", "interest": "5000000"}],
    }
    dry = load(dry_run=True, **changed)
    assert counts(dry)["officer_training"] == (0, 1, 0) and counts(dry)["loans"] == (0, 2, 0)
    assert OfficerTraining.objects.get().officers == 7 and Repayment.objects.get().interest == 4_800_000

    result = load(**changed)
    assert counts(result) == {
        "assessments": (0, 1, 0),  # HTX-B is not in this package
        "officer_training": (0, 1, 0),
        "loans": (0, 2, 0),
        "disbursements": (0, 0, 2),
        "repayments": (0, 1, 0),
    }
    figures = AnnualFigures.objects.get(organisation__code="HTX-A", year=2021)
    assert (figures.rating, figures.managers, figures.managers_trained) == (Rating.AVERAGE, 8, 6)
    assert Loan.objects.get(code="V-2").amount_approved == 40_000_000
    assert ScheduledRepayment.objects.filter(loan__code="V-2").count() == 4
    assert Repayment.objects.get().interest == 5_000_000


def test_an_organisation_already_stored_can_be_referenced(load: Loader, fund: Fund) -> None:
    load(organizations=ORGS)
    result = load(officer_training=PACKAGE["officer_training"], loans=[LOAN])
    assert counts(result) == {"officer_training": (1, 0, 0), "loans": (1, 0, 0)}


# --- errors: nothing written, each named by sheet, row and column --------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "row", "where"),
    [
        ("officer_training", {"trained_basic": "ba"}, ("officer_training.csv", 2, "trained_basic")),
        ("officer_training", {"trained_basic": "6"}, ("officer_training.csv", 2, "trained_basic")),  # 6 + 2 > 7
        ("officer_training", {"code": "THT-1"}, ("officer_training.csv", 2, "code")),  # a THT has no key officers
        ("officer_training", {"year": "2014"}, ("officer_training.csv", 2, "year")),  # before establishment
        ("assessments", {"rating": "hạng A"}, ("assessments.csv", 2, "rating")),
        ("assessments", {"code": "HTX-Z"}, ("assessments.csv", 2, "code")),
        ("loans", {"fund": "Quỹ khác"}, ("loans.csv", 2, "fund")),
        ("loans", {"interest_rate": "bốn"}, ("loans.csv", 2, "interest_rate")),
        ("loans", {"borrower": "THT-1"}, ("loans.csv", 2, "borrower")),  # a THT cannot borrow (Decree 45, Art. 22)
        ("loans", {"own_funds": "100.000.000"}, ("loans.csv", 2, "own_funds")),  # 10% < 20%
        ("loans", {"approved_on": "01/01/2022"}, ("loans.csv", 2, "approved_on")),  # before the application
        ("loans", {"amount_approved": "500.000.000"}, ("loans.csv", 2, "amount_approved")),  # more than asked
        ("disbursements", {"amount": "400.000.000"}, ("disbursements.csv", 3, "amount")),  # 500 mn > 400 approved
        ("repayments", {"principal": "500.000.000"}, ("repayments.csv", 2, "principal")),  # more than the balance
        ("repayments", {"loan": "V-9"}, ("repayments.csv", 2, "loan")),
    ],
)
def test_one_bad_cell_writes_nothing_and_is_named(
    load: Loader, fund: Fund, sheet: str, row: dict[str, str], where: tuple[str, int, str]
) -> None:
    from kttt.support.models import LoanRule, Measure

    LoanRule.objects.create(code="own-20", measure=Measure.OWN_FUNDS_MIN_SHARE, value=20, instrument="thử")
    package = {name: [dict(r) for r in rows] for name, rows in PACKAGE.items()}
    package[sheet][0].update(row)
    assert where in refused(load, **package)
    assert not Organisation.objects.exists() and not Loan.objects.exists() and not Assessment.objects.exists()
    assert not OfficerTraining.objects.exists() and not AnnualFigures.objects.exists()


def test_errors_are_vietnamese_and_name_the_place(load: Loader, fund: Fund) -> None:
    text = messages(
        load,
        organizations=ORGS,
        officer_training=[
            {"code": "HTX-A", "year": "2021", "officers": "3", "trained_basic": "2", "trained_higher": "2"}
        ],
    )
    assert "officer_training.csv, dòng 2, cột trained_basic: Số cán bộ đã qua đào tạo" in text
    assert "lớn hơn số cán bộ chủ chốt (3)" in text


def test_a_rating_follows_the_schemes_eligibility(load: Loader, fund: Fund) -> None:
    # TT 01/2020: at least 12 months of operation by 31/12 of the year.
    young = [{"code": "HTX-Y", "established": "2021-06-01"}]
    problems = refused(load, organizations=young, assessments=[{"code": "HTX-Y", "year": "2021", "rating": "Tốt"}])
    assert problems == [("assessments.csv", 2, "year")]


def test_the_annual_rating_and_the_assessment_never_disagree(load: Loader, fund: Fund) -> None:
    load(organizations=ORGS, assessments=[{"code": "HTX-A", "year": "2021", "rating": "Khá"}])
    # The same package saying two things …
    both = refused(
        load,
        annual=[{"code": "HTX-A", "year": "2022", "rating": "Tốt"}],
        assessments=[{"code": "HTX-A", "year": "2022", "rating": "Yếu"}],
    )
    assert both == [("assessments.csv", 2, "rating")]
    # … or the annual sheet against a stored assessment.
    assert refused(load, annual=[{"code": "HTX-A", "year": "2021", "rating": "Tốt"}]) == [("annual.csv", 2, "rating")]
    assert AnnualFigures.objects.get(organisation__code="HTX-A", year=2021).rating == Rating.FAIR
    # Agreeing is fine, and so is a rating on the assessments sheet that changes both.
    load(annual=[{"code": "HTX-A", "year": "2021", "rating": "Khá", "members": "30"}])
    load(assessments=[{"code": "HTX-A", "year": "2021", "rating": "Tốt"}])
    figures = AnnualFigures.objects.get(organisation__code="HTX-A", year=2021)
    assert (figures.rating, figures.members) == (Rating.GOOD, 30)


def test_the_annual_managers_follow_the_training_record(load: Loader, fund: Fund) -> None:
    load(organizations=ORGS, officer_training=PACKAGE["officer_training"])
    assert refused(load, annual=[{"code": "HTX-A", "year": "2021", "managers": "9"}]) == [("annual.csv", 2, "managers")]
    load(annual=[{"code": "HTX-A", "year": "2021", "managers": "7", "managers_trained": "5"}])


def test_a_scored_assessment_keeps_its_class(load: Loader, fund: Fund) -> None:
    load(organizations=ORGS)
    scores = {}
    left = Decimal(85)
    for criterion in Criterion.objects.filter(scheme__code="tt01-2020").order_by("order"):
        scores[criterion.code] = min(left, criterion.max_points)
        left -= scores[criterion.code]
    record_assessment(Organisation.objects.get(code="HTX-A"), 2021, scores=scores)
    same = load(assessments=[{"code": "HTX-A", "year": "2021", "rating": "Tốt"}])
    assert counts(same) == {"assessments": (0, 0, 1)}
    assert refused(load, assessments=[{"code": "HTX-A", "year": "2021", "rating": "Khá"}]) == [
        ("assessments.csv", 2, "rating")
    ]
    assert Assessment.objects.get().scores.count() == 15


def test_an_approval_is_not_changed(load: Loader, fund: Fund) -> None:
    load(**PACKAGE)
    assert refused(load, loans=[LOAN | {"amount_approved": "300.000.000"}]) == [("loans.csv", 2, "approved_on")]
    assert refused(load, loans=[LOAN | {"approved_on": "", "amount_approved": "", "first_due": ""}]) == [
        ("loans.csv", 2, "approved_on")
    ]


# --- undo --------------------------------------------------------------------------------------------------


def write_package(folder: Path, sheets: dict[str, list[dict[str, Any]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        if name == "organizations":
            rows = [{"name": f"Hợp tác xã {row['code']}", **ORG_DEFAULTS, **row} for row in rows]
        columns = list(dict.fromkeys(key for row in rows for key in row))
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, restval="")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def run(folder: Path) -> Any:
    attempt = logged_import(folder, new_log(describe(folder), dry_run=False, actor="test"))
    assert not attempt.refused, attempt.log.messages
    return attempt.log


def state() -> dict[str, list[dict[str, Any]]]:
    models: tuple[type[Model], ...] = (
        Organisation,
        AnnualFigures,
        Assessment,
        OfficerTraining,
        Loan,
        ScheduledRepayment,
        Disbursement,
        Repayment,
    )
    return {m.__name__: [dict(row) for row in m._default_manager.order_by("pk").values()] for m in models}


def test_an_import_is_undone_as_a_whole(fund: Fund, tmp_path: Path) -> None:
    first = run(write_package(tmp_path / "first", PACKAGE))
    before = state()
    changed = {
        "officer_training": [
            {"code": "HTX-A", "year": "2021", "officers": "8", "trained_basic": "4", "trained_higher": "2"}
        ],
        "assessments": [{"code": "HTX-A", "year": "2021", "rating": "Tốt"}],
        "loans": [MEMBER_LOAN | {"approved_on": "20/01/2022", "amount_approved": "40000000"}],
        "repayments": [{"loan": "V-1", "date": "30/06/2022", "principal": "100000000", "interest": ""}],
    }
    second = run(write_package(tmp_path / "second", changed))
    assert state() != before
    undo_import(second)
    after_undo = state()
    ignored = ("recorded_at", "updated_at", "version")  # stamps, and the version (which only moves on)
    for name in before:  # every row is back as it was
        strip = [{k: v for k, v in row.items() if k not in ignored} for row in after_undo[name]]
        assert strip == [{k: v for k, v in row.items() if k not in ignored} for row in before[name]]
    undo_import(first)
    assert all(rows == [] for rows in state().values())


# --- templates and exports ----------------------------------------------------------------------------------


def opened(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def drop_downs(workbook: Workbook, sheet: str) -> dict[str, list[str]]:
    """Column key → the values of its drop-down list."""
    ws = workbook[sheet]
    keys = {get_column_letter(number): str(cell.value) for number, cell in enumerate(ws[3], start=1)}
    found: dict[str, list[str]] = {}
    for validation in ws.data_validations.dataValidation:
        letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
        _, cells = validation.formula1.split("!")
        found[keys[letter]] = [c.value for (c,) in workbook["Danh mục"][cells.replace("$", "")]]
    return found


@pytest.mark.parametrize(
    ("kind", "sheets", "keys"),
    [
        ("assessments", ["Xếp loại"], [["code", "year", "rating", "reported_wording"]]),
        (
            "officer-training",
            ["Đào tạo cán bộ"],
            [["code", "year", "officers", "trained_basic", "trained_higher", "source"]],
        ),
        (
            "loans",
            ["Khoản vay Quỹ HTX", "Giải ngân", "Trả nợ"],
            [
                [
                    "code",
                    "fund",
                    "borrower",
                    "borrower_member_name",
                    "member_of",
                    "purpose",
                    "project_cost",
                    "own_funds",
                    "amount_requested",
                    "applied_on",
                    "term_months",
                    "interest_rate",
                    "approved_on",
                    "amount_approved",
                    "first_due",
                ],
                ["loan", "date", "amount"],
                ["loan", "date", "principal", "interest"],
            ],
        ),
    ],
)
def test_the_templates_have_the_layout(fund: Fund, kind: str, sheets: list[str], keys: list[list[str]]) -> None:
    workbook = opened(template_workbook(kind, 2022, lang_son()))
    assert workbook.sheetnames == [*sheets, "Hướng dẫn", "Danh mục"]
    for sheet, expected in zip(sheets, keys, strict=True):
        ws = workbook[sheet]
        assert str(ws["A1"].value).startswith("MẪU NHẬP ") and "LẠNG SƠN" in str(ws["A1"].value)
        assert [c.value for c in ws[3]] == expected
        assert all(c.value for c in ws[2]) and ws.freeze_panes == "A4"
    guide = " ".join(str(c.value) for row in workbook["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert all(f"Trang “{sheet}”" in guide for sheet in sheets)
    if kind == "assessments":
        assert drop_downs(workbook, "Xếp loại") == {"rating": ["Tốt", "Khá", "Trung bình", "Yếu"]}
        assert "năm 2022" in str(workbook["Xếp loại"]["A1"].value).lower()
    if kind == "loans":
        assert drop_downs(workbook, "Khoản vay Quỹ HTX") == {"fund": [FUND]}
        assert "Điều 22 Nghị định 45/2021" in guide


def test_a_filled_template_imports(load: Loader, fund: Fund, tmp_path: Path) -> None:
    load(organizations=ORGS)
    workbook = opened(template_workbook("officer-training", 2022, lang_son()))
    workbook["Đào tạo cán bộ"].append(["HTX-A", 2021, 6, 1, "2", "Báo cáo năm"])
    path = tmp_path / "dao-tao.xlsx"
    workbook.save(path)
    result = import_package(path)
    assert counts(result) == {"officer_training": (1, 0, 0)}
    assert OfficerTraining.objects.get().trained == 3


def export_everything(year: int = 2022) -> bytes:
    organisations = Organisation.objects.all()
    sheets = {}
    for kind, y in (("assessments", 2021), ("officer-training", 2021), ("loans", year)):
        sheets.update(export_rows(kind, organisations, y))
    return export_workbook(sheets, year=year, province=lang_son())


def test_export_then_import_changes_nothing(load: Loader, fund: Fund, tmp_path: Path) -> None:
    load(**PACKAGE)
    before = state()
    path = tmp_path / "xuat.xlsx"
    path.write_bytes(export_everything())
    workbook = opened(path.read_bytes())
    loans = workbook["Khoản vay Quỹ HTX"]
    assert [c.value for c in loans[4]][:3] == ["V-1", FUND, "HTX-A"]
    assert workbook["Xếp loại"]["C4"].value == "Khá"
    result = import_package(path)
    assert result.errors == []
    assert counts(result) == {
        "assessments": (0, 0, 2),
        "officer_training": (0, 0, 1),
        "loans": (0, 0, 2),
        "disbursements": (0, 0, 2),
        "repayments": (0, 0, 1),
    }
    assert state() == before


# --- web ---------------------------------------------------------------------------------------------------


@pytest.fixture
def officer(client: Client, fund: Fund) -> Client:
    client.force_login(province_officer("officer", password="x-Strong-pass-1"))
    return client


def test_the_page_lists_the_new_templates_and_exports(officer: Client) -> None:
    html = officer.get(reverse("exchange:templates"), {"province": "20", "year": "2022"}).content.decode()
    for kind in ("assessments", "officer-training", "loans"):
        assert f"{reverse('exchange:template', kwargs={'kind': kind})}?province=20&amp;year=2022" in html
        assert f"{reverse('exchange:export_records', kwargs={'kind': kind})}?province=20&amp;year=2022" in html
    assert "Khoản vay Quỹ hỗ trợ phát triển HTX" in html


def test_the_web_export_holds_the_loans_in_scope(officer: Client, load: Loader) -> None:
    load(**PACKAGE)
    url = reverse("exchange:export_records", kwargs={"kind": "loans"})
    response = officer.get(url, {"province": "20", "year": "2022"})
    assert response.status_code == 200
    workbook = opened(response.content)
    assert [workbook["Khoản vay Quỹ HTX"].cell(row, 1).value for row in (4, 5)] == ["V-1", "V-2"]
    assert officer.get(reverse("exchange:export_records", kwargs={"kind": "bogus"})).status_code == 404
