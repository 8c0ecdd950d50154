"""Target semantics (issue 4, deliverable 1): progress is computed from records, never typed in.

For a plan start..end and an as-of year Y: cumulative targets sum the measure over start..Y; level and
share targets read it at 31/12/Y. Expected is the milestone for Y, else a line from the baseline (0 for
cumulative) at start − 1 to the target at end. Projection: cumulative adds the mean of the last 3 years
per remaining year; level/share extend the least-squares line of the last 5 years.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import types
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from pytest_django import Settings

from kttt.areas.models import AdminUnit
from kttt.indicators.queries import Scope
from kttt.plans import measures
from kttt.plans.models import Comparator, Measure, Milestone, Plan, Target, TargetKind
from kttt.plans.progress import Status, TargetProgress, YearValue, linear_trend, project, status, target_progress
from tests.conftest import Loader, lang_son

_names = count()


def make_target(
    measure: Measure,
    value: float,
    kind: TargetKind,
    *,
    comparator: Comparator = Comparator.AT_LEAST,
    baseline: float | None = None,
    milestones: dict[int, float] | None = None,
    province: AdminUnit | None = None,
    start: int = 2019,
    end: int = 2030,
) -> Target:
    plan = Plan.objects.create(name=f"Kế hoạch {next(_names)}", province=province, start_year=start, end_year=end)
    target = plan.targets.create(
        label="chỉ tiêu",
        measure=measure,
        comparator=comparator,
        value=Decimal(str(value)),
        kind=kind,
        baseline_value=None if baseline is None else Decimal(str(baseline)),
    )
    for year, amount in (milestones or {}).items():
        Milestone.objects.create(target=target, year=year, value=Decimal(str(amount)))
    return target


def org(code: str, established: str, **extra: str) -> dict[str, str]:
    return {"code": code, "established": established, **extra}


def rated(code: str, year: int, rating: str = "", **extra: str) -> dict[str, str]:
    return {"code": code, "year": str(year), "rating": rating, **extra}


NEW_HTX = [
    org("A", "2018-05-01"),
    org("B", "2019-01-01"),
    org("C", "2019-12-31"),
    org("D", "2020-06-01"),
    org("LATER", "2021-03-01"),
    org("T1", "2019-06-01", kind="THT"),
]


@pytest.fixture
def fake_loans(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[dt.date, dt.date], int]:
    """Stands in for kttt.support.queries.htx_with_loans (owned by the loans app): answers by period."""
    answers: dict[tuple[dt.date, dt.date], int] = {}
    try:
        module: Any = importlib.import_module("kttt.support.queries")
    except ImportError:
        module = types.ModuleType("kttt.support.queries")
        monkeypatch.setitem(sys.modules, "kttt.support.queries", module)

    def fake(scope: Scope, start: dt.date, end: dt.date) -> int:
        return answers.get((start, end), 0)

    monkeypatch.setattr(module, "htx_with_loans", fake, raising=False)
    return answers


# --- cumulative, level and share -------------------------------------------------------------------


def test_a_cumulative_target_counts_the_period_from_1_january_of_the_start_year(load: Loader) -> None:
    load(organizations=NEW_HTX)
    progress = target_progress(make_target(Measure.NEW_HTX, 12, TargetKind.CUMULATIVE), 2020)
    assert progress.actual == 3  # B, C, D; A is before the plan, LATER after the as-of year
    assert (progress.baseline_year, progress.baseline, progress.baseline_computed) == (2018, 1, True)
    assert [(p.year, p.value, p.cumulative) for p in progress.series] == [
        (2018, 1, None),
        (2019, 2, 2),
        (2020, 1, 3),
    ]
    assert progress.expected == pytest.approx(2)  # 12 × 2/12: the line starts at 0 at the end of 2018
    assert progress.status == Status.ON_TRACK
    assert progress.explanation is not None
    assert progress.explanation.codes == ["B", "C", "D"]


def test_a_level_target_reads_the_value_at_the_end_of_the_as_of_year(load: Loader) -> None:
    load(organizations=[*NEW_HTX, org("GONE", "2010-01-01", dissolved="2020-12-31")])
    progress = target_progress(make_target(Measure.HTX_ACTIVE, 10, TargetKind.LEVEL), 2020)
    assert [(p.year, p.value) for p in progress.series] == [(2018, 2), (2019, 4), (2020, 4)]
    assert (progress.baseline, progress.actual) == (2, 4)  # GONE dissolved on 31/12/2020
    assert progress.expected == pytest.approx(2 + 8 * 2 / 12)
    assert progress.explanation is not None
    assert progress.explanation.codes == ["A", "B", "C", "D"]


def test_a_share_target_counts_only_rated_htx(load: Loader) -> None:
    load(
        organizations=[org(c, "2010-01-01") for c in "ABCDE"],
        annual=[rated("A", 2020, "tot"), rated("B", 2020, "kha"), rated("C", 2020, "yeu"), rated("D", 2020)],
    )
    progress = target_progress(make_target(Measure.SHARE_HTX_GOOD, 50, TargetKind.SHARE), 2020)
    assert progress.actual == pytest.approx(200 / 3)  # D not rated, E did not report: out of both sides
    assert progress.status == Status.REACHED


def test_the_share_of_trained_managers_sums_officers_over_htx(load: Loader) -> None:
    load(
        organizations=[org(c, "2010-01-01") for c in "ABC"],
        annual=[
            rated("A", 2025, managers="5", managers_trained="4"),
            rated("B", 2025, managers="3", managers_trained="0"),
            rated("C", 2025, managers="2"),  # trained not reported: left out
        ],
    )
    assert measures.share_managers_trained(Scope(), 2025) == pytest.approx(50)
    assert measures.share_managers_trained(Scope(), 2024) is None


# --- baselines and milestones ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "baseline", "expected_2020"),
    [
        (None, 1.0, 1 + 9 * 2 / 12),  # computed: HTX active at the end of 2018 (A)
        (4.0, 4.0, 4 + 6 * 2 / 12),  # typed from the document
    ],
)
def test_a_baseline_is_given_or_computed(
    load: Loader, given: float | None, baseline: float, expected_2020: float
) -> None:
    load(organizations=NEW_HTX)
    progress = target_progress(make_target(Measure.HTX_ACTIVE, 10, TargetKind.LEVEL, baseline=given), 2020)
    assert progress.baseline == baseline
    assert progress.baseline_computed is (given is None)
    assert progress.expected == pytest.approx(expected_2020)


def test_a_share_baseline_falls_forward_to_the_first_rated_year(load: Loader) -> None:
    load(organizations=[org("A", "2010-01-01")], annual=[rated("A", 2020, "tot"), rated("A", 2021, "tot")])
    progress = target_progress(make_target(Measure.SHARE_HTX_GOOD, 50, TargetKind.SHARE), 2021)
    assert (progress.baseline_year, progress.baseline) == (2020, 100)  # no ratings before TT 01/2020


def test_a_milestone_overrides_the_straight_line(load: Loader) -> None:
    load(organizations=NEW_HTX)
    target = make_target(Measure.NEW_HTX, 12, TargetKind.CUMULATIVE, milestones={2020: 5})
    assert target_progress(target, 2020).expected == 5
    assert target_progress(target, 2020).status == Status.BEHIND  # 3 < 5, projection 16.3 ≥ 12
    assert target_progress(target, 2019).expected == pytest.approx(1)  # no milestone for 2019: the line


# --- projection ------------------------------------------------------------------------------------


def _target(kind: TargetKind, value: float = 100, comparator: Comparator = Comparator.AT_LEAST) -> Target:
    plan = Plan(name="p", start_year=2019, end_year=2030)
    return Target(plan=plan, kind=kind, value=Decimal(str(value)), comparator=comparator, measure=Measure.NEW_HTX)


def _series(values: dict[int, float | None]) -> list[YearValue]:
    return [YearValue(year, value) for year, value in values.items()]


@pytest.mark.parametrize(
    ("values", "actual", "projection"),
    [
        ({2021: 50, 2022: 10, 2023: 20, 2024: 30}, 110, 110 + 20 * 6),  # mean of the last three years
        ({2023: 20, 2024: 40}, 60, 60 + 30 * 6),  # fewer years: the mean of those there are
        ({2024: None}, 0, 0),
    ],
)
def test_a_cumulative_projection_adds_the_recent_yearly_mean(
    values: dict[int, float | None], actual: float, projection: float
) -> None:
    assert project(_target(TargetKind.CUMULATIVE), _series(values), actual, 2024) == pytest.approx(projection)


@pytest.mark.parametrize(
    ("values", "projection"),
    [
        ({2018: 999, 2020: 10, 2021: 20, 2022: 30, 2023: 40, 2024: 50}, 110),  # last five years: +10 a year
        ({2024: 50}, 50),  # one point: flat
        ({2023: 60, 2024: 50}, 0),  # a falling line stops at zero
    ],
)
def test_a_level_projection_extends_the_least_squares_line(values: dict[int, float], projection: float) -> None:
    series = _series(dict(values))
    assert project(_target(TargetKind.LEVEL), series, values[2024], 2024) == pytest.approx(projection)


def test_a_share_projection_stays_within_100_percent() -> None:
    series = _series({2022: 80, 2023: 90, 2024: 100})
    assert project(_target(TargetKind.SHARE), series, 100, 2024) == 100


def test_the_trend_of_no_points_is_unknown() -> None:
    assert linear_trend([], 2030) is None
    assert linear_trend([(2020, 1.0), (2021, 3.0)], 2023) == pytest.approx(7)


def test_at_the_end_of_the_period_the_projection_is_the_actual() -> None:
    assert project(_target(TargetKind.LEVEL), _series({2029: 10, 2030: 20}), 20, 2030) == 20


# --- status, on both sides of each boundary --------------------------------------------------------

GE, LE = Comparator.AT_LEAST, Comparator.AT_MOST
CUM, LEVEL = TargetKind.CUMULATIVE, TargetKind.LEVEL
STATUS_CASES = [
    # kind, comparator, goal, as-of, actual, expected, projection, status
    (LEVEL, GE, 100, 2024, 100, 80, 120, Status.REACHED),
    (LEVEL, GE, 100, 2024, 99.9, 80, 120, Status.ON_TRACK),
    (LEVEL, GE, 100, 2024, 80, 80, 90, Status.ON_TRACK),
    (LEVEL, GE, 100, 2024, 79.9, 80, 100, Status.BEHIND),
    (LEVEL, GE, 100, 2024, 79.9, 80, 99.9, Status.AT_RISK),
    (LEVEL, GE, 100, 2024, None, 80, None, Status.NO_DATA),
    (LEVEL, GE, 100, 2024, 90, None, 100, Status.ON_TRACK),  # no baseline, no line: the projection decides
    (LEVEL, GE, 100, 2024, 90, None, 99, Status.AT_RISK),
    (LEVEL, LE, 10, 2024, 10, 12, 9, Status.REACHED),
    (LEVEL, LE, 10, 2024, 10.1, 12, 9, Status.ON_TRACK),
    (LEVEL, LE, 10, 2024, 12.1, 12, 10, Status.BEHIND),
    (LEVEL, LE, 10, 2024, 12.1, 12, 10.1, Status.AT_RISK),
    # "at most 10 new" is not reached while the period is running: more may still come.
    (CUM, LE, 10, 2024, 5, 6, 9, Status.ON_TRACK),
    (CUM, LE, 10, 2024, 7, 6, 9, Status.BEHIND),
    (CUM, LE, 10, 2030, 9, 10, 9, Status.REACHED),
    (CUM, GE, 120, 2024, 120, 70, 200, Status.REACHED),
]


@pytest.mark.parametrize(
    ("kind", "comparator", "goal", "as_of", "actual", "expected", "projection", "want"), STATUS_CASES
)
def test_the_status(
    kind: TargetKind,
    comparator: Comparator,
    goal: float,
    as_of: int,
    actual: float | None,
    expected: float | None,
    projection: float | None,
    want: Status,
) -> None:
    target = _target(kind, goal, comparator)
    progress = TargetProgress(target, as_of, 2018, 0, True, actual, expected, projection, Status.NO_DATA)
    assert status(target, progress) == want


# --- no data, credit funds, scope, loans -----------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "kind"),
    [
        (Measure.SHARE_HTX_GOOD, TargetKind.SHARE),
        (Measure.NEW_HTX, TargetKind.CUMULATIVE),
        (Measure.HTX_MEMBERS, LEVEL),
    ],
)
def test_a_measure_without_records_has_no_data(load: Loader, measure: Measure, kind: TargetKind) -> None:
    load(organizations=[org("HN", "2010-01-01", province="1")])  # records elsewhere only
    progress = target_progress(make_target(measure, 50, kind, province=lang_son()), 2024)
    assert (progress.actual, progress.projection, progress.status) == (None, None, Status.NO_DATA)


@pytest.mark.parametrize(("as_htx", "new"), [(True, 2), (False, 1)])
def test_a_credit_fund_counts_as_an_htx_when_configured(
    load: Loader, settings: Settings, as_htx: bool, new: int
) -> None:
    settings.KTTT_COUNT_QTDND_AS_HTX = as_htx
    load(organizations=[org("H", "2020-01-01"), org("Q", "2020-02-01", kind="QTDND", sector="tin-dung")])
    assert measures.new_htx(Scope(), 2020) == new
    assert measures.htx_active(Scope(), 2020) == new


def test_a_province_plan_counts_only_its_province(load: Loader) -> None:
    load(organizations=[*NEW_HTX, org("HN-1", "2019-05-01", province="1"), org("HN-2", "2020-05-01", province="1")])
    provincial = target_progress(make_target(Measure.NEW_HTX, 12, CUM, province=lang_son()), 2020)
    national = target_progress(make_target(Measure.NEW_HTX, 12, CUM), 2020)
    assert (provincial.actual, national.actual) == (3, 5)


def test_htx_with_fund_loans_asks_the_loans_app_once_for_the_whole_period(
    load: Loader, fake_loans: dict[tuple[dt.date, dt.date], int]
) -> None:
    load(organizations=NEW_HTX)
    fake_loans |= {(dt.date(y, 1, 1), dt.date(y, 12, 31)): n for y, n in ((2019, 3), (2020, 4))}
    # Two HTX borrowed in both years: the period's distinct count is less than the sum of the years.
    fake_loans[(dt.date(2019, 1, 1), dt.date(2020, 12, 31))] = 5
    progress = target_progress(make_target(Measure.HTX_WITH_FUND_LOANS, 100, CUM), 2020)
    assert [p.value for p in progress.series] == [0, 3, 4]
    assert progress.actual == 5
    assert progress.projection == pytest.approx(5 + 7 / 3 * 10)
    assert progress.status == Status.AT_RISK


@pytest.mark.parametrize(
    ("field", "value"),
    [("end_year", 2018), ("value", -1), ("share", 101)],
)
def test_the_database_refuses_impossible_plans(db: None, field: str, value: int) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        if field == "end_year":
            Plan.objects.create(name="x", start_year=2019, end_year=value)
        else:
            plan = Plan.objects.create(name="x", start_year=2019, end_year=2030)
            kind = TargetKind.SHARE if field == "share" else TargetKind.LEVEL
            plan.targets.create(label="x", measure=Measure.HTX_ACTIVE, value=Decimal(value), kind=kind)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("funds_are_htx", [True, False])
def test_every_measure_of_many_years_at_once_equals_the_measure_year_by_year(
    load: Loader, settings: Settings, seed: int, funds_are_htx: bool
) -> None:
    """MeasureInfo.yearly (one query for all the years, where written) against compute() asked year by year,
    on random organisations, figures, ratings and officers, in the whole country, a province and a district."""
    import random

    from kttt.annual.models import AnnualFigures, Rating
    from kttt.areas.models import Level
    from tests.test_indicator_trends import random_data

    settings.KTTT_COUNT_QTDND_AS_HTX = funds_are_htx
    random_data(load, seed)
    rng = random.Random(seed)
    for pk in AnnualFigures.objects.order_by("pk").values_list("pk", flat=True):
        # Ratings, and officers with only one of the two figures.
        changes: dict[str, Any] = {
            "rating": rng.choice(["", "", Rating.GOOD, Rating.FAIR, Rating.AVERAGE, Rating.WEAK])
        }
        if rng.random() < 0.2:
            changes["managers_trained"] = None
        AnnualFigures.objects.filter(pk=pk).update(**changes)
    province = lang_son()
    district = AdminUnit.objects.filter(province=province, level=Level.DISTRICT).order_by("code").first()
    empty = AdminUnit.objects.filter(level=Level.PROVINCE).exclude(code__in=["20", "01"]).first()
    years = list(range(1999, 2027))
    written = [m for m, info in measures.MEASURES.items() if info.series is not None]
    assert len(written) == 9  # every measure but the Support-Fund loans (another app's records)
    for scope in (Scope(), Scope(province), Scope(province, district), Scope(empty)):
        for measure in written:
            info = measures.MEASURES[measure]
            assert info.yearly(scope, years) == {y: info.compute(scope, y, None) for y in years}, (scope, measure)
