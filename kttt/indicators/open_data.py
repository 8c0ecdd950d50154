"""Open data: the province's aggregated indicators and the public registry, as CSV and JSON with stable
column names (docs/open-data.md). Queries and serialisation only; the views are in open_views.py.

Indicators come from kttt.indicators.trends.yearly_figures (two queries for all the years of one scheme of
units): one row per (year, area, reported kind). Areas are the former districts up to 2024 and the new
communes from 2025, as the dashboard groups them. The registry rows hold PUBLIC_FIELDS only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kttt.annual.models import AnnualFigures
from kttt.areas.models import AdminUnit, Scheme
from kttt.indicators.figures import SUM_FIELDS, Figures
from kttt.indicators.queries import KIND_ORDER, Scope, group_field, year_end
from kttt.indicators.trends import yearly_figures
from kttt.registry.models import Kind, Sector
from kttt.registry.queries import public_directory
from kttt.text import FORMULA_STARTS

Value = str | int | float | dt.date | None
Row = dict[str, Value]

FORMATS = ("csv", "json")
FIRST_YEAR = 1990  # no register goes further back
SOURCE = "KTTT — Hệ thống thông tin kinh tế tập thể"
TYPES = {"integer": "số nguyên", "number": "số thực", "string": "chuỗi ký tự", "date": "ngày (yyyy-mm-dd)"}


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str  # Vietnamese: this is data for the reader, the same in every interface language
    unit: str
    type: str  # a key of TYPES

    def describe(self) -> dict[str, str]:
        return {"name": self.name, "description": self.meaning, "unit": self.unit, "type": self.type}

    @property
    def type_label(self) -> str:
        return TYPES[self.type]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    uses_years: bool

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


PLACE_COLUMNS = (
    Column("province_code", "Mã tỉnh/thành phố (mã Tổng cục Thống kê)", "", "string"),
    Column("province_name", "Tên tỉnh/thành phố", "", "string"),
)
INDICATOR_COLUMNS = (
    Column("year", "Năm (số liệu tại 31/12 của năm)", "năm", "integer"),
    *PLACE_COLUMNS,
    Column("area_level", "Cấp địa bàn: huyen (huyện cũ, đến 2024) hoặc xa (xã/phường, từ 2025)", "", "string"),
    Column("area_code", "Mã địa bàn (mã Tổng cục Thống kê); trống khi chưa xác định địa bàn", "", "string"),
    Column("area_name", "Tên địa bàn; trống khi chưa xác định địa bàn", "", "string"),
    Column("kind", "Loại hình: THT, HTX (gồm quỹ tín dụng nhân dân khi tính chung), QTDND, LHHTX", "", "string"),
    Column("kind_name", "Tên loại hình", "", "string"),
    Column("active", "Số tổ chức đang hoạt động tại 31/12", "tổ chức", "integer"),
    Column("new", "Số tổ chức thành lập mới trong năm", "tổ chức", "integer"),
    Column("dissolved", "Số tổ chức giải thể hoặc bị thu hồi giấy chứng nhận trong năm", "tổ chức", "integer"),
    Column("reporting", "Số tổ chức đang hoạt động có báo cáo số liệu năm", "tổ chức", "integer"),
    Column("missing", "Số tổ chức đang hoạt động chưa có báo cáo (không tính vào các tổng)", "tổ chức", "integer"),
    Column("members", "Tổng số thành viên chính thức", "người", "integer"),
    Column("associate_members", "Tổng số thành viên liên kết", "người", "integer"),
    Column("workers", "Tổng số lao động thường xuyên", "người", "integer"),
    Column("worker_members", "Tổng số lao động thường xuyên là thành viên", "người", "integer"),
    Column("charter_capital", "Tổng vốn điều lệ", "đồng", "integer"),
    Column("total_capital", "Tổng nguồn vốn", "đồng", "integer"),
    Column("revenue", "Tổng doanh thu", "đồng", "integer"),
    Column("profit", "Tổng lợi nhuận trước thuế (có thể âm)", "đồng", "integer"),
    Column("managers", "Tổng số cán bộ quản lý chủ chốt", "người", "integer"),
    Column("managers_trained", "Số cán bộ chủ chốt đã qua đào tạo", "người", "integer"),
    Column("avg_revenue", "Doanh thu bình quân một tổ chức (trên số tổ chức báo cáo doanh thu)", "đồng", "number"),
    Column("avg_profit", "Lợi nhuận bình quân một tổ chức (trên số tổ chức báo cáo lợi nhuận)", "đồng", "number"),
    Column("avg_income", "Thu nhập bình quân của lao động (gia quyền theo số lao động)", "đồng/người/năm", "number"),
)  # fmt: skip
DIRECTORY_COLUMNS = (
    Column("code", "Mã tổ chức", "", "string"),
    Column("name", "Tên tổ chức", "", "string"),
    Column("kind", "Loại hình: THT, HTX, LHHTX, QTDND", "", "string"),
    Column("kind_name", "Tên loại hình", "", "string"),
    Column("sector", "Mã lĩnh vực hoạt động", "", "string"),
    Column("sector_name", "Tên lĩnh vực hoạt động", "", "string"),
    Column("established", "Ngày thành lập", "", "date"),
    *PLACE_COLUMNS,
    Column("area_code", "Mã xã/phường (hoặc huyện với hồ sơ cũ) nơi đặt trụ sở; trống khi chưa ghi", "", "string"),
    Column("area_name", "Tên xã/phường (hoặc huyện) nơi đặt trụ sở", "", "string"),
)
DATASETS: dict[str, Dataset] = {
    "chi-tieu": Dataset(
        "chi-tieu",
        "Chỉ tiêu kinh tế tập thể theo địa bàn và năm",
        "Số tổ chức và các tổng số liệu năm theo địa bàn, loại hình và năm; chỉ có số liệu tổng hợp.",
        INDICATOR_COLUMNS,
        True,
    ),
    "danh-ba": Dataset(
        "danh-ba",
        "Danh bạ công khai tổ chức kinh tế tập thể",
        "Các tổ chức đang hoạt động hôm nay: chỉ các trường công khai, không có số liệu của từng tổ chức.",
        DIRECTORY_COLUMNS,
        False,
    ),
}


class OpenDataError(ValueError):
    """A query parameter that cannot be used; the message is for the reader."""


@dataclass(frozen=True)
class Selection:
    code: str
    units: tuple[AdminUnit, ...]  # the province's units with that code: one per scheme
    first: int
    last: int

    @property
    def years(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    def unit(self, year: int) -> AdminUnit:
        """The province as a unit of the scheme in force at the end of `year` (else its other unit)."""
        scheme = Scheme.FROM_2025 if group_field("area", year_end(year)) == "current_commune_id" else Scheme.BEFORE_2025
        return next((u for u in self.units if u.scheme == scheme), self.units[0])

    def parameters(self) -> dict[str, Value]:
        return {"province": self.code, "from": self.first, "to": self.last}


def licence() -> str:
    return str(settings.KTTT_OPEN_DATA_LICENCE)


# --- parameters --------------------------------------------------------------------------------------------


def select(query: Mapping[str, str], years: bool = True) -> Selection:
    """Read province, from and to; OpenDataError on a value that cannot be used. One query, and one for
    the years with figures when `years` are wanted and from or to is not given."""
    code = (query.get("province") or settings.KTTT_DEFAULT_PROVINCE).strip()
    units = tuple(AdminUnit.objects.provinces().filter(code=code).order_by("scheme"))
    if not units:
        raise OpenDataError(_("There is no province with code “%(code)s”.") % {"code": code})
    first, last = _year(query, "from"), _year(query, "to")
    if years and (first is None or last is None):
        data_first, data_last = _data_years(units)
        first = data_first if first is None else first
        last = max(data_last, first) if last is None else last
    this_year = dt.date.today().year
    first, last = first or last or this_year, last or first or this_year
    if first > last:
        raise OpenDataError(
            _("The first year (%(first)s) is after the last (%(last)s).") % {"first": first, "last": last}
        )
    return Selection(code, units, first, last)


def _year(query: Mapping[str, str], name: str) -> int | None:
    text = (query.get(name) or "").strip()
    if not text:
        return None
    limit = dt.date.today().year + 1
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= limit:
        message = _("“%(value)s” is not a year from %(first)s to %(last)s (parameter “%(name)s”).")
        raise OpenDataError(message % {"value": text, "first": FIRST_YEAR, "last": limit, "name": name})
    return int(text)


def _data_years(units: Iterable[AdminUnit]) -> tuple[int, int]:
    """The first and last year with yearly figures in the province; this year when there are none."""
    where = Q(organisation__former_province__in=units) | Q(organisation__current_province__in=units)
    found = AnnualFigures.objects.filter(where).aggregate(first=Min("year"), last=Max("year"))
    this_year = dt.date.today().year
    return int(found["first"] or this_year), int(found["last"] or this_year)


# --- rows --------------------------------------------------------------------------------------------------


def indicator_rows(selection: Selection) -> list[Row]:
    """One row per (year, area, reported kind): two queries per scheme of units, and one for the labels."""
    by_column: dict[str, list[int]] = {}
    for year in selection.years:
        by_column.setdefault(group_field("area", year_end(year)) or "", []).append(year)
    yearly: list[tuple[int, str, AdminUnit, dict[tuple[str, str], Figures]]] = []
    for column, years in by_column.items():
        unit = selection.unit(years[0])
        for year, by_key in yearly_figures(Scope(unit), years, column).items():
            yearly.append((year, column, unit, by_key))
    labels = _area_labels({group for *_, by_key in yearly for _kind, group in by_key})
    rows = []
    for year, column, unit, by_key in sorted(yearly, key=lambda item: item[0]):
        level = "xa" if column == "current_commune_id" else "huyen"
        for kind, group in sorted(by_key, key=lambda key: (labels.get(key[1], ("~", ""))[0], _kind_rank(key[0]))):
            code, name = labels.get(group, ("", ""))
            place: Row = {"year": year, "province_code": unit.code, "province_name": unit.name}
            place |= {"area_level": level, "area_code": code, "area_name": name, "kind": kind}
            rows.append(place | {"kind_name": _kind_name(kind)} | figures_row(by_key[(kind, group)]))
    return rows


def figures_row(figures: Figures) -> Row:
    row: Row = {name: getattr(figures, name) for name in ("active", "new", "dissolved", "reporting", "missing")}
    row |= {name: getattr(figures, name) for name in SUM_FIELDS}
    for name in ("avg_revenue", "avg_profit", "avg_income"):
        value = getattr(figures, name)
        row[name] = None if value is None else round(value, 2)
    return row


def _area_labels(groups: set[str]) -> dict[str, tuple[str, str]]:
    ids = [int(group) for group in groups if group]
    units = AdminUnit.objects.filter(pk__in=ids).values_list("pk", "code", "name") if ids else []
    return {str(pk): (code, name) for pk, code, name in units}


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(Kind(kind)) if kind in Kind.values else len(KIND_ORDER)


def _kind_name(kind: str) -> str:
    return str(Kind(kind).label) if kind in Kind.values else kind


def directory_rows(selection: Selection) -> Iterator[Row]:
    """The organisations operating today in the province, PUBLIC_FIELDS only. One query."""
    where = Q(former_province__in=selection.units) | Q(current_province__in=selection.units)
    fields = ("code", "name", "kind", "sector", "established", "province__code", "province__name")
    rows = public_directory().filter(where).order_by("code").values_list(*fields, "area__code", "area__name")
    sectors = dict(Sector.choices)
    for code, name, kind, sector, established, province_code, province_name, area_code, area_name in rows.iterator(
        chunk_size=2000
    ):
        yield {
            "code": code, "name": name, "kind": kind, "kind_name": _kind_name(kind), "sector": sector,
            "sector_name": str(sectors.get(sector, sector)), "established": established,
            "province_code": province_code, "province_name": province_name,
            "area_code": area_code or "", "area_name": area_name or "",
        }  # fmt: skip


def rows(dataset: Dataset, selection: Selection) -> Iterable[Row]:
    return indicator_rows(selection) if dataset.uses_years else directory_rows(selection)


# --- serialisation -----------------------------------------------------------------------------------------


def csv_cell(value: Value) -> str:
    """A CSV cell: text that a spreadsheet would read as a formula gets a leading apostrophe; numbers
    (negative profits included) and dates are written as they are."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def metadata(dataset: Dataset, selection: Selection) -> dict[str, Any]:
    parameters = selection.parameters() if dataset.uses_years else {"province": selection.code}
    return {
        "dataset": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "licence": licence(),
        "source": SOURCE,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "parameters": parameters,
        "columns": [column.describe() for column in dataset.columns],
    }


def json_chunks(dataset: Dataset, selection: Selection, data: Iterable[Row]) -> Iterator[str]:
    """{"dataset": …, "licence": …, "columns": […], "rows": [{…}, …]}, written a row at a time."""
    head = json.dumps(metadata(dataset, selection), ensure_ascii=False, indent=1)
    yield head[:-2] + ',\n "rows": ['
    for n, row in enumerate(data):
        yield ("\n  " if n == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False, default=_json_value)
    yield "\n ]\n}\n"


def _json_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def filename(dataset: Dataset, selection: Selection, fmt: str) -> str:
    years = f"-{selection.first}-{selection.last}" if dataset.uses_years else ""
    return f"kttt-{dataset.slug}-{selection.code}{years}.{fmt}"
