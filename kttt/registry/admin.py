from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from kttt.annual.models import AnnualFigures
from kttt.areas.gazetteer import shared_gazetteer
from kttt.audit.admin import AuditedAdmin
from kttt.registry.models import Organisation, StatusChange, UnionMembership
from kttt.registry.services import apply_location, refresh_dissolved


class StatusChangeInline(admin.TabularInline[StatusChange, Organisation]):
    model = StatusChange
    extra = 0


class AnnualFiguresInline(admin.TabularInline[AnnualFigures, Organisation]):
    model = AnnualFigures
    extra = 0
    fields = ["year", "members", "workers", "charter_capital", "revenue", "avg_income", "rating"]
    show_change_link = True


class MemberLinkInline(admin.TabularInline[UnionMembership, Organisation]):
    model = UnionMembership
    fk_name = "union"
    extra = 0
    raw_id_fields = ["member"]
    verbose_name_plural = "HTX thành viên của liên hiệp"


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin[Organisation]):
    list_display = [
        "code",
        "name",
        "kind",
        "sector",
        "former_district",
        "current_commune",
        "established",
        "dissolved",
    ]
    list_filter = ["kind", "sector", "is_demo", ("former_district", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name", "search_name"]
    list_select_related = ["former_district", "current_commune"]
    readonly_fields = [
        "former_province",
        "current_province",
        "former_district",
        "current_commune",
        "dissolved",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["province", "area"]
    date_hierarchy = "established"
    inlines = [StatusChangeInline, AnnualFiguresInline, MemberLinkInline]

    def save_model(self, request: HttpRequest, obj: Organisation, form: ModelForm[Organisation], change: bool) -> None:
        apply_location(obj, shared_gazetteer().locate(obj.province, obj.area))
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm[Organisation], formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        refresh_dissolved(form.instance)


@admin.register(UnionMembership)
class UnionMembershipAdmin(AuditedAdmin[UnionMembership]):
    list_display = ["union", "member", "joined", "left"]
    raw_id_fields = ["union", "member"]
    list_select_related = ["union", "member"]
