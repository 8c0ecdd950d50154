from django.contrib import admin

from kttt.annual.models import AnnualFigures


@admin.register(AnnualFigures)
class AnnualFiguresAdmin(admin.ModelAdmin[AnnualFigures]):
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
