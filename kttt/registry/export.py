"""Downloads of a filtered list of organisations, as Excel or CSV.

The first columns are the `organizations` layout of the data package (docs/data-package.md) under the same
keys, so a download can be edited and imported back; readable columns follow, under Vietnamese headers the
importer ignores. Rows are read in chunks and written as they come (a write-only workbook, a streamed CSV),
so a registry of 100,000 organisations downloads in seconds with little memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from kttt.areas.models import Level
from kttt.registry.models import Kind, Organisation, Sector, Status
from kttt.registry.queries import with_revocation
from kttt.reports.xlsx import put_text
from kttt.text import FORMULA_STARTS

# The data package's columns for organisations, in the order the demo package and the docs give them.
PACKAGE_COLUMNS = ("code", "name", "kind", "sector", "province", "area", "established", "dissolved")
PACKAGE_WIDTHS = (16, 48, 8, 13, 9, 22, 12, 12)
READABLE_WIDTHS = (22, 30, 14, 28, 18, 24, 20, 14)
PUBLIC_WIDTHS = (16, 48, 22, 30, 14, 14, 28)
SHEET = "organizations"  # the importer finds the rows by this sheet name
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000

_VALUES = (
    "code",
    "name",
    "kind",
    "sector",
    "province__code",
    "province__name",
    "area__code",
    "area__name",
    "area__level",
    "established",
    "dissolved",
    "revoked",
    "former_district__name",
    "current_commune__name",
    "status",
)

Value = str | int | dt.date | None


def readable_header(day: dt.date) -> list[str]:
    return [
        _("Kind (name)"),
        _("Sector (name)"),
        _("Province (name)"),
        _("Commune or district (name)"),
        _("Former district"),
        _("Commune from 1/7/2025"),
        _("Status on %(day)s") % {"day": f"{day:%d/%m/%Y}"},
        _("End of operation"),
    ]


def registry_rows(organisations: QuerySet[Organisation]) -> Iterator[list[Value]]:
    """One row per organisation (which must carry the `status` annotation): the package columns, then the
    readable ones."""
    kinds, sectors, statuses = dict(Kind.choices), dict(Sector.choices), dict(Status.choices)
    rows = with_revocation(organisations).values_list(*_VALUES)
    for (code, name, kind, sector, province_code, province_name, area_code, area_name, area_level, established,
         dissolved, revoked, former_district, current_commune, status) in rows.iterator(chunk_size=CHUNK):  # fmt: skip
        # A district is written by its full name: inside one province a district code may equal a commune
        # code (Hà Nội), while "Huyện X" names one unit. A revocation is left out of `dissolved`, which the
        # importer would turn into a dissolution; the readable "end of operation" column still shows it.
        area = area_name if area_level == Level.DISTRICT else area_code
        yield [
            code, name, kind, sector, province_code, area or "", established, None if revoked else dissolved,
            kinds.get(kind, kind), sectors.get(sector, sector), province_name, area_name or "",
            former_district or "", current_commune or "", statuses.get(status, status), dissolved,
        ]  # fmt: skip


def public_header() -> list[str]:
    return [_("Code"), _("Name"), _("Kind"), _("Sector"), _("Established"), _("Province"), _("Commune or district")]


def public_rows(organisations: QuerySet[Organisation]) -> Iterator[list[Value]]:
    """The public directory: PUBLIC_FIELDS only, readable."""
    kinds, sectors = dict(Kind.choices), dict(Sector.choices)
    rows = organisations.values_list("code", "name", "kind", "sector", "established", "province__name", "area__name")
    for code, name, kind, sector, established, province, area in rows.iterator(chunk_size=CHUNK):
        yield [code, name, kinds.get(kind, kind), sectors.get(sector, sector), established, province, area or ""]


# --- CSV ---------------------------------------------------------------------------------------------------


class _Echo:
    """csv.writer writes into this and gets the line back, so lines can be streamed."""

    def write(self, value: str) -> str:
        return value


def csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # Spreadsheets run a cell that starts like a formula; a leading apostrophe makes them show it as text.
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Value]], filename: str) -> StreamingHttpResponse:
    """UTF-8 with a byte-order mark, so Excel shows the Vietnamese letters."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        chunk: list[str] = []
        for row in rows:
            chunk.append(writer.writerow([csv_value(v) for v in row]))
            if len(chunk) == CHUNK:
                yield "".join(chunk)
                chunk = []
        yield "".join(chunk)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


# --- Excel -------------------------------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)
DATE_FORMAT = "dd/mm/yyyy"


def _cell(sheet: WriteOnlyWorksheet, value: Value) -> Any:
    """Most values go in as they are; dates get a Vietnamese format, and text that looks like a formula is
    stored as text (the same guard as the reports')."""
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet)
        cell.value, cell.number_format = value, DATE_FORMAT
        return cell
    if isinstance(value, str):
        clean = ILLEGAL_CHARACTERS_RE.sub("", value)
        if clean.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(sheet)
            put_text(cell, clean)
            return cell
        return clean
    return value


def _header_cell(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, text)
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
    return cell


def xlsx_response(
    header: Sequence[str], rows: Iterable[Sequence[Value]], widths: Sequence[float], filename: str
) -> FileResponse:
    """One sheet, header frozen and filterable; written to a temporary file that spills to disk when large."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.append([_header_cell(sheet, text) for text in header])
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    workbook.properties.language = "vi-VN"
    output = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 — FileResponse closes it
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX)
