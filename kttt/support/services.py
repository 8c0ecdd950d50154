"""Writes for Support-Fund loans: register, approve, disburse, repay. Each validates every rule first and
writes in one transaction, so a refused operation leaves nothing behind."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from kttt.audit.models import Action
from kttt.audit.services import Actor, diff, record, record_created, snapshot
from kttt.registry.models import Organisation
from kttt.support.models import Disbursement, Fund, Loan, Repayment, ScheduledRepayment
from kttt.support.rules import check_borrower, check_disbursement, check_limits, check_own_funds, check_repayment, vnd

MONTHS_PER_INSTALMENT = 3  # quarterly, the usual schedule of the provincial funds


@dataclass(frozen=True)
class LoanApplication:
    code: str
    fund: Fund
    purpose: str
    project_cost: int
    own_funds: int
    amount_requested: int
    applied_on: dt.date
    term_months: int
    interest_rate_percent_per_year: Decimal
    borrower: Organisation | None = None
    borrower_member_name: str = ""
    member_of: Organisation | None = None


@dataclass(frozen=True)
class Instalment:
    due_date: dt.date
    principal: int
    interest: int = 0


@transaction.atomic
def register_loan(application: LoanApplication, *, actor: Actor = None) -> Loan:
    loan = Loan(**{name: getattr(application, name) for name in LoanApplication.__dataclass_fields__})
    check_application(loan)
    loan.full_clean()
    loan.save()
    record_created(actor, loan, LoanApplication.__dataclass_fields__, organisation=borrower_of(loan))
    return loan


def borrower_of(loan: Loan) -> Organisation | None:
    """The organisation whose history shows the loan: the borrower, or the cooperative of a borrowing member."""
    return loan.borrower or loan.member_of


def check_application(loan: Loan) -> None:
    """The Decree's rules on an application: the borrower, the own funds and the limits on the application date."""
    check_borrower(loan)
    check_own_funds(loan)
    check_limits(loan, loan.amount_requested, loan.applied_on)


@transaction.atomic
def approve(
    loan: Loan,
    on: dt.date,
    amount: int,
    first_due: dt.date | None = None,
    schedule: Sequence[Instalment] | None = None,
    *,
    actor: Actor = None,
) -> Loan:
    """Approve `amount` on `on` with a repayment schedule: the one given, or equal quarterly principal
    instalments from `first_due` (default: three months after approval) over the term."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    check_not_approved(loan)
    check_approval(loan, on, amount)
    before = snapshot(loan, APPROVAL_FIELDS)
    loan.approved_on, loan.amount_approved = on, amount
    if schedule:
        instalments = sorted(schedule, key=lambda i: i.due_date)
        loan.first_due = instalments[0].due_date
    else:
        loan.first_due = first_due or add_months(on, MONTHS_PER_INSTALMENT)
        instalments = quarterly_schedule(loan)
    check_schedule(loan, instalments)
    loan.full_clean()
    loan.save()
    ScheduledRepayment.objects.bulk_create(
        ScheduledRepayment(loan=loan, due_date=i.due_date, principal=i.principal, interest=i.interest)
        for i in instalments
    )
    changes = diff(before, snapshot(loan, APPROVAL_FIELDS)) | {"schedule": [None, len(instalments)]}
    record(actor, Action.APPROVE, loan, changes, organisation=borrower_of(loan))
    return loan


APPROVAL_FIELDS = ("approved_on", "amount_approved", "first_due")


def check_not_approved(loan: Loan) -> None:
    """A loan is approved once: the approval and its schedule are not changed afterwards."""
    if loan.approved_on is not None:
        raise ValidationError(f"Khoản vay {loan.code} đã được phê duyệt ngày {loan.approved_on:%d/%m/%Y}.")


def check_approval(loan: Loan, on: dt.date, amount: int) -> None:
    """An approval on or after the application, of at most the amount requested and within the limits."""
    if on < loan.applied_on:
        raise ValidationError(
            f"Ngày phê duyệt {on:%d/%m/%Y} trước ngày nộp hồ sơ {loan.applied_on:%d/%m/%Y}.", code="approval-date"
        )
    if not 0 < amount <= loan.amount_requested:
        raise ValidationError(
            f"Số tiền duyệt {vnd(amount)} phải lớn hơn 0 và không vượt số đề nghị {vnd(loan.amount_requested)}.",
            code="approval-amount",
        )
    check_limits(loan, amount, on)


def check_schedule(loan: Loan, instalments: Sequence[Instalment]) -> None:
    total = sum(i.principal for i in instalments)
    if total != loan.amount_approved:
        raise ValidationError(
            f"Lịch trả nợ có tổng gốc {vnd(total)}, khác số tiền được duyệt {vnd(loan.amount_approved or 0)}."
        )
    dates = [i.due_date for i in instalments]
    if len(set(dates)) != len(dates) or any(d <= loan.applied_on for d in dates):
        raise ValidationError("Lịch trả nợ có hạn trả trùng nhau hoặc trước ngày nộp hồ sơ.")


def quarterly_schedule(loan: Loan) -> list[Instalment]:
    """Equal principal every quarter from the first due date; interest on the declining balance."""
    assert loan.amount_approved is not None and loan.first_due is not None
    count = max(1, -(-loan.term_months // MONTHS_PER_INSTALMENT))
    share, remainder = divmod(loan.amount_approved, count)
    rate = Decimal(loan.interest_rate_percent_per_year) / 100 * MONTHS_PER_INSTALMENT / 12
    result, remaining = [], loan.amount_approved
    for n in range(count):
        principal = share + (remainder if n == count - 1 else 0)
        interest = int((remaining * rate).quantize(Decimal(1)))
        result.append(Instalment(add_months(loan.first_due, n * MONTHS_PER_INSTALMENT), principal, interest))
        remaining -= principal
    return result


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31/1 + 1 → 28/2)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def disburse(loan: Loan, day: dt.date, amount: int, *, actor: Actor = None) -> Disbursement:
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    check_disbursement(loan, day, amount)
    disbursement = Disbursement.objects.create(loan=loan, date=day, amount=amount)
    record_created(actor, disbursement, ("loan", "date", "amount"), organisation=borrower_of(loan))
    return disbursement


@transaction.atomic
def repay(loan: Loan, day: dt.date, principal: int, interest: int = 0, *, actor: Actor = None) -> Repayment:
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    check_repayment(loan, day, principal, interest)
    repayment = Repayment.objects.create(loan=loan, date=day, principal=principal, interest=interest)
    record_created(actor, repayment, ("loan", "date", "principal", "interest"), organisation=borrower_of(loan))
    return repayment
