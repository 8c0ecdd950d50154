"""The report form: what the `kttt report` command asks, checked by the same rules (options.checked_options)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.areas.models import REFORM_DATE, AdminUnit, Level, Scheme, scheme_on, short_name
from kttt.reports.options import FIRST_YEAR, KINDS, VARIANTS, InvalidOptions, ReportOptions, checked_options, report_day
from kttt.reports.service import FORMATS, Format
from kttt.text import fold

WHOLE_COUNTRY = "all"
YEAR_AS_NUMBER = _("Enter the year in figures, e.g. 2018.")
KIND_LABELS = {
    "THT": _("Cooperative groups (THT)"),
    "HTX": _("Cooperatives (HTX)"),
    "LHHTX": _("Unions of cooperatives"),
    "QTDND": _("People's credit funds"),
}
VARIANT_LABELS = {
    "annual": (_("Annual report"), _("The year against the year before, and against the baseline when one is given.")),
    "review": (
        _("Multi-year review"),
        _("The development from the baseline year to the report year (e.g. a 15-year review); needs a baseline."),
    ),
    "midyear": (
        _("Six-month report"),
        _("Results at 30 June, an estimate for the whole year and the share of the year's plan."),
    ),
}
FORMAT_LABELS: dict[Format, Any] = {
    "docx": _("Word (.docx)"),
    "pdf": _("PDF"),
    "xlsx": _("Excel (.xlsx)"),
    "md": _("Markdown (.zip with the charts as SVG)"),
}


class ExplainedRadioSelect(forms.RadioSelect):
    """Radio buttons each with a line of explanation inside its label, so screen readers read both."""

    option_template_name = "reports/widgets/explained_option.html"

    def __init__(self, explanations: dict[str, Any], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.explanations = explanations

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["explanation"] = self.explanations.get(str(option["value"]), "")
        return option


def province_choices() -> list[tuple[str, str]]:
    """Provinces by GSO code, as the CLI takes them. A code kept by a new province after 1/7/2025 may have
    named another one before; the label then says both, and the report year decides which is meant."""
    names: dict[str, dict[str, str]] = {}
    for code, scheme, name in AdminUnit.objects.provinces().values_list("code", "scheme", "name"):
        names.setdefault(code, {})[scheme] = name
    choices = []
    for code, by_scheme in names.items():
        new, old = by_scheme.get(Scheme.FROM_2025), by_scheme.get(Scheme.BEFORE_2025)
        if new and old and new != old:
            label = str(_("%(new)s (from 1/7/2025); %(old)s (until 30/6/2025)") % {"new": new, "old": old})
        elif new:
            label = new
        else:
            label = str(_("%(old)s (until 30/6/2025)") % {"old": old})
        choices.append((fold(short_name(new or old or "")), code, label))
    # "Thành phố Hà Nội" among the "Tỉnh …": ordered by the name without its type, as people look for it.
    return [(WHOLE_COUNTRY, pgettext("report", "Whole country"))] + [
        (code, label) for _, code, label in sorted(choices)
    ]


def area_names(province: str, year: int | None, variant: str | None) -> list[str]:
    """The areas a report for `province` can be narrowed to in `year`: former districts before the 2025
    reform, new communes after it. Old communes are accepted too, but would make the list too long."""
    if year is None or not 1900 < year < 3000:
        return []
    day = report_day(year, "midyear" if variant == "midyear" else "annual")
    gazetteer = shared_gazetteer()
    try:
        unit = gazetteer.province_or_country(province or settings.KTTT_DEFAULT_PROVINCE, day)
    except UnitNotFound:
        return []
    if unit is None:
        return []
    level = Level.COMMUNE if day >= REFORM_DATE else Level.DISTRICT
    related = {unit.pk, *gazetteer.new_provinces[unit.pk], *gazetteer.old_provinces[unit.pk]}
    scheme = scheme_on(day)
    units = {u.name for pid in related for u in gazetteer.children[pid] if u.level == level and u.scheme == scheme}
    return sorted(units, key=fold)


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=pgettext_lazy("report", "Report year"),
        error_messages={"invalid": YEAR_AS_NUMBER, "required": _("Enter the year of the report.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    baseline = forms.IntegerField(
        label=pgettext_lazy("report", "Baseline year"),
        required=False,
        error_messages={"invalid": YEAR_AS_NUMBER},
        help_text=_("The year to compare with; the tables start there (else five years back)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    province = forms.ChoiceField(
        label=pgettext_lazy("report", "Province"),
        required=False,  # as in the CLI: KTTT_DEFAULT_PROVINCE
        error_messages={"invalid_choice": _("Choose a province from the list.")},
    )
    area = forms.CharField(
        label=pgettext_lazy("report", "Area"),
        required=False,
        max_length=200,
        help_text=_("Optional: a former district (before 1/7/2025) or a commune. Leave empty for the province."),
        widget=forms.TextInput(attrs={"list": "area-options", "autocomplete": "off"}),
    )
    kind = forms.MultipleChoiceField(
        label=_("Kinds of organisation"),
        required=False,
        choices=[(k, KIND_LABELS[k]) for k in KINDS],
        help_text=_("None ticked: cooperative groups, cooperatives and their unions."),
        widget=forms.CheckboxSelectMultiple,
    )
    variant = forms.ChoiceField(
        label=_("Kind of report"),
        required=False,  # as in the CLI: a review when a baseline is given, else an annual report
        choices=[(v, VARIANT_LABELS[v][0]) for v in VARIANTS],
        widget=ExplainedRadioSelect({v: VARIANT_LABELS[v][1] for v in VARIANTS}),
    )
    format = forms.ChoiceField(
        label=_("File format"),
        required=False,
        choices=[(f, FORMAT_LABELS[f]) for f in ("docx", "pdf", "xlsx", "md")],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, latest_year: int | None = None, **kwargs: Any) -> None:
        year = latest_year or dt.date.today().year
        kwargs.setdefault(
            "initial",
            {"year": year, "province": settings.KTTT_DEFAULT_PROVINCE, "variant": "annual", "format": "docx"},
        )
        super().__init__(*args, **kwargs)
        self.options: ReportOptions | None = None
        province = self.fields["province"]
        assert isinstance(province, forms.ChoiceField)
        province.choices = province_choices()
        for name in ("year", "baseline"):
            self.fields[name].widget.attrs.update({"min": FIRST_YEAR, "max": dt.date.today().year})
        for name in ("baseline", "area"):
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self) -> None:
        super().full_clean()
        # Point each text field at its error, so a screen reader says why when it lands there.
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and not isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                described = field.widget.attrs.get("aria-describedby", "")
                field.widget.attrs["aria-describedby"] = f"{described} id_{name}_error".strip()
                field.widget.attrs["aria-invalid"] = "true"

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            self.options = checked_options(
                year=data["year"],
                baseline=data.get("baseline"),
                province=data.get("province", ""),
                area=(data.get("area") or "").strip(),
                kinds=data.get("kind") or [],
                variant=next((v for v in VARIANTS if v == data.get("variant")), None),
            )
        except InvalidOptions as exc:
            for name, message in exc.problems:
                self.add_error(name if name in self.fields else None, message)
        return data

    @property
    def file_format(self) -> Format:
        chosen = self.cleaned_data.get("format") if self.is_bound and self.is_valid() else None
        return next((f for f in FORMATS if f == chosen), "docx")

    def value_of(self, name: str) -> Any:
        """What the form shows in a field: the typed value when bound, else the initial one."""
        return self[name].value()

    def areas(self) -> list[str]:
        try:
            year = int(self.value_of("year"))
        except (TypeError, ValueError):
            return []
        return area_names(str(self.value_of("province") or ""), year, self.value_of("variant"))
