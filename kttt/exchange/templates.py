"""Excel templates for officers to fill in, and exports of stored records in the very same layout.

Every data sheet has a title row, the Vietnamese header row (Column.label), then a row of the English keys in
small grey text (the reader matches either and skips the key row), then the data. Choice columns get a
drop-down list read from the hidden sheet "Danh mục"; the sheet "Hướng dẫn" explains every column. An export
writes values as the importer reads them (Vietnamese labels for choices, real dates, real numbers), so
exporting and importing back changes nothing. See docs/templates.md.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kttt.annual.models import AnnualFigures, Rating
from kttt.areas.gazetteer import Gazetteer, UnitNotFound, shared_gazetteer
from kttt.areas.models import AdminUnit, Level, short_name
from kttt.exchange.columns import COLUMNS, GUIDE_SHEET, LISTS_SHEET, SHEET_LABELS, Column, ValueType
from kttt.exchange.extra_layout import SHEET_NOTES, fund_names
from kttt.exchange.extra_sheets import SHEETS as EXTRA_SHEETS
from kttt.registry.models import Kind, Organisation, Sector, Status, StatusChange, UnionMembership
from kttt.registry.queries import with_revocation
from kttt.reports.xlsx import put_text

Value = str | int | Decimal | dt.date | None
Row = Mapping[str, Value]

TITLE_ROW, HEADER_ROW, KEY_ROW, FIRST_DATA_ROW = 1, 2, 3, 4
LAST_ROW = 1_048_576
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_ORDER = ("organizations", "statuses", "annual", "union_members", *EXTRA_SHEETS)

# The yearly forms, modelled on forms VII-1 (THT), VII-2 (HTX) and VII-3 (union) of Circular 09/2024:
# (the organisations named in the title, the annual columns kept, the kinds an export of the form covers).
UNION_LEFT_OUT = {"associate_members", "worker_members", "max_member_capital", "foreign_capital"}
ANNUAL_FORMS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "tht": (
        "TỔ HỢP TÁC",
        ("code", "year", "members", "workers", "worker_members", "revenue", "profit", "avg_income", "source", "as_of"),
        (Kind.THT,),
    ),
    "htx": ("HỢP TÁC XÃ", tuple(c.key for c in COLUMNS["annual"]), (Kind.HTX, Kind.QTDND)),
    "union": (
        "LIÊN HIỆP HỢP TÁC XÃ",
        tuple(c.key for c in COLUMNS["annual"] if c.key not in UNION_LEFT_OUT),
        (Kind.LHHTX,),
    ),
}
SHEET_TITLES = {
    "organizations": "DANH SÁCH TỔ CHỨC KINH TẾ TẬP THỂ",
    "statuses": "THAY ĐỔI TRẠNG THÁI HOẠT ĐỘNG",
    "union_members": "THÀNH VIÊN CỦA LIÊN HIỆP HỢP TÁC XÃ",
    "assessments": "KẾT QUẢ XẾP LOẠI NĂM {year}",
    "officer_training": "CÁN BỘ QUẢN LÝ CHỦ CHỐT ĐÃ QUA ĐÀO TẠO NĂM {year}",
    "loans": "KHOẢN VAY QUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ",
    "disbursements": "GIẢI NGÂN KHOẢN VAY QUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ",
    "repayments": "TRẢ NỢ KHOẢN VAY QUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ",
}


@dataclass(frozen=True)
class Template:
    name: str  # the Vietnamese file name, without year and province
    sheets: tuple[str, ...]
    form: str = "htx"  # the yearly form of the annual sheet


TEMPLATES: dict[str, Template] = {
    "organizations": Template("Mẫu nhập tổ chức", ("organizations",)),
    "annual-tht": Template("Mẫu nhập số liệu tổ hợp tác", ("annual",), "tht"),
    "annual-htx": Template("Mẫu nhập số liệu hợp tác xã", ("annual",), "htx"),
    "annual-union": Template("Mẫu nhập số liệu liên hiệp hợp tác xã", ("annual",), "union"),
    "statuses": Template("Mẫu nhập trạng thái", ("statuses",)),
    "union-members": Template("Mẫu nhập thành viên liên hiệp", ("union_members",)),
    "assessments": Template("Mẫu nhập kết quả xếp loại", ("assessments",)),
    "officer-training": Template("Mẫu nhập đào tạo cán bộ chủ chốt", ("officer_training",)),
    "loans": Template("Mẫu nhập khoản vay Quỹ hỗ trợ phát triển HTX", ("loans", "disbursements", "repayments")),
    "all": Template("Mẫu nhập gói dữ liệu", SHEET_ORDER),
}
# The drop-down lists: the Vietnamese labels of each choice column.
CHOICES: dict[str, list[tuple[str, str]]] = {
    "kind": Kind.choices,
    "sector": Sector.choices,
    "status": Status.choices,
    "rating": Rating.choices,
}
NUMBER_FORMATS: dict[ValueType, str] = {
    "text": "@",
    "code": "@",
    "choice": "@",
    "integer": "#,##0",
    "money": "#,##0",
    "decimal": "0.00",
    "date": "dd/mm/yyyy",
    "year": "0",
}
WIDTHS: dict[ValueType, float] = {
    "text": 30,
    "code": 16,
    "choice": 24,
    "integer": 14,
    "money": 18,
    "decimal": 10,
    "date": 13,
    "year": 8,
}
WIDE = {"name": 44, "area": 34, "note": 40, "purpose": 44, "fund": 36, "borrower_member_name": 30}

TITLE_FONT = Font(bold=True, size=13)
HEADER_FONT = Font(bold=True)
KEY_FONT = Font(size=8, color="808080")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="center")


class UnknownTemplate(ValueError):
    """Asked for a template that does not exist (message in Vietnamese)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"Không có mẫu “{kind}”. Các mẫu có: {', '.join(TEMPLATES)}.")


