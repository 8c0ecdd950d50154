"""The yearly-figures page of one organisation. HTTP only: the form reads and checks what was typed through
kttt.annual.services, which also does every write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kttt.accounts.access import Action, require
from kttt.annual import services, workflow
from kttt.annual.forms import FiguresForm, draft_data
from kttt.annual.models import AnnualFigures, FiguresDraft
from kttt.audit.conflicts import Conflict, offer_overwrite
from kttt.registry.models import Organisation
from kttt.registry.queries import visible_to


def edit_figures(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    org = get_object_or_404(visible_to(request.user), pk=pk)
    require(request.user, Action.ENTER, org)
    if problem := services.year_problem(org, year):
        context = {"organisation": org, "year": year, "problem": problem, "years": services.figure_years(org)}
        return render(request, "annual/figures_refused.html", context, status=404)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "draft":
        services.save_draft(org, year, draft_data(request.POST), request.user)
        messages.success(request, _("The draft was saved. It is not checked and not counted in any statistics."))
        return redirect("annual:edit", pk=org.pk, year=year)
    if action == "discard":
        services.discard_draft(org, year, request.user)
        messages.success(request, _("The draft was discarded."))
        return redirect("annual:edit", pk=org.pk, year=year)
    stored = (
        AnnualFigures.objects.filter(organisation=org, year=year).select_related("submitted_by", "approved_by").first()
    )
    draft = FiguresDraft.objects.filter(organisation=org, year=year).select_related("saved_by").first()
    form = _form(request, org, year, stored, draft, action == "save")
    if action == "save" and form.confirmed:
        try:
            services.save_figures(org, year, form.values(), request.user, version=form.cleaned_data.get("version"))
        except Conflict as conflict:  # someone saved these figures meanwhile
            offer_overwrite(form, conflict)
        except ValidationError as exc:  # the organisation or last year's figures changed meanwhile
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The %(year)s figures of %(org)s were saved.") % {"year": year, "org": org})
            return redirect("registry:detail", pk=org.pk)
    context = {"form": form, "organisation": org, "year": year, "stored": stored, "draft": draft}
    context |= _neighbours(org, year) | {"deadline": workflow.deadline_of(year)}
    if stored is not None:
        context["on_time"] = workflow.on_time(stored)
    return render(request, "annual/figures_form.html", context)


def _form(
    request: HttpRequest,
    org: Organisation,
    year: int,
    stored: AnnualFigures | None,
    draft: FiguresDraft | None,
    bound: bool,
) -> FiguresForm:
    """Bound when saving; otherwise filled from the draft if there is one (exactly as typed), else from the
    stored figures."""
    previous = services.previous_figures(org, year)
    if bound:
        return FiguresForm(request.POST, organisation=org, year=year, previous=previous)
    initial = dict(draft.data) if draft else FiguresForm.initial_for(stored)
    return FiguresForm(initial=initial, organisation=org, year=year, previous=previous)


def _neighbours(org: Organisation, year: int) -> dict[str, int | None]:
    years = services.figure_years(org)
    return {
        "previous_year": year - 1 if year - 1 in years else None,
        "next_year": year + 1 if year + 1 in years else None,
    }


@require_POST
def step(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Submit, approve or reopen (with a reason) a year's figures; who may is decided by kttt.annual.workflow."""
    org = get_object_or_404(visible_to(request.user), pk=pk)
    action = request.POST.get("step", "")
    try:
        if action == "submit":
            workflow.submit(org, year, request.user)
            messages.success(request, _("The %(year)s figures were submitted for approval.") % {"year": year})
        elif action == "approve":
            workflow.approve(org, year, request.user)
            messages.success(request, _("The %(year)s figures were approved and are now locked.") % {"year": year})
        elif action == "reopen":
            workflow.reopen(org, year, request.POST.get("reason", ""), request.user)
            messages.success(request, _("The %(year)s figures were reopened for correction.") % {"year": year})
        else:
            messages.error(request, _("Unknown step."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("annual:edit", pk=org.pk, year=year)
