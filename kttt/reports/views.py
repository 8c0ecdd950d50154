"""The reports page: choose a report, read it on the page, download it as Word, PDF, Excel or Markdown.

Both actions are GET requests with the same query, so a preview's address can be shared and the download
button needs no JavaScript. With htmx the preview replaces only the form and the report below it.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from kttt.reports.build import build_report
from kttt.reports.forms import ReportForm
from kttt.reports.options import ReportOptions, data_years, scope_names
from kttt.reports.preview import shown_report
from kttt.reports.service import CONTENT_TYPES, Format, RenderedReport, make_report
from kttt.text import fold


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails  # set by django_htmx's middleware on every request


def report_page(request: HtmxHttpRequest) -> HttpResponse:
    form = _form(request)
    if request.GET.get("part") == "areas":  # the area suggestions, refreshed when the province or year changes
        return render(request, "reports/_areas.html", {"form": form})
    preview = None
    if form.is_bound and form.is_valid() and form.options is not None:
        preview = shown_report(build_report(form.options))
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    template = "reports/_workspace.html" if partial else "reports/page.html"
    response = render(request, template, {"form": form, "preview": preview})
    patch_vary_headers(response, ["HX-Request"])  # the same address answers a page or a fragment
    return response


def download(request: HttpRequest) -> HttpResponse:
    if "year" not in request.GET:
        return redirect("reports:page")
    form = _form(request)
    if not form.is_valid() or form.options is None:
        return render(request, "reports/page.html", {"form": form, "preview": None}, status=400)
    fmt = form.file_format
    content, content_type, name = packed(make_report(form.options, fmt), fmt, file_stem(form.options))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(name)
    return response


def _form(request: HttpRequest) -> ReportForm:
    span = data_years()
    data: Any = None  # a bare visit shows the form, not errors
    if "year" in request.GET:
        data = request.GET.copy()
        # A link without a province means the default one, as in the CLI; the picker must show it too.
        data.setdefault("province", settings.KTTT_DEFAULT_PROVINCE)
    return ReportForm(data, latest_year=span[1] if span else None)


def file_stem(options: ReportOptions) -> str:
    """The file's name in the words of the report: "Báo cáo tổng kết kinh tế tập thể 2003–2018 – tỉnh Lạng Sơn"."""
    unit = scope_names(options)[2]
    values = {"year": options.year, "baseline": options.baseline, "unit": unit}
    if options.variant == "review" and options.baseline is not None:
        stem = _("Collective economy review %(baseline)s–%(year)s – %(unit)s") % values
    elif options.variant == "midyear":
        stem = _("Collective economy six-month report %(year)s – %(unit)s") % values
    else:
        stem = _("Collective economy report %(year)s – %(unit)s") % values
    return re.sub(r'[\\/:*?"<>|]+', " ", stem)  # characters no file system accepts in a name


def attachment(filename: str) -> str:
    """Content-Disposition with the Vietnamese name (RFC 5987 filename*) and an ASCII one for old clients."""
    plain = re.sub(r"[^a-z0-9.]+", "-", fold(filename)).strip("-")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def packed(rendered: RenderedReport, fmt: Format, stem: str) -> tuple[bytes, str, str]:
    """The bytes to send, their type and the file name. A Markdown report links its charts as files beside
    it, so it goes out as a ZIP holding both; every other format is one file."""
    if fmt != "md" or not rendered.attachments:
        return rendered.content, CONTENT_TYPES[fmt], f"{stem}.{fmt}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.md", rendered.content)
        for name, content in rendered.attachments.items():
            archive.writestr(name, content)
    return buffer.getvalue(), "application/zip", f"{stem}.zip"
