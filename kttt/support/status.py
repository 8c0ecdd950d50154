"""A loan's balance and status on a date, derived from disbursements, the schedule and repayments.

The derivation is one set of SQL expressions (`with_state`), used for one loan, for the admin list and
for the aggregates in queries.py alike, so the three cannot disagree.

Overdue: on day D, the principal due is the scheduled principal with a due date before D (a payment on
the due date itself is on time), capped at what was disbursed by D; the loan is overdue when the
principal repaid by D falls short of it. Days overdue count from the earliest due date whose cumulative
scheduled principal exceeds the principal repaid — the oldest instalment still unpaid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from kttt.support.models import Disbursement, Loan, LoanRule, Measure, Repayment, ScheduledRepayment


class LoanStatus(models.TextChoices):
    PENDING = "cho-duyet", "Chờ phê duyệt"
    NOT_DISBURSED = "chua-giai-ngan", "Chưa giải ngân"
    CURRENT = "dang-vay", "Đang vay"
    OVERDUE = "qua-han", "Quá hạn"
    BAD_DEBT = "no-xau", "Nợ xấu"
    REPAID = "da-tat-toan", "Đã tất toán"


@dataclass(frozen=True)
class LoanState:
    disbursed: int
    repaid: int
    balance: int
    status: LoanStatus
    overdue_since: dt.date | None
    days_overdue: int


def _total(model: type[Disbursement] | type[Repayment], column: str, day: dt.date) -> Coalesce:
    rows = model.objects.filter(loan=OuterRef("pk"), date__lte=day).values("loan").annotate(total=Sum(column))
    return Coalesce(Subquery(rows.values("total")), Value(0), output_field=models.BigIntegerField())


def _oldest_unpaid_due(day: dt.date) -> Subquery:
    """The earliest due date before `day` whose cumulative scheduled principal exceeds the repaid total."""
    through = (
        ScheduledRepayment.objects.filter(loan=OuterRef("loan"), due_date__lte=OuterRef("due_date"))
        .values("loan")
        .annotate(total=Sum("principal"))
        .values("total")
    )
    unpaid = (
        ScheduledRepayment.objects.filter(loan=OuterRef("pk"), due_date__lt=day)
        .annotate(cumulative=Subquery(through, output_field=models.BigIntegerField()))
        .filter(cumulative__gt=OuterRef("repaid"))
        .order_by("due_date")
        .values("due_date")[:1]
    )
    return Subquery(unpaid, output_field=models.DateField())


def with_state(loans: QuerySet[Loan], day: dt.date) -> QuerySet[Any]:
    """Annotate disbursed, repaid, balance, overdue_since and status as they stood at the end of `day`.
    (Typed Any: the type checker cannot follow annotations through to later filters.)"""
    bad_debt_after = int(LoanRule.objects.value_on(Measure.BAD_DEBT_DAYS, day))
    bad_debt_before = day - dt.timedelta(days=bad_debt_after)
    totals: QuerySet[Any] = loans.annotate(
        disbursed=_total(Disbursement, "amount", day), repaid=_total(Repayment, "principal", day)
    )
    annotated: QuerySet[Any] = (
        totals.annotate(balance=F("disbursed") - F("repaid"))
        # A balance of zero leaves nothing overdue, whatever the schedule says.
        .annotate(overdue_since=Case(When(balance__gt=0, then=_oldest_unpaid_due(day)), default=None))
        .annotate(
            status=Case(
                When(
                    Q(disbursed=0) & (Q(approved_on__isnull=True) | Q(approved_on__gt=day)),
                    then=Value(LoanStatus.PENDING.value),
                ),
                When(disbursed=0, then=Value(LoanStatus.NOT_DISBURSED.value)),
                When(balance__lte=0, then=Value(LoanStatus.REPAID.value)),
                When(overdue_since__lt=bad_debt_before, then=Value(LoanStatus.BAD_DEBT.value)),
                When(overdue_since__isnull=False, then=Value(LoanStatus.OVERDUE.value)),
                default=Value(LoanStatus.CURRENT.value),
                output_field=models.CharField(),
            )
        )
    )
    return annotated


def loan_state(loan: Loan, day: dt.date) -> LoanState:
    """One loan's state at the end of `day` (two queries: the rule, then the loan)."""
    row = with_state(Loan.objects.filter(pk=loan.pk), day).values(
        "disbursed", "repaid", "balance", "status", "overdue_since"
    )[0]
    since = row["overdue_since"]
    return LoanState(
        disbursed=row["disbursed"],
        repaid=row["repaid"],
        balance=row["balance"],
        status=LoanStatus(row["status"]),
        overdue_since=since,
        days_overdue=(day - since).days if since else 0,
    )


def balance_on(loan: Loan, day: dt.date) -> int:
    return loan_state(loan, day).balance


def status_on(loan: Loan, day: dt.date) -> LoanStatus:
    return loan_state(loan, day).status
