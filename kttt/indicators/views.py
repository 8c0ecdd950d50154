"""The province dashboard, for officers (/tong-quan/) and for the public (/cong-khai/): one set of templates,
the public one without links into the registry or the plans. HTTP only; the figures come from
kttt.indicators.dashboard and kttt.indicators.targets.

The progress of plan targets is its own request (the same address with part=targets), fetched by htmx once
the page is shown: kttt.plans computes it year by year and that takes longer than the rest of the page
together. Without JavaScript the same address is a page of its own."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from kttt.indicators.cached import cached_part
from kttt.indicators.dashboard import build, query_string
from kttt.indicators.params import Params, resolve
from kttt.indicators.stamp import read_stamp
from kttt.indicators.targets import province_plans


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    return _page(request, public=False)


@login_not_required
def public(request: HtmxHttpRequest) -> HttpResponse:
    return _page(request, public=True)


def _context(params: Params, public: bool) -> dict[str, Any]:
    query = query_string(params)
    path = reverse("indicators:public" if public else "indicators:dashboard")
    return {
        "params": params,
        "public": public,
        "title": _("Public statistics") if public else _("Dashboard"),
        "query": query,
        "page_url": f"{path}?{query}",
        "targets_url": f"{path}?{query}&part=targets",
    }


def _page(request: HtmxHttpRequest, public: bool) -> HttpResponse:
    stamp = read_stamp()  # before reading any data: see kttt.indicators.cached
    params = resolve(request.GET, stamp)
    context = _context(params, public)
    if request.GET.get("part") == "targets":

        def targets() -> str:
            plans = province_plans(params.province, params.area, params.year)
            return render_to_string("indicators/_targets.html", context | {"plans": plans}, request)

        part = cached_part("targets", stamp, request.path, params, targets)
        return _render(request, "indicators/targets.html", context | {"part": part})

    def body() -> str:
        return render_to_string(
            "indicators/_body.html", context | {"board": build(params, request.path, stamp)}, request
        )

    part = cached_part("body", stamp, request.path, params, body)
    return _render(request, "indicators/dashboard.html", context | {"part": part})


def _render(request: HtmxHttpRequest, page: str, context: dict[str, Any]) -> HttpResponse:
    # htmx asks for the part alone, except when it restores a page missing from its history cache.
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    response = HttpResponse(context["part"]) if fragment else render(request, page, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
