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

from django.db.models import Count, Q, QuerySet, Sum

from kttt.indicators.queries import Scope, active_q, htx_figures, reported_kind, year_end
from kttt.plans.models import Measure, TargetKind
from kttt.ratings.queries import share_good
from kttt.registry.models import Kind, Organisation

MeasureFn = Callable[[Scope, int, "int | None"], "float | None"]


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


@dataclass(frozen=True)
class MeasureInfo:
    label: str
    unit: str
    kind: TargetKind  # the kind of target the measure usually serves
    compute: MeasureFn
    flow: bool  # counted over a period (summed over years) rather than read at the year's end


MEASURES: dict[Measure, MeasureInfo] = {
    Measure.NEW_HTX: MeasureInfo(Measure.NEW_HTX.label, "HTX", TargetKind.CUMULATIVE, new_htx, True),
    Measure.NEW_THT: MeasureInfo(Measure.NEW_THT.label, "THT", TargetKind.CUMULATIVE, new_tht, True),
    Measure.NEW_LHHTX: MeasureInfo(Measure.NEW_LHHTX.label, "liên hiệp", TargetKind.CUMULATIVE, new_lhhtx, True),
    Measure.HTX_ACTIVE: MeasureInfo(Measure.HTX_ACTIVE.label, "HTX", TargetKind.LEVEL, htx_active, False),
    Measure.THT_ACTIVE: MeasureInfo(Measure.THT_ACTIVE.label, "THT", TargetKind.LEVEL, tht_active, False),
    Measure.LHHTX_ACTIVE: MeasureInfo(Measure.LHHTX_ACTIVE.label, "liên hiệp", TargetKind.LEVEL, lhhtx_active, False),
    Measure.HTX_MEMBERS: MeasureInfo(Measure.HTX_MEMBERS.label, "người", TargetKind.LEVEL, htx_members, False),
    Measure.SHARE_HTX_GOOD: MeasureInfo(Measure.SHARE_HTX_GOOD.label, "%", TargetKind.SHARE, share_htx_good, False),
    Measure.SHARE_MANAGERS_TRAINED: MeasureInfo(
        Measure.SHARE_MANAGERS_TRAINED.label, "%", TargetKind.SHARE, share_managers_trained, False
    ),
    Measure.HTX_WITH_FUND_LOANS: MeasureInfo(
        Measure.HTX_WITH_FUND_LOANS.label, "HTX", TargetKind.CUMULATIVE, htx_with_fund_loans, True
    ),
}
