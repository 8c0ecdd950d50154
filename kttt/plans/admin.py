from django.contrib import admin

from kttt.audit.admin import AuditedAdmin
from kttt.plans.models import Milestone, Plan, Target


class TargetInline(admin.TabularInline[Target, Plan]):
    model = Target
    extra = 0
    fields = ["order", "label", "measure", "comparator", "value", "kind", "baseline_value", "baseline_year"]
    show_change_link = True  # milestones are edited on the target's own page: admin inlines do not nest


class MilestoneInline(admin.TabularInline[Milestone, Target]):
    model = Milestone
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedAdmin[Plan]):
    list_display = ["name", "province", "start_year", "end_year", "document_number", "document_date"]
    search_fields = ["name", "document_number", "document_title"]
    raw_id_fields = ["province", "area"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(AuditedAdmin[Target]):
    list_display = ["label", "plan", "measure", "comparator", "value", "kind"]
    list_filter = ["plan", "measure", "kind"]
    list_select_related = ["plan"]
    inlines = [MilestoneInline]
