"""The plans pages: every plan with how its targets stand, and one plan's targets with their paths."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from kttt.plans.pages import (
    as_of_years,
    default_year,
    plans_with_targets,
    progress_of,
    scope_label,
    status_counts,
    target_rows,
)
from kttt.plans.progress import latest_year, plan_scope


class AsOfForm(forms.Form):
    as_of = forms.TypedChoiceField(
        label=_("Figures up to the end of"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("There are no figures for that year: choose a year from the list.")},
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["as_of"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(year, str(year)) for year in years]


def plan_list(request: HttpRequest) -> HttpResponse:
    rows = [
        (progress, scope_label(progress.plan), status_counts(progress))
        for progress in progress_of(plans_with_targets(), explained=False)
    ]
    return render(request, "plans/list.html", {"rows": rows})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_with_targets(), pk=pk)
    latest = latest_year(plan_scope(plan))
    form = AsOfForm(request.GET if "as_of" in request.GET else None, years=as_of_years(plan, latest))
    chosen = form.cleaned_data["as_of"] if form.is_bound and form.is_valid() else None
    as_of = chosen if chosen is not None else default_year(plan, latest)
    (progress,) = progress_of([plan], as_of)
    context = {
        "plan": plan,
        "progress": progress,
        "scope": scope_label(plan),
        "counts": status_counts(progress),
        "rows": target_rows(progress),
        "form": form if form.is_bound else AsOfForm(initial={"as_of": as_of}, years=as_of_years(plan, latest)),
    }
    return render(request, "plans/detail.html", context)
