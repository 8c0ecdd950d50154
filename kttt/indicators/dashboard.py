"""Everything the province dashboard shows, computed for one set of parameters: key figures with their
changes, trend charts, areas that grew most, tables by area and by sector, reporting completeness.

Six aggregate queries in all, whatever the number of years, areas or organisations (kttt.indicators.trends).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kttt.annual.timeliness import timeliness_by
from kttt.areas.models import AdminUnit, Level
from kttt.indicators.figures import Figures
from kttt.indicators.params import Params
from kttt.indicators.reporting import Reporting, reporting_by_area
from kttt.indicators.stamp import remembered
from kttt.indicators.tables import (
    Completeness,
    Growth,
    MissingRow,
    Table,
    build_table,
    completeness,
    count_text,
    growth,
    kinds,
    missing_by_area,
)
from kttt.indicators.trends import Yearly, yearly_figures
from kttt.registry.filters import HTX_AND_FUNDS
from kttt.registry.models import Kind, Sector
from kttt.rules.deadlines import deadline
from kttt.web.svg import Line, bar_chart, line_chart
from kttt.web.templatetags.kttt import signed, times, trend, vnd

EMPTY = Figures()
Grouped = dict[str, dict[str, Figures]]  # group key → kind → figures
GROWTH_BARS = 10
# The yearly figures the dashboard shows (with income per worker): summing no others keeps the queries short.
SHOWN = ("members", "workers", "charter_capital", "revenue")


@dataclass
class ChangeView:
    year: int
    difference: str
    ratio: str
    trend: str  # up, down or flat


@dataclass
class Kpi:
    key: str
    label: str | Promise
    value: str
    unit: str
    changes: list[ChangeView]
    note: str | Promise = ""


@dataclass
class Chart:
    key: str
    title: str
    svg: SafeString
    unit: str | Promise
    headers: list[str]
    rows: list[tuple[int, list[str]]]


@dataclass
class Dashboard:
    params: Params
    kpis: list[Kpi]
    charts: list[Chart]
    areas: Table | None
    sectors: Table
    growth: list[Growth] = field(default_factory=list)
    growth_chart: SafeString | None = None
    completeness: list[Completeness] = field(default_factory=list)
    missing: list[MissingRow] = field(default_factory=list)
    has_figures: bool = False
    deadline: dt.date | None = None  # of the year's reports, by the regime in force
    reporting: Reporting | None = None  # per area


def query_string(params: Params, **changes: str) -> str:
    """The dashboard's parameters as a query string, with some changed (table order, for instance)."""
    values = {
        "province": params.province.code,
        "year": str(params.year),
        "baseline": "" if params.baseline is None else str(params.baseline),
        "area": "" if params.area is None else str(params.area.pk),
        "sort": params.sort,
        "sort_sector": params.sort_sector,
    } | changes
    return urlencode({k: v for k, v in values.items() if v or k == "baseline"})


def build(params: Params, path: str, stamp: int | None = None) -> Dashboard:
    """The dashboard of `params`. With the data stamp (read before the parameters), figures that the pages of
    other years of the same scope also show — the totals of every year, the areas in the comparison year — are
    worked out once while the data stays unchanged (kttt.indicators.stamp.remembered)."""
    trend_years = list(range(params.baseline or params.first_year, params.year + 1))
    # Sums for the trend only of HTX: the charts and cards show no other sums, and THT reports are most rows.
    # Every year of the scope at once: as costly as the years shown (those from the first one on are read anyway).
    every_year = sorted({*params.years, *trend_years, params.previous})
    totals = _figures(stamp, params, every_year, None, summed=(Kind.HTX,))
    column = area_column(params)
    compared = [params.year] + ([params.baseline] if params.baseline else [])
    group = column or "current_commune_id"
    by_area = _grouped({year: _figures(stamp, params, [year], group)[year] for year in compared})
    by_sector = _grouped(_figures(stamp, params, [params.year], "sector"))
    labels = area_labels(params, by_area.get(params.year, {}), by_area.get(params.baseline or 0, {}))
    now, then = by_area.get(params.year, {}), by_area.get(params.baseline or 0, {})
    year_totals = _kinds_of(totals, params.year)
    reporting = completeness(now)

    def link(name: str) -> Callable[[str], str]:
        return lambda sort: f"{path}?{query_string(params, **{name: sort})}"

    submitted = timeliness_by(params.scope, params.year, column)  # per (area, kind)
    for item in reporting:
        item.list_url = not_reported_url(params, item.kind)
        for (_area, kind), counts in submitted.items():
            if kind == item.kind:
                item.submitted += counts.submitted
                item.on_time += counts.on_time
                item.approved += counts.approved
    board = Dashboard(
        params,
        kpis(params, totals),
        charts(params, totals, trend_years),
        build_table(now, labels, year_totals, params.sort, link("sort"), gettext_lazy("Area")) if column else None,
        build_table(
            by_sector.get(params.year, {}),
            {value: str(label) for value, label in Sector.choices},
            year_totals,
            params.sort_sector,
            link("sort_sector"),
            gettext_lazy("Sector"),
        ),
        completeness=reporting,
        deadline=deadline(params.year),
        missing=missing_by_area(now, labels) if column else [],
        has_figures=any(c.reporting for c in reporting),
    )
    if column:
        board.reporting = reporting_by_area(params, column, now, labels, submitted)
    if column and params.baseline:
        board.growth = growth(now, then, labels)
        board.growth_chart = growth_chart(params, board.growth)
    return board


