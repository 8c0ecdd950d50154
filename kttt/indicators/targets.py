"""The targets of the province's plans, as the dashboard shows them: actual against goal with a status.
Progress is computed by kttt.plans (never typed in); this module only chooses the plans and words it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from kttt.areas.models import AdminUnit, Level
from kttt.plans.models import Comparator, Plan, TargetKind
from kttt.plans.progress import Status, TargetProgress, plan_progress
from kttt.web.templatetags.kttt import num

BADGES = {
    Status.REACHED: "good",
    Status.ON_TRACK: "good",
    Status.BEHIND: "warn",
    Status.AT_RISK: "bad",
    Status.NO_DATA: "",
}


@dataclass
class TargetView:
    label: str
    actual: str
    goal: str
    percent: int  # the bar: actual ÷ goal, capped at 100
    status: str
    badge: str


@dataclass
class PlanView:
    pk: int
    name: str
    start_year: int
    end_year: int
    as_of: int
    targets: list[TargetView]


def province_plans(province: AdminUnit, area: AdminUnit | None, year: int) -> list[PlanView]:
    """Plans of the province (either scheme: the province kept its code) in force in `year`, for the whole
    province or for the chosen area, with progress as of `year`."""
    plans = Plan.objects.filter(
        Q(area=area) if area is not None else Q(area__isnull=True),
        province__code=province.code,
        province__level=Level.PROVINCE,
        start_year__lte=year,
        end_year__gte=year,
    ).order_by("-end_year", "name")
    views = []
    for plan in plans:
        progress = plan_progress(plan, as_of=year, explained=False)
        targets = [_target(t) for t in progress.targets]
        views.append(PlanView(plan.pk, plan.name, plan.start_year, plan.end_year, progress.as_of, targets))
    return views


def _target(progress: TargetProgress) -> TargetView:
    target = progress.target
    digits = 1 if target.kind == TargetKind.SHARE else 0
    suffix = "%" if target.kind == TargetKind.SHARE else ""
    goal = float(target.value)
    goal_digits = 0 if goal.is_integer() else digits
    actual = progress.actual
    percent = 0 if actual is None or not goal else round(min(actual / goal, 1) * 100)
    comparator = "≤" if target.comparator == Comparator.AT_MOST else "≥"
    return TargetView(
        label=target.label,
        actual=num(actual, digits) + (suffix if actual is not None else ""),
        goal=f"{comparator} {num(goal, goal_digits)}{suffix}",
        percent=percent,
        status=Status(progress.status).label,
        badge=BADGES[Status(progress.status)],
    )
