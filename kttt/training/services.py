"""Writes for key-officer training. Each service validates first and writes in one transaction, so a
refused operation leaves nothing behind. Officer records keep AnnualFigures.managers/managers_trained in
step, because the plans' "key officers trained" target is computed from the yearly figures."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from kttt.annual.models import AnnualFigures
from kttt.audit.models import Action
from kttt.audit.services import Actor, diff, record, record_created, snapshot
from kttt.registry.models import Organisation
from kttt.training.models import Attendance, OfficerTraining, TrainingCourse, TrainingLevel


def check_officers(officers: int, basic: int, higher: int) -> None:
    if min(officers, basic, higher) < 0:
        raise ValidationError("Số cán bộ không được âm.")
    if basic + higher > officers:
        raise ValidationError(
            f"Số cán bộ đã qua đào tạo ({basic} sơ cấp, trung cấp + {higher} cao đẳng, đại học = "
            f"{basic + higher}) lớn hơn số cán bộ chủ chốt ({officers})."
        )


OFFICER_FIELDS = ("officers", "trained_basic", "trained_higher", "source")
COURSE_FIELDS = ("code", "title", "organiser", "level", "start", "end", "place", "note")


@transaction.atomic
def record_officers(
    org: Organisation, year: int, officers: int, basic: int, higher: int, source: str = "", *, actor: Actor = None
) -> OfficerTraining:
    """Create or replace the organisation's record for `year`, and set the yearly figures' totals to
    `officers` and `basic + higher` (creating the yearly figures when missing)."""
    check_officers(officers, basic, higher)
    row = OfficerTraining.objects.select_for_update().filter(organisation=org, year=year).first()
    before = snapshot(row, OFFICER_FIELDS) if row else {}
    row = row or OfficerTraining(organisation=org, year=year)
    row.officers, row.trained_basic, row.trained_higher = officers, basic, higher
    row.source = source or row.source
    row.full_clean()
    created = row.pk is None
    row.save()
    _keep_figures_in_step(row)
    changes = diff(before, snapshot(row, OFFICER_FIELDS))
    if created or changes:
        record(actor, Action.CREATE if created else Action.UPDATE, row, changes)
    return row


def _keep_figures_in_step(record: OfficerTraining) -> None:
    figures, created = AnnualFigures.objects.select_for_update().get_or_create(
        organisation=record.organisation,
        year=record.year,
        defaults=dict(managers=record.officers, managers_trained=record.trained, source=record.source),
    )
    if not created and (figures.managers, figures.managers_trained) != (record.officers, record.trained):
        figures.managers, figures.managers_trained = record.officers, record.trained
        figures.save(update_fields=["managers", "managers_trained", "updated_at"])


@transaction.atomic
def record_course(
    code: str,
    title: str,
    organiser: str,
    level: TrainingLevel,
    start: dt.date,
    end: dt.date,
    place: str = "",
    note: str = "",
    *,
    actor: Actor = None,
) -> TrainingCourse:
    if end < start:
        raise ValidationError(f"Ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}.")
    course = TrainingCourse(
        code=code, title=title, organiser=organiser, level=level, start=start, end=end, place=place, note=note
    )
    course.full_clean()
    course.save()
    record_created(actor, course, COURSE_FIELDS)
    return course


@transaction.atomic
def add_attendance(
    course: TrainingCourse, org: Organisation, attendees: int, names: str = "", *, actor: Actor = None
) -> Attendance:
    """Record that `org` sent `attendees` people to `course`; an organisation is recorded once per course."""
    if Attendance.objects.filter(course=course, organisation=org).exists():
        raise ValidationError(f"{org.code} đã có trong danh sách tham gia khóa {course.code}.")
    attendance = Attendance(course=course, organisation=org, attendees=attendees, names=names)
    attendance.full_clean()
    attendance.save()
    record_created(actor, attendance, ("course", "attendees", "names"), organisation=org)
    return attendance
