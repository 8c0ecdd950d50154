from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from kttt.accounts.models import Account, Role
from kttt.areas.models import Level

UNIT_LEVELS = {
    Role.PROVINCE_OFFICER: {Level.PROVINCE},
    Role.PROVINCE_VIEWER: {Level.PROVINCE},
    Role.COMMUNE_OFFICER: {Level.COMMUNE, Level.DISTRICT},
}


class AccountForm(forms.ModelForm[Account]):
    class Meta:
        model = Account
        fields = ["role", "units", "organisation"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, units, organisation = data.get("role"), list(data.get("units") or []), data.get("organisation")
        if role == Role.REPRESENTATIVE:
            if organisation is None:
                self.add_error("organisation", "Đại diện tổ chức cần chọn tổ chức mình đại diện.")
            if units:
                self.add_error("units", "Đại diện tổ chức không phụ trách địa bàn nào: bỏ chọn địa bàn.")
        elif role in UNIT_LEVELS:
            if organisation is not None:
                self.add_error("organisation", "Chỉ vai trò đại diện tổ chức mới gắn với một tổ chức.")
            wrong = [u for u in units if u.level not in UNIT_LEVELS[role]]
            if not units:
                self.add_error("units", "Cần chọn ít nhất một địa bàn phụ trách.")
            elif wrong:
                names = ", ".join(str(u) for u in wrong)
                expected = "tỉnh, thành phố" if role != Role.COMMUNE_OFFICER else "xã, phường (hoặc huyện cũ)"
                self.add_error("units", f"Vai trò này phụ trách {expected}; không chọn được: {names}.")
        return data


class AccountInline(admin.StackedInline[Account, Any]):
    model = Account
    form = AccountForm
    can_delete = True
    autocomplete_fields = ["units", "organisation"]
    verbose_name = "phân quyền"


class KtttUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [AccountInline]
    list_display = ("username", "first_name", "last_name", "role", "is_active", "is_superuser", "last_login")
    list_select_related = ("account",)

    @admin.display(description="vai trò")
    def role(self, user: Any) -> str:
        if user.is_superuser:
            return "Quản trị hệ thống"
        account = getattr(user, "account", None)
        return account.get_role_display() if account else "chưa phân quyền"


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), KtttUserAdmin)
