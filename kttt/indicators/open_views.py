"""Open data (/du-lieu-mo/): the data dictionary page and the downloads, for anyone without logging in.
HTTP only; the rows and their serialisation come from kttt.indicators.open_data."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header

from kttt.indicators import open_data as od

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


class _Echo:
    """csv.writer writes into this and gets the line back, so lines can be streamed."""

    def write(self, value: str) -> str:
        return value


@login_not_required
def open_data(request: HttpRequest) -> HttpResponse:
    """The data dictionary: each dataset, its columns, the licence and the download links."""
    datasets = [
        {"dataset": dataset, "links": [(fmt.upper(), _file_url(dataset.slug, fmt)) for fmt in od.FORMATS]}
        for dataset in od.DATASETS.values()
    ]
    context = {
        "datasets": datasets,
        "licence": od.licence(),
        "source": od.SOURCE,
        "province": settings.KTTT_DEFAULT_PROVINCE,
        "example": _file_url("chi-tieu", "csv", {"province": settings.KTTT_DEFAULT_PROVINCE, "from": 2020, "to": 2024}),
    }
    return render(request, "indicators/open_data.html", context)


@login_not_required
def open_data_file(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """A dataset as CSV or JSON; 400 with a message when a parameter cannot be used."""
    chosen = od.DATASETS.get(dataset)
    if chosen is None or fmt not in od.FORMATS:
        raise Http404
    try:
        selection = od.select(request.GET, years=chosen.uses_years)
    except od.OpenDataError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    data = od.rows(chosen, selection)
    chunks = _csv_chunks(chosen, data) if fmt == "csv" else od.json_chunks(chosen, selection, data)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    name = od.filename(chosen, selection, fmt)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites' scripts may read it
    return response


def _csv_chunks(dataset: od.Dataset, data: Iterable[od.Row]) -> Iterator[str]:
    """UTF-8 with a byte-order mark (Excel then shows the Vietnamese letters), the header first."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(dataset.names)
    chunk: list[str] = []
    for row in data:
        chunk.append(writer.writerow([od.csv_cell(row[name]) for name in dataset.names]))
        if len(chunk) == 1000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def _file_url(dataset: str, fmt: str, query: dict[str, object] | None = None) -> str:
    url = reverse("indicators:open_data_file", kwargs={"dataset": dataset, "fmt": fmt})
    return f"{url}?{urlencode(query)}" if query else url
