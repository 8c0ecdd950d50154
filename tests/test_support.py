"""Support-Fund loans: derived status over time and the lending rules (issue 4, deliverables 4 and 9).

One loan of 400 mn VND, approved 10/1/2022, disbursed 15/1/2022, four quarterly instalments of 100 mn
due 31/3, 30/6, 30/9 and 31/12/2022. The first is paid on time, the second is missed until 5/10/2022,
when 150 mn is paid; the remaining 150 mn is paid on 31/12/2022.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kttt.registry.models import Organisation
from kttt.support import services
from kttt.support.models import Disbursement, Fund, FundLevel, Loan, LoanRule, Measure, Repayment
from kttt.support.services import Instalment, LoanApplication
from kttt.support.status import LoanStatus, loan_state
from tests.conftest import Loader

D = dt.date
MN = 1_000_000


def fund() -> Fund:
    return Fund.objects.get_or_create(name="Quỹ Hỗ trợ phát triển HTX (thử)", level=FundLevel.NATIONAL)[0]


def application(code: str = "V-1", **changes: object) -> LoanApplication:
    values: dict[str, object] = dict(
        code=code,
        fund=fund(),
        purpose="Mở rộng xưởng chế biến",
        project_cost=1000 * MN,
        own_funds=200 * MN,
        amount_requested=400 * MN,
        applied_on=D(2022, 1, 3),
        term_months=12,
        interest_rate_percent_per_year=Decimal("4.8"),
    )
    values.update(changes)
    return LoanApplication(**values)  # type: ignore[arg-type]


def orgs(load: Loader, *kinds: str) -> list[Organisation]:
    load(organizations=[{"code": f"O-{kind}", "kind": kind, "established": "2015-01-01"} for kind in kinds])
    return [Organisation.objects.get(code=f"O-{kind}") for kind in kinds]


QUARTERS = [Instalment(D(2022, m, d), 100 * MN) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]


def disbursed_loan(borrower: Organisation, code: str = "V-1") -> Loan:
    loan = services.register_loan(application(code, borrower=borrower))
    services.approve(loan, D(2022, 1, 10), 400 * MN, schedule=QUARTERS)
    services.disburse(loan, D(2022, 1, 15), 400 * MN)
    return loan


@pytest.fixture
def htx(load: Loader) -> Organisation:
    return orgs(load, "HTX")[0]


@pytest.mark.parametrize(
    ("day", "status", "balance", "days_overdue"),
    [
        (D(2022, 1, 5), LoanStatus.PENDING, 0, 0),
        (D(2022, 1, 12), LoanStatus.NOT_DISBURSED, 0, 0),
        (D(2022, 1, 15), LoanStatus.CURRENT, 400, 0),
        (D(2022, 3, 31), LoanStatus.CURRENT, 300, 0),
        (D(2022, 6, 30), LoanStatus.CURRENT, 300, 0),  # due today: still on time
        (D(2022, 7, 1), LoanStatus.OVERDUE, 300, 1),
        (D(2022, 9, 28), LoanStatus.OVERDUE, 300, 90),
        (D(2022, 9, 29), LoanStatus.BAD_DEBT, 300, 91),
        # 150 mn pays the 30/6 instalment and half of 30/9: overdue again, counted from 30/9.
        (D(2022, 10, 5), LoanStatus.OVERDUE, 150, 5),
        (D(2022, 12, 31), LoanStatus.REPAID, 0, 0),
        (D(2030, 1, 1), LoanStatus.REPAID, 0, 0),
    ],
)
def test_status_over_time(htx: Organisation, day: dt.date, status: str, balance: int, days_overdue: int) -> None:
    loan = disbursed_loan(htx)
    services.repay(loan, D(2022, 3, 31), 100 * MN, 4 * MN)
    services.repay(loan, D(2022, 10, 5), 150 * MN)
    services.repay(loan, D(2022, 12, 31), 150 * MN)
    state = loan_state(loan, day)
    assert (state.status, state.balance, state.days_overdue) == (status, balance * MN, days_overdue)
    assert LoanStatus(state.status).label in {
        "Chờ phê duyệt",
        "Chưa giải ngân",
        "Đang vay",
        "Quá hạn",
        "Nợ xấu",
        "Đã tất toán",
    }


def test_the_bad_debt_threshold_is_configurable(htx: Organisation) -> None:
    loan = disbursed_loan(htx)
    assert loan_state(loan, D(2022, 4, 30)).status == LoanStatus.OVERDUE  # 30 days after 31/3
    LoanRule.objects.filter(measure=Measure.BAD_DEBT_DAYS).update(value=29)
    assert loan_state(loan, D(2022, 4, 30)).status == LoanStatus.BAD_DEBT


def test_a_partly_disbursed_loan_owes_at_most_what_it_received(htx: Organisation) -> None:
    loan = services.register_loan(application(borrower=htx))
    services.approve(loan, D(2022, 1, 10), 400 * MN, schedule=QUARTERS)
    services.disburse(loan, D(2022, 1, 15), 50 * MN)
    services.repay(loan, D(2022, 3, 31), 50 * MN)
    # 100 mn were due by 31/3 but only 50 mn were lent: the loan is settled, not overdue.
    assert loan_state(loan, D(2022, 4, 1)).status == LoanStatus.REPAID


def test_own_funds_below_20_percent_is_refused_with_the_numbers(htx: Organisation) -> None:
    with pytest.raises(ValidationError) as refused:
        services.register_loan(application(borrower=htx, own_funds=199_900_000))
    message = refused.value.messages[0]
    assert "19,99%" in message and "20,00%" in message and "1.000.000.000 đồng" in message
    assert "Điều 22 Nghị định số 45/2021/NĐ-CP" in message
    assert not Loan.objects.exists()


def test_own_funds_of_exactly_20_percent_are_accepted(htx: Organisation) -> None:
    loan = services.register_loan(application(borrower=htx, own_funds=200 * MN))
    assert loan.own_funds_share == 20


def test_the_own_funds_rule_is_the_one_in_force_on_the_application_date(htx: Organisation) -> None:
    LoanRule.objects.create(
        code="thu-30", measure=Measure.OWN_FUNDS_MIN_SHARE, value=30, valid_from=D(2030, 1, 1), instrument="Thử"
    )
    services.register_loan(application("V-2025", borrower=htx, own_funds=250 * MN, applied_on=D(2025, 1, 1)))
    with pytest.raises(ValidationError, match="30,00%"):
        services.register_loan(application("V-2030", borrower=htx, own_funds=250 * MN, applied_on=D(2030, 1, 1)))


def test_a_tht_cannot_borrow_but_its_member_can(load: Loader) -> None:
    (tht,) = orgs(load, "THT")
    with pytest.raises(ValidationError, match=r"là tổ hợp tác \(không có tư cách pháp nhân"):
        services.register_loan(application(borrower=tht))
    loan = services.register_loan(application(borrower_member_name="Hoàng Văn Lâm", member_of=tht))
    assert loan.borrower_label.startswith("Hoàng Văn Lâm, thành viên")


@pytest.mark.parametrize("kind", ["HTX", "LHHTX", "QTDND"])
def test_organisations_with_legal_personality_can_borrow(load: Loader, kind: str) -> None:
    (org,) = orgs(load, kind)
    assert services.register_loan(application(borrower=org)).borrower == org


def test_members_of_an_htx_can_borrow_but_not_of_a_union(load: Loader) -> None:
    htx, union = orgs(load, "HTX", "LHHTX")
    services.register_loan(application("V-1", borrower_member_name="Lương Thị Hoa", member_of=htx))
    with pytest.raises(ValidationError, match=r"là liên hiệp hợp tác xã.*thành viên được vay"):
        services.register_loan(application("V-2", borrower_member_name="Lương Thị Hoa", member_of=union))


def test_a_loan_has_exactly_one_borrower_form(htx: Organisation) -> None:
    with pytest.raises(ValidationError, match="không được cả hai"):
        services.register_loan(application(borrower=htx, borrower_member_name="A", member_of=htx))
    with pytest.raises(ValidationError, match="Thiếu người vay"):
        services.register_loan(application(borrower_member_name="A"))


def test_no_disbursement_before_approval_or_beyond_it(htx: Organisation) -> None:
    loan = services.register_loan(application(borrower=htx))
    with pytest.raises(ValidationError, match="chưa được phê duyệt"):
        services.disburse(loan, D(2022, 1, 15), 100 * MN)
    services.approve(loan, D(2022, 1, 10), 300 * MN)
    services.disburse(loan, D(2022, 1, 15), 200 * MN)
    with pytest.raises(ValidationError) as refused:
        services.disburse(loan, D(2022, 2, 1), 101 * MN)
    assert "301.000.000 đồng" in refused.value.messages[0] and "300.000.000 đồng" in refused.value.messages[0]
    assert Disbursement.objects.count() == 1


def test_approval_is_within_the_request_and_builds_a_quarterly_schedule(htx: Organisation) -> None:
    loan = services.register_loan(application(borrower=htx, term_months=24))
    with pytest.raises(ValidationError, match="không vượt số đề nghị"):
        services.approve(loan, D(2022, 1, 10), 401 * MN)
    services.approve(loan, D(2022, 1, 10), 400 * MN)
    schedule = list(loan.schedule.all())
    assert len(schedule) == 8 and schedule[0].due_date == D(2022, 4, 10) and schedule[-1].due_date == D(2024, 1, 10)
    assert sum(s.principal for s in schedule) == 400 * MN
    assert schedule[0].interest == 4_800_000  # 4.8%/year on 400 mn for a quarter


def test_no_repayment_beyond_the_balance(htx: Organisation) -> None:
    loan = disbursed_loan(htx)
    with pytest.raises(ValidationError, match=r"vượt dư nợ 400\.000\.000 đồng"):
        services.repay(loan, D(2022, 3, 31), 400 * MN + 1)
    services.repay(loan, D(2022, 6, 30), 300 * MN)
    # A back-dated payment must not push the later balance below zero.
    with pytest.raises(ValidationError, match="tại ngày 30/06/2022"):
        services.repay(loan, D(2022, 3, 31), 101 * MN)
    assert Repayment.objects.count() == 1


def test_bad_debt_blocks_a_new_first_disbursement(htx: Organisation) -> None:
    first = disbursed_loan(htx, "V-1")
    services.repay(first, D(2022, 3, 31), 100 * MN)  # then nothing: bad debt 91 days after 30/6/2022
    second = services.register_loan(application("V-2", borrower=htx, applied_on=D(2022, 9, 1)))
    services.approve(second, D(2022, 9, 5), 100 * MN)
    services.disburse(second, D(2022, 9, 28), 10 * MN)  # overdue 90 days: not yet bad debt
    third = services.register_loan(application("V-3", borrower=htx, applied_on=D(2022, 9, 1)))
    services.approve(third, D(2022, 9, 5), 100 * MN)
    with pytest.raises(ValidationError, match="nợ xấu tại khoản vay V-1"):
        services.disburse(third, D(2022, 9, 29), 10 * MN)
    # Further disbursements of a loan already started are not first disbursements.
    services.disburse(second, D(2022, 10, 1), 10 * MN)
    assert Disbursement.objects.filter(loan=third).count() == 0
