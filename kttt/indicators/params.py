"""What a dashboard shows, read from its GET parameters: province, year, baseline year, area and table order.

Every parameter has a default, and a value that cannot be used is replaced by it with a message for the
reader, so a hand-edited or stale link still shows a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min, Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from kttt.annual.models import AnnualFigures
from kttt.areas.models import REFORM_DATE, AdminUnit, Level, Scheme
from kttt.indicators.facts import OPEN
from kttt.indicators.models import Fact
from kttt.indicators.queries import Scope, year_end
from kttt.indicators.stamp import remembered
from kttt.indicators.tables import sort_keys
from kttt.registry.models import Organisation
from kttt.text import fold

# The year of the first review most provinces compare with (the 2003 Law on Cooperatives took effect in 2004).
DEFAULT_BASELINE = 2003


@dataclass
class Params:
    province: AdminUnit
    year: int
    baseline: int | None
    area: AdminUnit | None
    provinces: list[AdminUnit]  # the picker's choices: provinces in force at the end of the year
    areas: list[AdminUnit]  # former districts before 1/7/2025, new communes from then
    years: list[int]  # years with figures, oldest first
    sort: str = ""
    sort_sector: str = ""
    messages: list[str] = field(default_factory=list)

    @property
    def scope(self) -> Scope:
        return Scope(self.province, self.area)

    @property
    def day(self) -> dt.date:
        return year_end(self.year)

    @property
    def after_reform(self) -> bool:
        return self.day >= REFORM_DATE

    @property
    def previous(self) -> int:
        return self.year - 1

    @property
    def first_year(self) -> int:
        return self.years[0]


def resolve(query: QueryDict, stamp: int | None = None) -> Params:
    """Read and check the parameters; at most four queries. With the data stamp (read first), the lookups are
    kept in the pages cache until the data changes (kttt.indicators.stamp.remembered): a cached dashboard then
    asks none of them."""
    messages: list[str] = []
    provinces = remembered(stamp, "provinces", lambda: list(AdminUnit.objects.provinces().order_by("code", "scheme")))
    units = _province_units(query.get("province", ""), provinces, messages)
    years = remembered(stamp, ("years", *(u.pk for u in units)), lambda: _data_years(units))
    year = _year(query.get("year"), years, messages)
    day = year_end(year)
    province = next((u for u in units if u.in_force_on(day)), units[0])
    baseline = _baseline(query, year, years, messages)
    areas = remembered(stamp, ("areas", province.pk, day), lambda: _areas(province, day))
    area = _area(query.get("area", ""), areas, province, year, messages)
    in_force = remembered(stamp, ("in force", day), lambda: _in_force(provinces, day))
    sort, sort_sector = (_sort(query.get(name, ""), messages) for name in ("sort", "sort_sector"))
    return Params(province, year, baseline, area, in_force, areas, years, sort, sort_sector, messages)


def _in_force(provinces: list[AdminUnit], day: dt.date) -> list[AdminUnit]:
    return sorted((p for p in provinces if p.in_force_on(day)), key=lambda p: fold(p.short_name))


def _sort(text: str, messages: list[str]) -> str:
    text = text.strip()
    if text and text.removeprefix("-") not in sort_keys():
        messages.append(_("A table cannot be sorted by “%(column)s”; it is sorted by name.") % {"column": text})
        return ""
    return text


def _province_units(code: str, provinces: list[AdminUnit], messages: list[str]) -> list[AdminUnit]:
    """The province units with a GSO code: one per scheme when the province kept its code in 2025."""
    code = code.strip()
    units = [p for p in provinces if p.code == code] if code else []
    if code and not units:
        messages.append(_("There is no province with code “%(code)s”; showing the default province.") % {"code": code})
    if not units:
        units = [p for p in provinces if p.code == settings.KTTT_DEFAULT_PROVINCE] or provinces[:1]
    if not units:
        raise LookupError("No administrative units are loaded (run the migrations).")
    return units


def _data_years(units: list[AdminUnit]) -> list[int]:
    """The years with yearly figures counted in the province (else with organisations, else this year). Every
    dashboard request asks, cached or not. PostgreSQL answers the join over the records by reading every yearly
    row (0.5 s nationally), so there the fact table answers, from its province index. SQLite, with the planner
    statistics an import leaves, starts from the province's organisations (5 ms), while its fact table's
    province index holds every column and is wider to read."""
    where = Q(former_province__in=units) | Q(current_province__in=units)
    if settings.KTTT_USE_FACTS and connection.vendor == "postgresql":
        schemes = Q()
        for unit in units:
            schemes |= Q(scheme=0 if unit.scheme == Scheme.BEFORE_2025 else 1, province=unit.pk)
        found = Fact.objects.filter(schemes, reporting__gt=0, year__lt=OPEN).aggregate(
            first=Min("year"), last=Max("year")
        )
    else:
        found = AnnualFigures.objects.filter(organisation__in=Organisation.objects.filter(where)).aggregate(
            first=Min("year"), last=Max("year")
        )
    first, last = found["first"], found["last"]
    if first is None:
        dates = Organisation.objects.filter(where).aggregate(first=Min("established"), last=Max("established"))
        today = dt.date.today()
        first, last = (dates["first"] or today).year, (dates["last"] or today).year
    return list(range(int(first), int(last) + 1))


def _number(text: str | None) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None


def _year(text: str | None, years: list[int], messages: list[str]) -> int:
    if text is None or not text.strip():
        return years[-1]
    year = _number(text)
    if year not in years:
        messages.append(
            _("There are no figures for the year “%(year)s”; showing %(default)s.")
            % {"year": text.strip(), "default": years[-1]}
        )
        return years[-1]
    return year


def default_baseline(year: int, years: list[int]) -> int | None:
    baseline = max(DEFAULT_BASELINE, years[0])
    return baseline if baseline < year else None


def _baseline(query: QueryDict, year: int, years: list[int], messages: list[str]) -> int | None:
    if "baseline" not in query:
        return default_baseline(year, years)
    text = query.get("baseline", "").strip()
    if not text:
        return None  # chosen: no comparison
    baseline = _number(text)
    fallback = default_baseline(year, years)
    if baseline not in years:
        messages.append(_("There are no figures for the comparison year “%(year)s”.") % {"year": text})
        return fallback
    if baseline >= year:
        messages.append(
            _("The comparison year (%(baseline)s) must be before the year shown (%(year)s).")
            % {"baseline": baseline, "year": year}
        )
        return fallback
    return baseline


def _areas(province: AdminUnit, day: dt.date) -> list[AdminUnit]:
    level = Level.COMMUNE if day >= REFORM_DATE else Level.DISTRICT
    units = AdminUnit.objects.in_force(day).filter(province=province, level=level)
    return sorted(units, key=lambda u: fold(u.short_name))


def _area(text: str, areas: list[AdminUnit], province: AdminUnit, year: int, messages: list[str]) -> AdminUnit | None:
    if not text.strip():
        return None
    pk = _number(text)
    area = next((a for a in areas if a.pk == pk), None)
    if area is None:
        kind = _("commune") if year_end(year) >= REFORM_DATE else _("district")
        messages.append(
            _("No %(kind)s “%(area)s” of %(province)s in %(year)s; showing the whole province.")
            % {"kind": kind, "area": text.strip(), "province": province.name, "year": year}
        )
    return area
