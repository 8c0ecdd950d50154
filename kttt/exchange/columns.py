"""The columns of every sheet of a data package: the stable English key the importer reads, the Vietnamese
header a template writes, and what the column holds. Templates, exports and the tolerant header matching
of the reader all use this one table, so a file KTTT writes is a file KTTT reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kttt.annual.models import FIGURES

ValueType = Literal["text", "code", "integer", "money", "date", "year", "choice"]


@dataclass(frozen=True)
class Column:
    key: str  # the data-package column name (docs/data-package.md)
    label: str  # the Vietnamese header written in templates and exports
    type: ValueType = "text"
    required: bool = False
    help: str = ""  # one line for the instructions sheet
    unit: str = ""


def _figure(name: str, label: str, unit: str) -> Column:
    money = unit.startswith("đồng")
    kind: ValueType = "money" if money else "integer"
    note = "số nguyên, không âm" if name != "profit" else "số nguyên, có thể âm (lỗ)"
    return Column(name, label, kind, help=f"Đơn vị: {unit}; {note}; để trống nếu chưa có số liệu", unit=unit)


ORGANIZATIONS = (
    Column("code", "Mã tổ chức", "code", True, "Mã duy nhất, không đổi; dòng có mã đã có sẽ cập nhật tổ chức đó"),
    Column("name", "Tên tổ chức", "text", True, "Tên đầy đủ theo giấy chứng nhận đăng ký"),
    Column("kind", "Loại hình", "choice", True, "THT, HTX, LH HTX hoặc QTDND (hoặc tên đầy đủ)"),
    Column("sector", "Lĩnh vực", "choice", True, "Chọn trong danh sách"),
    Column("province", "Tỉnh, thành phố", "text", True, "Mã hoặc tên tỉnh, thành phố"),
    Column("area", "Xã, phường (hoặc huyện)", "text", False, "Tên hoặc mã đơn vị hành chính nơi đặt trụ sở"),
    Column("established", "Ngày thành lập", "date", True, "dd/mm/yyyy"),
    Column("dissolved", "Ngày giải thể", "date", False, "dd/mm/yyyy; để trống nếu còn hoạt động"),
)
STATUSES = (
    Column("code", "Mã tổ chức", "code", True, "Mã của tổ chức (trong tệp này hoặc đã có trong KTTT)"),
    Column("date", "Ngày", "date", True, "Ngày trạng thái có hiệu lực, dd/mm/yyyy"),
    Column("status", "Trạng thái", "choice", True, "Hoạt động, Tạm ngừng hoạt động, Giải thể, Bị thu hồi …"),
    Column("note", "Ghi chú", "text", False, "Văn bản, lý do …"),
)
ANNUAL = (
    Column("code", "Mã tổ chức", "code", True, "Mã của tổ chức"),
    Column("year", "Năm", "year", True, "Năm của số liệu (số liệu tại 31/12)"),
    *(_figure(name, label, unit) for name, label, unit in FIGURES),
    Column("rating", "Xếp loại", "choice", False, "Tốt, Khá, Trung bình, Yếu"),
    Column("source", "Nguồn số liệu", "text", False, "Ví dụ: báo cáo năm của HTX"),
    Column("as_of", "Số liệu tại ngày", "date", False, "dd/mm/yyyy; để trống nghĩa là 31/12 của năm"),
)
UNION_MEMBERS = (
    Column("union_code", "Mã liên hiệp HTX", "code", True, "Mã của liên hiệp hợp tác xã"),
    Column("member_code", "Mã HTX thành viên", "code", True, "Mã của hợp tác xã thành viên"),
    Column("joined", "Ngày gia nhập", "date", True, "dd/mm/yyyy"),
    Column("left", "Ngày ra khỏi", "date", False, "dd/mm/yyyy; để trống nếu còn là thành viên"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "organizations": ORGANIZATIONS,
    "statuses": STATUSES,
    "annual": ANNUAL,
    "union_members": UNION_MEMBERS,
}
# The Vietnamese sheet names templates use; the reader accepts these or the English keys.
SHEET_LABELS: dict[str, str] = {
    "organizations": "Tổ chức",
    "statuses": "Trạng thái",
    "annual": "Số liệu năm",
    "union_members": "Thành viên liên hiệp",
}

# The sheets a template adds for people (instructions, drop-down lists): the reader passes over them silently.
GUIDE_SHEET, LISTS_SHEET = "Hướng dẫn", "Danh mục"


def column(sheet: str, key: str) -> Column:
    return next(c for c in COLUMNS[sheet] if c.key == key)
