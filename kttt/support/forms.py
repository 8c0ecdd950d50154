"""Admin forms for Support-Fund loans. Each validates with the rule functions the services use and writes
only through the services (services.py), so a loan entered by hand obeys the same lending rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kttt.audit.services import Actor
from kttt.support import services
from kttt.support.models import Loan
from kttt.support.rules import check_borrower, check_limits, check_own_funds, vnd
from kttt.support.services import LoanApplication

APPLICATION_FIELDS = [
    "fund",
    "borrower",
    "borrower_member_name",
    "member_of",
    "code",
    "purpose",
    "project_cost",
    "own_funds",
    "amount_requested",
    "applied_on",
    "term_months",
    "interest_rate_percent_per_year",
]
assert set(APPLICATION_FIELDS) == set(LoanApplication.__dataclass_fields__)

DATE_HELP = "ngày/tháng/năm, ví dụ 31/12/2022"


class LoanApplicationForm(forms.ModelForm[Loan]):
    """A loan application: checked by the service's own rules in clean(), saved by `register_loan`."""

    class Meta:
        model = Loan
        fields = APPLICATION_FIELDS

    def clean_project_cost(self) -> int:
        return _at_least(self.cleaned_data["project_cost"], 1, "Tổng vốn dự án phải lớn hơn 0.")

    def clean_own_funds(self) -> int:
        return _at_least(self.cleaned_data["own_funds"], 0, "Vốn tự có không được âm.")

    def clean_amount_requested(self) -> int:
        return _at_least(self.cleaned_data["amount_requested"], 1, "Số tiền đề nghị vay phải lớn hơn 0.")

    def clean_term_months(self) -> int:
        return _at_least(self.cleaned_data["term_months"], 1, "Thời hạn vay phải ít nhất 1 tháng.")

    def clean_interest_rate_percent_per_year(self) -> Any:
        rate = self.cleaned_data["interest_rate_percent_per_year"]
        if rate is not None and rate < 0:
            raise ValidationError("Lãi suất không được âm.")
        return rate

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(name not in data for name in APPLICATION_FIELDS):
            return data  # a field is already in error: the rules need every value
        loan = Loan(**{name: data[name] for name in APPLICATION_FIELDS})
        # The same checks, in the same order, as services.register_loan.
        checks: list[tuple[Callable[[], None], str | None]] = [
            (lambda: check_borrower(loan), None),
            (lambda: check_own_funds(loan), "own_funds"),
            (lambda: check_limits(loan, loan.amount_requested, loan.applied_on), None),
        ]
        for check, field in checks:
            try:
                check()
            except ValidationError as error:
                self.add_error(field, error)
        return data

    def application(self) -> LoanApplication:
        return LoanApplication(**{name: self.cleaned_data[name] for name in APPLICATION_FIELDS})


def _at_least(value: int | None, minimum: int, message: str) -> int:
    if value is not None and value < minimum:
        raise ValidationError(message)
    return value  # type: ignore[return-value]


def _date(label: str, required: bool = True, help_text: str = DATE_HELP) -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=forms.DateInput())


class LoanActionForm(forms.Form):
    """What the operations on one loan share. Each concrete form's `submit` calls its service and returns
    the success message, or lets the service's ValidationError through for the view to show on the form."""

    title = ""
    button = ""

    def __init__(self, loan: Loan, *args: Any, actor: Actor = None, **kwargs: Any) -> None:
        self.loan = loan
        self.actor = actor  # named in the audit trail
        super().__init__(*args, **kwargs)


class ApproveForm(LoanActionForm):
    title = "Phê duyệt khoản vay"
    button = "Phê duyệt"

    on = _date("ngày phê duyệt")
    amount = forms.IntegerField(label="số tiền được duyệt (đồng)", min_value=1)
    first_due = _date(
        "kỳ trả nợ đầu tiên",
        required=False,
        help_text="Để trống: ba tháng sau ngày phê duyệt. Lịch trả gốc đều hằng quý trong thời hạn vay.",
    )

    def __init__(self, loan: Loan, *args: Any, actor: Actor = None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"amount": loan.amount_requested})
        super().__init__(loan, *args, actor=actor, **kwargs)

    def submit(self) -> str:
        data = self.cleaned_data
        loan = services.approve(self.loan, data["on"], data["amount"], first_due=data["first_due"], actor=self.actor)
        count = loan.schedule.count()
        return (
            f"Đã phê duyệt khoản vay {loan.code} ngày {data['on']:%d/%m/%Y}: {vnd(data['amount'])}, "
            f"lịch trả nợ {count} kỳ từ {loan.first_due:%d/%m/%Y}."
        )


class DisburseForm(LoanActionForm):
    title = "Giải ngân"
    button = "Giải ngân"

    day = _date("ngày giải ngân")
    amount = forms.IntegerField(label="số tiền giải ngân (đồng)", min_value=1)

    def submit(self) -> str:
        day: dt.date = self.cleaned_data["day"]
        amount: int = self.cleaned_data["amount"]
        services.disburse(self.loan, day, amount, actor=self.actor)
        return f"Đã ghi nhận giải ngân {vnd(amount)} ngày {day:%d/%m/%Y} cho khoản vay {self.loan.code}."


class RepayForm(LoanActionForm):
    title = "Trả nợ"
    button = "Ghi nhận trả nợ"

    day = _date("ngày trả")
    principal = forms.IntegerField(label="gốc trả (đồng)", min_value=0, initial=0)
    interest = forms.IntegerField(label="lãi trả (đồng)", min_value=0, initial=0)

    def submit(self) -> str:
        day: dt.date = self.cleaned_data["day"]
        principal: int = self.cleaned_data["principal"]
        interest: int = self.cleaned_data["interest"]
        services.repay(self.loan, day, principal, interest, actor=self.actor)
        return (
            f"Đã ghi nhận trả nợ ngày {day:%d/%m/%Y} cho khoản vay {self.loan.code}: "
            f"gốc {vnd(principal)}, lãi {vnd(interest)}."
        )


# The operations the admin offers on a loan (each defines submit()).
LoanOperationForm = ApproveForm | DisburseForm | RepayForm
