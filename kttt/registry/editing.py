"""The pages that create and edit an organisation. They handle HTTP only: the forms read what was typed,
the services (kttt.registry.services) check the rules and write."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kttt.accounts.access import REFUSALS, Action, access, require
from kttt.annual.services import figure_years
from kttt.audit.conflicts import Conflict, offer_overwrite
from kttt.registry import services
from kttt.registry.forms import OrganisationForm, StatusChangeForm
from kttt.registry.models import Organisation
from kttt.registry.queries import visible_to

TEMPLATE = "registry/organisation_form.html"
OUT_OF_SCOPE = "Trụ sở này nằm ngoài địa bàn bạn phụ trách: bạn chỉ thêm hoặc sửa được tổ chức trong địa bàn của mình."
# The htmx request that refreshes the province and commune lists when the date or the province changes.
LOCATION_FRAGMENT = "location"


def create(request: HttpRequest) -> HttpResponse:
    if not access(request.user).may(Action.CHANGE):
        raise PermissionDenied(REFUSALS[Action.CHANGE])
    if request.GET.get("fragment") == LOCATION_FRAGMENT:
        return _location(request, None)
    form = _organisation_form(request, None)
    if form.is_bound and form.is_valid():
        org = _write(request, form, lambda: services.create_organisation(form.record(), actor=request.user))
        if org is not None:
            return _saved(request, org, form.warnings, _("The organisation %(org)s was created.") % {"org": org})
    return render(request, TEMPLATE, {"form": form, "title": _("New organisation")})


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(visible_to(request.user), pk=pk)
    require(request.user, Action.CHANGE, org)
    if request.GET.get("fragment") == LOCATION_FRAGMENT:
        return _location(request, org)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    form = _organisation_form(request, org)
    status_form = StatusChangeForm(request.POST if action == "status" else None, organisation=org)
    if action == "save" and form.is_valid():
        saved = _write(
            request,
            form,
            lambda: services.update_organisation(
                org, form.record(), actor=request.user, version=form.cleaned_data.get("version")
            ),
        )
        if saved is not None:
            return _saved(request, saved, form.warnings, _("The changes to %(org)s were saved.") % {"org": saved})
    if action == "status" and status_form.is_valid():
        data = status_form.cleaned_data
        try:
            change = services.add_status_change(
                org, data["date"], data["status"], data["document"], data["note"], actor=request.user
            )
        except ValidationError as exc:  # the history changed since the form was checked
            status_form.add_error(None, exc)
        else:
            message = _("Status change recorded: %(change)s.") % {"change": change}
            return _saved(request, org, [], message)
    context = {
        "form": form,
        "status_form": status_form,
        "organisation": org,
        "history": org.status_changes.order_by("-date", "-id"),
        "years": figure_years(org),
        "title": _("Edit %(name)s") % {"name": org.name},
    }
    return render(request, TEMPLATE, context)


def _organisation_form(request: HttpRequest, org: Organisation | None) -> OrganisationForm:
    """Bound to the POST when saving. "refresh" (the button shown without JavaScript) redisplays what was
    typed with the units of the chosen date and province, without checking it."""
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "save":
        return OrganisationForm(request.POST, organisation=org)
    if action == "refresh":
        return OrganisationForm(initial=request.POST.dict(), organisation=org)
    return OrganisationForm(initial=OrganisationForm.initial_for(org) if org else {}, organisation=org)


def _write(request: HttpRequest, form: OrganisationForm, save: Callable[[], Organisation]) -> Organisation | None:
    """Run the service; a rule it finds broken (something changed since the form was checked) goes on the form.
    The organisation must stay within the area the person covers."""
    if not services.location_covered(request.user, form.record()):
        form.add_error("area", OUT_OF_SCOPE)
        return None
    try:
        return save()
    except Conflict as conflict:
        offer_overwrite(form, conflict)
        return None
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


def _saved(request: HttpRequest, org: Organisation, warnings: list[str], message: str) -> HttpResponse:
    messages.success(request, message)
    for warning in warnings:
        messages.warning(request, warning)
    return redirect("registry:detail", pk=org.pk)


def _location(request: HttpRequest, org: Organisation | None) -> HttpResponse:
    form = OrganisationForm(initial=request.GET.dict(), organisation=org)
    return render(request, "registry/location_form.html", {"form": form})
