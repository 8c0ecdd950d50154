"""Reads and aggregates over key-officer training, for plans and reports. One SQL query each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q, Sum

from kttt.indicators.queries import Scope, active_q, reported_kind, year_end
from kttt.registry.models import Kind
from kttt.training.models import Attendance, OfficerTraining, TrainingLevel


class Share(NamedTuple):
    trained: int
    officers: int
    percent: float | None  # None when no key officers were recorded: unknown, not 0%


def share_trained(scope: Scope, year: int, level: TrainingLevel | None = None) -> Share:
    """Key officers of HTX active at the end of `year` (people's credit funds included when counted as
    HTX) and how many are trained — at `level`, or at either level when None. A short course
    (bồi dưỡng) is not a level of training, so asking for it gives 0 trained."""
    totals = (
        OfficerTraining.objects.filter(active_q(year_end(year), "organisation__"), scope.q("organisation__"))
        .filter(year=year)
        .annotate(reported=reported_kind("organisation__"))
        .filter(reported=Kind.HTX)
        .aggregate(officers=Sum("officers"), basic=Sum("trained_basic"), higher=Sum("trained_higher"))
    )
    officers = totals["officers"] or 0
    by_level = {TrainingLevel.BASIC: totals["basic"] or 0, TrainingLevel.HIGHER: totals["higher"] or 0}
    trained = sum(by_level.values()) if level is None else by_level.get(level, 0)
    return Share(trained, officers, 100 * trained / officers if officers else None)


@dataclass(frozen=True)
class CoursesSummary:
    courses: int
    attendees: int
    htx: int  # distinct HTX (and people's credit funds counted as HTX) that sent someone


def courses_summary(scope: Scope, start: dt.date, end: dt.date) -> CoursesSummary:
    """Courses starting from `start` to `end` inclusive that someone from `scope` attended: how many
    courses, how many attendees from the scope, and how many distinct HTX of the scope they came from."""
    totals = (
        Attendance.objects.filter(scope.q("organisation__"), course__start__gte=start, course__start__lte=end)
        .annotate(reported=reported_kind("organisation__"))
        .aggregate(
            courses=Count("course", distinct=True),
            attendees=Sum("attendees"),
            htx=Count("organisation", distinct=True, filter=Q(reported=Kind.HTX)),
        )
    )
    return CoursesSummary(totals["courses"], totals["attendees"] or 0, totals["htx"])
