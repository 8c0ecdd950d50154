"""Indicator roll-ups: SQL aggregates over the registry and the yearly figures, grouped as asked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.conf import settings
from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.expressions import Combinable

from kttt.annual.models import AnnualFigures
from kttt.areas.models import REFORM_DATE, AdminUnit, Level, Scheme
from kttt.indicators.fact_read import Grouped, fact_figures, fact_groups_and_totals
from kttt.indicators.figures import SUM_FIELDS, Change, Figures, compare
from kttt.registry.models import Kind, Organisation, Sector, UnionMembership

Grouping = Literal["kind", "sector", "area", "former-district", "province"]
GROUPINGS: tuple[Grouping, ...] = ("kind", "sector", "area", "former-district", "province")
KIND_ORDER = [Kind.THT, Kind.HTX, Kind.QTDND, Kind.LHHTX]


@dataclass
class Row:
    key: str
    label: str
    year: Figures
    baseline: Figures | None = None
    change: dict[str, Change] | None = None


@dataclass
class KindBlock:
    kind: str
    label: str
    total: Row
    groups: list[Row] = field(default_factory=list)


@dataclass
class Snapshot:
    year: int
    baseline: int | None
    by: Grouping
    province: AdminUnit | None
    kinds: list[KindBlock]
    area: AdminUnit | None = None

    def kind(self, kind: str) -> KindBlock:
        return next(block for block in self.kinds if block.kind == kind)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def reported_kind(prefix: str = "") -> Combinable:
    """The kind an organisation is counted as: people's credit funds count as HTX when configured."""
    if settings.KTTT_COUNT_QTDND_AS_HTX:
        return Case(When(**{f"{prefix}kind": Kind.QTDND}, then=Value(Kind.HTX.value)), default=F(f"{prefix}kind"))
    return F(f"{prefix}kind")


def group_field(by: Grouping, day: dt.date) -> str | None:
    """The organisation column a grouping uses: units in force on `day`, or the former districts."""
    after = day >= REFORM_DATE
    return {
        "kind": None,
        "sector": "sector",
        "area": "current_commune_id" if after else "former_district_id",
        "former-district": "former_district_id",
        "province": "current_province_id" if after else "former_province_id",
    }[by]


def active_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}established__lte": day}) & (
        Q(**{f"{prefix}dissolved__isnull": True}) | Q(**{f"{prefix}dissolved__gt": day})
    )


@dataclass(frozen=True)
class Scope:
    """Which organisations a roll-up covers: a province (of either scheme) and optionally one area —
    a former district, a new commune, or an old commune."""

    province: AdminUnit | None = None
    area: AdminUnit | None = None

    def q(self, prefix: str = "") -> Q:
        result = Q()
        if self.province is not None:
            column = "former_province" if self.province.scheme == Scheme.BEFORE_2025 else "current_province"
            result &= Q(**{f"{prefix}{column}": self.province})
        if self.area is not None:
            result &= Q(**{f"{prefix}{_area_column(self.area)}": self.area})
        return result


def _area_column(area: AdminUnit) -> str:
    if area.level == Level.DISTRICT:
        return "former_district"
    return "current_commune" if area.scheme == Scheme.FROM_2025 else "area"


def scope_q(province: AdminUnit | Scope | None, prefix: str = "") -> Q:
    scope = province if isinstance(province, Scope) else Scope(province)
    return scope.q(prefix)


def figures_by_group(
    year: int, by: Grouping, province: AdminUnit | Scope | None, day: dt.date | None = None
) -> dict[tuple[str, str], Figures]:
    """Figures keyed by (reported kind, group key): organisations counted on `day` (31/12 of `year` by
    default; 30/6 for a mid-year report), sums from the yearly figures of `year`. Groups with nothing to count
    are left out. On 31/12, from the yearly fact table where it covers the grouping (kttt.indicators.fact_read);
    otherwise from the records. Two or three queries."""
    day = day or year_end(year)
    result: dict[tuple[str, str], Figures] = defaultdict(Figures)
    scope = province if isinstance(province, Scope) else Scope(province)
    facts = fact_figures(scope, [year], group_field(by, day)) if day == year_end(year) else None
    if facts is not None:
        result.update(facts[year])
    else:
        _count_organisations(result, day, by, province)
        _sum_reports(result, day, by, province, year)
        for figures in result.values():
            figures.missing = figures.active - figures.reporting
    _count_union_members(result, day, by, province)
    return {key: figures for key, figures in result.items() if not figures.empty()}


