"""Reads and aggregates over Support-Fund loans, for plans and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, F, Q, Sum, When

from kttt.indicators.queries import Scope
from kttt.registry.models import Kind
from kttt.support.models import Loan
from kttt.support.status import LoanStatus, with_state


def counted_as_htx() -> list[str]:
    """The kinds counted as HTX: people's credit funds too, as in the indicators, unless configured off."""
    return [Kind.HTX, Kind.QTDND] if settings.KTTT_COUNT_QTDND_AS_HTX else [Kind.HTX]


def htx_with_loans(scope: Scope, start: dt.date, end: dt.date) -> int:
    """Distinct HTX within `scope` that received a Support-Fund disbursement from `start` to `end`
    inclusive — as the borrower, or as the HTX whose member borrowed. One SQL aggregate."""
    kinds = counted_as_htx()
    htx = Case(
        When(Q(borrower__kind__in=kinds) & scope.q("borrower__"), then=F("borrower_id")),
        When(Q(member_of__kind__in=kinds) & scope.q("member_of__"), then=F("member_of_id")),
        default=None,
    )
    loans = Loan.objects.filter(disbursements__date__gte=start, disbursements__date__lte=end)
    return int(loans.aggregate(n=Count(htx, distinct=True))["n"])


@dataclass(frozen=True)
class StatusTotals:
    status: LoanStatus
    loans: int
    approved: int
    disbursed: int
    balance: int

    @property
    def label(self) -> str:
        return str(self.status.label)


def loans_summary(scope: Scope, day: dt.date) -> list[StatusTotals]:
    """Loans applied for by `day` whose borrower (or the borrower's THT/HTX) is within `scope`: count,
    approved, disbursed and outstanding amounts by status at the end of `day`, one row per status."""
    loans = Loan.objects.filter(applied_on__lte=day).filter(scope.q("borrower__") | scope.q("member_of__"))
    rows = (
        with_state(loans, day)
        .order_by()
        .values("status")
        .annotate(n=Count("id"), approved=Sum("amount_approved"), out=Sum("disbursed"), balance=Sum("balance"))
    )
    found = {row["status"]: row for row in rows}
    return [
        StatusTotals(
            status=status,
            loans=found.get(status, {}).get("n", 0),
            approved=found.get(status, {}).get("approved") or 0,
            disbursed=found.get(status, {}).get("out") or 0,
            balance=found.get(status, {}).get("balance") or 0,
        )
        for status in LoanStatus
    ]
