"""Admin for Support-Fund loans. Funds and lending rules are edited here. Loans are written only through
the services (services.py), which apply the lending rules: the add page is an application form saved by
`register_loan`, and approval, disbursement and repayment are small forms linked from the loan's page,
each calling its service. A loan's own page stays read-only, with today's derived balance and status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from kttt.audit.admin import AuditedAdmin
from kttt.numbers import number
from kttt.support import services
from kttt.support.forms import (
    APPLICATION_FIELDS,
    ApproveForm,
    DisburseForm,
    LoanActionForm,
    LoanApplicationForm,
    LoanOperationForm,
    RepayForm,
)
from kttt.support.models import Disbursement, Fund, Loan, LoanRule, Repayment, ScheduledRepayment
from kttt.support.status import LoanStatus, with_state


@admin.register(Fund)
class FundAdmin(AuditedAdmin[Fund]):
    list_display = ["name", "level", "province", "established"]
    list_filter = ["level"]
    search_fields = ["name"]
    autocomplete_fields = ["province"]  # some 14,000 units: search rather than scroll


@admin.register(LoanRule)
class LoanRuleAdmin(AuditedAdmin[LoanRule]):
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
    # Thousands of organisations: search as you type instead of one enormous drop-down.
    autocomplete_fields = ["borrower", "member_of"]
    change_form_template = "admin/support/loan/change_form.html"
    action_template = "admin/support/loan/action.html"
    # URL suffix → the form of the operation; each needs the model's change permission.
    operation_forms: dict[str, type[LoanOperationForm]] = {
        "phe-duyet": ApproveForm,
        "giai-ngan": DisburseForm,
        "tra-no": RepayForm,
    }

    def get_queryset(self, request: HttpRequest) -> QuerySet[Loan]:
        # One query for the whole list: the state is annotated in SQL, as of today.
        return with_state(super().get_queryset(request), dt.date.today())

    # Adding: the application form, saved through register_loan.

    def get_form(self, request: HttpRequest, obj: Loan | None = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = LoanApplicationForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Loan | None = None) -> Any:
        return list(APPLICATION_FIELDS) if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Loan | None = None) -> Any:
        return [] if obj is None else super().get_readonly_fields(request, obj)

    def get_inlines(self, request: HttpRequest, obj: Loan | None) -> Any:
        return [] if obj is None else super().get_inlines(request, obj)

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        # The form has checked the lending rules in clean(); the service checks them again and writes.
        assert not change and isinstance(form, LoanApplicationForm), "loans are not edited after creation"
        return services.register_loan(form.application(), actor=request.user)

    def save_model(self, request: HttpRequest, obj: Loan, form: Any, change: bool) -> None:
        pass  # saved by register_loan in save_form

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # no many-to-many fields, no inlines on the add page

    def response_add(self, request: HttpRequest, obj: Loan, post_url_continue: str | None = None) -> HttpResponse:
        if "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        messages.success(request, f"Đã đăng ký khoản vay {obj.code} — {obj.borrower_label}.")
        return HttpResponseRedirect(reverse("admin:support_loan_change", args=[obj.pk]))

    def has_change_permission(self, request: HttpRequest, obj: Loan | None = None) -> bool:
        return False  # a loan's page stays read-only; operations go through the action forms

    def may_operate(self, request: HttpRequest) -> bool:
        """The model's real change permission (has_change_permission is False to keep the page read-only)."""
        return request.user.has_perm(f"{self.opts.app_label}.{get_permission_codename('change', self.opts)}")

    # Approve, disburse, repay: one admin view each, linked from the loan's page.

    def get_urls(self) -> list[URLPattern]:
        urls = [
            path(
                f"<path:object_id>/{suffix}/",
                self.admin_site.admin_view(self.action_view),
                {"suffix": suffix},
                name=f"support_loan_{suffix.replace('-', '_')}",
            )
            for suffix in self.operation_forms
        ]
        return urls + super().get_urls()

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        loan = self.get_object(request, object_id)
        links = []
        if loan is not None and self.may_operate(request):
            for suffix, form in self.operation_forms.items():
                if (form is ApproveForm) == (loan.approved_on is None):
                    url = reverse(f"admin:support_loan_{suffix.replace('-', '_')}", args=[loan.pk])
                    links.append({"url": url, "label": form.title})
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "loan_actions": links})

    def action_view(self, request: HttpRequest, object_id: str, suffix: str) -> HttpResponse:
        if not self.may_operate(request):
            raise PermissionDenied
        loan = self.get_object(request, object_id)
        if loan is None:
            raise Http404(f"Không có khoản vay mã số {object_id}.")
        form_class = self.operation_forms[suffix]
        data = request.POST if request.method == "POST" else None
        form = form_class(loan, data, actor=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                message = form.submit()
            except ValidationError as error:
                form.add_error(None, error)  # the service refused: nothing was written
            else:
                messages.success(request, message)
                return HttpResponseRedirect(reverse("admin:support_loan_change", args=[loan.pk]))
        return TemplateResponse(request, self.action_template, self.action_context(request, loan, form))

    def action_context(self, request: HttpRequest, loan: Loan, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, LoanActionForm)
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{form.title}: {loan.code}",
            "loan": loan,
            "form": form,
            "facts": [
                ("người vay", loan.borrower_label),
                ("số tiền đề nghị vay (đồng)", number(loan.amount_requested)),
                ("ngày phê duyệt", f"{loan.approved_on:%d/%m/%Y}" if loan.approved_on else "—"),
                ("số tiền được duyệt (đồng)", self.amount(loan)),
                ("dư nợ hôm nay (đồng)", self.balance(loan)),
                ("trạng thái hôm nay", self.status(loan)),
            ],
        }

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