@dataclass
class Layout:
    """What a workbook is about: the year and province of its titles and of the list of areas."""

    year: int
    province: AdminUnit | None = None
    form: str = "htx"
    prefix: str = "MẪU NHẬP "  # templates are "MẪU NHẬP …"; exports have no prefix
    areas: list[str] = field(default_factory=list)
    funds: list[str] = field(default_factory=list)

    def title(self, sheet: str) -> str:
        text = (
            SHEET_TITLES.get(sheet, "").format(year=self.year)
            or f"SỐ LIỆU {ANNUAL_FORMS[self.form][0]} NĂM {self.year}"
        )
        place = f" – {self.province.name.upper()}" if self.province else ""
        return f"{self.prefix}{text}{place}"


def sheet_columns(sheet: str, form: str = "htx") -> tuple[Column, ...]:
    """The columns of a sheet; the annual sheet keeps those of the yearly form."""
    if sheet != "annual":
        return COLUMNS[sheet]
    keys = ANNUAL_FORMS[form][1]
    return tuple(c for c in COLUMNS["annual"] if c.key in keys)


# --- areas -----------------------------------------------------------------------------------------------


def area_label(unit: AdminUnit) -> str:
    """How the drop-down names a unit: "Huyện Hữu Lũng", "Xã Tân Thành, Hữu Lũng" (an old commune with its
    district, since commune names repeat), "Phường Tam Thanh" (a commune from 1/7/2025)."""
    parent = unit.parent
    if unit.level == Level.COMMUNE and parent is not None and parent.level == Level.DISTRICT:
        return f"{unit.name}, {short_name(parent.name, parent.division_type)}"
    return unit.name


def area_units(province: AdminUnit, day: dt.date) -> list[AdminUnit]:
    """The districts (before 1/7/2025) and communes of the province in force on `day`: districts first."""
    units = AdminUnit.objects.in_force(day).filter(province=province, level__in=[Level.DISTRICT, Level.COMMUNE])
    found = list(units.exclude(pk=province.pk).select_related("parent"))
    return sorted(found, key=lambda u: (u.level != Level.DISTRICT, u.parent.name if u.parent else "", u.name))


def area_text(gazetteer: Gazetteer, area: AdminUnit, province: AdminUnit, day: dt.date) -> str:
    """The area as an export writes it: the drop-down's label when the importer reads it back as this very
    unit on `day` (the establishment date), else the district's full name or the commune's code."""
    for text in (area_label(area), area.name if area.level == Level.DISTRICT else area.code):
        try:
            if gazetteer.area(text, province, day).pk == area.pk:
                return text
        except UnitNotFound:
            continue
    return area.code


# --- workbook --------------------------------------------------------------------------------------------


def template_workbook(kind: str, year: int, province: AdminUnit | None) -> bytes:
    """An empty template of `kind` (a key of TEMPLATES) for the year and province."""
    if kind not in TEMPLATES:
        raise UnknownTemplate(kind)
    template = TEMPLATES[kind]
    layout = Layout(year, province, template.form)
    return build_workbook(layout, {sheet: () for sheet in template.sheets})


def export_workbook(
    sheet_rows: Mapping[str, Iterable[Row]], *, year: int, province: AdminUnit | None = None, form: str = "htx"
) -> bytes:
    """Stored records (from the *_rows functions below, keyed by sheet) in the template's layout."""
    return build_workbook(Layout(year, province, form, prefix=""), sheet_rows)


