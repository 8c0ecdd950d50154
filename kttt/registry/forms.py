"""Forms of the registry pages: they read what an officer typed the way the importer reads a cell
(kttt.exchange.cells), resolve units with the importer's gazetteer, and leave the rules to the services."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kttt.areas.gazetteer import Gazetteer, UnitNotFound, shared_gazetteer
from kttt.areas.models import REFORM_DATE, AdminUnit, Level, Scheme
from kttt.exchange import cells
from kttt.numbers import number
from kttt.registry import services
from kttt.registry.models import Kind, Organisation, Sector, Status
from kttt.text import fold, nfc


class CellDateField(forms.Field):
    """A date typed as dd/mm/yyyy (or yyyy-mm-dd), read as the importer reads a date cell."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"placeholder": "dd/mm/yyyy", "autocomplete": "off", "size": "12"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return cells.date(value)
        except cells.CellError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%d/%m/%Y}" if isinstance(value, dt.date) else value


class NumberField(forms.Field):
    """A number typed the Vietnamese way ("1.810", "274.000.000.000", "1.810,5" when decimals are allowed) or
    as plain digits, read as the importer reads a number cell. Shown back grouped: 1810 → "1.810"."""

    def __init__(self, *, allow_negative: bool = False, decimal_places: int = 0, **kwargs: Any) -> None:
        self.allow_negative, self.decimal_places = allow_negative, decimal_places
        # A phone's numeric keypad has no minus sign, so signed figures get the full keyboard.
        attrs = {"autocomplete": "off"} | ({} if allow_negative else {"inputmode": "numeric"})
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | Decimal | None:
        try:
            if self.decimal_places:
                return cells.decimal(value, allow_negative=self.allow_negative)
            return cells.integer(value, allow_negative=self.allow_negative)
        except cells.CellError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return number(value if isinstance(value, int) else float(value), self.decimal_places)
        return value


def lenient_date(text: Any) -> dt.date | None:
    """The date in a half-filled form, to choose which units to offer; None if it cannot be read yet."""
    try:
        return text if isinstance(text, dt.date) else cells.date(str(text or ""))
    except cells.CellError:
        return None


def area_choices(gazetteer: Gazetteer, province: AdminUnit, day: dt.date) -> dict[str, AdminUnit]:
    """The communes (and, before 1/7/2025, the districts) of a province in force on `day`, by the label
    the form offers: "Xã Tân Thành, Hữu Lũng" — a name shared in one province gets its code added."""
    units = [u for u in gazetteer.children.get(province.pk, []) if u.in_force_on(day)]
    units = [u for u in units if u.level == Level.COMMUNE or (u.level == Level.DISTRICT and day < REFORM_DATE)]
    units.sort(key=lambda u: (u.level != Level.DISTRICT, fold(u.short_name), fold(u.name)))
    labels = [area_label(u) for u in units]
    shared = {label for label, n in Counter(labels).items() if n > 1}
    return {f"{label} ({u.code})" if label in shared else label: u for label, u in zip(labels, units, strict=True)}


def area_label(unit: AdminUnit) -> str:
    parent = unit.parent
    if unit.level == Level.COMMUNE and parent is not None and parent.level == Level.DISTRICT:
        return f"{unit.name}, {parent.short_name}"
    return unit.name


def province_choices(gazetteer: Gazetteer, day: dt.date | None, selected: list[AdminUnit | None]) -> list[Any]:
    """Provinces in force on `day`; both systems in two groups while the date is unknown. The selected ones are
    always offered, so what the officer chose is kept even when the date later rules it out."""
    provinces = sorted(
        (u for u in gazetteer.units.values() if u.level == Level.PROVINCE), key=lambda u: fold(u.short_name)
    )
    if day is None:
        groups = ((_("From 1/7/2025"), Scheme.FROM_2025), (_("Until 30/6/2025"), Scheme.BEFORE_2025))
        return [(label, [(str(u.pk), u.name) for u in provinces if u.scheme == scheme]) for label, scheme in groups]
    offered = [u for u in provinces if u.in_force_on(day)]
    offered += [u for u in dict.fromkeys(selected) if u is not None and u not in offered]
    return [(str(u.pk), u.name if u.in_force_on(day) else f"{u.name} ({u.get_scheme_display()})") for u in offered]


def province_on(gazetteer: Gazetteer, province: AdminUnit, day: dt.date) -> AdminUnit:
    """A province has a unit in each system; when both carry the same code and name (Lạng Sơn before and after
    1/7/2025), the one in force on the date is meant."""
    if province.in_force_on(day):
        return province
    twins = [
        u for u in gazetteer.province_index.get(province.code, []) if u.in_force_on(day) and u.name == province.name
    ]
    return twins[0] if twins else province