def _figures(
    stamp: int | None, params: Params, years: list[int], column: str | None, summed: tuple[str, ...] | None = None
) -> Yearly:
    """yearly_figures of the dashboard's scope, kept while the data stamp holds."""
    area = params.area.pk if params.area else None
    return remembered(
        stamp,
        ("dashboard figures", params.province.pk, area, tuple(years), column, summed),
        lambda: yearly_figures(params.scope, years, column, summed=summed, fields=SHOWN),
    )


def not_reported_url(params: Params, kind: str) -> str:
    """The registry list of the organisations of `kind` in the dashboard's scope without figures for the year.
    HTX include people's credit funds when the statistics count them so, to list the same organisations."""
    if kind == Kind.HTX and settings.KTTT_COUNT_QTDND_AS_HTX:
        kind = HTX_AND_FUNDS
    query = {"year": params.year, "reported": "no", "kind": kind, "province": params.province.pk}
    if params.area:
        query["area"] = params.area.pk
    return f"{reverse('registry:list')}?{urlencode(query)}"


def area_column(params: Params) -> str | None:
    """The Organisation column of the areas inside the scope, in force at the end of the year: former
    districts (before 1/7/2025) or new communes of a province; the recorded communes of a district. A
    new commune has no smaller areas (None)."""
    if params.area is None:
        return "current_commune_id" if params.after_reform else "former_district_id"
    return "area_id" if params.area.level == Level.DISTRICT else None


def area_labels(params: Params, *groups: Mapping[str, object]) -> dict[str, str]:
    labels = {str(unit.pk): _capitalised(unit.name) for unit in params.areas}
    others = {int(k) for g in groups for k in g if k and k not in labels}
    for unit in AdminUnit.objects.filter(pk__in=others) if others else []:
        labels[str(unit.pk)] = _capitalised(unit.name)
    if params.area is not None:
        # Inside a district, organisations recorded only at the district level form a group of their own.
        labels[str(params.area.pk)] = _("%(name)s (commune not recorded)") % {"name": params.area.name}
    labels[""] = _("Area not known")
    return labels


def _capitalised(name: str) -> str:
    # A few official names are recorded in lower case ("xã Bắc Sơn").
    return name[:1].upper() + name[1:]


def _grouped(yearly: Yearly) -> dict[int, Grouped]:
    result: dict[int, Grouped] = {}
    for year, by_key in yearly.items():
        grouped: Grouped = defaultdict(dict)
        for (kind, group), figures in by_key.items():
            grouped[group][kind] = figures
        result[year] = dict(grouped)
    return result


def _kinds_of(yearly: Yearly, year: int) -> dict[str, Figures]:
    return {kind: figures for (kind, _g), figures in yearly.get(year, {}).items()}


# (key, label, kind, figure, money, unit after the value)
KPIS: tuple[tuple[str, Promise, str, str, bool, Promise | str], ...] = (
    ("tht", gettext_lazy("Cooperative groups"), Kind.THT, "active", False, ""),
    ("htx", gettext_lazy("Cooperatives"), Kind.HTX, "active", False, ""),
    ("qtdnd", gettext_lazy("People's credit funds"), Kind.QTDND, "active", False, ""),
    ("lhhtx", gettext_lazy("Unions of cooperatives"), Kind.LHHTX, "active", False, ""),
    ("members", gettext_lazy("Cooperative members"), Kind.HTX, "members", False, gettext_lazy("people")),
    ("workers", gettext_lazy("Cooperative workers"), Kind.HTX, "workers", False, gettext_lazy("people")),
    ("capital", gettext_lazy("Charter capital of cooperatives"), Kind.HTX, "charter_capital", True, ""),
    ("revenue", gettext_lazy("Average revenue per cooperative"), Kind.HTX, "avg_revenue", True, ""),
    ("income", gettext_lazy("Average income per worker"), Kind.HTX, "avg_income", True, gettext_lazy("per year")),
)