def build_workbook(layout: Layout, sheet_rows: Mapping[str, Iterable[Row]]) -> bytes:
    if layout.province is not None:
        layout.areas = [area_label(u) for u in area_units(layout.province, dt.date(layout.year, 12, 31))]
    workbook = Workbook()
    default = workbook.active
    assert isinstance(default, Worksheet)
    workbook.remove(default)
    sheets = [s for s in SHEET_ORDER if s in sheet_rows]
    layout.funds = fund_names() if "loans" in sheets else []
    lists = write_lists(workbook.create_sheet(LISTS_SHEET), layout.areas, layout.funds)
    for sheet in sheets:
        worksheet = workbook.create_sheet(SHEET_LABELS[sheet], len(workbook.worksheets) - 1)
        columns = sheet_columns(sheet, layout.form)
        write_sheet(worksheet, columns, layout.title(sheet), sheet_rows[sheet])
        add_validations(worksheet, columns, lists)
    write_guide(workbook.create_sheet(GUIDE_SHEET, len(sheets)), sheets, layout)
    workbook.active = 0
    workbook.properties.language = "vi-VN"
    workbook.properties.title = layout.title(sheets[0]) if len(sheets) == 1 else f"{layout.prefix}GÓI DỮ LIỆU"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sheet(ws: Worksheet, columns: tuple[Column, ...], title: str, rows: Iterable[Row]) -> None:
    last = get_column_letter(len(columns))
    ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.cell(TITLE_ROW, 1, title).font = TITLE_FONT
    ws.cell(TITLE_ROW, 1).alignment = CENTRE
    ws.row_dimensions[TITLE_ROW].height = 24
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        header = ws.cell(HEADER_ROW, number, column.label)
        header.font, header.fill, header.alignment = HEADER_FONT, HEADER_FILL, WRAP
        ws.cell(KEY_ROW, number, column.key).font = KEY_FONT
        ws.column_dimensions[letter].width = WIDE.get(column.key, WIDTHS[column.type])
        ws.column_dimensions[letter].number_format = NUMBER_FORMATS[column.type]
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    count = 0
    for count, row in enumerate(rows, start=1):
        for number, column in enumerate(columns, start=1):
            cell = ws.cell(FIRST_DATA_ROW + count - 1, number)
            assert isinstance(cell, Cell)  # data rows hold no merged cells
            put_value(cell, row.get(column.key), column)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(KEY_ROW, FIRST_DATA_ROW + count - 1)}"


def put_value(cell: Cell, value: Value, column: Column) -> None:
    """Text stays text (never a formula); dates and numbers go in as themselves, with the column's format."""
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
    cell.number_format = NUMBER_FORMATS[column.type]


def write_lists(ws: Worksheet, areas: list[str], funds: list[str]) -> dict[str, str]:
    """The hidden sheet of drop-down values, one column per list; returns the range formula of each list."""
    lists: dict[str, list[str]] = {key: [label for _, label in choices] for key, choices in CHOICES.items()}
    if areas:
        lists["area"] = areas
    if funds:
        lists["fund"] = funds
    ranges = {}
    for number, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(number)
        ws.cell(1, number, key).font = HEADER_FONT
        for row, value in enumerate(values, start=2):
            ws.cell(row, number, value)
        ws.column_dimensions[letter].width = 40
        ranges[key] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def add_validations(ws: Worksheet, columns: tuple[Column, ...], lists: dict[str, str]) -> None:
    for number, column in enumerate(columns, start=1):
        if column.key not in lists:
            continue
        # An area may also be typed as a unit code, so a value outside the list only warns.
        strict = column.key != "area"
        validation = DataValidation(
            type="list",
            formula1=lists[column.key],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle=column.label,
            error="Hãy chọn một giá trị trong danh sách." if strict else "Không có trong danh sách; kiểm tra lại.",
        )
        letter = get_column_letter(number)
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_ROW}")
        ws.add_data_validation(validation)


GUIDE_NOTES = (
    "Mỗi trang dữ liệu có dòng tiêu đề tiếng Việt và ngay dưới là dòng mã cột tiếng Anh (chữ nhỏ, màu xám): "
    "không sửa, không xóa hai dòng này; nhập dữ liệu từ dòng thứ 4.",
    "Ô để trống nghĩa là chưa có số liệu (không phải số 0). Dòng để trống hoàn toàn được bỏ qua.",
    "Số: nhập 1810 hoặc 1.810 (dấu chấm ngăn cách hàng nghìn); số tiền tính bằng đồng, "
    "ví dụ 274.000.000.000; số nguyên, không nhập số thập phân (trừ lãi suất: 4,8).",
    "Ngày: ô ngày của Excel, hoặc dd/mm/yyyy (31/12/2024), hoặc yyyy-mm-dd (2024-12-31).",
    "Loại hình, lĩnh vực, trạng thái, xếp loại: chọn trong danh sách thả xuống (cũng nhận mã hoặc tên không dấu).",
    "Một dòng có mã tổ chức đã có sẽ cập nhật tổ chức đó; nhập lại cùng một tệp không thay đổi gì.",
    "Tệp có lỗi thì không ghi gì vào hệ thống: sửa các dòng được báo lỗi rồi nhập lại.",
)


