"""Admin for key-officer training. Courses and their attendance are edited directly (the models carry
their rules); officer records are saved through services.record_officers, so the yearly figures'
totals follow every change made here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from kttt.audit.admin import AuditedAdmin
from kttt.training import services
from kttt.training.models import Attendance, OfficerTraining, TrainingCourse


class AttendanceInline(admin.TabularInline[Attendance, TrainingCourse]):
    model = Attendance
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(TrainingCourse)
class TrainingCourseAdmin(AuditedAdmin[TrainingCourse]):
    list_display = ["code", "title", "organiser", "level", "start", "end", "place"]
    list_filter = ["level", "organiser", "start"]
    search_fields = ["code", "title", "organiser", "place"]
    date_hierarchy = "start"
    inlines = [AttendanceInline]


@admin.register(OfficerTraining)
class OfficerTrainingAdmin(AuditedAdmin[OfficerTraining]):
    list_display = ["organisation", "year", "officers", "trained_basic", "trained_higher", "trained", "source"]
    list_filter = ["year", "organisation__kind"]
    search_fields = ["organisation__code", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]

    def get_readonly_fields(self, request: HttpRequest, obj: OfficerTraining | None = None) -> list[str]:
        # A record belongs to one organisation-year: moving it would leave the old year's totals behind.
        return ["organisation", "year"] if obj is not None else []

    @admin.display(description="tổng số đã qua đào tạo")
    def trained(self, record: OfficerTraining) -> int:
        return record.trained

    def save_model(self, request: HttpRequest, obj: OfficerTraining, form: ModelForm[Any], change: bool) -> None:
        record = services.record_officers(
            obj.organisation,
            obj.year,
            obj.officers,
            obj.trained_basic,
            obj.trained_higher,
            obj.source,
            actor=request.user,
        )
        obj.pk = record.pk  # the admin's log entry and redirect need the saved row
