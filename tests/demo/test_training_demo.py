"""The demo training loader: officer records that agree with the demo's yearly figures, about 25 courses
with attendance from active organisations, and nothing new on a second run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db.models import Sum

from kttt.annual.models import AnnualFigures
from kttt.indicators.queries import Scope
from kttt.plans.measures import share_managers_trained
from kttt.training.demo import load_demo_training
from kttt.training.models import Attendance, OfficerTraining, TrainingCourse
from kttt.training.queries import courses_summary, share_trained

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def trained(demo: str, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_demo_training()
        yield
        # Courses do not cascade from the organisations the demo fixture deletes.
        TrainingCourse.objects.all().delete()


def counts() -> tuple[int, int, int, int]:
    updated = OfficerTraining.objects.aggregate(n=Sum("officers"))["n"]
    return OfficerTraining.objects.count(), TrainingCourse.objects.count(), Attendance.objects.count(), updated


def test_the_demo_loader_is_idempotent(trained: None) -> None:
    before = counts()
    stamps = list(OfficerTraining.objects.order_by("id").values_list("updated_at", flat=True))
    load_demo_training()
    assert counts() == before
    assert list(OfficerTraining.objects.order_by("id").values_list("updated_at", flat=True)) == stamps


def test_the_demo_records_agree_with_the_yearly_figures(trained: None) -> None:
    records = OfficerTraining.objects.filter(year__gte=2019, year__lte=2025)
    assert records.count() > 1000
    split = {
        (r.organisation_id, r.year): (r.officers, r.trained)
        for r in records.only("organisation", "year", "officers", "trained_basic", "trained_higher")
    }
    figures = AnnualFigures.objects.filter(year__gte=2019, year__lte=2025, managers_trained__isnull=False)
    totals_of = {(f.organisation_id, f.year): (f.managers, f.managers_trained) for f in figures}
    assert split == {key: totals_of[key] for key in split}
    totals = records.aggregate(basic=Sum("trained_basic"), higher=Sum("trained_higher"))
    assert 0.6 < totals["basic"] / (totals["basic"] + totals["higher"]) < 0.8
    for year in range(2019, 2026):
        share = share_trained(Scope(), year)
        assert share.percent is not None and share.percent == pytest.approx(share_managers_trained(Scope(), year))


def test_the_demo_courses_have_attendance_from_active_organisations(trained: None) -> None:
    assert 20 <= TrainingCourse.objects.count() <= 30
    summary = courses_summary(Scope(), dt.date(2019, 1, 1), dt.date(2025, 12, 31))
    assert summary.courses == TrainingCourse.objects.count()
    assert summary.htx > 100 and summary.attendees > summary.htx
    for attendance in Attendance.objects.select_related("course", "organisation"):
        assert attendance.organisation.active_on(attendance.course.start)
