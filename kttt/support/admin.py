"""Admin for Support-Fund loans. Funds and lending rules are edited here; loans are shown read-only with
today's derived balance and status, because loans are written only through the services (services.py),
which apply the lending rules the admin forms would bypass."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kttt.numbers import number
from kttt.support.models import Disbursement, Fund, Loan, LoanRule, Repayment, ScheduledRepayment
from kttt.support.status import LoanStatus, with_state


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin[Fund]):
    list_display = ["name", "level", "province", "established"]
    list_filter = ["level"]
    search_fields = ["name"]


@admin.register(LoanRule)
class LoanRuleAdmin(admin.ModelAdmin[LoanRule]):
    list_display = ["measure", "value", "valid_from", "valid_to", "citation", "verified"]
    list_filter = ["measure", "verified"]


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class DisbursementInline(ReadOnlyInline):
    model = Disbursement


class ScheduleInline(ReadOnlyInline):
    model = ScheduledRepayment


class RepaymentInline(ReadOnlyInline):
    model = Repayment


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin[Loan]):
    list_display = ["code", "borrower_label", "fund", "applied_on", "approved_on", "amount", "balance", "status"]
    list_filter = ["fund", "applied_on"]
    search_fields = ["code", "borrower__name", "borrower__code", "borrower_member_name", "member_of__name"]
    inlines = [DisbursementInline, ScheduleInline, RepaymentInline]
    list_select_related = ["fund", "borrower", "member_of"]
    readonly_fields = ["balance", "status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Loan]:
        # One query for the whole list: the state is annotated in SQL, as of today.
        return with_state(super().get_queryset(request), dt.date.today())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Loan | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Loan | None = None) -> bool:
        return False

    @admin.display(description="người vay")
    def borrower_label(self, loan: Loan) -> str:
        return loan.borrower_label

    @admin.display(description="số tiền được duyệt (đồng)", ordering="amount_approved")
    def amount(self, loan: Loan) -> str:
        return number(loan.amount_approved, missing="—")

    @admin.display(description="dư nợ hôm nay (đồng)", ordering="balance")
    def balance(self, loan: Loan) -> str:
        return number(getattr(loan, "balance", None), missing="—")

    @admin.display(description="trạng thái hôm nay", ordering="status")
    def status(self, loan: Loan) -> str:
        return str(LoanStatus(loan.status).label) if hasattr(loan, "status") else "—"
