"""Entering Support-Fund loans in the admin: every write goes through the lending services, and a refused
operation shows the service's Vietnamese message on the form and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from kttt.registry.models import Organisation
from kttt.support.models import Disbursement, Fund, FundLevel, Loan, Repayment
from kttt.support.status import LoanStatus, loan_state
from tests.conftest import Loader

MN = 1_000_000
D = dt.date


@pytest.fixture
def staff(client: Client, db: None) -> Client:
    client.force_login(User.objects.create_superuser("quantri", "", "mat-khau-dai-123"))
    return client


@pytest.fixture
def htx(load: Loader) -> Organisation:
    load(organizations=[{"code": "HTX-1", "kind": "HTX", "established": "2015-01-01"}])
    return Organisation.objects.get(code="HTX-1")


@pytest.fixture
def fund(db: None) -> Fund:
    return Fund.objects.create(name="Quỹ Hỗ trợ phát triển HTX (thử)", level=FundLevel.NATIONAL)


def application(fund: Fund, org: Organisation, **changes: Any) -> dict[str, Any]:
    return {
        "fund": fund.pk,
        "borrower": org.pk,
        "borrower_member_name": "",
        "member_of": "",
        "code": "V-1",
        "purpose": "Mở rộng xưởng chế biến",
        "project_cost": 1000 * MN,
        "own_funds": 200 * MN,
        "amount_requested": 400 * MN,
        "applied_on": "03/01/2022",
        "term_months": 12,
        "interest_rate_percent_per_year": "4.8",
        **changes,
    }


def url(name: str, loan: Loan) -> str:
    return reverse(f"admin:support_loan_{name}", args=[loan.pk])


def page(response: Any) -> str:
    return str(response.content.decode())


def test_the_add_page_renders_the_application_form(staff: Client, fund: Fund) -> None:
    response = staff.get(reverse("admin:support_loan_add"))
    assert response.status_code == 200
    assert "vốn tự có (đồng)" in page(response).lower()
    assert 'name="amount_approved"' not in page(response)  # approval is a later operation


def test_adding_a_loan_registers_it_through_the_service(staff: Client, fund: Fund, htx: Organisation) -> None:
    response = staff.post(reverse("admin:support_loan_add"), application(fund, htx))
    loan = Loan.objects.get(code="V-1")
    assert response.status_code == 302 and response["Location"] == reverse("admin:support_loan_change", args=[loan.pk])
    assert (loan.borrower, loan.own_funds, loan.applied_on) == (htx, 200 * MN, D(2022, 1, 3))
    assert loan_state(loan, D(2022, 1, 5)).status == LoanStatus.PENDING
    followed = page(staff.get(response["Location"]))
    assert "Đã đăng ký khoản vay V-1" in followed
    assert url("phe_duyet", loan) in followed  # the next operation is offered on the loan's page


def test_own_funds_under_20_percent_are_refused_and_nothing_is_written(
    staff: Client, fund: Fund, htx: Organisation
) -> None:
    response = staff.post(reverse("admin:support_loan_add"), application(fund, htx, own_funds=190 * MN))
    assert response.status_code == 200
    assert "thấp hơn mức tối thiểu 20" in page(response)
    assert "Vốn tự có 190.000.000 đồng bằng 19" in page(response)
    assert not Loan.objects.exists()


def test_a_borrower_the_decree_excludes_is_refused(staff: Client, fund: Fund, load: Loader) -> None:
    load(organizations=[{"code": "THT-1", "kind": "THT", "established": "2015-01-01"}])
    tht = Organisation.objects.get(code="THT-1")
    response = staff.post(reverse("admin:support_loan_add"), application(fund, tht))
    assert response.status_code == 200 and "không có tư cách pháp nhân" in page(response)
    # …but a member of the THT may borrow in their own name.
    member = application(fund, tht, borrower="", borrower_member_name="Nguyễn Văn A", member_of=tht.pk)
    assert staff.post(reverse("admin:support_loan_add"), member).status_code == 302
    assert Loan.objects.get().borrower_label.startswith("Nguyễn Văn A")


def test_a_loan_stays_read_only_after_creation(staff: Client, fund: Fund, htx: Organisation) -> None:
    staff.post(reverse("admin:support_loan_add"), application(fund, htx))
    loan = Loan.objects.get()
    response = staff.get(reverse("admin:support_loan_change", args=[loan.pk]))
    assert response.status_code == 200 and 'name="own_funds"' not in page(response)
    staff.post(reverse("admin:support_loan_change", args=[loan.pk]), application(fund, htx, own_funds=900 * MN))
    loan.refresh_from_db()
    assert loan.own_funds == 200 * MN


def test_approve_disburse_repay_through_the_admin(staff: Client, fund: Fund, htx: Organisation) -> None:
    staff.post(reverse("admin:support_loan_add"), application(fund, htx))
    loan = Loan.objects.get()
    for name in ("phe_duyet", "giai_ngan", "tra_no"):
        assert staff.get(url(name, loan)).status_code == 200

    response = staff.post(url("phe_duyet", loan), {"on": "10/01/2022", "amount": 400 * MN, "first_due": "31/03/2022"})
    assert response.status_code == 302
    assert "Đã phê duyệt khoản vay V-1" in page(staff.get(response["Location"]))
    loan.refresh_from_db()
    assert (loan.approved_on, loan.amount_approved, loan.schedule.count()) == (D(2022, 1, 10), 400 * MN, 4)
    assert loan_state(loan, D(2022, 1, 12)).status == LoanStatus.NOT_DISBURSED

    assert staff.post(url("giai_ngan", loan), {"day": "15/01/2022", "amount": 400 * MN}).status_code == 302
    state = loan_state(loan, D(2022, 1, 15))
    assert (state.status, state.balance) == (LoanStatus.CURRENT, 400 * MN)

    response = staff.post(url("tra_no", loan), {"day": "31/03/2022", "principal": 100 * MN, "interest": 4_800_000})
    assert response.status_code == 302
    assert "Đã ghi nhận trả nợ" in page(staff.get(response["Location"]))
    assert loan_state(loan, D(2022, 3, 31)).balance == 300 * MN

    response = staff.post(url("tra_no", loan), {"day": "30/12/2022", "principal": 300 * MN, "interest": 0})
    assert response.status_code == 302
    assert loan_state(loan, D(2022, 12, 31)).status == LoanStatus.REPAID


def test_refused_operations_show_the_service_message_and_write_nothing(
    staff: Client, fund: Fund, htx: Organisation
) -> None:
    staff.post(reverse("admin:support_loan_add"), application(fund, htx))
    loan = Loan.objects.get()
    response = staff.post(url("giai_ngan", loan), {"day": "15/01/2022", "amount": 100 * MN})
    assert response.status_code == 200 and "chưa được phê duyệt" in page(response)

    response = staff.post(url("phe_duyet", loan), {"on": "10/01/2022", "amount": 500 * MN})
    assert response.status_code == 200 and "không vượt số đề nghị" in page(response)
    loan.refresh_from_db()
    assert loan.approved_on is None and not loan.schedule.exists()

    staff.post(url("phe_duyet", loan), {"on": "10/01/2022", "amount": 400 * MN})
    staff.post(url("giai_ngan", loan), {"day": "15/01/2022", "amount": 300 * MN})
    response = staff.post(url("giai_ngan", loan), {"day": "20/01/2022", "amount": 150 * MN})
    assert response.status_code == 200
    assert "vượt số tiền được duyệt 400.000.000 đồng" in page(response)
    assert list(Disbursement.objects.values_list("amount", flat=True)) == [300 * MN]

    response = staff.post(url("tra_no", loan), {"day": "31/03/2022", "principal": 301 * MN, "interest": 0})
    assert response.status_code == 200 and "vượt dư nợ" in page(response)
    assert not Repayment.objects.exists()


def test_staff_who_are_not_superusers_cannot_reach_loan_operations(
    client: Client, fund: Fund, htx: Organisation
) -> None:
    """The admin is for system administrators only (config/urls.py): even a staff member with view rights on
    loans is sent to the admin login, and nothing is written."""
    from django.contrib.auth.models import Permission

    clerk = User.objects.create_user("canbo", "", "mat-khau-dai-123", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_loan"))
    client.force_login(clerk)
    loan = Loan.objects.create(
        **{k: v for k, v in application(fund, htx).items() if k not in {"fund", "borrower", "member_of"}}
        | {"fund": fund, "borrower": htx, "applied_on": D(2022, 1, 3)}
    )
    for response in (
        client.get(reverse("admin:support_loan_add")),
        client.get(url("phe_duyet", loan)),
        client.post(url("phe_duyet", loan), {"on": "10/01/2022", "amount": 1}),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    loan.refresh_from_db()
    assert loan.approved_on is None