class OrganisationForm(forms.Form):
    # The version of the record the page was opened at: a change saved since is not overwritten.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    code = forms.CharField(label=_("Organisation code"), max_length=40, required=False)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    established = CellDateField(label=_("Date of establishment"), help_text=_("day/month/year, e.g. 25/11/2019"))
    province = forms.ChoiceField(
        label=_("Province"), help_text=_("The provinces in force on the date of establishment are listed.")
    )
    area = forms.CharField(
        label=_("Commune / ward (or former district)"),
        max_length=200,
        help_text=_(
            "Type a few letters and pick from the list, or type the name (diacritics optional) or the code; "
            "add the district after a comma when a name is shared: “Tân Thành, Hữu Lũng”."
        ),
        widget=forms.TextInput(attrs={"list": "area-options", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.gazetteer = shared_gazetteer()
        self.warnings: list[str] = []
        self.day = lenient_date(self._value("established"))
        typed = self._typed_province()
        self.selected_province = province = self._selected_province(typed)
        province_field = self.fields["province"]
        assert isinstance(province_field, forms.ChoiceField)
        # A bound form must accept the unit that was posted, even when its twin of the date replaces it.
        offered = [typed, province] if self.is_bound else [province]
        province_field.choices = province_choices(self.gazetteer, self.day, offered)
        if province is not None and not self.is_bound:
            self.initial["province"] = str(province.pk)
        self.areas = area_choices(self.gazetteer, province, self.day or dt.date.today()) if province else {}
        if organisation is None:
            self._suggest_codes()
        else:
            self.fields["code"].required = True

    def _value(self, name: str) -> Any:
        return self.data.get(name) if self.is_bound else self.initial.get(name)

    def _typed_province(self) -> AdminUnit | None:
        value = self._value("province")
        unit = self.gazetteer.units.get(int(value)) if str(value or "").isdigit() else None
        return unit if unit is not None and unit.level == Level.PROVINCE else None

    def _selected_province(self, typed: AdminUnit | None) -> AdminUnit | None:
        """The province whose communes are offered: the one chosen (as of the date), else the default one."""
        if typed is not None:
            return province_on(self.gazetteer, typed, self.day) if self.day else typed
        default = self.gazetteer.province_index.get(settings.KTTT_DEFAULT_PROVINCE, [])
        in_force = [u for u in default if u.in_force_on(self.day or dt.date.today())]
        return next(iter(in_force or default), None)

    def _suggest_codes(self) -> None:
        examples = "; ".join(f"{kind} → {services.suggest_code(kind)}" for kind in Kind.values)
        self.fields["code"].help_text = _("Leave blank for the next free code of the kind: %(examples)s.") % {
            "examples": examples
        }

    def clean_province(self) -> AdminUnit:
        return self.gazetteer.units[int(self.cleaned_data["province"])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, province = data.get("established"), data.get("province")
        if day is None or province is None:
            return data
        data["province"] = province = province_on(self.gazetteer, province, day)
        # A province not in force on the date has no communes to look in: the review says what is wrong.
        typed_area = data.get("area")
        in_force = province.in_force_on(day)
        data["area"] = self._resolve_area(typed_area, province, day) if typed_area and in_force else None
        if not data.get("code") and "kind" in data:
            data["code"] = services.suggest_code(data["kind"])
        if all(name in data for name in ("code", "name", "kind", "sector")):
            self._review()
        return data

    def _review(self) -> None:
        """The services' rules; a field whose input could not be read keeps that message only."""
        review = services.review_organisation(self.record(), self.organisation)
        for name, messages in review.errors.items():
            if not self.has_error(name):
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        self.warnings = review.warnings

    def _resolve_area(self, text: str, province: AdminUnit, day: dt.date) -> AdminUnit | None:
        text = nfc(text)
        offered = area_choices(self.gazetteer, province, day)
        if text in offered:
            return offered[text]
        try:
            return self.gazetteer.area(text, province, day)
        except UnitNotFound as exc:
            self.add_error("area", str(exc))
            return None

    def record(self) -> services.OrganisationData:
        data = self.cleaned_data
        return services.OrganisationData(
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            sector=data["sector"],
            province=data["province"],
            area=data["area"],
            established=data["established"],
        )

    @staticmethod
    def initial_for(org: Organisation) -> dict[str, Any]:
        return {
            "code": org.code,
            "name": org.name,
            "kind": org.kind,
            "sector": org.sector,
            "established": org.established,
            "province": str(org.province_id),
            "area": area_label(org.area) if org.area else "",
            "version": org.version,
        }


class StatusChangeForm(forms.Form):
    prefix = "status"

    date = CellDateField(label=_("Date"), help_text=_("day/month/year, e.g. 25/11/2019"))
    status = forms.ChoiceField(label=_("Status"), choices=[("", "---------"), *Status.choices])
    document = forms.CharField(
        label=_("Document"), max_length=200, required=False, help_text=_("Number and date of the decision, if any")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            review = services.review_status_change(self.organisation, data["date"], data["status"])
            if review.errors:
                self.add_error(None, ValidationError(review.errors))
        return data
