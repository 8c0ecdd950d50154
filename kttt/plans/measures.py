"""What targets are measured with: SQL aggregates over the registry and the yearly figures.

Every measure answers for a Scope and a year. Flow measures (organisations established, HTX that
borrowed) count from 1/1 of `since` (default: the year itself) to 31/12 of `year`; stock measures
(active organisations, members, shares) are the value at 31/12 of `year` and ignore `since`.
A measure returns None when there are no records to answer from, never a made-up zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from kttt.annual.models import AnnualFigures, Rating
from kttt.indicators.queries import Scope, active_q, htx_figures, reported_kind, year_end
from kttt.indicators.trends import YearEnd, YearOf
from kttt.plans.models import Measure, TargetKind
from kttt.ratings.queries import share_good
from kttt.registry.models import Kind, Organisation

MeasureFn = Callable[[Scope, int, "int | None"], "float | None"]
# The measure at 31/12 (stocks) or over the year alone (flows) of each of some years, in one query.
SeriesFn = Callable[[Scope, list[int]], dict[int, "float | None"]]


def organisations_of(scope: Scope, kind: Kind) -> QuerySet[Organisation]:
    # reported_kind folds people's credit funds into HTX when KTTT_COUNT_QTDND_AS_HTX is set.
    return Organisation.objects.filter(scope.q()).annotate(reported=reported_kind()).filter(reported=kind)


def established_in(year: int, since: int | None) -> Q:
    return Q(established__gte=dt.date(since or year, 1, 1), established__lte=year_end(year))


def _counted(scope: Scope, kind: Kind, counted: Q, present: Q) -> float | None:
    # One query: the count, and whether the scope has any records at all (else "no data", not 0).
    totals = (
        Organisation.objects.filter(scope.q())
        .annotate(reported=reported_kind())
        .aggregate(any=Count("id", filter=present), n=Count("id", filter=counted & Q(reported=kind)))
    )
    return float(totals["n"]) if totals["any"] else None


def _new(scope: Scope, kind: Kind, year: int, since: int | None) -> float | None:
    return _counted(scope, kind, established_in(year, since), Q())


def _active(scope: Scope, kind: Kind, year: int) -> float | None:
    return _counted(scope, kind, active_q(year_end(year)), Q(established__lte=year_end(year)))


def new_htx(scope: Scope, year: int, since: int | None = None) -> float | None:
    return _new(scope, Kind.HTX, year, since)


def new_tht(scope: Scope, year: int, since: int | None = None) -> float | None:
    return _new(scope, Kind.THT, year, since)


def new_lhhtx(scope: Scope, year: int, since: int | None = None) -> float | None:
    return _new(scope, Kind.LHHTX, year, since)


def htx_active(scope: Scope, year: int, since: int | None = None) -> float | None:
    return _active(scope, Kind.HTX, year)


def tht_active(scope: Scope, year: int, since: int | None = None) -> float | None:
    return _active(scope, Kind.THT, year)


def lhhtx_active(scope: Scope, year: int, since: int | None = None) -> float | None:
    return _active(scope, Kind.LHHTX, year)


def htx_members(scope: Scope, year: int, since: int | None = None) -> float | None:
    total = htx_figures(scope, year).aggregate(n=Sum("members"))["n"]
    return None if total is None else float(total)


def share_htx_good(scope: Scope, year: int, since: int | None = None) -> float | None:
    """Percent of rated HTX rated tốt or khá (the ratings app owns the rule); unrated HTX are left out."""
    return share_good(scope, year)[2]


def share_managers_trained(scope: Scope, year: int, since: int | None = None) -> float | None:
    """100 × Σ trained ÷ Σ key officers, over HTX that reported both (a blank is unknown, not zero)."""
    totals = (
        htx_figures(scope, year)
        .filter(managers__isnull=False, managers_trained__isnull=False)
        .aggregate(managers=Sum("managers"), trained=Sum("managers_trained"))
    )
    return 100 * totals["trained"] / totals["managers"] if totals["managers"] else None


def htx_with_fund_loans(scope: Scope, year: int, since: int | None = None) -> float | None:
    """Distinct HTX with a Support-Fund loan disbursed in the period (kttt.support owns the loans)."""
    try:
        # Imported here: the loans app is written alongside this one and may not be installed yet.
        from kttt.support.queries import htx_with_loans  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        if exc.name not in (None, "kttt.support.queries"):
            raise
        return None
    return float(htx_with_loans(scope, dt.date(since or year, 1, 1), year_end(year)))


# --- the same measures for many years at once (plan progress draws a line through every year) ----------------


def _lifetimes(scope: Scope) -> list[tuple[str, int, int | None, int]]:
    """(reported kind, year established, year dissolved or None, how many) of the organisations in the scope.
    Dates compare with 31/12 of a year as their years do: counts at the end of any year come from these rows."""
    rows = (
        Organisation.objects.filter(scope.q())
        .annotate(reported=reported_kind(), born=YearOf("established"), gone=YearOf("dissolved"))
        .values("reported", "born", "gone")
        .annotate(n=Count("id"))
    )
    return [(str(r["reported"]), int(r["born"]), r["gone"], int(r["n"])) for r in rows]


def _new_series(kind: Kind) -> SeriesFn:
    def series(scope: Scope, years: list[int]) -> dict[int, float | None]:
        rows = _lifetimes(scope)
        if not rows:  # as _new: no organisation in the scope at all
            return dict.fromkeys(years)
        return {y: float(sum(n for k, born, _gone, n in rows if k == kind and born == y)) for y in years}

    return series


def _active_series(kind: Kind) -> SeriesFn:
    def series(scope: Scope, years: list[int]) -> dict[int, float | None]:
        rows = _lifetimes(scope)
        result: dict[int, float | None] = {}
        for year in years:
            if not any(born <= year for _k, born, _gone, _n in rows):  # as _active: nothing established yet
                result[year] = None
                continue
            alive = (n for k, born, gone, n in rows if k == kind and born <= year and (gone is None or gone > year))
            result[year] = float(sum(alive))
        return result

    return series


def _htx_figures_by_year(scope: Scope, years: list[int]) -> QuerySet[Any]:
    """htx_figures of each of `years`, grouped by year: the figures of HTX active on 31/12 of their own year."""
    end = YearEnd(F("year"))
    return (
        AnnualFigures.objects.filter(
            Q(organisation__established__lte=end),
            Q(organisation__dissolved__isnull=True) | Q(organisation__dissolved__gt=end),
            scope.q("organisation__"),
            year__in=years,
        )
        .annotate(reported=reported_kind("organisation__"))
        .filter(reported=Kind.HTX)
        .values("year")
    )


def htx_members_series(scope: Scope, years: list[int]) -> dict[int, float | None]:
    found = {r["year"]: r["n"] for r in _htx_figures_by_year(scope, years).annotate(n=Sum("members"))}
    return {y: None if found.get(y) is None else float(found[y]) for y in years}


def share_htx_good_series(scope: Scope, years: list[int]) -> dict[int, float | None]:
    rated = ~Q(rating="")
    rows = _htx_figures_by_year(scope, years).annotate(
        rated=Count("id", filter=rated), good=Count("id", filter=rated & Q(rating__in=[Rating.GOOD, Rating.FAIR]))
    )
    found = {r["year"]: (int(r["good"]), int(r["rated"])) for r in rows}
    return {y: (100 * found[y][0] / found[y][1] if found.get(y, (0, 0))[1] else None) for y in years}


def share_managers_trained_series(scope: Scope, years: list[int]) -> dict[int, float | None]:
    both = Q(managers__isnull=False, managers_trained__isnull=False)
    rows = _htx_figures_by_year(scope, years).annotate(
        managers_sum=Sum("managers", filter=both), trained_sum=Sum("managers_trained", filter=both)
    )
    found = {r["year"]: (r["trained_sum"], r["managers_sum"]) for r in rows}
    return {y: (100 * found[y][0] / found[y][1] if found.get(y, (0, 0))[1] else None) for y in years}


@dataclass(frozen=True)
class MeasureInfo:
    label: str
    unit: str
    kind: TargetKind  # the kind of target the measure usually serves
    compute: MeasureFn
    flow: bool  # counted over a period (summed over years) rather than read at the year's end
    series: SeriesFn | None = None  # compute for many years in one query, where written

    def yearly(self, scope: Scope, years: list[int]) -> dict[int, float | None]:
        """The measure of each year (for the year alone: `since` None)."""
        if self.series is not None and years:
            return self.series(scope, years)
        return {year: self.compute(scope, year, None) for year in years}


CUMULATIVE, LEVEL, SHARE = TargetKind.CUMULATIVE, TargetKind.LEVEL, TargetKind.SHARE
MEASURES: dict[Measure, MeasureInfo] = {
    Measure.NEW_HTX: MeasureInfo(Measure.NEW_HTX.label, "HTX", CUMULATIVE, new_htx, True, _new_series(Kind.HTX)),
    Measure.NEW_THT: MeasureInfo(Measure.NEW_THT.label, "THT", CUMULATIVE, new_tht, True, _new_series(Kind.THT)),
    Measure.NEW_LHHTX: MeasureInfo(
        Measure.NEW_LHHTX.label, "liên hiệp", CUMULATIVE, new_lhhtx, True, _new_series(Kind.LHHTX)
    ),
    Measure.HTX_ACTIVE: MeasureInfo(
        Measure.HTX_ACTIVE.label, "HTX", LEVEL, htx_active, False, _active_series(Kind.HTX)
    ),
    Measure.THT_ACTIVE: MeasureInfo(
        Measure.THT_ACTIVE.label, "THT", LEVEL, tht_active, False, _active_series(Kind.THT)
    ),
    Measure.LHHTX_ACTIVE: MeasureInfo(
        Measure.LHHTX_ACTIVE.label, "liên hiệp", LEVEL, lhhtx_active, False, _active_series(Kind.LHHTX)
    ),
    Measure.HTX_MEMBERS: MeasureInfo(Measure.HTX_MEMBERS.label, "người", LEVEL, htx_members, False, htx_members_series),
    Measure.SHARE_HTX_GOOD: MeasureInfo(
        Measure.SHARE_HTX_GOOD.label, "%", SHARE, share_htx_good, False, share_htx_good_series
    ),
    Measure.SHARE_MANAGERS_TRAINED: MeasureInfo(
        Measure.SHARE_MANAGERS_TRAINED.label, "%", SHARE, share_managers_trained, False, share_managers_trained_series
    ),
    Measure.HTX_WITH_FUND_LOANS: MeasureInfo(
        Measure.HTX_WITH_FUND_LOANS.label, "HTX", TargetKind.CUMULATIVE, htx_with_fund_loans, True
    ),
}
