"""The demo Support-Fund loans: idempotent, and behind the plan's 100 HTX."""

from __future__ import annotations

import datetime as dt

import pytest

from kttt.support.demo import load_demo_loans
from kttt.support.models import Disbursement, Fund, Loan, Repayment, ScheduledRepayment
from kttt.support.queries import htx_with_loans, loans_summary
from kttt.support.status import LoanStatus
from tests.conftest import lang_son_scope

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_demo_loader_is_idempotent(demo: str) -> None:
    def counts() -> tuple[int, ...]:
        models = (Fund, Loan, Disbursement, ScheduledRepayment, Repayment)
        return tuple(m.objects.count() for m in models)

    load_demo_loans()
    first = counts()
    load_demo_loans()
    assert counts() == first
    assert first[:3] == (2, 75, 75)
    scope, day = lang_son_scope(), D(2025, 12, 31)
    assert htx_with_loans(scope, D(2019, 1, 1), day) == 75  # behind the plan's 100
    summary = {row.status: row.loans for row in loans_summary(scope, day)}
    assert summary[LoanStatus.BAD_DEBT] == 3 and summary[LoanStatus.OVERDUE] == 5
    assert summary[LoanStatus.REPAID] > 5
