"""The templates page: download an empty Excel template, or the stored yearly figures in the same layout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kttt.annual.models import AnnualFigures
from kttt.areas.gazetteer import UnitNotFound, shared_gazetteer
from kttt.areas.models import AdminUnit
from kttt.exchange.extra_layout import EXPORTS, export_rows
from kttt.exchange.templates import (
    ANNUAL_FORMS,
    TEMPLATES,
    XLSX,
    annual_rows,
    export_workbook,
    file_name,
    template_workbook,
)
from kttt.indicators.queries import scope_q
from kttt.registry.queries import visible_to
from kttt.reports.views import attachment


@dataclass
class Choice:
    """The year and province asked for in the query, or the Vietnamese reason they cannot be used."""

    year: int
    province: AdminUnit | None
    province_text: str
    error: str = ""


def _choice(request: HttpRequest) -> Choice:
    text = request.GET.get("province", "").strip() or settings.KTTT_DEFAULT_PROVINCE
    default_year = dt.date.today().year - 1
    raw_year = request.GET.get("year", "").strip()
    if raw_year and not (raw_year.isdigit() and 1990 <= int(raw_year) <= dt.date.today().year):
        return Choice(default_year, None, text, _("Year %(year)s is not valid.") % {"year": raw_year})
    year = int(raw_year) if raw_year else default_year
    try:
        province = shared_gazetteer().province_or_country(text, dt.date(year, 12, 31))
    except UnitNotFound as exc:
        return Choice(year, None, text, str(exc))
    return Choice(year, province, text)


def _descriptions() -> list[tuple[str, str]]:
    return [
        ("organizations", _("New organisations or corrections: code, name, kind, sector, location, dates.")),
        ("annual-tht", _("Yearly figures of cooperative groups: members, workers, revenue, profit, income.")),
        ("annual-htx", _("Yearly figures of cooperatives and credit funds: every figure and the rating.")),
        (
            "annual-union",
            _("Yearly figures of unions of cooperatives: member cooperatives, workers, capital, results."),
        ),
        ("statuses", _("Status changes: suspension, resumption, dissolution, revocation.")),
        ("union-members", _("Member cooperatives of a union, with the dates they joined and left.")),
        ("assessments", _("Ratings of organisations for a year: the class, as reported.")),
        ("officer-training", _("Key officers and how many are trained, by level, for a year.")),
        ("loans", _("Support-Fund loans with their approval, disbursements and repayments.")),
        ("all", _("The whole data package: every sheet in one workbook.")),
    ]


def _page(request: HttpRequest, choice: Choice, status: int = 200) -> HttpResponse:
    day = dt.date(choice.year, 12, 31)
    provinces = AdminUnit.objects.provinces().in_force(day).order_by("name")
    query = f"province={choice.province.code if choice.province else 'all'}&year={choice.year}"
    context = {
        "choice": choice,
        "provinces": provinces,
        "templates": _descriptions(),
        "forms": [("tht", _("cooperative groups")), ("htx", _("cooperatives")), ("union", _("unions"))],
        "records": [
            ("assessments", _("Ratings of the year")),
            ("officer-training", _("Key-officer training of the year")),
            ("loans", _("Support-Fund loans applied for by the end of the year, with their payments")),
        ],
        "query": query,
    }
    return render(request, "exchange/templates.html", context, status=status)


def template_list(request: HttpRequest) -> HttpResponse:
    choice = _choice(request)
    return _page(request, choice, 400 if choice.error else 200)


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = attachment(name)
    return response


def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in TEMPLATES:
        raise Http404(kind)
    choice = _choice(request)
    if choice.error:
        return _page(request, choice, 400)
    content = template_workbook(kind, choice.year, choice.province)
    return _xlsx(content, file_name(TEMPLATES[kind].name, choice.year, choice.province))


def export_annual(request: HttpRequest) -> HttpResponse:
    form = request.GET.get("form", "htx")
    choice = _choice(request)
    if form not in ANNUAL_FORMS:
        choice.error = _("Unknown form “%(form)s”.") % {"form": form}
    if choice.error:
        return _page(request, choice, 400)
    organisations = visible_to(request.user).filter(scope_q(choice.province), kind__in=ANNUAL_FORMS[form][2])
    figures = AnnualFigures.objects.filter(year=choice.year, organisation__in=organisations)
    content = export_workbook({"annual": annual_rows(figures)}, year=choice.year, province=choice.province, form=form)
    stem = f"Số liệu {ANNUAL_FORMS[form][0].lower()}"
    return _xlsx(content, file_name(stem, choice.year, choice.province))


def export_records(request: HttpRequest, kind: str) -> HttpResponse:
    """Ratings, key-officer training or loans of the organisations in scope, in the import's layout."""
    if kind not in EXPORTS:
        raise Http404(kind)
    choice = _choice(request)
    if choice.error:
        return _page(request, choice, 400)
    organisations = visible_to(request.user).filter(scope_q(choice.province))
    sheets = export_rows(kind, organisations, choice.year)
    content = export_workbook(sheets, year=choice.year, province=choice.province)
    return _xlsx(content, file_name(EXPORTS[kind], choice.year, choice.province))