def _grouped(qs: QuerySet[Any], by: Grouping, day: dt.date, prefix: str = "") -> QuerySet[Any]:
    column = group_field(by, day)
    group = F(f"{prefix}{column}") if column else Value("")
    grouped: QuerySet[Any] = qs.annotate(k=reported_kind(prefix), g=group).values("k", "g")
    return grouped


def _key(row: dict[str, Any]) -> tuple[str, str]:
    return str(row["k"]), "" if row["g"] is None else str(row["g"])


def _count_organisations(
    result: dict[tuple[str, str], Figures], day: dt.date, by: Grouping, province: AdminUnit | Scope | None
) -> None:
    start = dt.date(day.year, 1, 1)
    rows = _grouped(Organisation.objects.filter(scope_q(province), established__lte=day), by, day).annotate(
        active=Count("id", filter=active_q(day)),
        new=Count("id", filter=Q(established__gte=start)),
        dissolved_in_year=Count("id", filter=Q(dissolved__gte=start, dissolved__lte=day)),
    )
    for row in rows:
        figures = result[_key(row)]
        figures.active, figures.new, figures.dissolved = row["active"], row["new"], row["dissolved_in_year"]


def _sum_reports(
    result: dict[tuple[str, str], Figures],
    day: dt.date,
    by: Grouping,
    province: AdminUnit | Scope | None,
    year: int,
) -> None:
    reports = AnnualFigures.objects.filter(
        active_q(day, "organisation__"), scope_q(province, "organisation__"), year=year
    )
    for row in _grouped(reports, by, day, "organisation__").annotate(**report_aggregates()):
        fill_from_reports(result[_key(row)], row)


def report_aggregates(fields: Iterable[str] = SUM_FIELDS) -> dict[str, Any]:
    """The aggregates over yearly figures that fill_from_reports reads (shared with kttt.indicators.trends):
    sums and report counts of `fields` (all by default), the number of reports and income per worker."""
    both = Q(avg_income__isnull=False, workers__isnull=False)
    aggregates: dict[str, Any] = {
        "reporting": Count("id"),
        "income_total": Sum(F("avg_income") * F("workers"), filter=both),
        "income_workers": Sum("workers", filter=both),
    }
    aggregates |= {f"sum_{name}": Sum(name) for name in fields}
    aggregates |= {f"n_{name}": Count(name) for name in fields}
    return aggregates


def fill_from_reports(figures: Figures, row: dict[str, Any]) -> None:
    """Sums, report counts and averages of one group from a row of report_aggregates(); figures the row
    does not hold stay unknown."""
    figures.reporting = row["reporting"]
    for name in SUM_FIELDS:
        if f"sum_{name}" not in row:
            continue
        total = row[f"sum_{name}"]
        setattr(figures, name, None if total is None else int(total))
        figures.reported[name] = row[f"n_{name}"]
    figures.reported["avg_income"] = figures.reported.get("workers", 0) if row["income_workers"] else 0
    if figures.revenue is not None and figures.reported["revenue"]:
        figures.avg_revenue = figures.revenue / figures.reported["revenue"]
    if figures.profit is not None and figures.reported["profit"]:
        figures.avg_profit = figures.profit / figures.reported["profit"]
    if row["income_workers"]:
        figures.avg_income = int(row["income_total"]) / int(row["income_workers"])


def _count_union_members(
    result: dict[tuple[str, str], Figures], day: dt.date, by: Grouping, province: AdminUnit | Scope | None
) -> None:
    links = UnionMembership.objects.filter(
        # Unions are always LH HTX (the importer and the services check it); saying so lets the database start
        # from the few unions rather than from every organisation.
        Q(union__kind=Kind.LHHTX),
        active_q(day, "union__"),
        active_q(day, "member__"),
        scope_q(province, "union__"),
        Q(left__isnull=True) | Q(left__gt=day),
        joined__lte=day,
    )
    for row in _grouped(links, by, day, "union__").annotate(n=Count("member", distinct=True)):
        result[_key(row)].union_members = row["n"]


