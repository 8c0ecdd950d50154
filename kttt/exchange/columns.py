"""The columns of every sheet of a data package: the stable English key the importer reads, the Vietnamese
header a template writes, and what the column holds. Templates, exports and the tolerant header matching
of the reader all use this one table, so a file KTTT writes is a file KTTT reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kttt.annual.models import FIGURES

ValueType = Literal["text", "code", "integer", "money", "decimal", "date", "year", "choice"]


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
# Ratings, key-officer training and Support-Fund loans (docs/data-package.md, "Further sheets").
ASSESSMENTS = (
    Column("code", "Mã tổ chức", "code", True, "Mã của tổ chức (trong tệp này hoặc đã có trong KTTT)"),
    Column("year", "Năm", "year", True, "Năm được xếp loại"),
    Column("rating", "Xếp loại", "choice", True, "Tốt, Khá, Trung bình, Yếu (cũng nhận giỏi, xuất sắc, kém)"),
    Column(
        "reported_wording",
        "Xếp loại theo báo cáo (cách ghi gốc)",
        "text",
        False,
        "Cách ghi trong báo cáo, ví dụ “Loại giỏi”; để trống thì lấy theo cột Xếp loại",
    ),
)
OFFICER_TRAINING = (
    Column("code", "Mã tổ chức", "code", True, "Mã của HTX, liên hiệp HTX hoặc quỹ tín dụng nhân dân"),
    Column("year", "Năm", "year", True, "Năm của số liệu (tại 31/12)"),
    Column("officers", "Số cán bộ quản lý chủ chốt", "integer", True, "Số nguyên, không âm", "người"),
    Column("trained_basic", "Đã qua đào tạo sơ cấp, trung cấp", "integer", True, "Số cán bộ chủ chốt", "người"),
    Column("trained_higher", "Đã qua đào tạo cao đẳng, đại học", "integer", True, "Số cán bộ chủ chốt", "người"),
    Column("source", "Nguồn số liệu", "text", False, "Để trống thì giữ nguồn đã ghi"),
)
LOANS = (
    Column(
        "code", "Số hồ sơ vay", "code", True, "Mã duy nhất của khoản vay; dòng có số đã có sẽ cập nhật khoản vay đó"
    ),
    Column("fund", "Quỹ cho vay", "choice", True, "Tên quỹ hỗ trợ phát triển HTX (đã có trong KTTT)"),
    Column(
        "borrower",
        "Mã tổ chức vay",
        "code",
        False,
        "HTX, liên hiệp HTX hoặc QTDND vay; để trống nếu người vay là thành viên",
    ),
    Column("borrower_member_name", "Họ tên thành viên vay", "text", False, "Khi người vay là thành viên của THT/HTX"),
    Column("member_of", "Mã THT/HTX của thành viên", "code", False, "Tổ chức mà thành viên vay thuộc về"),
    Column("purpose", "Dự án, phương án vay vốn", "text", True, "Nội dung dự án, phương án"),
    Column("project_cost", "Tổng vốn dự án", "money", True, "Số nguyên, lớn hơn 0", "đồng"),
    Column("own_funds", "Vốn tự có", "money", True, "Số nguyên, không âm", "đồng"),
    Column("amount_requested", "Số tiền đề nghị vay", "money", True, "Số nguyên, lớn hơn 0", "đồng"),
    Column("applied_on", "Ngày nộp hồ sơ", "date", True, "dd/mm/yyyy"),
    Column("term_months", "Thời hạn vay", "integer", True, "Số tháng, lớn hơn 0", "tháng"),
    Column("interest_rate", "Lãi suất", "decimal", True, "Ví dụ 4,8 (tối đa hai chữ số thập phân)", "%/năm"),
    Column("approved_on", "Ngày phê duyệt", "date", False, "dd/mm/yyyy; để trống nếu chưa phê duyệt"),
    Column("amount_approved", "Số tiền được duyệt", "money", False, "Cùng với ngày phê duyệt", "đồng"),
    Column("first_due", "Kỳ trả nợ đầu tiên", "date", False, "dd/mm/yyyy; để trống là 3 tháng sau ngày phê duyệt"),
)
DISBURSEMENTS = (
    Column("loan", "Số hồ sơ vay", "code", True, "Số hồ sơ của khoản vay (trong tệp này hoặc đã có trong KTTT)"),
    Column("date", "Ngày giải ngân", "date", True, "dd/mm/yyyy; mỗi khoản vay một dòng cho mỗi ngày"),
    Column("amount", "Số tiền giải ngân", "money", True, "Số nguyên, lớn hơn 0", "đồng"),
)
REPAYMENTS = (
    Column("loan", "Số hồ sơ vay", "code", True, "Số hồ sơ của khoản vay (trong tệp này hoặc đã có trong KTTT)"),
    Column("date", "Ngày trả nợ", "date", True, "dd/mm/yyyy; mỗi khoản vay một dòng cho mỗi ngày"),
    Column("principal", "Gốc đã trả", "money", False, "Để trống là 0", "đồng"),
    Column("interest", "Lãi đã trả", "money", False, "Để trống là 0", "đồng"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "organizations": ORGANIZATIONS,
    "statuses": STATUSES,
    "annual": ANNUAL,
    "union_members": UNION_MEMBERS,
    "assessments": ASSESSMENTS,
    "officer_training": OFFICER_TRAINING,
    "loans": LOANS,
    "disbursements": DISBURSEMENTS,
    "repayments": REPAYMENTS,
}
# The Vietnamese sheet names templates use; the reader accepts these or the English keys.
SHEET_LABELS: dict[str, str] = {
    "organizations": "Tổ chức",
    "statuses": "Trạng thái",
    "annual": "Số liệu năm",
    "union_members": "Thành viên liên hiệp",
    "assessments": "Xếp loại",
    "officer_training": "Đào tạo cán bộ",
    "loans": "Khoản vay Quỹ HTX",
    "disbursements": "Giải ngân",
    "repayments": "Trả nợ",
}

# The sheets a template adds for people (instructions, drop-down lists): the reader passes over them silently.
GUIDE_SHEET, LISTS_SHEET = "Hướng dẫn", "Danh mục"


def column(sheet: str, key: str) -> Column:
    return next(c for c in COLUMNS[sheet] if c.key == key)


def column_label(sheet: str, key: str) -> str:
    """The Vietnamese header of a column, or "" for a sheet or key the table does not know."""
    return next((c.label for c in COLUMNS.get(sheet, ()) if c.key == key), "")
