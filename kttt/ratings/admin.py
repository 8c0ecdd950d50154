from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from kttt.audit.admin import AuditedAdmin
from kttt.ratings.models import Assessment, Criterion, RatingScheme, Score, SizeClassRule
from kttt.ratings.services import rescore


class CriterionInline(admin.TabularInline[Criterion, RatingScheme]):
    model = Criterion
    extra = 0
    fields = ["order", "code", "group", "label", "max_points", "verified"]


@admin.register(RatingScheme)
class RatingSchemeAdmin(AuditedAdmin[RatingScheme]):
    list_display = ["code", "name", "instrument", "kinds", "sector", "valid_from", "valid_to", "verified"]
    list_filter = ["verified", "sector"]
    search_fields = ["code", "name", "instrument"]
    inlines = [CriterionInline]


class ScoreInline(admin.TabularInline[Score, Assessment]):
    model = Score
    extra = 0
    fields = ["criterion", "points"]


@admin.register(Assessment)
class AssessmentAdmin(AuditedAdmin[Assessment]):
    list_display = ["organisation", "year", "rating", "total", "scheme"]
    list_filter = ["year", "rating", "scheme"]
    search_fields = ["organisation__code", "organisation__search_name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["total", "rating", "reported_wording", "recorded_at"]
    inlines = [ScoreInline]

    def save_related(self, request: HttpRequest, form: ModelForm[Assessment], formsets: object, change: bool) -> None:
        # Total and class are derived: recompute them (and the yearly figures) from the edited scores.
        super().save_related(request, form, formsets, change)
        rescore(form.instance, actor=request.user)


@admin.register(SizeClassRule)
class SizeClassRuleAdmin(AuditedAdmin[SizeClassRule]):
    list_display = [
        "scheme",
        "sector_group",
        "tier",
        "min_members",
        "min_revenue",
        "min_total_capital",
        "valid_from",
        "valid_to",
        "verified",
    ]
    list_filter = ["scheme", "sector_group", "tier", "verified"]
