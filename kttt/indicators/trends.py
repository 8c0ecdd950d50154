"""Indicator figures for many years in two queries, for dashboards that draw a trend.

figures_by_group asks three queries per year; a twenty-year chart would ask sixty. Here the organisations
are counted once, grouped by the years they were established and dissolved, and each year's counts are
running totals worked out in Python; the yearly figures of every year come from one grouped query that keeps
a report only when its organisation was active on 31/12 of the report's own year. The semantics are those
of figures_by_group (tests/test_web_dashboard.py checks that they agree), except union members, which are
not counted here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, DateField, F, Func, IntegerField, Q, QuerySet, Value
from django.db.models.sql.compiler import SQLCompiler

from kttt.annual.models import AnnualFigures
from kttt.indicators.fact_read import fact_figures
from kttt.indicators.figures import SUM_FIELDS, Figures
from kttt.indicators.queries import Scope, active_q, fill_from_reports, report_aggregates, reported_kind, year_end
from kttt.registry.models import Kind, Organisation

Key = tuple[str, str]  # (reported kind, group key), as in figures_by_group
Yearly = dict[int, dict[Key, Figures]]
SqlParams = tuple[str, list[Any]]


class YearEnd(Func):
    """31 December of a year column, as a date. SQLite stores dates as ISO text, so text compares right;
    the SQL stays free of "%" because the SQLite backend formats logged queries with it."""

    output_field = DateField()
    template = "MAKE_DATE(CAST(%(expressions)s AS INTEGER), 12, 31)"

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SqlParams:
        sql, params = self.as_sql(compiler, connection, template="(CAST(%(expressions)s AS TEXT) || '-12-31')", **extra)
        return sql, list(params)


class YearOf(Func):
    """The year of a date column, in SQL: Django's ExtractYear calls back into Python for every row on SQLite."""

    output_field = IntegerField()
    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)"

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SqlParams:
        template = "CAST(SUBSTR(%(expressions)s, 1, 4) AS INTEGER)"
        sql, params = self.as_sql(compiler, connection, template=template, **extra)
        return sql, list(params)


def yearly_figures(
    scope: Scope,
    years: Iterable[int],
    column: str | None = None,
    summed: Collection[str] | None = None,
    fields: Collection[str] = SUM_FIELDS,
) -> Yearly:
    """Figures keyed by year, then by (reported kind, group): organisations counted on 31/12 of each year,
    sums from that year's figures. `column` is the Organisation column to group by ("former_district_id",
    "current_commune_id", "area_id", "sector"…; None for totals per kind). `summed` limits the yearly
    figures to some reported kinds (the others get counts only: reporting and missing stay 0), `fields` to
    some figures (the others stay unknown; income per worker is always there). Groups with nothing to count are
    left out. From the yearly fact table when it covers the scope and column (one query,
    kttt.indicators.fact_read), otherwise from the records (two queries)."""
    wanted = sorted(set(years))
    if (facts := fact_figures(scope, wanted, column, summed, fields)) is not None:
        return facts
    result: Yearly = {year: defaultdict(Figures) for year in wanted}
    if not wanted:
        return result
    _count(result, scope, column)
    _sum(result, scope, column, summed, fields)
    for by_key in result.values():
        for (kind, _), figures in by_key.items():
            if summed is None or kind in summed:
                figures.missing = figures.active - figures.reporting
    return {year: {k: f for k, f in by_key.items() if not f.empty()} for year, by_key in result.items()}


def _group(column: str | None, prefix: str = "") -> F | Value:
    return F(f"{prefix}{column}") if column else Value("")


def _key(row: dict[str, Any]) -> Key:
    return str(row["k"]), "" if row["g"] is None else str(row["g"])


# Up to this many years the organisations are counted with one conditional count per year, in SQL; beyond
# it they are grouped by the years they were established and dissolved and counted in Python.
FEW_YEARS = 3


def _count(result: Yearly, scope: Scope, column: str | None) -> None:
    organisations: QuerySet[Any] = Organisation.objects.filter(
        scope.q(), established__lte=year_end(max(result))
    ).annotate(k=reported_kind(), g=_group(column))
    if len(result) <= FEW_YEARS:
        _count_in_sql(result, organisations)
    else:
        _count_by_lifetime(result, organisations)


def _count_in_sql(result: Yearly, organisations: QuerySet[Any]) -> None:
    counts: dict[str, Any] = {}
    for year in result:
        start, end = dt.date(year, 1, 1), year_end(year)
        counts[f"active_{year}"] = Count("id", filter=active_q(end))
        counts[f"new_{year}"] = Count("id", filter=Q(established__gte=start, established__lte=end))
        ended = Q(established__lte=end, dissolved__gte=start, dissolved__lte=end)
        counts[f"dissolved_{year}"] = Count("id", filter=ended)
    for row in organisations.values("k", "g").annotate(**counts):
        for year, by_key in result.items():
            if row[f"active_{year}"] or row[f"new_{year}"] or row[f"dissolved_{year}"]:
                figures = by_key[_key(row)]
                figures.active, figures.new = row[f"active_{year}"], row[f"new_{year}"]
                figures.dissolved = row[f"dissolved_{year}"]


def _count_by_lifetime(result: Yearly, organisations: QuerySet[Any]) -> None:
    rows = (
        organisations.annotate(born=YearOf("established"), gone=YearOf("dissolved"))
        .values("k", "g", "born", "gone")
        .annotate(n=Count("id"))
    )
    for row in rows:
        key, born, gone, n = _key(row), row["born"], row["gone"], row["n"]
        for year, by_key in result.items():
            if born > year:
                continue
            figures = by_key[key]
            # Dates at the end of a year: active on 31/12 unless dissolved on or before it.
            if gone is None or gone > year:
                figures.active += n
            if born == year:
                figures.new += n
            if gone == year:
                figures.dissolved += n


def _years_q(years: list[int]) -> Q:
    # A run of years as a range lets SQLite go from the organisations in scope to their figures by the
    # (organisation, year) index; a list of years makes it read the figures of every organisation.
    if max(years) - min(years) + 1 == len(years):
        return Q(year__gte=min(years), year__lte=max(years))
    return Q(year__in=years)


def _sum(
    result: Yearly, scope: Scope, column: str | None, summed: Collection[str] | None, fields: Collection[str]
) -> None:
    end = YearEnd(F("year"))
    reports: QuerySet[Any] = AnnualFigures.objects.filter(
        Q(organisation__established__lte=end),
        Q(organisation__dissolved__isnull=True) | Q(organisation__dissolved__gt=end),
        scope.q("organisation__"),
        _years_q(list(result)),
    ).annotate(k=reported_kind("organisation__"), g=_group(column, "organisation__"))
    if summed is not None:
        # The plain kind column first, so that SQLite skips the other organisations before reading figures.
        funds = [Kind.QTDND.value] if Kind.HTX in summed and settings.KTTT_COUNT_QTDND_AS_HTX else []
        reports = reports.filter(organisation__kind__in=[*summed, *funds], k__in=list(summed))
    for row in reports.values("year", "k", "g").annotate(**report_aggregates(fields)):
        fill_from_reports(result[row["year"]][_key(row)], row)
