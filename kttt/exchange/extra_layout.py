"""Ratings, key-officer training and Support-Fund loans in templates and exports: the notes of the instructions
sheet, the list of funds, and the stored records as rows of the import's layout (values written as the importer
reads them back, so exporting and importing the file again changes nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

from django.db.models import Q, QuerySet

from kttt.annual.models import Rating
from kttt.ratings.models import Assessment
from kttt.registry.models import Organisation
from kttt.support.models import Disbursement, Fund, Loan, Repayment
from kttt.training.models import OfficerTraining

Value = str | int | Decimal | dt.date | None
Rows = Iterable[Mapping[str, Value]]

SHEET_NOTES: dict[str, tuple[str, ...]] = {
    "assessments": (
        "Bộ tiêu chí xếp loại có hiệu lực ngày 31/12 của năm được áp dụng: tổ chức phải hoạt động đủ số tháng và "
        "không tạm ngừng quá số ngày bộ tiêu chí quy định.",
        "Xếp loại ở trang Số liệu năm phải trùng với trang này; số liệu năm được cập nhật theo kết quả xếp loại.",
        "Điểm theo từng tiêu chí nhập trong trang quản trị; kết quả đã chấm điểm không sửa được từ tệp nhập.",
    ),
    "officer_training": (
        "Số đã qua đào tạo sơ cấp, trung cấp cộng cao đẳng, đại học không lớn hơn số cán bộ chủ chốt; chỉ HTX, "
        "liên hiệp HTX và quỹ tín dụng nhân dân.",
        "Số cán bộ chủ chốt và số đã qua đào tạo ở trang Số liệu năm được cập nhật theo trang này.",
    ),
    "loans": (
        "Người vay là một tổ chức (HTX, liên hiệp HTX, quỹ tín dụng nhân dân) hoặc một thành viên của THT/HTX "
        "(họ tên và mã THT/HTX của thành viên), không được cả hai (Điều 22 Nghị định 45/2021/NĐ-CP).",
        "Khi phê duyệt, lịch trả nợ theo quý được lập từ kỳ trả nợ đầu tiên; khoản vay đã phê duyệt không sửa "
        "được ngày, số tiền phê duyệt.",
    ),
    "disbursements": ("Giải ngân từ ngày phê duyệt; tổng giải ngân không vượt số tiền được duyệt.",),
    "repayments": ("Gốc trả không vượt dư nợ của khoản vay tại ngày trả và các ngày trả sau đó.",),
}
# Web exports (/xuat-du-lieu/<kind>/): the Vietnamese file name, without year and province.
EXPORTS = {
    "assessments": "Kết quả xếp loại",
    "officer-training": "Đào tạo cán bộ chủ chốt",
    "loans": "Khoản vay Quỹ hỗ trợ phát triển HTX",
}


def fund_names() -> list[str]:
    return list(Fund.objects.order_by("name").values_list("name", flat=True))


def export_rows(kind: str, organisations: QuerySet[Organisation], year: int) -> dict[str, Rows]:
    """The records of `kind` (a key of EXPORTS) for the organisations: ratings and training of the year; loans
    applied for by 31/12 of the year, with their payments up to that day."""
    if kind == "assessments":
        return {"assessments": assessment_rows(Assessment.objects.filter(organisation__in=organisations, year=year))}
    if kind == "officer-training":
        records = OfficerTraining.objects.filter(organisation__in=organisations, year=year)
        return {"officer_training": officer_training_rows(records)}
    end = dt.date(year, 12, 31)
    loans = Loan.objects.filter(Q(borrower__in=organisations) | Q(member_of__in=organisations), applied_on__lte=end)
    return {
        "loans": loan_rows(loans),
        "disbursements": disbursement_rows(Disbursement.objects.filter(loan__in=loans, date__lte=end)),
        "repayments": repayment_rows(Repayment.objects.filter(loan__in=loans, date__lte=end)),
    }


def assessment_rows(assessments: QuerySet[Assessment]) -> Iterator[dict[str, Value]]:
    ratings = dict(Rating.choices)
    for a in assessments.select_related("organisation").order_by("organisation__code", "year"):
        yield {
            "code": a.organisation.code,
            "year": a.year,
            "rating": ratings.get(a.rating, a.rating),
            "reported_wording": a.reported_wording or None,
        }


def officer_training_rows(records: QuerySet[OfficerTraining]) -> Iterator[dict[str, Value]]:
    for t in records.select_related("organisation").order_by("organisation__code", "year"):
        yield {
            "code": t.organisation.code,
            "year": t.year,
            "officers": t.officers,
            "trained_basic": t.trained_basic,
            "trained_higher": t.trained_higher,
            "source": t.source or None,
        }


def loan_rows(loans: QuerySet[Loan]) -> Iterator[dict[str, Value]]:
    for loan in loans.select_related("fund", "borrower", "member_of").order_by("code"):
        yield {
            "code": loan.code,
            "fund": loan.fund.name,
            "borrower": loan.borrower.code if loan.borrower else None,
            "borrower_member_name": loan.borrower_member_name or None,
            "member_of": loan.member_of.code if loan.member_of else None,
            "purpose": loan.purpose,
            "project_cost": loan.project_cost,
            "own_funds": loan.own_funds,
            "amount_requested": loan.amount_requested,
            "applied_on": loan.applied_on,
            "term_months": loan.term_months,
            "interest_rate": loan.interest_rate_percent_per_year,
            "approved_on": loan.approved_on,
            "amount_approved": loan.amount_approved,
            "first_due": loan.first_due,
        }


def disbursement_rows(disbursements: QuerySet[Disbursement]) -> Iterator[dict[str, Value]]:
    for d in disbursements.select_related("loan").order_by("loan__code", "date", "id"):
        yield {"loan": d.loan.code, "date": d.date, "amount": d.amount}


def repayment_rows(repayments: QuerySet[Repayment]) -> Iterator[dict[str, Value]]:
    for p in repayments.select_related("loan").order_by("loan__code", "date", "id"):
        yield {"loan": p.loan.code, "date": p.date, "principal": p.principal, "interest": p.interest}