def kpis(params: Params, totals: Yearly) -> list[Kpi]:
    now = _kinds_of(totals, params.year)
    compared = [(params.previous, _kinds_of(totals, params.previous))]
    if params.baseline and params.baseline != params.previous:
        compared.append((params.baseline, _kinds_of(totals, params.baseline)))
    shown = kinds()
    result = []
    for key, label, kind, name, money, unit in KPIS:
        if kind not in shown:
            continue
        value = now.get(kind, EMPTY).value(name)
        text, money_unit = _money_parts(value) if money else (count_text(value), "")
        changes = [_change(year, value, by_kind.get(kind, EMPTY).value(name), money) for year, by_kind in compared]
        note = gettext_lazy("including people's credit funds") if key == "htx" and Kind.QTDND not in shown else ""
        result.append(Kpi(key, label, text, _unit(money_unit, str(unit)), changes, note))
    return result


def _unit(money_unit: str, unit: str) -> str:
    """ "triệu đồng" and "/người/năm" make "triệu đồng/người/năm"; "người" alone stays."""
    if not unit:
        return money_unit
    return f"{money_unit}{unit}" if unit.startswith("/") or not money_unit else f"{money_unit} {unit}"


def _money_parts(value: int | float | None) -> tuple[str, str]:
    """ "274 tỷ đồng" → ("274", "tỷ đồng"), so that the number can be set large and the unit small."""
    number, _space, unit = vnd(value).partition(" ")
    return number, unit


def _change(year: int, now: int | float | None, then: int | float | None, money: bool) -> ChangeView:
    if now is None or then is None:
        return ChangeView(year, signed(None), "", "flat")
    difference = now - then
    if money:
        sign = "+" if difference > 0 else ("−" if difference < 0 else "")
        text = f"{sign}{vnd(abs(difference))}"
    else:
        text = signed(difference)
    return ChangeView(year, text, times(now / then) if then else "", trend(difference))


def charts(params: Params, totals: Yearly, years: list[int]) -> list[Chart]:
    def series(kind: str, name: str, scale: float = 1) -> list[float | None]:
        values = [_kinds_of(totals, y).get(kind, EMPTY).value(name) for y in years]
        return values if scale == 1 else [None if v is None else v / scale for v in values]

    counts = [
        Line(_("Cooperative groups"), series(Kind.THT, "active")),
        Line(_("Cooperatives"), series(Kind.HTX, "active")),
    ]
    people = [Line(_("Members"), series(Kind.HTX, "members")), Line(_("Workers"), series(Kind.HTX, "workers"))]
    money = [
        Line(_("Charter capital"), series(Kind.HTX, "charter_capital", 1e9)),
        Line(_("Revenue"), series(Kind.HTX, "revenue", 1e9)),
    ]
    averages = [
        Line(_("Revenue per cooperative"), series(Kind.HTX, "avg_revenue", 1e6)),
        Line(_("Income per worker"), series(Kind.HTX, "avg_income", 1e6)),
    ]
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    return [
        _chart("counts", _("Active cooperative groups and cooperatives, %(span)s") % {"span": span}, years, counts, ""),
        _chart("people", _("Cooperative members and workers, %(span)s") % {"span": span}, years, people, _("people")),
        _chart(
            "money",
            _("Charter capital and revenue of cooperatives, %(span)s") % {"span": span},
            years,
            money,
            _("billion VND"),
            digits=1,
        ),
        _chart(
            "averages",
            _("Average revenue per cooperative and income per worker, %(span)s") % {"span": span},
            years,
            averages,
            _("million VND"),
            digits=1,
        ),
    ]


def _chart(key: str, title: str, years: list[int], lines: list[Line], unit: str, digits: int = 0) -> Chart:
    rows = [(year, [count_text(line.values[i], digits) for line in lines]) for i, year in enumerate(years)]
    return Chart(key, title, line_chart(title, years, lines, unit), unit, [line.label for line in lines], rows)


def growth_chart(params: Params, rows: list[Growth]) -> SafeString:
    title = _("Areas with the largest increase in cooperatives, %(baseline)s–%(year)s") % {
        "baseline": params.baseline,
        "year": params.year,
    }
    return bar_chart(title, [(g.label, float(g.htx_change)) for g in rows[:GROWTH_BARS]], "HTX")
