"""The lending rules of the Cooperative Development Support Fund, each raising a ValidationError whose
Vietnamese message names the rule and the numbers. Thresholds come from the dated LoanRule table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from kttt.numbers import number
from kttt.registry.models import Kind, Organisation
from kttt.support.models import Loan, LoanRule, Measure
from kttt.support.status import LoanStatus, loan_state, with_state

D45_ART22 = "Điều 22 Nghị định 45/2021/NĐ-CP"

# Decree 45/2021, Art. 22 (shared domain reference §6): the fund lends to HTX and unions of HTX, and to
# members of a THT or HTX — not to a THT itself, which has no legal personality (Law 17/2023, Art.
# 4(21)) and so cannot be a party to a loan; its members borrow in their own name. A people's credit
# fund is an HTX in law (a credit cooperative), so it borrows as one.
ORGANISATION_BORROWERS = frozenset({Kind.HTX, Kind.QTDND, Kind.LHHTX})
# Member borrowers are recorded as persons by name; members that are enterprises are excluded by the
# Decree and cannot be recorded in this form.
MEMBER_OF = frozenset({Kind.THT, Kind.HTX})


def vnd(amount: int | Decimal) -> str:
    return f"{number(int(amount))} đồng"


def percent(value: Decimal) -> str:
    return number(float(value), 2) + "%"


def check_borrower(loan: Loan) -> None:
    """Exactly one borrower form, and a borrower the Decree allows, active on the application date."""
    if loan.borrower_id is not None:
        if loan.borrower_member_name or loan.member_of_id is not None:
            raise ValidationError("Người vay là một tổ chức hoặc một thành viên của THT/HTX — không được cả hai.")
        _check_organisation(loan.borrower, ORGANISATION_BORROWERS, loan.applied_on, "tổ chức được")
    elif loan.borrower_member_name.strip() and loan.member_of_id is not None:
        assert loan.member_of is not None
        _check_organisation(loan.member_of, MEMBER_OF, loan.applied_on, "tổ chức có thành viên được")
    else:
        raise ValidationError(
            "Thiếu người vay: chọn tổ chức vay, hoặc ghi họ tên thành viên và THT/HTX của thành viên."
        )


def _check_organisation(org: Organisation | None, kinds: frozenset[Kind], day: dt.date, role: str) -> None:
    assert org is not None
    if org.kind not in kinds:
        allowed = ", ".join(str(Kind(k).label).lower() for k in sorted(kinds))
        reason = " (không có tư cách pháp nhân; thành viên của tổ có thể vay)" if org.kind == Kind.THT else ""
        raise ValidationError(
            f"{org} là {org.get_kind_display().lower()}{reason}: theo {D45_ART22}, {role} vay vốn Quỹ hỗ trợ "
            f"phát triển hợp tác xã chỉ gồm: {allowed}.",
            code="borrower-not-eligible",
        )
    if not org.active_on(day):
        raise ValidationError(f"{org} không hoạt động vào ngày {day:%d/%m/%Y}.", code="borrower-not-active")


def check_own_funds(loan: Loan) -> None:
    """Own funds at least the share of the project cost in force on the application date."""
    rule = LoanRule.objects.in_force(Measure.OWN_FUNDS_MIN_SHARE, loan.applied_on)
    if rule is None:
        return
    if loan.own_funds * 100 < Decimal(rule.value) * loan.project_cost:
        raise ValidationError(
            f"Vốn tự có {vnd(loan.own_funds)} bằng {percent(loan.own_funds_share)} tổng vốn dự án "
            f"{vnd(loan.project_cost)}, thấp hơn mức tối thiểu {percent(Decimal(rule.value))} theo {rule.citation}.",
            code="own-funds",
        )


def check_limits(loan: Loan, amount: int, day: dt.date) -> None:
    """The maximum amount, term and interest, when an officer has recorded them (none are seeded: unverified)."""
    checks = [
        (Measure.MAX_LOAN_AMOUNT, Decimal(amount), "Số tiền vay", vnd),
        (Measure.MAX_TERM_MONTHS, Decimal(loan.term_months), "Thời hạn vay", lambda v: f"{number(int(v))} tháng"),
        (Measure.MAX_INTEREST_RATE, Decimal(loan.interest_rate_percent_per_year), "Lãi suất", percent),
    ]
    for measure, value, what, show in checks:
        rule = LoanRule.objects.in_force(measure, day)
        if rule is not None and value > Decimal(rule.value):
            raise ValidationError(
                f"{what} {show(value)} vượt mức tối đa {show(Decimal(rule.value))} theo {rule.citation}.",
                code="limit",
            )


def same_borrower(loan: Loan) -> Q:
    if loan.borrower_id is not None:
        return Q(borrower_id=loan.borrower_id)
    return Q(member_of_id=loan.member_of_id, borrower_member_name__iexact=loan.borrower_member_name.strip())


def check_no_bad_debt(loan: Loan, day: dt.date) -> None:
    """No bad debt at the first disbursement (Decree 45/2021, Art. 22): another loan of the same borrower
    in bad debt on that day blocks it."""
    others = Loan.objects.filter(same_borrower(loan)).exclude(pk=loan.pk)
    bad = with_state(others, day).filter(status=LoanStatus.BAD_DEBT).values_list("code", "balance").first()
    if bad is not None:
        raise ValidationError(
            f"Không thể giải ngân lần đầu: người vay đang có nợ xấu tại khoản vay {bad[0]} (dư nợ {vnd(bad[1])}) "
            f"vào ngày {day:%d/%m/%Y} — điều kiện không có nợ xấu tại thời điểm giải ngân lần đầu, {D45_ART22}.",
            code="bad-debt",
        )


def check_disbursement(loan: Loan, day: dt.date, amount: int) -> None:
    if amount <= 0:
        raise ValidationError("Số tiền giải ngân phải lớn hơn 0.", code="amount")
    if loan.amount_approved is None or loan.approved_on is None or loan.approved_on > day:
        raise ValidationError(
            f"Khoản vay {loan.code} chưa được phê duyệt vào ngày {day:%d/%m/%Y}: chưa thể giải ngân.",
            code="not-approved",
        )
    already = sum(d.amount for d in loan.disbursements.all())
    if already + amount > loan.amount_approved:
        raise ValidationError(
            f"Tổng giải ngân {vnd(already + amount)} (đã giải ngân {vnd(already)}, lần này {vnd(amount)}) "
            f"vượt số tiền được duyệt {vnd(loan.amount_approved)}.",
            code="over-approval",
        )
    if already == 0:
        check_no_bad_debt(loan, day)


def check_repayment(loan: Loan, day: dt.date, principal: int, interest: int) -> None:
    """Principal repaid never exceeds the balance — on the day, nor on any later repayment date (a
    back-dated repayment lowers every later balance too)."""
    if principal < 0 or interest < 0 or principal + interest == 0:
        raise ValidationError("Số tiền trả nợ gốc và lãi không được âm, và phải có ít nhất một khoản.", code="amount")
    later = loan.repayments.filter(date__gt=day).values_list("date", flat=True)
    for when in sorted({day, *later}):
        balance = loan_state(loan, when).balance
        if principal > balance:
            raise ValidationError(
                f"Trả gốc {vnd(principal)} ngày {day:%d/%m/%Y} vượt dư nợ {vnd(balance)} "
                f"tại ngày {when:%d/%m/%Y} của khoản vay {loan.code}.",
                code="over-balance",
            )
