"""Progress of a plan's targets, computed from records: actual, expected, projection and status.

See docs/plans.md for the semantics; in short, for a target and an as-of year Y:
- actual: cumulative targets sum the measure over start_year..Y; level and share targets read it at Y;
- expected: the milestone for Y, else a straight line from the baseline (0 for cumulative targets) at
  start_year − 1 to the target value at end_year;
- projection to end_year: cumulative targets add the average of the last up-to-3 years for each
  remaining year; level and share targets extend the least-squares line of the last up-to-5 years.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Max

from kttt.annual.models import AnnualFigures
from kttt.indicators.queries import Scope
from kttt.plans.measures import MEASURES
from kttt.plans.models import Comparator, Measure, Plan, Target, TargetKind
from kttt.plans.records import Explanation, explain
from kttt.registry.models import Organisation


class Status(models.TextChoices):
    REACHED = "da-dat", "Đã đạt"
    ON_TRACK = "dung-tien-do", "Đúng tiến độ"
    BEHIND = "cham-tien-do", "Chậm tiến độ"
    AT_RISK = "nguy-co", "Có nguy cơ không đạt"
    NO_DATA = "chua-co-so-lieu", "Chưa có số liệu"


# How much later than the baseline year a computed baseline may be measured; further than this, the
# first figures fall inside the period and would flatter the line drawn from them.
BASELINE_GRACE_YEARS = 2


@dataclass
class YearValue:
    year: int
    value: float | None  # the measure for that year alone (flows) or at its end (stocks)
    cumulative: float | None = None  # flows only: the running total from start_year


@dataclass
class TargetProgress:
    target: Target
    as_of: int
    baseline_year: int
    baseline: float | None
    baseline_computed: bool
    actual: float | None
    expected: float | None
    projection: float | None
    status: Status
    series: list[YearValue] = field(default_factory=list)
    explanation: Explanation | None = None


@dataclass
class PlanProgress:
    plan: Plan
    as_of: int
    targets: list[TargetProgress]


def plan_scope(plan: Plan) -> Scope:
    return Scope(plan.province, plan.area)


def latest_year(scope: Scope) -> int | None:
    """The last year the records say anything about: yearly figures, or an organisation established."""
    figures = AnnualFigures.objects.filter(scope.q("organisation__")).aggregate(y=Max("year"))["y"]
    founded = Organisation.objects.filter(scope.q()).aggregate(d=Max("established"))["d"]
    years = [y for y in (figures, founded.year if founded else None) if y is not None]
    return max(years) if years else None


def default_as_of(plan: Plan) -> int:
    latest = latest_year(plan_scope(plan))
    return plan.end_year if latest is None else min(latest, plan.end_year)


def plan_progress(plan: Plan, as_of: int | None = None, explained: bool = True) -> PlanProgress:
    """Progress of every target as of a year (the last year with records by default). Without `explained`,
    the records behind each figure are not listed (the dashboard shows figures only)."""
    year = default_as_of(plan) if as_of is None else as_of
    targets = plan.targets.prefetch_related("milestones").order_by("order", "id")
    return PlanProgress(plan, year, [target_progress(t, year, explained) for t in targets])


def meets(value: float, goal: float, comparator: str) -> bool:
    return value <= goal if comparator == Comparator.AT_MOST else value >= goal


def target_progress(target: Target, as_of: int, explained: bool = True) -> TargetProgress:
    plan, measure = target.plan, Measure(target.measure)
    scope = plan_scope(plan)
    series = yearly_series(target, scope, as_of)
    computed = target.baseline_value is None
    base_year, baseline = computed_baseline(target, series) if computed else (target.base_year, target.baseline_value)
    baseline = None if baseline is None else float(baseline)
    actual = actual_value(target, scope, series, as_of)
    progress = TargetProgress(
        target=target,
        as_of=as_of,
        baseline_year=base_year,
        baseline=baseline,
        baseline_computed=computed,
        actual=actual,
        expected=expected_value(target, as_of, baseline, base_year),
        projection=project(target, series, actual, as_of),
        status=Status.NO_DATA,
        series=series,
    )
    progress.status = status(target, progress)
    if explained:
        since = plan.start_year if MEASURES[measure].flow else None
        progress.explanation = explain(measure, scope, as_of, since)
    return progress


def computed_baseline(target: Target, series: list[YearValue]) -> tuple[int, float | None]:
    """The measure at the baseline year or, when the records start later (ratings exist only from
    2020), at the first year that has a value — the year is reported with it."""
    later = [p for p in series if p.year >= target.base_year and p.value is not None]
    if target.kind != TargetKind.CUMULATIVE and later and later[0].year <= target.base_year + BASELINE_GRACE_YEARS:
        return later[0].year, later[0].value
    return target.base_year, _value_in(series, target.base_year)


def _value_in(series: list[YearValue], year: int) -> float | None:
    return next((point.value for point in series if point.year == year), None)


def actual_value(target: Target, scope: Scope, series: list[YearValue], as_of: int) -> float | None:
    if target.kind != TargetKind.CUMULATIVE:
        return _value_in(series, as_of)
    if as_of < target.plan.start_year:
        return 0.0 if any(point.value is not None for point in series) else None
    # Asked of the database over the whole period rather than summed from the series: distinct counts
    # (an HTX that borrowed in two years) do not add up year by year.
    return MEASURES[Measure(target.measure)].compute(scope, as_of, target.plan.start_year)


def yearly_series(target: Target, scope: Scope, as_of: int) -> list[YearValue]:
    info = MEASURES[Measure(target.measure)]
    first = min(target.base_year, target.plan.start_year)
    years = list(range(first, as_of + 1))
    values = info.yearly(scope, years)
    series = [YearValue(year, values[year]) for year in years]
    if info.flow:
        running = 0.0
        for point in series:
            if point.year >= target.plan.start_year and point.value is not None:
                running += point.value
                point.cumulative = running
    return series


def expected_value(target: Target, year: int, baseline: float | None, base_year: int | None = None) -> float | None:
    """The milestone for `year`, else the straight line from the baseline at start_year − 1 (or at the
    later year the baseline was measured in) to the target value at end_year."""
    for milestone in target.milestones.all():
        if milestone.year == year:
            return float(milestone.value)
    start = 0.0 if target.kind == TargetKind.CUMULATIVE else baseline
    if start is None:
        return None
    origin, end = target.plan.start_year - 1, target.plan.end_year
    if target.kind != TargetKind.CUMULATIVE and base_year is not None:
        origin = min(max(origin, base_year), end - 1)
    if year <= origin:
        return start
    if year >= end:
        return float(target.value)
    return start + (float(target.value) - start) * (year - origin) / (end - origin)


def project(target: Target, series: list[YearValue], actual: float | None, as_of: int) -> float | None:
    if actual is None:
        return None
    remaining = target.plan.end_year - as_of
    if remaining <= 0:
        return actual
    known = [p for p in series if p.value is not None and p.year <= as_of]
    if target.kind == TargetKind.CUMULATIVE:
        recent = [p.value for p in known[-3:] if p.value is not None]
        return actual + (sum(recent) / len(recent) if recent else 0.0) * remaining
    trend = linear_trend([(p.year, p.value) for p in known[-5:] if p.value is not None], target.plan.end_year)
    if trend is None:
        return None
    return max(0.0, min(100.0, trend)) if target.kind == TargetKind.SHARE else max(0.0, trend)


def linear_trend(points: list[tuple[int, float]], year: int) -> float | None:
    """Least squares through the points, read at `year`; one point gives a flat line."""
    if not points:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return mean_y + slope * (year - mean_x)


def status(target: Target, progress: TargetProgress) -> Status:
    goal, comparator = float(target.value), target.comparator
    if progress.actual is None:
        return Status.NO_DATA
    # "At most N new …" is met at every moment until the period ends, so it is judged against the line.
    open_ceiling = target.kind == TargetKind.CUMULATIVE and comparator == Comparator.AT_MOST
    if meets(progress.actual, goal, comparator) and not (open_ceiling and progress.as_of < target.plan.end_year):
        return Status.REACHED
    on_line = progress.expected is not None and meets(progress.actual, progress.expected, comparator)
    if on_line:
        return Status.ON_TRACK
    if progress.projection is not None and meets(progress.projection, goal, comparator):
        # Without a baseline there is no line to be behind, so a good projection is on track.
        return Status.BEHIND if progress.expected is not None else Status.ON_TRACK
    return Status.AT_RISK
