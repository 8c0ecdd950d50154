"""The filters of the registry list and the public directory: read from the query string, checked, and kept
as plain values. A value that does not check out is reported on the page and ignored, never a server error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kttt.areas.models import AdminUnit, Level, Scheme
from kttt.registry.models import Kind, Organisation, Sector, Status
from kttt.registry.queries import ORDERINGS, area_options, province_options

FIRST_YEAR = 1945
DEFAULT_SORT = "name"
SORT_CHOICES = [(key, key) for key in ORDERINGS] + [(f"-{key}", f"-{key}") for key in ORDERINGS]
ALL = ("", _("All"))
# Cooperatives as the statistics count them when people's credit funds are counted among HTX (settings).
HTX_AND_FUNDS = "HTX+QTDND"
KIND_CHOICES = [ALL, *Kind.choices, (HTX_AND_FUNDS, _("Cooperatives incl. people's credit funds"))]
REPORTED_CHOICES = [ALL, ("yes", _("Figures entered for the year")), ("no", _("No figures for the year"))]

# The request attributes shared by the controls that refresh the results table in place (htmx); the form
# still works as a plain GET form without JavaScript.
HTMX_ATTRS = {"hx-target": "#results", "hx-include": "closest form", "hx-push-url": "true"}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    sector: str = ""
    province: AdminUnit | None = None
    area: AdminUnit | None = None
    status: str = ""
    year: int | None = None
    reported: str = ""
    sort: str = DEFAULT_SORT

    def params(self, **changes: str) -> dict[str, str]:
        """The filters as query-string values, empty ones left out."""
        values = {
            "q": self.q,
            "kind": self.kind,
            "sector": self.sector,
            "province": str(self.province.pk) if self.province else "",
            "area": str(self.area.pk) if self.area else "",
            "status": self.status,
            "year": str(self.year) if self.year else "",
            "reported": self.reported,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
        } | changes
        return {key: value for key, value in values.items() if value}

    def query(self, **changes: str) -> str:
        return urlencode(self.params(**changes))


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.SearchInput)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=KIND_CHOICES)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[ALL, *Sector.choices])
    province = forms.TypedChoiceField(label=_("Province"), required=False, coerce=int, empty_value=None)
    area = forms.TypedChoiceField(label=_("Commune or former district"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[ALL, *Status.choices])
    year = forms.IntegerField(label=_("Operating at the end of year"), required=False, min_value=FIRST_YEAR)
    reported = forms.ChoiceField(label=_("Yearly figures"), required=False, choices=REPORTED_CHOICES)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES, widget=forms.HiddenInput)

    def __init__(
        self, data: QueryDict, *, url: str, provinces: Sequence[AdminUnit], areas: Sequence[AdminUnit], public: bool
    ) -> None:
        super().__init__(data, auto_id="f-%s")
        if public:  # the directory lists organisations operating today: status, year, figures do not apply
            del self.fields["status"], self.fields["year"], self.fields["reported"]
        else:
            this_year = dt.date.today().year
            year = self.fields["year"]
            year.validators.append(MaxValueValidator(this_year))
            year.widget.attrs.update({"min": FIRST_YEAR, "max": this_year, "inputmode": "numeric"})
        self.fields["province"].choices = [ALL, *((u.pk, province_label(u)) for u in provinces)]  # type: ignore[attr-defined]
        self.fields["area"].choices = area_choices(areas)  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update(
            {
                "autocomplete": "off",
                "placeholder": _("Name, code, commune or district"),
                "hx-get": url,
                # The form reacts to every other change; the search box asks as the user types or pastes.
                "hx-trigger": "keyup changed delay:300ms, search, paste delay:100ms",
                **HTMX_ATTRS,
            }
        )
        # A new province brings its own communes: the server answers with the table and a fresh area list.
        self.fields["province"].widget.attrs.update({"hx-get": url, "hx-trigger": "change consume", **HTMX_ATTRS})


def province_label(unit: AdminUnit) -> str:
    return unit.name if unit.scheme == Scheme.FROM_2025 else str(_("%(name)s (before 1/7/2025)") % {"name": unit.name})


def area_choices(areas: Sequence[AdminUnit]) -> list[Any]:
    districts = [(u.pk, u.name) for u in areas if u.level == Level.DISTRICT]
    communes = [(u.pk, u.name) for u in areas if u.level != Level.DISTRICT]
    groups: list[Any] = [ALL]
    if districts:
        groups.append((_("Former districts (until 30/6/2025)"), districts))
    if communes:
        groups.append((_("Communes and wards (from 1/7/2025)"), communes))
    return groups


@dataclass
class Bound:
    """The form to show again, the filters that passed, and what was wrong with the others."""

    form: FilterForm
    filters: Filters
    problems: list[str] = field(default_factory=list)
    area_province: AdminUnit | None = None


def read_filters(data: QueryDict, organisations: QuerySet[Organisation], *, url: str, public: bool = False) -> Bound:
    """Check the query string against the options `organisations` offer. Two queries (provinces, areas)."""
    provinces = province_options(organisations)
    asked = _int(data.get("province"))
    if asked and asked not in {unit.pk for unit in provinces}:
        # A link from another page (the dashboard) may name the unit of either scheme: offer it too.
        provinces += AdminUnit.objects.filter(pk=asked, level=Level.PROVINCE)
    by_pk = {unit.pk: unit for unit in provinces}
    # The areas on offer are those of the chosen province, or of the only province there is.
    area_province = by_pk.get(_int(data.get("province"))) or (provinces[0] if len(provinces) == 1 else None)
    areas = area_options(organisations, area_province) if area_province else []
    by_pk |= {unit.pk: unit for unit in areas}
    form = FilterForm(data, url=url, provinces=provinces, areas=areas, public=public)
    form.is_valid()
    clean = form.cleaned_data
    problems = [f"{form.fields[name].label}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()]
    reported = clean.get("reported") or ""
    if reported and not clean.get("year"):
        problems.append(gettext("Yearly figures: choose the year whose figures you are looking for."))
        reported = ""
    filters = Filters(
        q=clean.get("q") or "",
        kind=clean.get("kind") or "",
        sector=clean.get("sector") or "",
        province=by_pk.get(clean.get("province") or 0),
        area=by_pk.get(clean.get("area") or 0),
        status=clean.get("status") or "",
        year=clean.get("year"),
        reported=reported,
        sort=clean.get("sort") or DEFAULT_SORT,
    )
    return Bound(form, filters, problems, area_province)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def sort_headers(url: str, filters: Filters, area: str, trailing: list[str]) -> list[dict[str, Any]]:
    """The table's column headers; a sortable one links to its column in ascending order, or descending
    when it is the current ascending order."""
    columns: list[tuple[str | None, str]] = [
        ("name", gettext("Name")),
        ("code", gettext("Code")),
        ("kind", gettext("Kind")),
        (None, gettext("Sector")),
        ("established", gettext("Established")),
        ("area", area),
        *((None, label) for label in trailing),
    ]
    headers = []
    for key, label in columns:
        header: dict[str, Any] = {"key": key, "label": label}
        if key:
            current = filters.sort.removeprefix("-") == key
            descending = filters.sort.startswith("-")
            header["aria_sort"] = ("descending" if descending else "ascending") if current else None
            header["url"] = f"{url}?{filters.query(sort=f'-{key}' if current and not descending else key)}"
        headers.append(header)
    return headers
