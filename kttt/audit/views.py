"""The audit trail page (/nhat-ky/). HTTP only: who may read what, and the reading, are in queries.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kttt.audit.display import shown
from kttt.audit.forms import EntryFilterForm
from kttt.audit.queries import can_view_audit, filtered, visible_entries

PAGE_SIZE = 50


def entry_list(request: HttpRequest) -> HttpResponse:
    if not can_view_audit(request.user):
        raise PermissionDenied
    form = EntryFilterForm(request.GET or None)
    rows = filtered(visible_entries(request.user), form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": shown(page.object_list), "query": form.query()}
    return render(request, "audit/list.html", context)
