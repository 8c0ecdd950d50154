"""Support-Fund aggregates for plans and reports: distinct HTX with a disbursement in a period and scope,
totals by status, and the idempotent demo loader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from kttt.indicators.queries import Scope
from kttt.registry.models import Organisation
from kttt.support import services
from kttt.support.models import Fund, FundLevel, Loan
from kttt.support.queries import htx_with_loans, loans_summary
from kttt.support.services import LoanApplication
from kttt.support.status import LoanStatus
from tests.conftest import Loader, lang_son_scope

pytestmark = pytest.mark.django_db
D = dt.date
MN = 1_000_000


def lend(code: str, day: dt.date, amount: int = 300 * MN, **borrower: object) -> Loan:
    fund = Fund.objects.get_or_create(name="Quỹ thử", level=FundLevel.NATIONAL)[0]
    application = LoanApplication(
        code=code,
        fund=fund,
        purpose="Thử",
        project_cost=1000 * MN,
        own_funds=300 * MN,
        amount_requested=amount,
        applied_on=day - dt.timedelta(days=30),
        term_months=24,
        interest_rate_percent_per_year=Decimal("6"),
        **borrower,  # type: ignore[arg-type]
    )
    loan = services.register_loan(application)
    services.approve(loan, day - dt.timedelta(days=10), amount)
    services.disburse(loan, day, amount)
    return loan


@pytest.fixture
def orgs(load: Loader) -> dict[str, Organisation]:
    rows = [
        {"code": "A", "established": "2010-01-01"},
        {"code": "B", "established": "2010-01-01"},
        {"code": "C", "established": "2010-01-01"},
        {"code": "QTD", "kind": "QTDND", "established": "2010-01-01"},
        {"code": "LH", "kind": "LHHTX", "established": "2010-01-01"},
        {"code": "THT", "kind": "THT", "established": "2010-01-01"},
        {"code": "HN", "established": "2010-01-01", "province": "1"},
    ]
    load(organizations=rows)
    return {o.code: o for o in Organisation.objects.all()}


def test_htx_with_loans_counts_distinct_htx_in_the_period_and_scope(
    orgs: dict[str, Organisation], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = lend("A-1", D(2020, 3, 1), borrower=orgs["A"])
    services.repay(first, D(2020, 6, 1), 300 * MN)
    lend("A-2", D(2021, 3, 1), borrower=orgs["A"])  # a second loan: A counts once
    lend("B-member", D(2021, 5, 1), borrower_member_name="Nông Văn Tú", member_of=orgs["B"])
    lend("C-late", D(2024, 1, 1), borrower=orgs["C"])  # outside the period
    lend("QTD-1", D(2020, 6, 1), borrower=orgs["QTD"])  # a people's credit fund counts as an HTX
    lend("LH-1", D(2020, 6, 1), borrower=orgs["LH"])  # a union is not an HTX
    lend("THT-member", D(2020, 6, 1), borrower_member_name="Vi Thị Mai", member_of=orgs["THT"])  # nor a THT
    lend("HN-1", D(2020, 6, 1), borrower=orgs["HN"])  # another province
    scope = lang_son_scope()
    with django_assert_num_queries(1):
        assert htx_with_loans(scope, D(2020, 1, 1), D(2023, 12, 31)) == 3  # A, B, QTD
    assert htx_with_loans(Scope(), D(2020, 1, 1), D(2023, 12, 31)) == 4  # and HN
    assert htx_with_loans(scope, D(2020, 1, 1), D(2024, 1, 1)) == 4  # the end day is included
    assert htx_with_loans(scope, D(2020, 3, 2), D(2020, 12, 31)) == 1  # QTD only
    assert htx_with_loans(scope, D(2021, 3, 1), D(2021, 3, 1)) == 1  # the start day is included


def test_loans_summary_counts_and_sums_by_status(orgs: dict[str, Organisation]) -> None:
    repaid = lend("A-1", D(2020, 3, 1), borrower=orgs["A"])
    services.repay(repaid, D(2020, 6, 1), 300 * MN)
    lend("B-1", D(2020, 3, 1), amount=200 * MN, borrower=orgs["B"])  # nothing repaid: bad debt by 2021
    lend("C-1", D(2021, 1, 1), amount=400 * MN, borrower=orgs["C"])  # first instalment due 22/3/2021
    lend("HN-1", D(2020, 6, 1), borrower=orgs["HN"])
    pending = services.register_loan(
        LoanApplication(
            code="QTD-1",
            fund=Fund.objects.get(),
            purpose="Thử",
            project_cost=500 * MN,
            own_funds=100 * MN,
            amount_requested=100 * MN,
            applied_on=D(2021, 1, 1),
            term_months=12,
            interest_rate_percent_per_year=Decimal("5"),
            borrower=orgs["QTD"],
        )
    )
    summary = {row.status: row for row in loans_summary(lang_son_scope(), D(2021, 3, 1))}
    assert [row.status for row in loans_summary(lang_son_scope(), D(2021, 3, 1))] == list(LoanStatus)
    assert (summary[LoanStatus.REPAID].loans, summary[LoanStatus.REPAID].balance) == (1, 0)
    assert (summary[LoanStatus.BAD_DEBT].loans, summary[LoanStatus.BAD_DEBT].balance) == (1, 200 * MN)
    assert (summary[LoanStatus.CURRENT].loans, summary[LoanStatus.CURRENT].disbursed) == (1, 400 * MN)
    assert summary[LoanStatus.PENDING].loans == 1 and summary[LoanStatus.OVERDUE].loans == 0
    assert pending.pk is not None and summary[LoanStatus.PENDING].label == "Chờ phê duyệt"