def snapshot(
    year: int,
    baseline: int | None = None,
    by: Grouping = "kind",
    province: AdminUnit | None = None,
    area: AdminUnit | None = None,
) -> Snapshot:
    """Every indicator for the end of `year`, per kind, optionally against a baseline year."""
    scope = Scope(province, area)
    totals, groups = groups_and_totals(year, by, scope)
    base_totals, base_groups = groups_and_totals(baseline, by, scope) if baseline else ({}, {})
    return _assemble(year, baseline, by, scope, (totals, groups), (base_totals, base_groups))


def snapshots_by_kind(
    years: Iterable[int], province: AdminUnit | None = None, area: AdminUnit | None = None
) -> dict[int, Snapshot]:
    """snapshot(year, province=province, area=area) of each of `years`: the figures of all the years from one
    query (kttt.indicators.trends.yearly_figures, same semantics), union members counted year by year."""
    from kttt.indicators.trends import yearly_figures  # trends builds on this module

    scope = Scope(province, area)
    result = {}
    for year, by_key in yearly_figures(scope, years).items():
        counted: dict[tuple[str, str], Figures] = defaultdict(Figures, by_key)
        _count_union_members(counted, year_end(year), "kind", scope)
        totals = {kind: figures for (kind, _), figures in counted.items() if not figures.empty()}
        result[year] = _assemble(year, None, "kind", scope, (totals, {}), ({}, {}))
    return result


def _assemble(
    year: int,
    baseline: int | None,
    by: Grouping,
    scope: Scope,
    now: tuple[dict[str, Figures], Grouped],
    then: tuple[dict[str, Figures], Grouped],
) -> Snapshot:
    """The snapshot of the figures per kind and per (kind, group) of `year` (`now`) and of the baseline year."""
    (totals, groups), (base_totals, base_groups) = now, then
    labels = group_labels(by, {g for _, g in (*groups, *base_groups)})
    blocks = []
    for kind in _kinds():
        total = _row(kind, Kind(kind).label, totals.get(kind), base_totals.get(kind), baseline)
        keys = sorted({g for k, g in (*groups, *base_groups) if k == kind}, key=lambda g: (labels.get(g, "~"), g))
        rows = [
            _row(
                g,
                labels.get(g, "Chưa xác định địa bàn"),
                groups.get((kind, g)),
                base_groups.get((kind, g)),
                baseline,
            )
            for g in keys
        ]
        blocks.append(KindBlock(kind, Kind(kind).label, total, rows))
    return Snapshot(year, baseline, by, scope.province, blocks, scope.area)


def groups_and_totals(year: int, by: Grouping, scope: Scope) -> tuple[dict[str, Figures], Grouped]:
    """The figures of `year` per kind, and per (kind, group) unless grouped by kind only. From the fact table, the
    groups and their totals come from one query."""
    if by != "kind" and (both := fact_groups_and_totals(scope, year, group_field(by, year_end(year)))) is not None:
        groups, by_kind = defaultdict(Figures, both[0]), defaultdict(Figures, both[1])
        _count_union_members(groups, year_end(year), by, scope)
        _count_union_members(by_kind, year_end(year), "kind", scope)
        return {k: f for (k, _), f in by_kind.items()}, dict(groups)
    totals = {k: f for (k, _), f in figures_by_group(year, "kind", scope).items()}
    return totals, (figures_by_group(year, by, scope) if by != "kind" else {})


def _kinds() -> list[str]:
    return [k for k in KIND_ORDER if not (k == Kind.QTDND and settings.KTTT_COUNT_QTDND_AS_HTX)]


def _row(key: str, label: str, year: Figures | None, base: Figures | None, baseline: int | None) -> Row:
    year = year or Figures()
    if baseline is None:
        return Row(key, label, year)
    base = base or Figures()
    return Row(key, label, year, base, compare(year, base))


def group_labels(by: Grouping, keys: Iterable[str]) -> dict[str, str]:
    if by == "sector":
        return {value: str(label) for value, label in Sector.choices}
    if by == "kind":
        return {"": ""}
    ids = [int(k) for k in keys if k]
    return {str(u.pk): u.name for u in AdminUnit.objects.filter(pk__in=ids)}


def htx_figures(scope: Scope, year: int) -> QuerySet[AnnualFigures]:
    """The year's figures of the HTX (people's credit funds included when configured) active at its end."""
    return (
        AnnualFigures.objects.filter(active_q(year_end(year), "organisation__"), scope.q("organisation__"), year=year)
        .annotate(reported=reported_kind("organisation__"))
        .filter(reported=Kind.HTX)
    )