def accepted(column: Column, layout: Layout) -> str:
    """The help of a column, with the accepted values of a list."""
    if column.key in CHOICES:
        values = ", ".join(f"{label} ({code})" for code, label in CHOICES[column.key])
        return f"{column.help}. Giá trị: {values}"
    if column.key == "area" and layout.areas:
        return f"{column.help}; danh sách thả xuống: các đơn vị còn hiệu lực ngày 31/12/{layout.year}"
    if column.key == "fund" and layout.funds:
        return f"{column.help}. Giá trị: {', '.join(layout.funds)}"
    return column.help


def write_guide(ws: Worksheet, sheets: list[str], layout: Layout) -> None:
    ws.cell(
        1, 1, f"HƯỚNG DẪN NHẬP LIỆU – {layout.prefix}{', '.join(SHEET_LABELS[s] for s in sheets)}"
    ).font = TITLE_FONT
    row = 3
    for note in GUIDE_NOTES:
        ws.cell(row, 1, f"• {note}").alignment = Alignment(wrap_text=False)
        row += 1
    for sheet in sheets:
        row += 1
        ws.cell(row, 1, f"Trang “{SHEET_LABELS[sheet]}”").font = HEADER_FONT
        for note in SHEET_NOTES.get(sheet, ()):
            row += 1
            ws.cell(row, 1, f"• {note}")
        row += 1
        for number, head in enumerate(("Cột", "Mã cột", "Bắt buộc", "Đơn vị", "Ý nghĩa, giá trị hợp lệ"), start=1):
            cell = ws.cell(row, number, head)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        for column in sheet_columns(sheet, layout.form):
            row += 1
            values = (column.label, column.key, "Có" if column.required else "Không", column.unit)
            for number, value in enumerate((*values, accepted(column, layout)), start=1):
                ws.cell(row, number, value).alignment = WRAP
    for letter, width in zip("ABCDE", (34, 18, 10, 16, 90), strict=True):
        ws.column_dimensions[letter].width = width


# --- rows of stored records ------------------------------------------------------------------------------


def organisation_rows(organisations: QuerySet[Organisation]) -> Iterator[dict[str, Value]]:
    """The organizations sheet. A revocation is left out of `dissolved` (the importer would read a
    dissolution); the statuses sheet carries it."""
    gazetteer = shared_gazetteer()
    kinds, sectors = dict(Kind.choices), dict(Sector.choices)
    for org in with_revocation(organisations).order_by("code").iterator(chunk_size=2000):
        province = gazetteer.units[org.province_id]
        area = gazetteer.units[org.area_id] if org.area_id else None
        yield {
            "code": org.code,
            "name": org.name,
            "kind": kinds.get(org.kind, org.kind),
            "sector": sectors.get(org.sector, org.sector),
            "province": province.code,
            "area": area_text(gazetteer, area, province, org.established) if area else None,
            "established": org.established,
            "dissolved": None if org.revoked else org.dissolved,  # type: ignore[attr-defined]
        }


def annual_rows(figures: QuerySet[AnnualFigures]) -> Iterator[dict[str, Value]]:
    ratings = dict(Rating.choices)
    numbers = [c.key for c in COLUMNS["annual"] if c.type in ("integer", "money")]
    rows = figures.select_related("organisation").order_by("organisation__code", "year")
    for row in rows.iterator(chunk_size=2000):
        values: dict[str, Value] = {name: getattr(row, name) for name in numbers}
        yield values | {
            "code": row.organisation.code,
            "year": row.year,
            "rating": ratings.get(row.rating) if row.rating else None,
            "source": row.source or None,
            "as_of": row.as_of,
        }


def status_rows(changes: QuerySet[StatusChange]) -> Iterator[dict[str, Value]]:
    statuses = dict(Status.choices)
    for change in changes.select_related("organisation").order_by("organisation__code", "date", "id"):
        yield {
            "code": change.organisation.code,
            "date": change.date,
            "status": statuses.get(change.status, change.status),
            "note": change.note or None,
        }


def link_rows(links: QuerySet[UnionMembership]) -> Iterator[dict[str, Value]]:
    rows = links.select_related("union", "member").order_by("union__code", "joined", "member__code")
    for link in rows:
        yield {"union_code": link.union.code, "member_code": link.member.code, "joined": link.joined, "left": link.left}


def file_name(stem: str, year: int, province: AdminUnit | None) -> str:
    place = f" – {short_name(province.name, province.division_type)}" if province else ""
    return f"{stem} {year}{place}.xlsx"
