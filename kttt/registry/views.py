"""The registry's pages: the list and its downloads, an organisation's page, and the public directory.

The views deal with HTTP only; what they read is in queries.py (querysets), filters.py (the query string),
profile.py (the organisation page) and export.py (the downloads).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from kttt.audit.display import shown
from kttt.audit.queries import organisation_history
from kttt.registry import export as downloads
from kttt.registry.filters import Bound, Filters, read_filters, sort_headers
from kttt.registry.profile import build_profile, profile_queryset
from kttt.registry.queries import filtered, list_rows, narrowed, public_directory, status_day, visible_to

PAGE_SIZE = 50
FORMATS = ("xlsx", "csv")
HISTORY_SIZE = 20  # the latest changes on the organisation page; the audit trail page has them all


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


def organisation_list(request: HtmxRequest) -> HttpResponse:
    organisations = visible_to(request.user)
    bound = read_filters(_filter_data(request), organisations, url=reverse("registry:list"))
    found = filtered(organisations, bound.filters)
    page = Paginator(list_rows(found), PAGE_SIZE).get_page(request.GET.get("page"))
    context = _list_context(request, bound, page) | {
        "columns": sort_headers(
            reverse("registry:list"), bound.filters, _("Commune / former district"), [_status_heading(bound.filters)]
        ),
        "export_query": bound.filters.query(),
    }
    return _render(request, "registry/list.html", "registry/_list_update.html", context)


def export(request: HttpRequest) -> HttpResponseBase:
    """The filtered list, every row, as Excel (default) or CSV."""
    organisations = visible_to(request.user)
    bound = read_filters(request.GET, organisations, url=reverse("registry:list"))
    kind = request.GET.get("format") or "xlsx"
    if kind not in FORMATS or bound.problems:
        # Back to the list with the same filters, where the problems are explained.
        if kind not in FORMATS:
            messages.error(request, _("Unknown download format “%(format)s”: choose Excel or CSV.") % {"format": kind})
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('registry:list')}?{query.urlencode()}")
    found = filtered(organisations, bound.filters)
    header = [*downloads.PACKAGE_COLUMNS, *downloads.readable_header(status_day(bound.filters))]
    rows = downloads.registry_rows(found)
    if kind == "csv":
        # The importer reads a CSV file by its name, so the download keeps the package's name for it.
        return downloads.csv_response(header, rows, "organizations.csv")
    widths = [*downloads.PACKAGE_WIDTHS, *downloads.READABLE_WIDTHS]
    return downloads.xlsx_response(header, rows, widths, f"to-chuc-{dt.date.today():%Y%m%d}.xlsx")


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(profile_queryset(visible_to(request.user)), pk=pk)
    profile = build_profile(organisation, dt.date.today())
    # Whoever may see the organisation may see who changed it.
    context: dict[str, Any] = {"profile": profile, "organisation": organisation}
    context["changes"] = shown(organisation_history(organisation)[:HISTORY_SIZE])
    return render(request, "registry/detail.html", context)


@login_not_required
def directory(request: HtmxRequest) -> HttpResponseBase:
    """Organisations operating today, public fields only. It is the same list for everyone, officers
    included, so it starts from the public directory rather than from what the visitor may see."""
    organisations = public_directory()
    url = reverse("registry:directory")
    bound = read_filters(_filter_data(request), organisations, url=url, public=True)
    found = narrowed(organisations, bound.filters)
    if request.GET.get("format") == "csv" and not bound.problems:
        return downloads.csv_response(downloads.public_header(), downloads.public_rows(found), "danh-ba-kttt.csv")
    page = Paginator(found.select_related("province", "area"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = _list_context(request, bound, page) | {
        "columns": sort_headers(url, bound.filters, _("Commune or district"), [_("Province")]),
        "csv_query": bound.filters.query(format="csv"),
    }
    return _render(request, "registry/directory.html", "registry/_directory_update.html", context)


# --- helpers -----------------------------------------------------------------------------------------------


def _filter_data(request: HtmxRequest) -> Any:
    """The query string; a new province (chosen in place) drops the area, which belonged to the old one."""
    if request.htmx and request.htmx.trigger_name == "province":
        data = request.GET.copy()
        data.pop("area", None)
        return data
    return request.GET


def _list_context(request: HtmxRequest, bound: Bound, page: Page[Any]) -> dict[str, Any]:
    return {
        "form": bound.form,
        "filters": bound.filters,
        "problems": bound.problems,
        "area_province": bound.area_province,
        "page": page,
        "query": bound.filters.query(),
        "area_changed": bool(request.htmx) and request.htmx.trigger_name == "province",
    }


def _render(request: HtmxRequest, full: str, partial: str, context: dict[str, Any]) -> HttpResponse:
    """The whole page, or only what changed when htmx asks for the results (not when it restores history,
    which needs the whole page)."""
    htmx = request.htmx
    in_place = bool(htmx) and htmx.target == "results" and not htmx.history_restore_request
    response = render(request, partial if in_place else full, context)
    if in_place:
        # The address bar shows the filters that were applied, empty fields left out.
        number = context["page"].number
        query = context["filters"].query(**({"page": str(number)} if number > 1 else {}))
        response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def _status_heading(filters: Filters) -> str:
    if filters.year:
        return _("Status on 31/12/%(year)s") % {"year": filters.year}
    return _("Status today")
