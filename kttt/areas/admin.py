from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from kttt.areas.gazetteer import forget_shared_gazetteer
from kttt.areas.models import AdminUnit, CommuneMapping, ProvinceMapping
from kttt.audit.admin import AuditedAdmin


@admin.register(AdminUnit)
class AdminUnitAdmin(AuditedAdmin[AdminUnit]):
    list_display = ["code", "name", "level", "scheme", "parent", "valid_from", "valid_to"]
    list_filter = ["scheme", "level"]
    search_fields = ["code", "name", "search_name"]
    list_select_related = ["parent", "parent__province"]
    raw_id_fields = ["parent", "province"]

    def save_model(self, request: HttpRequest, obj: AdminUnit, form: ModelForm[AdminUnit], change: bool) -> None:
        super().save_model(request, obj, form, change)
        forget_shared_gazetteer()


@admin.register(CommuneMapping)
class CommuneMappingAdmin(AuditedAdmin[CommuneMapping]):
    list_display = ["old", "new", "partly_merged", "primary"]
    list_filter = ["partly_merged"]
    search_fields = ["old__name", "old__code", "new__name", "new__code"]
    list_select_related = ["old__province", "new__province"]
    raw_id_fields = ["old", "new"]


@admin.register(ProvinceMapping)
class ProvinceMappingAdmin(AuditedAdmin[ProvinceMapping]):
    list_display = ["old", "new"]
    list_select_related = ["old", "new"]
    raw_id_fields = ["old", "new"]
