"""Indicator figures read from the yearly fact table (kttt.indicators.facts) instead of the organisations and their
yearly figures: a national snapshot reads a few thousand rows instead of a hundred thousand. Same semantics as
the queries over the records (tests/test_facts.py compares the two on every grouping and scope)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from django.conf import settings
from django.db.models import Case, F, QuerySet, Sum, Value, When

from kttt.areas.models import Level, Scheme
from kttt.indicators.facts import EVENTS, OPEN, SCHEMES, VALUES
from kttt.indicators.figures import SUM_FIELDS, Figures
from kttt.indicators.models import Fact

Key = tuple[str, str]
Grouped = dict[Key, Figures]
Buckets = dict[tuple[int, int], dict[str, Any]]  # (last year, exact) → sums: see _rows
Yearly = dict[int, Grouped]
# Organisation column → (scheme it needs or None for either, the fact column).
COLUMNS: dict[str | None, tuple[int | None, str | None]] = {
    None: (None, None),
    "sector": (None, "sector"),
    **{column: (scheme, "province") for scheme, (column, _unit) in SCHEMES.items()},
    **{column: (scheme, "unit") for scheme, (_province, column) in SCHEMES.items()},
}


def covered(scope: Any, column: str | None) -> tuple[int, dict[str, int]] | None:
    """The scheme and the filters that answer for `scope` (kttt.indicators.queries.Scope) grouped by `column`,
    or None when the fact table cannot (an old commune, a mix of the two schemes, a column it does not keep)."""
    if column not in COLUMNS or not settings.KTTT_USE_FACTS:
        return None
    needs: set[int | None] = {COLUMNS[column][0]}
    filters: dict[str, int] = {}
    if scope.province is not None:
        needs.add(0 if scope.province.scheme == Scheme.BEFORE_2025 else 1)
        filters["province"] = scope.province.pk
    if scope.area is not None:
        if scope.area.level == Level.DISTRICT:
            needs.add(0)
        elif scope.area.scheme == Scheme.FROM_2025:
            needs.add(1)
        else:
            return None  # communes before the reform are not kept apart
        filters["unit"] = scope.area.pk
    schemes = {n for n in needs if n is not None}
    if len(schemes) > 1:
        return None
    return (schemes.pop() if schemes else 0), filters


def fact_figures(
    scope: Any,
    years: Iterable[int],
    column: str | None,
    summed: Collection[str] | None = None,
    fields: Collection[str] = SUM_FIELDS,
) -> Yearly | None:
    """As kttt.indicators.trends.yearly_figures (figures on 31/12 of each year), from the fact table; None when
    the table does not cover the scope and grouping. One query."""
    wanted = sorted(set(years))
    rows = _rows(scope, wanted, column, fields)
    return None if rows is None else _figures(rows, wanted, summed, fields)


def fact_groups_and_totals(scope: Any, year: int, column: str | None) -> tuple[Grouped, Grouped] | None:
    """The figures of `year` by (kind, group) and by (kind, "") — the groups and their totals from one query;
    None when the table does not cover the scope and grouping."""
    rows = _rows(scope, [year], column, SUM_FIELDS)
    if rows is None:
        return None
    totals: dict[Key, Buckets] = defaultdict(dict)
    for (kind, _group), buckets in rows.items():
        for bucket, row in buckets.items():
            total = totals[(kind, "")].setdefault(bucket, dict.fromkeys(VALUES, 0))
            for name in VALUES:
                total[name] += int(row[name])
    return _figures(rows, [year], None, SUM_FIELDS)[year], _figures(totals, [year], None, SUM_FIELDS)[year]


def _rows(scope: Any, wanted: list[int], column: str | None, fields: Collection[str]) -> dict[Key, Buckets] | None:
    """The fact table's sums per (reported kind, group) and bucket, over the years ≥ the first wanted. A bucket
    (w, exact) holds the rows of the wanted year w (exact) or of the years between the wanted year before it and
    w (not exact; they only count for the years before them), so rows do not grow with the years in between."""
    from kttt.indicators.queries import reported_kind

    answer = covered(scope, column)
    if answer is None or not wanted:
        return None
    scheme, filters = answer
    target = COLUMNS[column][1]
    names = [
        *EVENTS,
        "reporting",
        *(f"{s}_{f}" for f in fields for s in ("sum", "n")),
        "income_total",
        "income_workers",
    ]
    rows: QuerySet[Any] = Fact.objects.filter(year__gte=wanted[0], scheme=scheme, **filters).annotate(
        k=reported_kind(), g=F(target) if target else Value("")
    )
    gaps = wanted[-1] - wanted[0] + 1 > len(wanted)
    if gaps:  # years between wanted ones: summed into buckets rather than read one by one
        bucket = Case(*(When(year__lte=w, then=Value(w)) for w in wanted), default=Value(OPEN))
        rows = rows.annotate(bucket=bucket, exact=Case(When(year__in=wanted, then=Value(1)), default=Value(0)))
    rows = rows.values(*(("bucket", "exact") if gaps else ("year",)), "k", "g")
    by_key: dict[Key, Buckets] = defaultdict(dict)
    for row in rows.annotate(**{name: Sum(name) for name in names}):
        group = row["g"]
        last, exact = (row["bucket"], row["exact"]) if gaps else (row["year"], int(row["year"] in wanted))
        by_key[(str(row["k"]), "" if group in (None, 0) else str(group))][(last, exact)] = row
    return by_key


def _figures(
    by_key: dict[Key, Buckets],
    wanted: list[int],
    summed: Collection[str] | None,
    fields: Collection[str],
) -> Yearly:
    from kttt.indicators.queries import fill_from_reports

    result: Yearly = {year: {} for year in wanted}
    for key, buckets in by_key.items():
        still = sum(int(r["active_open"]) for r in buckets.values())
        counts_sums = summed is None or key[0] in summed
        for year in wanted:
            later = sum(int(r["active_change"]) for (last, _), r in buckets.items() if last > year)
            row = buckets.get((year, 1))
            figures = Figures(active=still - later)
            if row is not None:
                figures.new, figures.dissolved = int(row["new_count"]), int(row["dissolved_count"])
                if row["reporting"] and counts_sums:
                    fill_from_reports(figures, _report_row(row, fields))
            if counts_sums:
                figures.missing = figures.active - figures.reporting
            if not figures.empty():
                result[year][key] = figures
    return result


def _report_row(row: dict[str, Any], fields: Collection[str]) -> dict[str, Any]:
    """A fact row as fill_from_reports reads a row of report_aggregates: a sum is unknown without reports."""
    values: dict[str, Any] = {"reporting": row["reporting"]}
    for name in fields:
        counted = int(row[f"n_{name}"])
        values[f"sum_{name}"], values[f"n_{name}"] = (int(row[f"sum_{name}"]) if counted else None), counted
    values["income_total"], values["income_workers"] = row["income_total"], int(row["income_workers"])
    return values
