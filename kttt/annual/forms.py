"""The yearly-figures form: every figure of FIGURES, read the way the importer reads a cell, checked by
kttt.annual.services.review_figures. Warnings must be confirmed before the figures are saved."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kttt.annual import services
from kttt.annual.models import FIGURES, NUMBER_FIELDS, AnnualFigures, Rating
from kttt.exchange.validate import SIGNED_FIELDS, Issue
from kttt.numbers import number
from kttt.registry.forms import CellDateField, NumberField
from kttt.registry.models import Organisation
from kttt.reports.phrasing import money

# The figures in the order of the paper form: people first, then money.
GROUPS: tuple[tuple[Promise, tuple[str, ...]], ...] = (
    (
        _("Members and workers"),
        ("members", "associate_members", "workers", "worker_members", "managers", "managers_trained"),
    ),
    (
        _("Capital"),
        ("charter_capital", "total_capital", "max_member_capital", "foreign_capital"),
    ),
    (
        _("Business results"),
        ("revenue", "profit", "avg_income"),
    ),
)
assert sorted(name for _legend, names in GROUPS for name in names) == sorted(NUMBER_FIELDS)
UNITS = {name: unit for name, _label, unit in FIGURES}


@dataclass
class FigureRow:
    """One figure as the page shows it: the input, last year's value beside it, and its warnings."""

    field: BoundField
    previous: str
    warnings: list[str]


class FiguresForm(forms.Form):
    # The version of the stored figures the page was opened at (0: none were stored), see kttt.audit.conflicts.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    rating = forms.ChoiceField(label=_("Rating"), choices=[("", _("Not rated")), *Rating.choices], required=False)
    source = forms.CharField(
        label=_("Source of the figures"),
        max_length=200,
        required=False,
        help_text=_("e.g. the cooperative's 2024 report, a survey by the district office"),
    )
    as_of = CellDateField(
        label=_("Figures as of"), required=False, help_text=_("day/month/year; blank means 31/12 of the year")
    )
    confirm = forms.BooleanField(label=_("I have checked the warnings"), required=False)

    def __init__(
        self, *args: Any, organisation: Organisation, year: int, previous: AnnualFigures | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation, self.year, self.previous = organisation, year, previous
        for name, label, unit in FIGURES:
            self.fields[name] = NumberField(
                label=label,
                required=False,
                allow_negative=name in SIGNED_FIELDS,
                help_text=_("Unit: %(unit)s") % {"unit": unit},
            )
        self.order_fields([*NUMBER_FIELDS, "rating", "source", "as_of", "confirm"])
        self.described_by: dict[str, list[str]] = {name: [f"id_{name}_previous"] for name in NUMBER_FIELDS}
        self.warnings: list[Issue] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data  # a figure could not be read: the checks need every value
        values = {name: data.get(name) for name in services.VALUE_FIELDS}
        review = services.review_figures(self.organisation, self.year, values, self.previous)
        for issue in review.errors:
            self.add_error(issue.column if issue.column in self.fields else None, issue.message)
        self.warnings = review.warnings
        for issue in self.warnings:
            self.described_by.setdefault(issue.column, []).append(f"id_{issue.column}_warning")
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in services.VALUE_FIELDS}

    @property
    def warnings_digest(self) -> str:
        """Identifies the warnings shown, so a tick given for other warnings does not confirm these."""
        text = "\n".join(f"{w.column}:{w.message}" for w in self.warnings)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def confirmed(self) -> bool:
        """Valid, and its warnings (if any) ticked as checked after they were shown."""
        if not self.is_valid():
            return False
        seen = self.data.get("warnings_seen") == self.warnings_digest
        return not self.warnings or bool(self.cleaned_data.get("confirm") and seen)

    def groups(self) -> list[tuple[Promise, list[FigureRow]]]:
        return [(legend, [self._row(name) for name in names]) for legend, names in GROUPS]

    def _row(self, name: str) -> FigureRow:
        warnings = [w.message for w in self.warnings if w.column == name]
        return FigureRow(self[name], previous_text(self.previous, name), warnings)

    def other_warnings(self) -> list[str]:
        """Warnings about fields that are not figures (the date of the figures)."""
        return [w.message for w in self.warnings if w.column not in NUMBER_FIELDS]

    @staticmethod
    def initial_for(row: AnnualFigures | None) -> dict[str, Any]:
        if row is None:
            return {"version": 0}
        return {name: getattr(row, name) for name in services.VALUE_FIELDS} | {"version": row.version}


def previous_text(previous: AnnualFigures | None, name: str) -> str:
    """Last year's value as "1.810 người" or "274.000.000.000 đồng (274 tỷ đồng)"; "–" when not reported."""
    value = getattr(previous, name) if previous is not None else None
    if value is None:
        return "–"
    text = f"{number(value)} {UNITS[name]}"
    if UNITS[name].startswith("đồng") and abs(value) >= 1_000_000:
        text += f" ({money(value).text})"
    return text


def draft_data(data: Any) -> dict[str, str]:
    """What was typed in the form's inputs, exactly, for a draft."""
    names = [*NUMBER_FIELDS, "rating", "source", "as_of", "version"]  # a draft remembers the version it began at
    return {name: str(data.get(name, "")) for name in names}
