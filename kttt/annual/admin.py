from django.contrib import admin

from kttt.annual.models import AnnualFigures, FiguresDraft
from kttt.audit.admin import AuditedAdmin


@admin.register(AnnualFigures)
class AnnualFiguresAdmin(AuditedAdmin[AnnualFigures]):
    list_display = [
        "organisation",
        "year",
        "members",
        "workers",
        "charter_capital",
        "revenue",
        "avg_income",
        "rating",
    ]
    list_filter = ["year", "rating", "organisation__kind"]
    search_fields = ["organisation__code", "organisation__search_name"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation"]


@admin.register(FiguresDraft)
class FiguresDraftAdmin(AuditedAdmin[FiguresDraft]):
    """Drafts are written by the figures page; here an administrator can see unfinished entry work and delete
    an abandoned draft. A draft is never counted, whatever is done to it here."""

    list_display = ["organisation", "year", "saved_by", "saved_at"]
    list_filter = ["year"]
    search_fields = ["organisation__code", "organisation__search_name"]
    list_select_related = ["organisation", "saved_by"]
    raw_id_fields = ["organisation", "saved_by"]
    readonly_fields = ["saved_at"]
