"""What the plan pages show, computed by kttt.plans.progress and laid out here as plain data.

Plans come with their targets and milestones in three queries, however many plans and targets there are;
the remaining queries are the measures each target's progress needs (progress.target_progress).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kttt.numbers import number
from kttt.plans.measures import MEASURES
from kttt.plans.models import Measure, Plan, Target, TargetKind
from kttt.plans.progress import (
    PlanProgress,
    Status,
    TargetProgress,
    expected_value,
    latest_year,
    meets,
    plan_scope,
    target_progress,
)
from kttt.web.svg import Line, line_chart

# The badge colour of each status (web/kttt.css .badge.good / .warn / .bad; none for no data).
TONES = {
    Status.REACHED: "good",
    Status.ON_TRACK: "good",
    Status.BEHIND: "warn",
    Status.AT_RISK: "bad",
    Status.NO_DATA: "",
}
DASH = "–"


def plans_with_targets() -> QuerySet[Plan]:
    """Plans with their scope, targets (in the plan's order) and milestones: three queries in all."""
    targets = Target.objects.order_by("order", "id").prefetch_related("milestones")
    plans = Plan.objects.select_related("province", "area", "area__province")
    return plans.prefetch_related(Prefetch("targets", queryset=targets))


def progress_of(plans: Iterable[Plan], as_of: int | None = None, explained: bool = True) -> list[PlanProgress]:
    """progress.plan_progress for each plan, from the prefetched targets. Without `as_of`, each plan is
    seen at its default year (progress.default_as_of), the last year with records asked once per scope.
    Without `explained`, the records behind each figure are not listed (a list shows statuses only)."""
    latest: dict[tuple[int | None, int | None], int | None] = {}
    result = []
    for plan in plans:
        key = (plan.province_id, plan.area_id)
        if as_of is None and key not in latest:
            latest[key] = latest_year(plan_scope(plan))
        year = as_of if as_of is not None else default_year(plan, latest[key])
        result.append(PlanProgress(plan, year, [target_progress(t, year, explained) for t in plan.targets.all()]))
    return result


def default_year(plan: Plan, latest: int | None) -> int:
    """As progress.default_as_of, from a last year with records already known."""
    return plan.end_year if latest is None else min(latest, plan.end_year)


def scope_label(plan: Plan) -> str:
    """ "Tỉnh Lạng Sơn", "Huyện Đình Lập (Lạng Sơn)" or "Toàn quốc" — without a query per plan."""
    if plan.area is not None:
        return str(plan.area)  # names its province, fetched with the plan
    return plan.province.name if plan.province is not None else pgettext("plan", "Whole country")


def status_counts(progress: PlanProgress) -> list[tuple[Status, int, str]]:
    """(status, how many targets, badge tone), in the order statuses are listed in progress.Status."""
    counts = Counter(p.status for p in progress.targets)
    return [(status, counts[status], TONES[status]) for status in Status if counts[status]]


def shown(target: Target, value: float | None) -> str:
    """A target's figure as the report's plan table prints it: 55,2% for shares; 120 or 4,7 otherwise."""
    if value is None:
        return DASH
    if target.kind == TargetKind.SHARE:
        return f"{number(value, 1)}%"
    return number(value, 0 if round(value, 1) == round(value) else 1)


def unit_of(target: Target) -> str:
    return "%" if target.kind == TargetKind.SHARE else MEASURES[Measure(target.measure)].unit


def share_done(p: TargetProgress) -> float | None:
    """How far the actual has come from the start (0 for accumulated targets, else the baseline) to the goal,
    between 0 and 1; None when the actual or the start is unknown."""
    target = p.target
    start = 0.0 if target.kind == TargetKind.CUMULATIVE else p.baseline
    if p.actual is None or start is None:
        return None
    goal = float(target.value)
    if meets(p.actual, goal, target.comparator):
        return 1.0  # also when the baseline was already past the goal (55% khá/tốt against a goal of 50%)
    if goal == start:
        return 0.0
    return max(0.0, min(1.0, (p.actual - start) / (goal - start)))


def chart(p: TargetProgress) -> SafeString | None:
    """The target's path to its end year: the actual so far, the planned path and the goal. None when the
    records give no value at all (the page says so instead of drawing empty axes)."""
    target, plan = p.target, p.target.plan
    first = p.series[0].year if p.series else plan.start_year - 1
    years = list(range(first, plan.end_year + 1))
    flows = target.kind == TargetKind.CUMULATIVE
    by_year = {point.year: (point.cumulative if flows else point.value) for point in p.series}
    by_year[p.as_of] = p.actual  # asked of the whole period: distinct counts do not add up year by year
    actual = [by_year.get(year) if year <= p.as_of else None for year in years]
    if all(value is None for value in actual):
        return None
    expected = [expected_value(target, year, p.baseline, p.baseline_year) for year in years]
    goal = [float(target.value) if year == plan.end_year else None for year in years]
    lines = [
        Line(pgettext("plan", "Actual"), actual),
        Line(pgettext("plan", "Planned path"), expected),
        Line(pgettext("plan", "Goal"), goal),
    ]
    title = _("%(target)s: actual and planned path to %(year)s") % {"target": target.label, "year": plan.end_year}
    return line_chart(title, years, lines, unit_of(target))


@dataclass
class TargetRow:
    """One target of the plan page, with its figures written out."""

    progress: TargetProgress
    unit: str
    flows: bool  # counted over the period (new organisations, loans) rather than read at the year's end
    goal: str
    baseline: str
    actual: str
    expected: str
    projection: str
    tone: str
    percent: int | None  # of the way from the start to the goal, for the progress bar
    chart: SafeString | None
    series: list[tuple[int, str, str, str]]  # year, value in the year, running total, planned by then


def target_rows(progress: PlanProgress) -> list[TargetRow]:
    return [_row(p) for p in progress.targets]


def _row(p: TargetProgress) -> TargetRow:
    t = p.target
    flows = MEASURES[Measure(t.measure)].flow
    series = [
        (
            point.year,
            shown(t, point.value),
            shown(t, point.cumulative) if flows else "",
            shown(t, expected_value(t, point.year, p.baseline, p.baseline_year)),
        )
        for point in p.series
    ]
    return TargetRow(
        progress=p,
        unit=unit_of(t),
        flows=flows,
        goal=f"{t.get_comparator_display()} {shown(t, float(t.value))}",
        baseline=shown(t, p.baseline),
        actual=shown(t, p.actual),
        expected=shown(t, p.expected),
        projection=shown(t, p.projection),
        tone=TONES[p.status],
        percent=None if (done := share_done(p)) is None else _percent(done),
        chart=chart(p),
        series=series,
    )


def _percent(done: float) -> int:
    """Whole percent for the bar, rounded down so that 100% means reached (119 of 120 shows 99%)."""
    return 100 if done >= 1 else min(99, math.floor(done * 100))


def as_of_years(plan: Plan, latest: int | None) -> list[int]:
    """The years a plan can be looked at, latest first: from its first year to the last with records (at
    most its end year), since later years would count organisations as if nothing had changed."""
    last = default_year(plan, latest)
    return list(range(last, min(plan.start_year, last) - 1, -1))
