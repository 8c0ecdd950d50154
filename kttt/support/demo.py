"""Demo Support-Fund loans for the Lạng Sơn demo data: two funds and about 75 loans disbursed 2019–2025,
created through the services so every lending rule applies. Deterministic and idempotent: the plan is
drawn from a fixed seed over the demo organisations, and loans whose code exists are skipped."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from kttt.areas.models import AdminUnit
from kttt.indicators.queries import active_q
from kttt.registry.models import Kind, Organisation
from kttt.support import services
from kttt.support.models import Fund, FundLevel, Loan
from kttt.support.services import MONTHS_PER_INSTALMENT, LoanApplication, add_months

SEED = 2030
AS_OF = dt.date(2025, 12, 31)  # repayments are made up to this date
HTX_LOANS, MEMBER_LOANS, OVERDUE, BAD_DEBT = 70, 5, 5, 3
PROVINCIAL = "Quỹ Hỗ trợ phát triển hợp tác xã tỉnh Lạng Sơn"
NATIONAL = "Quỹ Hỗ trợ phát triển hợp tác xã (Trung ương)"
MEMBERS = ["Hoàng Văn Lâm", "Lương Thị Hoa", "Nông Văn Tú", "Vi Thị Mai", "Lộc Văn Hùng", "Hà Thị Nhung"]
PURPOSES = [
    "Đầu tư nhà xưởng sơ chế, bảo quản hồi",
    "Mua máy chế biến na, hồng Bảo Lâm",
    "Mở rộng vùng trồng thạch đen",
    "Đầu tư kho lạnh bảo quản nông sản",
    "Mua xe vận tải phục vụ thành viên",
    "Xây dựng chuồng trại chăn nuôi tập trung",
]


@dataclass(frozen=True)
class Plan:
    code: str
    org: str
    member: str
    amount: int
    own_share: int
    term_months: int
    rate: Decimal
    applied_on: dt.date
    behaviour: str  # "on-time", "overdue" (last instalment missed) or "bad" (unpaid since mid-2025)

    @property
    def approved_on(self) -> dt.date:
        return self.applied_on + dt.timedelta(days=20)

    @property
    def disbursed_on(self) -> dt.date:
        return self.approved_on + dt.timedelta(days=10)

    def due_dates(self) -> list[dt.date]:
        first = add_months(self.approved_on, MONTHS_PER_INSTALMENT)
        count = -(-self.term_months // MONTHS_PER_INSTALMENT)
        return [add_months(first, n * MONTHS_PER_INSTALMENT) for n in range(count)]


def load_demo_loans() -> None:
    """Create the demo funds and loans that do not exist yet."""
    provincial, national = _funds()
    existing = set(Loan.objects.filter(code__startswith="DEMO-").values_list("code", flat=True))
    for plan in _plans():
        if plan.code not in existing:
            _create(plan, national if plan.amount >= 1_500_000_000 else provincial)


def _funds() -> tuple[Fund, Fund]:
    lang_son = AdminUnit.objects.provinces().in_force(AS_OF).get(code="20")
    note = "Dữ liệu mẫu: chưa tìm thấy thông tin về Quỹ hỗ trợ phát triển HTX của tỉnh Lạng Sơn."
    provincial, _ = Fund.objects.get_or_create(
        name=PROVINCIAL, defaults=dict(level=FundLevel.PROVINCIAL, province=lang_son, note=note)
    )
    national, _ = Fund.objects.get_or_create(
        name=NATIONAL, defaults=dict(level=FundLevel.NATIONAL, note="Dữ liệu mẫu (các khoản vay là giả định).")
    )
    return provincial, national


def _candidates() -> list[str]:
    """Demo HTX active from 2019 to the end of 2025, so each can borrow whenever its loan is drawn."""
    rows = Organisation.objects.filter(active_q(dt.date(2019, 1, 1)), active_q(AS_OF), kind=Kind.HTX)
    return list(rows.filter(code__startswith="LS-HTX-").order_by("code").values_list("code", flat=True))


def _plans() -> list[Plan]:
    rng = random.Random(SEED)
    chosen = rng.sample(_candidates(), HTX_LOANS + MEMBER_LOANS)
    plans = [_draw(rng, n, code, "") for n, code in enumerate(chosen[:HTX_LOANS], start=1)]
    plans += [
        _draw(rng, HTX_LOANS + n, code, MEMBERS[n % len(MEMBERS)]) for n, code in enumerate(chosen[HTX_LOANS:], start=1)
    ]
    # Trouble goes to loans still running at the end of 2025 with instalments due in its second half.
    running = [p for p in plans if p.due_dates()[0] <= dt.date(2025, 6, 30) and p.due_dates()[-1] > AS_OF]
    troubled = rng.sample(running, OVERDUE + BAD_DEBT)
    behaviour = {p.code: "bad" for p in troubled[:BAD_DEBT]} | {p.code: "overdue" for p in troubled[BAD_DEBT:]}
    return [_with(p, behaviour.get(p.code, "on-time")) for p in plans]


def _draw(rng: random.Random, n: int, org: str, member: str) -> Plan:
    low, high = (10, 30) if member else (20, 200)  # in tens of millions: members borrow less
    return Plan(
        code=f"DEMO-LS-{n:03d}",
        org=org,
        member=member,
        amount=rng.randint(low, high) * 10_000_000,
        own_share=rng.randint(20, 45),
        term_months=rng.choice([24, 36, 48, 60]),
        rate=rng.choice([Decimal("4.8"), Decimal("5.4"), Decimal("6.0"), Decimal("6.6"), Decimal("7.0")]),
        applied_on=dt.date(2019, 1, 2) + dt.timedelta(days=rng.randint(0, 365 * 6 + 200)),
        behaviour="on-time",
    )


def _with(plan: Plan, behaviour: str) -> Plan:
    return Plan(**{**plan.__dict__, "behaviour": behaviour})


@transaction.atomic
def _create(plan: Plan, fund: Fund) -> None:
    org = Organisation.objects.get(code=plan.org)
    # The project cost is rounded up to a million, so own funds never fall below the plan's share.
    project_cost = -(-plan.amount * 100 // (100 - plan.own_share) // 1_000_000) * 1_000_000
    member = dict(borrower_member_name=plan.member, member_of=org) if plan.member else dict(borrower=org)
    loan = services.register_loan(
        LoanApplication(
            code=plan.code,
            fund=fund,
            purpose=PURPOSES[int(plan.code[-3:]) % len(PURPOSES)],
            project_cost=project_cost,
            own_funds=project_cost - plan.amount,
            amount_requested=plan.amount,
            applied_on=plan.applied_on,
            term_months=plan.term_months,
            interest_rate_percent_per_year=plan.rate,
            **member,
        )
    )
    services.approve(loan, plan.approved_on, plan.amount)
    services.disburse(loan, plan.disbursed_on, plan.amount)
    _repay(loan, plan)


def _repay(loan: Loan, plan: Plan) -> None:
    due = [s for s in loan.schedule.order_by("due_date") if s.due_date <= AS_OF]
    if plan.behaviour == "overdue":
        due = due[:-1]
    elif plan.behaviour == "bad":
        due = [s for s in due if s.due_date <= dt.date(2025, 6, 30)]
    for instalment in due:
        services.repay(loan, instalment.due_date, instalment.principal, instalment.interest)
